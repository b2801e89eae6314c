import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfigAt } from "../../src/app/config.ts";
import { embeddedDefaults } from "../../src/config/defaults.ts";
import { generatedFiles } from "../../src/config/generate.ts";
import { checkLayer } from "../../src/config/rules.ts";
import { sha256Hex, writeTrustStore } from "../../src/config/trust.ts";
import { git } from "../support/git.ts";

function world() {
  const base = mkdtempSync(join(tmpdir(), "ccgate-config-"));
  const home = join(base, "home");
  const repo = join(base, "repo");
  mkdirSync(home);
  mkdirSync(repo);
  git(repo, "init", "-q", "-b", "main");
  writeFileSync(join(repo, "README.md"), "x\n");
  git(repo, "add", ".");
  git(repo, "commit", "-q", "-m", "init");
  const env = { HOME: home, PATH: process.env.PATH, XDG_STATE_HOME: join(base, "state") };
  const write = (path: string, text: string) => {
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, text);
  };
  return { base, home, repo, env, write };
}

describe("layers", () => {
  test("defaults alone: every list non-empty, anthropic provider, paths under the state dir", () => {
    const w = world();
    const r = loadConfigAt("claude", { cwd: w.repo, env: w.env });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.provider).toMatchObject({ name: "anthropic", model: "claude-haiku-4-5" });
    for (const list of [r.config.allow, r.config.deny, r.config.environment]) expect(list.length).toBeGreaterThan(0);
    expect(r.config.log_path).toBe(join(w.base, "state", "ccgate", "claude", "ccgate.log"));
    expect(r.config.metrics_path).toBe(join(w.base, "state", "ccgate", "claude", "metrics.jsonl"));
    expect(r.layers.map((l) => `${l.layer}:${l.status}`)).toEqual(["defaults:loaded", "global:absent", "local:absent"]);
  });

  test("the defaults of both targets pass validation", () => {
    expect(checkLayer("claude", embeddedDefaults("claude"))).toEqual([]);
    expect(checkLayer("codex", embeddedDefaults("codex"))).toEqual([]);
  });

  test("merge: lists replace (even []), append_* add, scalars overwrite, provider is replaced whole", () => {
    const w = world();
    w.write(
      join(w.home, ".claude", "ccgate.jsonnet"),
      `{
      provider: { name: 'openai', model: 'gpt-5.6-luna', timeout_ms: 5000 },
      allow: ['only this'],
      append_deny: ['global extra deny'],
      environment: [],
      fallthrough_strategy: 'allow',
      log_max_size: 5 * 1024 * 1024,
    }`,
    );
    w.write(
      join(w.repo, ".claude", "ccgate.local.jsonnet"),
      `{ append_allow: ['local extra'], provider: { name: 'anthropic', model: 'claude-sonnet-4-6' } }`,
    );
    // Untrusted, the project file's provider is withheld (its rules still apply); trusted, it replaces.
    const before = loadConfigAt("claude", { cwd: w.repo, env: w.env, layerCache: null });
    if (!before.ok) throw new Error(before.error.message);
    expect(before.config.provider.name).toBe("openai");
    expect(before.config.allow).toEqual(["only this", "local extra"]);
    const local = join(w.repo, ".claude", "ccgate.local.jsonnet");
    writeTrustStore("claude", w.env, {
      [local]: { sha256: sha256Hex(readFileSync(local)), imports: [], trusted_at: "" },
    });
    const r = loadConfigAt("claude", { cwd: w.repo, env: w.env });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.config.allow).toEqual(["only this", "local extra"]);
    expect(r.config.deny.at(-1)).toBe("global extra deny");
    expect(r.config.deny.length).toBe(embeddedDefaults("claude").deny!.length + 1);
    expect(r.config.environment).toEqual([]);
    expect(r.config.fallthrough_strategy).toBe("allow");
    expect(r.config.provider).toEqual({ name: "anthropic", model: "claude-sonnet-4-6", timeout_ms: 20_000 });
    expect(r.provenance.provider).toBe("local");
    expect(r.provenance.fallthrough_strategy).toBe("global");
    expect(r.provenance.allow).toBe("global + local (append 1)");
  });

  test("a config written as in the reference's docs loads unchanged", () => {
    const w = world();
    w.write(
      join(w.home, ".claude", "ccgate.jsonnet"),
      `// My settings
{
  ['$schema']: 'https://raw.githubusercontent.com/tak848/ccgate/main/schemas/claude.schema.json',
  provider: {
    name: 'anthropic',
    model: 'claude-haiku-4-5',
    timeout_ms: 20000,
    auth: { type: 'exec', command: 'echo key', cache_key: std.native('env')('HOSTNAME') },
  },
  log_disabled: false,
  metrics_max_size: 2 * 1024 * 1024,
  append_environment: [ 'Working dir: ' + std.native('env')('PWD') ],
}`,
    );
    const r = loadConfigAt("claude", { cwd: w.repo, env: { ...w.env, PWD: "/x/y", HOSTNAME: "box" } });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.config.provider.auth).toEqual({ type: "exec", command: "echo key", cache_key: "box" });
    expect(r.config.environment.at(-1)).toBe("Working dir: /x/y");
  });

  test("imports resolve relative to the importing file; must_env names the missing variable", () => {
    const w = world();
    w.write(join(w.home, ".claude", "shared.libsonnet"), "{ rules: ['from the shared file'] }");
    w.write(
      join(w.home, ".claude", "ccgate.jsonnet"),
      "local s = import 'shared.libsonnet'; { append_allow: s.rules }",
    );
    const r = loadConfigAt("claude", { cwd: w.repo, env: w.env });
    expect(r.ok && r.config.allow.at(-1)).toBe("from the shared file");
    w.write(
      join(w.home, ".claude", "ccgate.jsonnet"),
      "{ append_allow: [std.native('must_env')('CCGATE_TEST_UNSET_VAR')] }",
    );
    const bad = loadConfigAt("claude", { cwd: w.repo, env: w.env });
    expect(!bad.ok && bad.error.message).toContain('must_env: undefined env var "CCGATE_TEST_UNSET_VAR"');
  });
});

describe("project files count only when git says they are untracked", () => {
  test("untracked: loaded; tracked: skipped; outside a repo or without git: skipped with a reason", () => {
    const w = world();
    const local = join(w.repo, ".claude", "ccgate.local.jsonnet");
    w.write(local, "{ append_allow: ['project rule'] }");
    let r = loadConfigAt("claude", { cwd: join(w.repo), env: w.env });
    expect(r.ok && r.config.allow.at(-1)).toBe("project rule");
    // From a subdirectory too (the repository root is where the file lives).
    mkdirSync(join(w.repo, "src", "deep"), { recursive: true });
    r = loadConfigAt("claude", { cwd: join(w.repo, "src", "deep"), env: w.env });
    expect(r.ok && r.config.allow.at(-1)).toBe("project rule");
    expect(r.layers.find((l) => l.layer === "main-worktree")).toBeUndefined();

    git(w.repo, "add", "-f", ".claude/ccgate.local.jsonnet");
    r = loadConfigAt("claude", { cwd: w.repo, env: w.env });
    expect(r.ok && r.config.allow.at(-1)).not.toBe("project rule");
    expect(r.layers.find((l) => l.layer === "local")?.status).toBe("skipped-tracked");

    const plain = join(w.base, "not-a-repo");
    w.write(join(plain, ".claude", "ccgate.local.jsonnet"), "{ append_allow: ['nope'] }");
    r = loadConfigAt("claude", { cwd: plain, env: w.env });
    expect(r.layers.find((l) => l.layer === "local")?.status).toBe("skipped-unknown");
    expect(r.ok && r.config.allow.includes("nope")).toBe(false);
  });

  test("git missing from PATH: project files are skipped, the global file still loads", () => {
    const w = world();
    w.write(join(w.repo, ".claude", "ccgate.local.jsonnet"), "{ append_allow: ['project rule'] }");
    w.write(join(w.home, ".claude", "ccgate.jsonnet"), "{ append_allow: ['global rule'] }");
    const bin = join(w.base, "bin-without-git");
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, "bun"));
    const saved = process.env.PATH;
    process.env.PATH = bin;
    try {
      const r = loadConfigAt("claude", { cwd: w.repo, env: { ...w.env, PATH: bin } });
      expect(r.ok && r.config.allow.at(-1)).toBe("global rule");
      expect(r.layers.find((l) => l.layer === "local")?.status).toBe("skipped-unknown");
    } finally {
      process.env.PATH = saved;
    }
  });

  test("linked worktree: the main worktree's local file loads first, then the worktree's own", () => {
    const w = world();
    w.write(join(w.repo, ".claude", "ccgate.local.jsonnet"), "{ append_allow: ['from main'] }");
    const wt = join(w.base, "wt");
    git(w.repo, "worktree", "add", "-q", "-b", "feature/wt", wt);
    w.write(join(wt, ".claude", "ccgate.local.jsonnet"), "{ append_allow: ['from worktree'] }");
    let r = loadConfigAt("claude", { cwd: wt, env: w.env });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.config.allow.slice(-2)).toEqual(["from main", "from worktree"]);
    expect(r.layers.map((l) => `${l.layer}:${l.status}`)).toEqual([
      "defaults:loaded",
      "global:absent",
      "main-worktree:loaded",
      "local:loaded",
    ]);

    // The switch is honoured from the global file...
    w.write(join(w.home, ".claude", "ccgate.jsonnet"), "{ disable_load_main_worktree_local_config: true }");
    r = loadConfigAt("claude", { cwd: wt, env: w.env });
    expect(r.ok && r.config.allow.at(-1)).toBe("from worktree");
    expect(r.ok && r.config.allow.includes("from main")).toBe(false);
    // ...but a project file cannot switch it.
    w.write(join(w.home, ".claude", "ccgate.jsonnet"), "{}");
    w.write(
      join(wt, ".claude", "ccgate.local.jsonnet"),
      "{ disable_load_main_worktree_local_config: true, append_allow: ['wt'] }",
    );
    r = loadConfigAt("claude", { cwd: wt, env: w.env });
    expect(r.ok && r.config.allow.includes("from main")).toBe(true);
  });

  test("a project file can add hard-deny patterns but not switch the fast path off or replace patterns", () => {
    const w = world();
    w.write(join(w.home, ".claude", "ccgate.jsonnet"), "{ fast_path: { hard_deny: [{ pattern: 'global-pattern' }] } }");
    w.write(
      join(w.repo, ".claude", "ccgate.local.jsonnet"),
      "{ fast_path: { enabled: false, hard_deny: [{ pattern: 'project-pattern' }], protected_branches: [] } }",
    );
    const r = loadConfigAt("claude", { cwd: w.repo, env: w.env });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.config.fast_path.enabled).toBe(true);
    expect(r.config.fast_path.hard_deny.map((h) => h.pattern)).toEqual(["global-pattern", "project-pattern"]);
  });

  test("fast_path.self_protect is on by default, off only from the global file, never from a project", () => {
    const w = world();
    let r = loadConfigAt("claude", { cwd: w.repo, env: w.env });
    expect(r.ok && r.config.fast_path.self_protect).toBe(true);
    w.write(join(w.repo, ".claude", "ccgate.local.jsonnet"), "{ fast_path: { self_protect: false } }");
    r = loadConfigAt("claude", { cwd: w.repo, env: w.env });
    expect(r.ok && r.config.fast_path.self_protect).toBe(true);
    w.write(join(w.home, ".claude", "ccgate.jsonnet"), "{ fast_path: { self_protect: false } }");
    w.write(join(w.repo, ".claude", "ccgate.local.jsonnet"), "{ fast_path: { self_protect: true } }");
    r = loadConfigAt("claude", { cwd: w.repo, env: w.env });
    expect(r.ok && r.config.fast_path.self_protect).toBe(false);
    expect(r.ok && r.provenance["fast_path.self_protect"]).toBe("global");
  });
});

describe("validation messages name the file, the field, what was expected and what was found", () => {
  const cases: Array<[string, string[]]> = [
    [
      "{ fallthrough_strategy: 'block' }",
      ['fallthrough_strategy: expected one of "ask", "allow", "deny", found the string "block"'],
    ],
    ["{ alow: [] }", ['alow: unknown field; did you mean "allow"?']],
    [
      "{ provider: { name: 'anthropic', modle: 'x' } }",
      ["provider.model: expected string, found nothing", 'provider.modle: unknown field; did you mean "model"?'],
    ],
    [
      "{ provider: { name: 'anthropic', model: 'm', timeout_ms: -1 } }",
      ["provider.timeout_ms: expected at least 0, found number -1"],
    ],
    [
      "{ provider: { name: 'anthropic', model: 'm', auth: { type: 'exec' } } }",
      ["provider.auth.command: expected string, found nothing"],
    ],
    [
      "{ provider: { name: 'anthropic', model: 'm', auth: { type: 'vault' } } }",
      ['provider.auth.type: expected one of "exec", "file", "profile", found the string "vault"'],
    ],
    [
      "{ provider: { name: 'openai', model: 'm', auth: { type: 'profile' } } }",
      ['provider.auth.type: "profile" works only with provider.name "anthropic"'],
    ],
    [
      "{ provider: { name: 'anthropic', model: 'm', auth: { type: 'file', path: '~' } } }",
      ['provider.auth.path: expected a file path, found "~"'],
    ],
    [
      "{ provider: { name: 'codex-oauth', model: 'm', base_url: 'http://x', codex_home: 'rel/dir' } }",
      [
        "provider.base_url: codex-oauth talks to the codex binary",
        'provider.codex_home: expected an absolute path or one starting with ~/, found "rel/dir"',
      ],
    ],
    [
      "{ provider: { name: 'anthropic', model: 'm', codex_bin: '/bin/codex' } }",
      ['provider.codex_bin: only used with provider.name "codex-oauth"'],
    ],
    ["{ allow: 'one rule' }", ['allow: expected array, found the string "one rule"']],
    // A file written for the older per-field provider merge is told that the block replaces as a whole.
    [
      "{ provider: { model: 'claude-sonnet-4-6' } }",
      [
        "provider.name: expected string, found nothing (a provider block replaces the lower layers' provider as a whole",
      ],
    ],
    ["{ provider: { timeout_ms: 5000 } }", ["give name too, e.g. 'anthropic'"]],
    [
      "{ provider: { name: 'anthropic', base_url: 'http://127.0.0.1:1' } }",
      [
        "provider.model: expected string, found nothing (a provider block replaces the lower layers' provider as a whole, fields are not merged: give model too",
      ],
    ], // Another auth variant's field is unknown here, and the list of known fields says which variant.
    [
      "{ provider: { name: 'anthropic', model: 'm', auth: { type: 'exec', command: 'x', path: '/k' } } }",
      [
        'provider.auth.path: unknown field for auth type "exec" (known: type, command, shell, refresh_margin_ms, timeout_ms, cache_key)',
      ],
    ],
    [
      "{ provider: { name: 'anthropic', model: 'm', auth: { type: 'file', command: 'x' } } }",
      ['provider.auth.command: unknown field for auth type "file" (known: type, path, refresh_margin_ms, timeout_ms)'],
    ],
    [
      "{ fast_path: { hard_deny: [{ pattern: '(' }] } }",
      ["fast_path.hard_deny[0].pattern: expected a valid regular expression"],
    ],
    ["[1, 2]", ["expected an object at the top level"]],
    ["{ a: }", ["Jsonnet evaluation failed"]],
  ];
  for (const [source, expected] of cases) {
    test(source, () => {
      const w = world();
      const file = join(w.home, ".claude", "ccgate.jsonnet");
      w.write(file, source);
      const r = loadConfigAt("claude", { cwd: w.repo, env: w.env });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      for (const e of expected) expect(r.error.details.join("\n")).toContain(e);
      expect(r.error.details.every((d) => d.startsWith(file))).toBe(true);
      expect(r.error.details).toHaveLength(expected.length);
    });
  }
});

test("committed generated files (schemas, compiled defaults) match their sources", async () => {
  const root = join(import.meta.dir, "..", "..");
  for (const [path, content] of Object.entries(generatedFiles(root))) {
    expect(await Bun.file(join(root, path)).text(), `${path} is stale: run \`bun run schema\``).toBe(content);
  }
});
