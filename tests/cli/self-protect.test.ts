// The gate protects itself, end to end: the compiled binary, a temp HOME with real settings files,
// a real git repository, and an Anthropic loopback mock that would ALLOW everything it is asked.
// A protected write must come back denied by the fast path without the mock being called; reads
// and unrelated writes must reach the mock (and so come back allowed).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AnthropicMock, startAnthropicMock } from "../support/anthropic-mock.ts";

const root = join(import.meta.dir, "..", "..");
const bin = join(root, "dist", "ccgate");
let mock: AnthropicMock;
const made: string[] = [];

interface Box {
  work: string;
  home: string;
  repo: string;
  state: string;
  cache: string;
  codexHome: string;
  claudeConfig: string;
}

function sandbox(): Box {
  const work = mkdtempSync(join(tmpdir(), "ccgate-self-"));
  made.push(work);
  const home = join(work, "home");
  const repo = join(work, "repo");
  const box = {
    work,
    home,
    repo,
    state: join(work, "state"),
    cache: join(work, "cache"),
    codexHome: join(work, "codex-home"),
    claudeConfig: join(work, "claude-config"),
  };
  for (const d of [
    join(home, ".claude"),
    join(home, ".codex"),
    box.codexHome,
    box.claudeConfig,
    join(repo, "src"),
    join(repo, "sub", ".claude"),
  ])
    mkdirSync(d, { recursive: true });
  Bun.spawnSync(["git", "init", "-q", "-b", "feature/x", repo]);
  writeFileSync(join(home, ".claude", "settings.json"), '{"hooks":{}}\n');
  writeFileSync(join(home, ".codex", "config.toml"), "model = 'x'\n");
  mkdirSync(join(repo, ".claude"), { recursive: true });
  writeFileSync(join(repo, ".claude", "settings.json"), "{}\n");
  writeFileSync(join(repo, ".claude", "ccgate.local.jsonnet"), "{}\n");
  writeFileSync(join(repo, "sub", ".claude", "settings.local.json"), "{}\n");
  writeFileSync(join(repo, "x.json"), "{}\n");
  writeFileSync(join(repo, "settings.json"), "{}\n");
  mkdirSync(join(repo, "deep", "a", "b", ".codex"), { recursive: true });
  writeFileSync(join(repo, "deep", "a", "b", ".codex", "config.toml"), "\n");
  // a link whose last component is the protected file itself
  symlinkSync(join(home, ".claude", "settings.json"), join(repo, "cfg"));
  // a symlink inside the repository that points at the user's ~/.claude
  symlinkSync(join(home, ".claude"), join(repo, "link"));
  return box;
}

let box: Box;
beforeAll(() => {
  if (!existsSync(bin)) Bun.spawnSync([process.execPath, "build.ts"], { cwd: root });
  mock = startAnthropicMock(); // falls back to "allow" for every request
  box = sandbox();
});
afterAll(() => {
  mock.stop();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

async function run(target: "claude" | "codex", payload: unknown, b: Box, env: Record<string, string> = {}) {
  const p = Bun.spawn([bin, target], {
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: b.home,
      XDG_STATE_HOME: b.state,
      XDG_CACHE_HOME: b.cache,
      CODEX_HOME: b.codexHome,
      CLAUDE_CONFIG_DIR: b.claudeConfig,
      CCGATE_ANTHROPIC_API_KEY: "sk-ant-test-key-for-the-loopback-mock-000",
      ANTHROPIC_BASE_URL: mock.url,
      ...env,
    },
    cwd: b.repo,
    stdin: Buffer.from(JSON.stringify(payload)),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([
    new Response(p.stdout).text(),
    new Response(p.stderr).text(),
    p.exited,
  ]);
  return { code, stdout, stderr };
}

function lastMetric(b: Box, target: string): Record<string, unknown> {
  const lines = readFileSync(join(b.state, "ccgate", target, "metrics.jsonl"), "utf8")
    .trim()
    .split("\n");
  return JSON.parse(lines.at(-1) as string);
}

const request = (tool_name: string, tool_input: unknown, cwd: string) => ({
  session_id: "s-1",
  turn_id: "t-1",
  transcript_path: null,
  cwd,
  hook_event_name: "PermissionRequest",
  permission_mode: "default",
  tool_name,
  tool_input,
});

async function decision(target: "claude" | "codex", tool: string, input: unknown, b = box, env = {}) {
  const before = mock.requests.length;
  const r = await run(target, request(tool, input, b.repo), b, env);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const m = lastMetric(b, target);
  return { r, m, asked: mock.requests.length - before };
}

async function expectDenied(target: "claude" | "codex", tool: string, input: unknown, b = box, env = {}) {
  const { r, m, asked } = await decision(target, tool, input, b, env);
  expect(asked).toBe(0);
  expect(m).toMatchObject({ decision: "deny", source: "fast_path" });
  expect(String(m.reason)).toStartWith("self-protect:");
  const out = JSON.parse(r.stdout).hookSpecificOutput.decision;
  expect(out.behavior).toBe("deny");
  expect(out.message).toContain("permission settings");
  expect(out.message).toContain("ask them to make it");
}

async function expectNotSelfProtected(target: "claude" | "codex", tool: string, input: unknown, b = box, env = {}) {
  const { m } = await decision(target, tool, input, b, env);
  expect(String(m.reason ?? "")).not.toContain("self-protect");
  expect(m.decision).toBe("allow"); // the always-allow classifier (or a provable allow) decided
}

const H = () => box.home;
const patch = (body: string) => ({ command: `*** Begin Patch\n${body}\n*** End Patch\n` });

describe("self-protect: file tools", () => {
  const cases: Array<[string, string, () => Record<string, unknown>]> = [
    ["Write ~/.claude/settings.json (absolute)", "Write", () => ({ file_path: join(H(), ".claude/settings.json") })],
    ["Write ~/.claude/ccgate.jsonnet (tilde)", "Write", () => ({ file_path: "~/.claude/ccgate.jsonnet" })],
    [
      "Edit <repo>/.claude/ccgate.local.jsonnet",
      "Edit",
      () => ({ file_path: join(box.repo, ".claude/ccgate.local.jsonnet") }),
    ],
    [
      "MultiEdit .claude/settings.local.json (relative)",
      "MultiEdit",
      () => ({ file_path: ".claude/settings.local.json" }),
    ],
    ["Write <repo>/.claude/settings.json", "Write", () => ({ file_path: join(box.repo, ".claude", "settings.json") })],
    ["Write through a symlink in the repo", "Write", () => ({ file_path: join(box.repo, "link", "settings.json") })],
    ["Write with ..", "Write", () => ({ file_path: join(box.repo, "src", "..", ".claude", "settings.json") })],
    [
      "Write another checkout's .codex/ccgate.local.jsonnet",
      "Write",
      () => ({ file_path: "/srv/main/.codex/ccgate.local.jsonnet" }),
    ],
    ["Write ~/.codex/hooks.json", "Write", () => ({ file_path: join(H(), ".codex", "hooks.json") })],
    ["Write $CODEX_HOME/config.toml", "Write", () => ({ file_path: join(box.codexHome, "config.toml") })],
    ["Write $CLAUDE_CONFIG_DIR/settings.json", "Write", () => ({ file_path: join(box.claudeConfig, "settings.json") })],
    [
      "Write into ccgate's state dir",
      "Write",
      () => ({ file_path: join(box.state, "ccgate", "claude", "metrics.jsonl") }),
    ],
    ["Write into ccgate's cache dir", "Write", () => ({ file_path: join(box.cache, "ccgate", "claude", "x") })],
    [
      "Write ~/.Claude/Settings.json (case-insensitive file systems)",
      "Write",
      () => ({ file_path: join(H(), ".Claude", "Settings.json") }),
    ],
    ["Write ~/.claude.json", "Write", () => ({ file_path: join(H(), ".claude.json") })],
    ["Write managed settings", "Write", () => ({ file_path: "/etc/claude-code/managed-settings.json" })],
    [
      "NotebookEdit of a protected path",
      "NotebookEdit",
      () => ({ notebook_path: join(H(), ".claude", "settings.json") }),
    ],
    [
      "MCP filesystem write_file",
      "mcp__filesystem__write_file",
      () => ({ path: join(H(), ".claude", "settings.json"), content: "{}" }),
    ],
    [
      "MCP filesystem move_file away from the settings",
      "mcp__filesystem__move_file",
      () => ({ source: join(box.repo, ".claude", "settings.json"), destination: "/tmp/x.json" }),
    ],
  ];
  for (const [name, tool, input] of cases) test(name, () => expectDenied("claude", tool, input()));

  const patches: Array<[string, () => string]> = [
    [
      "apply_patch Update File: .codex/ccgate.local.jsonnet",
      () => "*** Update File: .codex/ccgate.local.jsonnet\n@@\n-a\n+b",
    ],
    [
      "apply_patch Add File: ~/.codex/config.toml (absolute)",
      () => `*** Add File: ${join(H(), ".codex", "config.toml")}\n+x`,
    ],
    ["apply_patch Delete File: .claude/settings.json", () => "*** Delete File: .claude/settings.json"],
    [
      "apply_patch Move to: a protected file",
      () => "*** Update File: x.json\n*** Move to: .claude/settings.local.json\n@@\n-a\n+b",
    ],
    [
      "apply_patch second file of several is protected",
      () => "*** Add File: src/ok.ts\n+x\n*** Update File: link/settings.json\n@@\n-a\n+b",
    ],
  ];
  for (const [name, body] of patches) test(name, () => expectDenied("codex", "apply_patch", patch(body())));
});

describe("self-protect: shell", () => {
  const commands: string[] = [
    "echo x > ~/.claude/settings.json",
    'echo x >> "$HOME/.claude/settings.json"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell command, not a template
    "echo x >| ${HOME}/.claude/ccgate.jsonnet",
    "make &> .claude/settings.local.json",
    "echo '{}' | tee ~/.claude/settings.json",
    "cp /tmp/x ~/.claude/settings.json",
    "cp settings.json ~/.claude/",
    "cp -t ~/.claude settings.json",
    "mv ~/.claude/settings.json /tmp/",
    "mv ~/.claude /tmp/old-claude",
    "rm ~/.claude/settings.json",
    "rm -rf ~/.claude",
    "rm ~/.claude/*.json",
    "rm ~/.cl*/settings.json",
    "rm ~/.claude/{settings,other}.json",
    "sed -i 's/a/b/' .claude/settings.local.json",
    "sed --in-place=.bak -e 's/a/b/' ~/.claude/settings.json",
    "perl -pi -e 's/a/b/' ~/.codex/config.toml",
    "truncate -s 0 ~/.claude/settings.json",
    "dd if=/dev/null of=$HOME/.claude/settings.json",
    "touch ~/.claude/settings.local.json",
    "ln -sf /tmp/evil ~/.claude/settings.json",
    "ln -s ~/.claude/settings.json ./s",
    "chmod 000 ~/.claude/settings.json",
    "chown -R nobody ~/.claude",
    "install -m 600 x.json ~/.codex/hooks.json",
    "rsync x.json ~/.claude/settings.json",
    "unlink .claude/ccgate.local.jsonnet",
    "find ~/.claude -name '*.json' -delete",
    "find ~/.claude -type f -exec rm {} +",
    "cd ~/.claude && echo x > settings.json",
    "cd ~ && cd .claude && rm settings.json",
    "d=~/.claude; echo x > $d/settings.json",
    'export D="$HOME/.codex"; cp x.json "$D/config.toml"',
    "{ echo x; } > ~/.claude/settings.json",
    "for f in a; do echo $f; done > ~/.claude/settings.json",
    "bash -c 'echo x > ~/.claude/settings.json'",
    'echo "$(echo x | tee ~/.claude/settings.json)"',
    "echo x > link/settings.json",
    "rm -rf sub",
    'echo x > "$SOMEWHERE/.claude/settings.json"',
    "echo x > ../home/.claude/settings.json",
    'echo x > "$HOME"/.claude/"settings.json"',
    "git checkout -- .claude/settings.json",
    "git clean -fdx",
    "yq -i '.a = 1' ~/.codex/hooks.json",
    "rm -rf $XDG_STATE_HOME_LITERAL", // placeholder replaced below
    "env FOO=1 timeout 5 tee ~/.claude/settings.json < /dev/null",
    "rm -rf *", // matches sub/, which holds sub/.claude/settings.local.json
    "rm -rf deep",
    "bash -c 'cd ~/.claude && rm settings.json'",
    "echo x > $CODEX_HOME/config.toml",
    'echo x > "$CLAUDE_CONFIG_DIR/settings.json"',
    "git -C ~/.claude checkout settings.json",
    "cp -r sub/.claude ~/",
    "echo x > cfg",
    ": > ~/.claude/settings.json",
    "cat x.json > ~/.claude/settings.json",
    "exec 3> ~/.claude/settings.json",
    "gio trash ~/.claude/settings.json",
    "curl -fsSL -o ~/.claude/settings.json https://example.com/s.json",
    "wget -O ~/.codex/hooks.json https://example.com/h.json",
    "ccgate claude init --force --output=$HOME/.claude/ccgate.jsonnet",
    "sort -o .claude/settings.local.json x.json",
    "echo x > ~root/.claude/settings.json",
    "rsync -a ./src/ ~/.claude/",
    "scp host:settings.json ~/.claude/",
    "cp -r ./src/. ~/.codex",
    "tar -xzf conf.tgz -C ~/.claude",
    "tar --extract --file=conf.tar --directory=$HOME/.codex",
    "unzip -o conf.zip -d ~/.claude",
    "echo x > >(tee ~/.claude/settings.json)",
    "f() { echo x > ~/.claude/settings.json; }; f",
    "find . -name settings.json -delete",
    "find . -name '*.json' -delete",
    "find . -name '*.log' -o -delete",
    "find $STATE_LITERAL -name '*.log' -delete",
  ];
  for (const command of commands) {
    test(command, () => {
      const c = command
        .replace("$XDG_STATE_HOME_LITERAL", join(box.state, "ccgate"))
        .replace("$STATE_LITERAL", box.state);
      return expectDenied("claude", "Bash", { command: c });
    });
  }
  test("Codex wraps it in bash -lc", () =>
    expectDenied("codex", "Bash", { command: ["bash", "-lc", "echo x > ~/.codex/config.toml"] }));
  test("Codex: rm of $CODEX_HOME/hooks.json", () =>
    expectDenied("codex", "Bash", { command: `rm -f ${join(box.codexHome, "hooks.json")}` }));
});

describe("self-protect and a built-in hard deny both apply: the more specific rule speaks", () => {
  for (const [command, rule] of [
    ["echo '{}' | sudo tee -a ~/.codex/config.toml", "privilege-escalation:"],
    ["rm -rf ~/", "rm-outside-repo:"],
  ] as const)
    test(command, async () => {
      const { m, asked } = await decision("claude", "Bash", { command }, box, {});
      expect(asked).toBe(0);
      expect(m).toMatchObject({ decision: "deny", source: "fast_path" });
      expect(String(m.reason)).toStartWith(rule);
    });
});

describe("self-protect: reads and unrelated writes are not denied", () => {
  const commands = [
    "cat ~/.claude/settings.json",
    "grep hooks .claude/settings.json",
    "cp ~/.claude/settings.json /tmp/settings-backup.json",
    "echo x > ~/.claude/notes.md",
    "cp x.json ~/.claude/",
    "rm -rf src/*",
    "gio info ~/.claude/settings.json",
    "ls -la ~/.claude",
    "find . -name '*.log' -delete",
    "tar -xzf vendor.tgz -C src",
    "tar -czf /tmp/claude-backup.tgz -C ~ .claude",
    "rsync -a ./src/ /tmp/src-copy/",
    "find . -type f -name '*.tmp' -exec rm {} +",
    "curl -fsSL -o /tmp/s.json https://example.com/s.json",
    "ssh -o StrictHostKeyChecking=no host true",
    "sed 's/a/b/' .claude/settings.json",
    "echo x > $d/settings.json",
    "echo x > src/settings.json",
    "mv x.json y.json",
  ];
  for (const command of commands) test(command, () => expectNotSelfProtected("claude", "Bash", { command }));
  test("Read ~/.claude/settings.json", () =>
    expectNotSelfProtected("claude", "Read", { file_path: join(H(), ".claude", "settings.json") }));
  test("Write src/settings.json", () =>
    expectNotSelfProtected("claude", "Write", { file_path: join(box.repo, "src", "settings.json"), content: "{}" }));
  test("Write through a link to the protected file is denied", () =>
    expectDenied("claude", "Write", { file_path: join(box.repo, "cfg"), content: "{}" }));
  test("Write ~/.claude/skills/x.md", () =>
    expectNotSelfProtected("claude", "Write", { file_path: join(H(), ".claude", "skills", "x.md"), content: "" }));
  test("MCP read_file of the settings", () =>
    expectNotSelfProtected("claude", "mcp__filesystem__read_file", { path: join(H(), ".claude", "settings.json") }));
  test("apply_patch inside the repo", () =>
    expectNotSelfProtected("codex", "apply_patch", patch("*** Update File: src/a.ts\n@@\n-a\n+b")));
});

describe("self-protect: a new name that would become a settings directory", () => {
  for (const command of [
    "ln -s /tmp/evil ~/.claude",
    "mv /tmp/evil-dir ~/.claude",
    "cp -r ./conf ~/.claude",
    "rsync -a ./conf/ ~/.claude",
  ])
    test(command, async () => {
      const b = sandbox();
      rmSync(join(b.home, ".claude"), { recursive: true });
      await expectDenied("claude", "Bash", { command }, b);
    });
});

describe("self-protect: ~/.claude linked into a dotfiles checkout", () => {
  test("writing the real file behind the link is denied, by file tool and by shell", async () => {
    const b = sandbox();
    const dotfiles = join(b.work, "dotfiles", "claude");
    mkdirSync(join(b.work, "dotfiles"));
    renameSync(join(b.home, ".claude"), dotfiles);
    symlinkSync(dotfiles, join(b.home, ".claude"));
    await expectDenied("claude", "Write", { file_path: join(dotfiles, "settings.json"), content: "{}" }, b);
    await expectDenied("claude", "Bash", { command: `sed -i s/a/b/ ${join(dotfiles, "ccgate.jsonnet")}` }, b);
    await expectDenied("claude", "Bash", { command: `rm -rf ${join(b.work, "dotfiles")}` }, b);
    await expectNotSelfProtected("claude", "Bash", { command: `echo x > ${join(dotfiles, "notes.md")}` }, b);
  });
});

describe("self-protect: the switch", () => {
  test("self_protect: false in the global file hands the request to the LLM", async () => {
    const b = sandbox();
    writeFileSync(join(b.home, ".claude", "ccgate.jsonnet"), "{ fast_path: { self_protect: false } }");
    const w = await decision("claude", "Write", { file_path: join(b.home, ".claude", "settings.json") }, b);
    expect(w.asked).toBe(1);
    expect(w.m).toMatchObject({ decision: "allow", source: "llm" });
    const s = await decision("claude", "Bash", { command: "rm -rf ~/.claude/settings.json" }, b);
    expect(s.asked).toBe(1);
    expect(s.m.source).toBe("llm");
  });

  test("self_protect: false in the Codex global file, for Codex", async () => {
    const b = sandbox();
    writeFileSync(join(b.home, ".codex", "ccgate.jsonnet"), "{ fast_path: { self_protect: false } }");
    const w = await decision("codex", "apply_patch", patch("*** Delete File: .codex/ccgate.local.jsonnet"), b);
    expect(w.asked).toBe(1);
    expect(w.m).toMatchObject({ decision: "allow", source: "llm" });
    // the Claude side still protects
    await expectDenied("claude", "Write", { file_path: join(b.home, ".codex", "ccgate.jsonnet") }, b);
  });

  test("self_protect: false in a project layer is ignored", async () => {
    const b = sandbox();
    writeFileSync(join(b.repo, ".claude", "ccgate.local.jsonnet"), "{ fast_path: { self_protect: false } }");
    await expectDenied("claude", "Write", { file_path: join(b.home, ".claude", "settings.json") }, b);
    await expectDenied("claude", "Bash", { command: "echo > .claude/ccgate.local.jsonnet" }, b);
  });

  test("fast_path.enabled: false keeps the self-protection", async () => {
    const b = sandbox();
    writeFileSync(join(b.home, ".claude", "ccgate.jsonnet"), "{ fast_path: { enabled: false } }");
    await expectDenied("claude", "Bash", { command: "echo x > ~/.claude/settings.json" }, b);
    await expectDenied("claude", "Edit", { file_path: join(b.home, ".claude", "ccgate.jsonnet") }, b);
    // the rest of the fast path is off: a provable read-only command now goes to the LLM
    const ls = await decision("claude", "Bash", { command: "ls" }, b);
    expect(ls.m.source).toBe("llm");
  });

  test("ccgate claude config shows the switch and where it came from", () => {
    const b = sandbox();
    const show = () =>
      Bun.spawnSync([bin, "claude", "config"], {
        cwd: b.repo,
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: b.home, XDG_STATE_HOME: b.state },
      }).stdout.toString();
    writeFileSync(join(b.repo, ".claude", "ccgate.local.jsonnet"), "{ fast_path: { self_protect: false } }");
    expect(show()).toMatch(/self-protect +on {2}\[defaults\]/);
    writeFileSync(join(b.home, ".claude", "ccgate.jsonnet"), "{ fast_path: { self_protect: false } }");
    expect(show()).toMatch(/self-protect +OFF {2}\[global\]/);
  });

  test("both switched off: everything goes to the LLM", async () => {
    const b = sandbox();
    writeFileSync(join(b.home, ".claude", "ccgate.jsonnet"), "{ fast_path: { enabled: false, self_protect: false } }");
    const w = await decision("claude", "Bash", { command: "echo x > ~/.claude/settings.json" }, b);
    expect(w.asked).toBe(1);
    expect(w.m).toMatchObject({ decision: "allow", source: "llm" });
  });
});
