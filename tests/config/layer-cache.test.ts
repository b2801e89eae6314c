// The validated-layer cache on real files and a real git repository: every change that can alter a
// layer's value (the file, a file it imports, a variable it reads) or whether a project file counts
// (what git tracks) must be a miss; nothing else may cost an evaluation.
import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfigAt } from "../../src/app/config.ts";
import { LayerCache } from "../../src/config/layer-cache.ts";
import { git } from "../support/git.ts";

function world() {
  const base = mkdtempSync(join(tmpdir(), "ccgate-layer-cache-"));
  const home = join(base, "home");
  const repo = join(base, "repo");
  mkdirSync(join(home, ".claude"), { recursive: true });
  mkdirSync(repo);
  git(repo, "init", "-q", "-b", "feature/x");
  writeFileSync(join(repo, "README.md"), "x\n");
  git(repo, "add", ".");
  git(repo, "commit", "-q", "-m", "init");
  const env: Record<string, string | undefined> = {
    HOME: home,
    PATH: process.env.PATH,
    XDG_STATE_HOME: join(base, "state"),
  };
  const cacheDir = join(base, "cache", "claude", "config");
  const cache = new LayerCache(cacheDir, "build-1");
  const global = join(home, ".claude", "ccgate.jsonnet");
  const load = (c: LayerCache | null = cache, e = env) => {
    const r = loadConfigAt("claude", { cwd: repo, env: e, layerCache: c });
    if (!r.ok) throw new Error(r.error.message);
    return r;
  };
  const fromCache = (r: ReturnType<typeof load>, layer: string) =>
    r.layers.find((l) => l.layer === layer)?.detail === "validated earlier; unchanged since";
  return { base, home, repo, env, cacheDir, cache, global, load, fromCache };
}

describe("config layer cache", () => {
  test("an unchanged file is served from the cache with the same result; an edit is a miss", () => {
    const w = world();
    writeFileSync(
      w.global,
      "local n = 3; { append_allow: ['rule %d' % i for i in std.range(1, n)], fallthrough_strategy: 'deny' }",
    );
    const first = w.load();
    expect(w.fromCache(first, "global")).toBe(false);
    const second = w.load();
    expect(w.fromCache(second, "global")).toBe(true);
    expect(second.config).toEqual(first.config);
    expect(second.provenance).toEqual(first.provenance);
    expect(second.config).toEqual(w.load(null).config);
    writeFileSync(w.global, "{ fallthrough_strategy: 'allow' }");
    const edited = w.load();
    expect(w.fromCache(edited, "global")).toBe(false);
    expect(edited.config.fallthrough_strategy).toBe("allow");
  });

  test("a change in an imported file is a miss", () => {
    const w = world();
    const lib = join(w.home, ".claude", "rules.libsonnet");
    writeFileSync(lib, "['from the library']");
    writeFileSync(w.global, "{ append_allow: import 'rules.libsonnet' }");
    w.load();
    expect(w.fromCache(w.load(), "global")).toBe(true);
    writeFileSync(lib, "['changed library']");
    const r = w.load();
    expect(w.fromCache(r, "global")).toBe(false);
    expect(r.config.allow).toContain("changed library");
  });

  test("a layer that reads the environment is cached sealed: a changed variable is a miss, no value is in clear", () => {
    const w = world();
    writeFileSync(w.global, "{ append_allow: ['team ' + std.native('env')('TEAM')] }");
    const a = w.load(w.cache, { ...w.env, TEAM: "a" });
    expect(a.config.allow).toContain("team a");
    expect(w.fromCache(w.load(w.cache, { ...w.env, TEAM: "a", OTHER: "x" }), "global")).toBe(true);
    const b = w.load(w.cache, { ...w.env, TEAM: "b" });
    expect(w.fromCache(b, "global")).toBe(false);
    expect(b.config.allow).toContain("team b");
    expect(w.load(w.cache, w.env).config.allow).toContain("team ");
    // The value read from the environment never reaches the disk in clear, nor the rule built from it.
    writeFileSync(w.global, "{ append_deny: ['never deploy from ' + std.native('must_env')('DEPLOY_HOST')] }");
    const e = { ...w.env, DEPLOY_HOST: "hunter2-host-value" };
    w.load(w.cache, e);
    const cached = w.load(w.cache, e);
    expect(w.fromCache(cached, "global")).toBe(true);
    expect(cached.config.deny).toContain("never deploy from hunter2-host-value");
    for (const f of readdirSync(w.cacheDir)) {
      const text = readFileSync(join(w.cacheDir, f), "utf8");
      expect(text).not.toContain("hunter2");
      expect(text).not.toContain(Buffer.from("hunter2").toString("base64").slice(0, 8));
      expect(text).not.toContain("never deploy");
    }
    // A sealed entry tampered with, or opened with other values, is a miss, never a wrong value.
    for (const f of readdirSync(w.cacheDir).filter((n) => n.startsWith("layer-"))) {
      const entry = JSON.parse(readFileSync(join(w.cacheDir, f), "utf8"));
      if (entry.sealed) {
        const raw = Buffer.from(entry.sealed, "base64");
        raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
        writeFileSync(join(w.cacheDir, f), JSON.stringify({ ...entry, sealed: raw.toString("base64") }));
      }
    }
    const again = w.load(w.cache, e);
    expect(w.fromCache(again, "global")).toBe(false);
    expect(again.config.deny).toContain("never deploy from hunter2-host-value");
  });

  test("entries an older build wrote with env-derived values in clear are removed on the next write", () => {
    const w = world();
    mkdirSync(w.cacheDir, { recursive: true });
    const old = join(w.cacheDir, "layer-0123456789abcdef0123456789abcdef.json");
    writeFileSync(old, JSON.stringify({ deps: [], envNames: ["TEAM"], env: "x", value: { allow: ["team hunter2"] } }));
    const plain = join(w.cacheDir, "layer-fedcba9876543210fedcba9876543210.json");
    writeFileSync(plain, JSON.stringify({ deps: [], envNames: [], env: "x", value: { allow: ["plain"] } }));
    writeFileSync(w.global, "{ append_allow: ['x'] }");
    w.load();
    expect(existsSync(old)).toBe(false);
    expect(existsSync(plain)).toBe(true);
  });

  test("a layer whose value holds a secret (importstr of a key file, a token in a rule) is not cached", () => {
    const w = world();
    const key = `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB\n-----END OPENSSH PRIVATE KEY-----\n`;
    writeFileSync(join(w.home, ".claude", "deploy.key"), key);
    const token = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
    for (const source of [
      "{ append_environment: ['deploy key: ' + importstr 'deploy.key'] }",
      `{ append_deny: ['never push with ${token}'] }`,
      "{ provider: { name: 'anthropic', model: 'claude-x', api_key: 'zz-typed-in-key-value' } }",
    ]) {
      writeFileSync(w.global, source);
      let r: ReturnType<typeof w.load> | null = null;
      try {
        w.load();
        r = w.load();
      } catch {
        // a field the schema rejects is not cached either; what matters is what reached the disk
      }
      if (r) expect(w.fromCache(r, "global")).toBe(false);
      let files: string[] = [];
      try {
        files = readdirSync(w.cacheDir);
      } catch {}
      for (const f of files) {
        const text = readFileSync(join(w.cacheDir, f), "utf8");
        expect(text).not.toContain("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ");
        expect(text).not.toContain(token);
        expect(text).not.toContain("zz-typed-in-key-value");
      }
    }
    // A layer with nothing secret in it is still served from the cache.
    writeFileSync(w.global, "{ append_deny: ['never push to main; ask about password reset flows'] }");
    w.load();
    expect(w.fromCache(w.load(), "global")).toBe(true);
  });

  test("an invalid file is never cached and keeps failing with its message", () => {
    const w = world();
    writeFileSync(w.global, "{ fallthrough_strategy: 'sometimes' }");
    for (let i = 0; i < 2; i++) {
      const r = loadConfigAt("claude", { cwd: w.repo, env: w.env, layerCache: w.cache });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toContain("fallthrough_strategy");
    }
    expect(() => readdirSync(w.cacheDir)).toThrow();
  });

  test("a project file stops counting as soon as git tracks it, and counts again when untracked", () => {
    const w = world();
    const local = join(w.repo, ".claude", "ccgate.local.jsonnet");
    mkdirSync(join(w.repo, ".claude"));
    writeFileSync(local, "{ append_deny: ['project rule'] }");
    expect(w.load().layers.find((l) => l.layer === "local")?.status).toBe("loaded");
    expect(w.load().config.deny).toContain("project rule");
    git(w.repo, "add", ".claude/ccgate.local.jsonnet");
    const tracked = w.load();
    expect(tracked.layers.find((l) => l.layer === "local")?.status).toBe("skipped-tracked");
    expect(tracked.config.deny).not.toContain("project rule");
    git(w.repo, "rm", "-q", "--cached", ".claude/ccgate.local.jsonnet");
    expect(w.load().config.deny).toContain("project rule");
  });

  test("in a repository with no index yet, the answer is cached until the first git add", () => {
    const w = world();
    const fresh = join(w.base, "fresh");
    git(w.base, "init", "-q", "-b", "feature/y", fresh);
    mkdirSync(join(fresh, ".claude"));
    writeFileSync(join(fresh, ".claude", "ccgate.local.jsonnet"), "{ append_deny: ['fresh rule'] }");
    const load = () => loadConfigAt("claude", { cwd: fresh, env: w.env, layerCache: w.cache });
    const status = () => {
      const r = load();
      return r.layers.find((l) => l.layer === "local")?.status;
    };
    expect(status()).toBe("loaded");
    expect(readdirSync(w.cacheDir).some((f) => f.startsWith("tracked-"))).toBe(true);
    expect(status()).toBe("loaded");
    git(fresh, "add", ".claude/ccgate.local.jsonnet");
    expect(status()).toBe("skipped-tracked");
  });

  test("entries are 0600 in a 0700 directory; a corrupt entry or another build's entry is a miss", () => {
    const w = world();
    writeFileSync(w.global, "{ fallthrough_strategy: 'deny' }");
    w.load();
    expect(statSync(w.cacheDir).mode & 0o777).toBe(0o700);
    const files = readdirSync(w.cacheDir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(statSync(join(w.cacheDir, f)).mode & 0o777).toBe(0o600);
    for (const f of files) writeFileSync(join(w.cacheDir, f), "{not json");
    const r = w.load();
    expect(w.fromCache(r, "global")).toBe(false);
    expect(r.config.fallthrough_strategy).toBe("deny");
    expect(w.fromCache(w.load(new LayerCache(w.cacheDir, "build-2")), "global")).toBe(false);
  });
});
