// `ccgate <target> setup` through the compiled binary, in throw-away HOMEs: merging keeps everything
// else, a second run is byte-identical, invalid files are refused untouched, a backup is written once,
// --uninstall removes exactly ccgate's entries, --dry-run writes nothing.
import { beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { git } from "../support/git.ts";

const root = join(import.meta.dir, "..", "..");
const bin = join(root, "dist", "ccgate");

beforeAll(() => {
  if (!existsSync(bin)) Bun.spawnSync([process.execPath, "build.ts"], { cwd: root });
});

function box() {
  const work = mkdtempSync(join(tmpdir(), "ccgate-setup-"));
  const home = join(work, "home");
  mkdirSync(home);
  return { work, home };
}

function setup(
  target: string,
  args: string[],
  b: { home: string; work: string },
  opts: { cwd?: string; path?: string } = {},
) {
  const p = Bun.spawnSync([bin, target, "setup", ...args], {
    cwd: opts.cwd ?? b.work,
    env: { PATH: opts.path ?? "/usr/bin:/bin", HOME: b.home, XDG_STATE_HOME: join(b.work, "state") },
    stdin: "ignore",
  });
  return { code: p.exitCode, stdout: p.stdout.toString(), stderr: p.stderr.toString() };
}

const read = (p: string) => readFileSync(p, "utf8");
const put = (p: string, text: string) => {
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, text);
};

const EXISTING = `${JSON.stringify(
  {
    model: "sonnet",
    permissions: { allow: ["Bash(ls:*)"] },
    hooks: {
      PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "/usr/local/bin/audit-log" }] }],
      Stop: [{ hooks: [{ type: "command", command: "notify-send done" }] }],
    },
    statusLine: { type: "command", command: "echo hi" },
  },
  null,
  2,
)}\n`;

describe("setup: claude", () => {
  test("a fresh HOME gets both events with the binary's absolute path", () => {
    const b = box();
    const r = setup("claude", ["--yes"], b);
    expect(r.code).toBe(0);
    const s = JSON.parse(read(join(b.home, ".claude", "settings.json")));
    for (const event of ["PermissionRequest", "PreToolUse"])
      expect(s.hooks[event]).toEqual([
        { matcher: "", hooks: [{ type: "command", command: `${bin} claude`, timeout: 30 }] },
      ]);
    expect(existsSync(join(b.home, ".claude", "settings.json.ccgate-backup"))).toBe(false);
  });

  test("`ccgate` on PATH that is this binary gives the short command; another ccgate does not", () => {
    const b = box();
    const same = join(b.work, "same");
    mkdirSync(same);
    symlinkSync(bin, join(same, "ccgate"));
    expect(setup("claude", ["--yes"], b, { path: `${same}:/usr/bin:/bin` }).code).toBe(0);
    expect(JSON.parse(read(join(b.home, ".claude", "settings.json"))).hooks.PreToolUse[0].hooks[0].command).toBe(
      "ccgate claude",
    );
    const b2 = box();
    const other = join(b2.work, "other");
    mkdirSync(other);
    writeFileSync(join(other, "ccgate"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    expect(setup("claude", ["--yes"], b2, { path: `${other}:/usr/bin:/bin` }).code).toBe(0);
    expect(JSON.parse(read(join(b2.home, ".claude", "settings.json"))).hooks.PreToolUse[0].hooks[0].command).toBe(
      `${bin} claude`,
    );
  });

  test("merge keeps other keys, other hooks and key order; backup holds the original; second run is byte-identical", () => {
    const b = box();
    const file = join(b.home, ".claude", "settings.json");
    put(file, EXISTING);
    expect(setup("claude", ["--yes"], b).code).toBe(0);
    const after = read(file);
    const s = JSON.parse(after);
    const orig = JSON.parse(EXISTING);
    expect(Object.keys(s)).toEqual(Object.keys(orig));
    expect(s.permissions).toEqual(orig.permissions);
    expect(s.statusLine).toEqual(orig.statusLine);
    expect(Object.keys(s.hooks)).toEqual(["PreToolUse", "Stop", "PermissionRequest"]);
    expect(s.hooks.PreToolUse[0]).toEqual(orig.hooks.PreToolUse[0]);
    expect(s.hooks.PreToolUse[1].hooks[0].command).toBe(`${bin} claude`);
    expect(s.hooks.Stop).toEqual(orig.hooks.Stop);
    expect(read(`${file}.ccgate-backup`)).toBe(EXISTING);
    const again = setup("claude", ["--yes"], b);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("unchanged");
    expect(read(file)).toBe(after);
    // uninstall restores the original bytes (the file used two-space JSON) and keeps the first backup
    expect(setup("claude", ["--uninstall", "--yes"], b).code).toBe(0);
    expect(read(file)).toBe(EXISTING);
    expect(read(`${file}.ccgate-backup`)).toBe(EXISTING);
    const none = setup("claude", ["--uninstall", "--yes"], b);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain("No ccgate entries");
    expect(read(file)).toBe(EXISTING);
  });

  test("an existing ccgate entry is left as it is; one for another binary gets this binary's path", () => {
    const b = box();
    const file = join(b.home, ".claude", "settings.json");
    const custom = {
      hooks: {
        PermissionRequest: [{ matcher: "Bash", hooks: [{ type: "command", command: `${bin} claude`, timeout: 99 }] }],
        PreToolUse: [{ matcher: "", hooks: [{ type: "command", command: "/old/place/ccgate claude" }] }],
      },
    };
    put(file, JSON.stringify(custom));
    const r = setup("claude", ["--yes"], b);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("/old/place/ccgate claude");
    const s = JSON.parse(read(file));
    expect(s.hooks.PermissionRequest).toEqual(custom.hooks.PermissionRequest);
    expect(s.hooks.PreToolUse).toEqual([{ matcher: "", hooks: [{ type: "command", command: `${bin} claude` }] }]);
  });

  test("--uninstall removes exactly ccgate's entries for this host", () => {
    const b = box();
    const file = join(b.home, ".claude", "settings.json");
    put(
      file,
      JSON.stringify({
        hooks: {
          PermissionRequest: [
            {
              matcher: "",
              hooks: [
                { type: "command", command: "ccgate claude" },
                { type: "command", command: "my-logger" },
              ],
            },
            { matcher: "", hooks: [{ type: "command", command: "ccgate" }] },
            { matcher: "", hooks: [{ type: "command", command: "ccgate codex" }] },
            { matcher: "", hooks: [{ type: "command", command: "ccgate-wrapper claude" }] },
          ],
          PreToolUse: [{ matcher: "", hooks: [{ type: "command", command: "'/opt/my tools/ccgate' claude hook" }] }],
        },
        other: 1,
      }),
    );
    expect(setup("claude", ["--uninstall", "--yes"], b).code).toBe(0);
    expect(JSON.parse(read(file))).toEqual({
      hooks: {
        PermissionRequest: [
          { matcher: "", hooks: [{ type: "command", command: "my-logger" }] },
          { matcher: "", hooks: [{ type: "command", command: "ccgate codex" }] },
          { matcher: "", hooks: [{ type: "command", command: "ccgate-wrapper claude" }] },
        ],
      },
      other: 1,
    });
  });

  test("--dry-run prints the diff and writes nothing", () => {
    const b = box();
    const file = join(b.home, ".claude", "settings.json");
    put(file, EXISTING);
    const r = setup("claude", ["--dry-run"], b);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`+ `);
    expect(r.stdout).toContain(`"command": "${bin} claude"`);
    expect(r.stdout).toContain("Dry run: nothing written.");
    expect(read(file)).toBe(EXISTING);
    expect(existsSync(`${file}.ccgate-backup`)).toBe(false);
    const fresh = box();
    expect(setup("claude", ["--dry-run"], fresh).code).toBe(0);
    expect(existsSync(join(fresh.home, ".claude", "settings.json"))).toBe(false);
  });

  test("without --yes and without a terminal nothing is written", () => {
    const b = box();
    const r = setup("claude", [], b);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--yes");
    expect(existsSync(join(b.home, ".claude", "settings.json"))).toBe(false);
  });

  const invalid: Array<[string, string, string]> = [
    ["not JSON", '{"hooks": {', "not valid JSON"],
    ["trailing comma", '{"a": 1,}', "not valid JSON"],
    ["an array", "[1]", "expected a JSON object"],
    ["hooks a string", '{"hooks": "x"}', '"hooks" is not an object'],
    ["an event not an array", '{"hooks": {"PreToolUse": {}}}', '"hooks.PreToolUse" is not an array'],
    ["a group not an object", '{"hooks": {"PermissionRequest": [3]}}', "is not a hook group"],
  ];
  test.each(invalid)("%s is refused with the path and left untouched", (_name, text, message) => {
    const b = box();
    const file = join(b.home, ".claude", "settings.json");
    put(file, text);
    for (const args of [["--yes"], ["--uninstall", "--yes"], ["--dry-run"]]) {
      const r = setup("claude", args, b);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toContain(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(read(file)).toBe(text);
      expect(existsSync(`${file}.ccgate-backup`)).toBe(false);
    }
  });

  test("--project writes the repository's .claude/settings.local.json, from a subdirectory too", () => {
    const b = box();
    const repo = join(b.work, "repo");
    Bun.spawnSync(["git", "init", "-q", repo]);
    mkdirSync(join(repo, "src", "deep"), { recursive: true });
    expect(setup("claude", ["--project", "--yes"], b, { cwd: join(repo, "src", "deep") }).code).toBe(0);
    expect(JSON.parse(read(join(repo, ".claude", "settings.local.json"))).hooks.PermissionRequest).toHaveLength(1);
    expect(existsSync(join(b.home, ".claude", "settings.json"))).toBe(false);
    git(repo, "status");
  });
});

describe("setup: codex", () => {
  const cases: Array<[string, string | null, string | null]> = [
    ["absent", null, "[features]\nhooks = true\n"],
    ["other settings", 'model = "gpt-5"\n', 'model = "gpt-5"\n\n[features]\nhooks = true\n'],
    ["no final newline", 'model = "gpt-5"', 'model = "gpt-5"\n\n[features]\nhooks = true\n'],
    [
      "hooks off",
      'model = "gpt-5"\n\n[features]\nhooks = false # off\nweb = true\n',
      'model = "gpt-5"\n\n[features]\nhooks = true\nweb = true\n',
    ],
    [
      "features table without hooks",
      "[features]\nweb = true\n\n[tui]\nx = 1\n",
      "[features]\nhooks = true\nweb = true\n\n[tui]\nx = 1\n",
    ],
    ["already on", "[features]\nhooks = true\n", null],
  ];
  test.each(cases)("config.toml %s", (_name, before, after) => {
    const b = box();
    const toml = join(b.home, ".codex", "config.toml");
    if (before !== null) put(toml, before);
    const r = setup("codex", ["--yes"], b);
    expect(r.code).toBe(0);
    expect(read(toml)).toBe(after ?? (before as string));
    expect(r.stdout).toContain("/hooks");
    const hooks = JSON.parse(read(join(b.home, ".codex", "hooks.json"))).hooks;
    expect(hooks.PermissionRequest[0].hooks[0]).toEqual({
      type: "command",
      command: `${bin} codex`,
      timeout: 30,
      statusMessage: "ccgate evaluating request",
    });
    const second = setup("codex", ["--yes"], b);
    expect(second.code).toBe(0);
    expect(read(toml)).toBe(after ?? (before as string));
  });

  test("invalid TOML, or a features table it cannot edit safely, is refused; hooks.json is not written either", () => {
    for (const [text, message] of [
      ["model = [\n", "not valid TOML"],
      ["features = { hooks = false }\n", "inline or dotted"],
      ['features = "x"\n', "not a table"],
    ] as const) {
      const b = box();
      const toml = join(b.home, ".codex", "config.toml");
      put(toml, text);
      const r = setup("codex", ["--yes"], b);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(toml);
      expect(r.stderr).toContain(message);
      expect(read(toml)).toBe(text);
      expect(existsSync(join(b.home, ".codex", "hooks.json"))).toBe(false);
    }
  });

  test("CODEX_HOME is honoured; --uninstall leaves the feature flag", () => {
    const b = box();
    const ch = join(b.work, "codex-home");
    const p = Bun.spawnSync([bin, "codex", "setup", "--yes"], {
      env: { PATH: "/usr/bin:/bin", HOME: b.home, CODEX_HOME: ch },
      stdin: "ignore",
    });
    expect(p.exitCode).toBe(0);
    expect(existsSync(join(ch, "hooks.json"))).toBe(true);
    expect(existsSync(join(b.home, ".codex"))).toBe(false);
    const u = Bun.spawnSync([bin, "codex", "setup", "--uninstall", "--yes"], {
      env: { PATH: "/usr/bin:/bin", HOME: b.home, CODEX_HOME: ch },
      stdin: "ignore",
    });
    expect(u.exitCode).toBe(0);
    expect(JSON.parse(read(join(ch, "hooks.json")))).toEqual({});
    expect(read(join(ch, "config.toml"))).toContain("hooks = true");
  });
});

describe("setup: devin", () => {
  test("~/.config/devin/config.json gets the hooks key; other keys kept; idempotent", () => {
    const b = box();
    const file = join(b.home, ".config", "devin", "config.json");
    put(file, '{\n  "model": "swe-1",\n  "permissions": { "allow": ["read"] }\n}\n');
    expect(setup("devin", ["--yes"], b).code).toBe(0);
    const first = read(file);
    const s = JSON.parse(first);
    expect(Object.keys(s)).toEqual(["model", "permissions", "hooks"]);
    expect(s.hooks.PermissionRequest[0].hooks[0].command).toBe(`${bin} devin`);
    expect(s.hooks.PreToolUse[0].hooks[0].command).toBe(`${bin} devin`);
    expect(setup("devin", ["--yes"], b).code).toBe(0);
    expect(read(file)).toBe(first);
  });

  test("--project writes .devin/config.local.json", () => {
    const b = box();
    const repo = join(b.work, "repo");
    Bun.spawnSync(["git", "init", "-q", repo]);
    expect(setup("devin", ["--project", "--yes"], b, { cwd: repo }).code).toBe(0);
    expect(JSON.parse(read(join(repo, ".devin", "config.local.json"))).hooks.PreToolUse).toHaveLength(1);
  });
});

describe("setup: an agent cannot run it through the hook", () => {
  const commands = [
    "ccgate claude setup --uninstall --yes",
    "./dist/ccgate codex setup --yes",
    "/usr/local/bin/ccgate devin setup --project -y",
    // trusting a project file hands it the provider, base_url and log paths: the user's act only
    "ccgate claude trust",
    "ccgate codex trust .codex/ccgate.local.jsonnet",
    "cd sub && ccgate claude trust --cwd .",
    "echo y | /opt/bin/ccgate gemini trust",
    "bash -c 'ccgate claude trust'",
  ];
  test.each(commands)("%s is hard-denied", (command) => {
    const b = box();
    const p = Bun.spawnSync([bin, "claude"], {
      cwd: b.work,
      env: { PATH: "/usr/bin:/bin", HOME: b.home, XDG_STATE_HOME: join(b.work, "state") },
      stdin: Buffer.from(
        JSON.stringify({
          hook_event_name: "PermissionRequest",
          cwd: b.work,
          permission_mode: "default",
          tool_name: "Bash",
          tool_input: { command },
        }),
      ),
    });
    const out = JSON.parse(p.stdout.toString());
    expect(out.hookSpecificOutput.decision.behavior).toBe("deny");
    expect(out.hookSpecificOutput.decision.message).toContain("permission settings");
  });
});

describe("trust --list and --revoke are not blocked", () => {
  test.each(["ccgate claude trust --list", "ccgate claude trust --revoke"])("%s is not hard-denied", (command) => {
    const b = box();
    const p = Bun.spawnSync([bin, "claude"], {
      cwd: b.work,
      env: { PATH: "/usr/bin:/bin", HOME: b.home, XDG_STATE_HOME: join(b.work, "state") },
      stdin: Buffer.from(
        JSON.stringify({
          hook_event_name: "PermissionRequest",
          cwd: b.work,
          permission_mode: "default",
          tool_name: "Bash",
          tool_input: { command },
        }),
      ),
    });
    expect(p.stdout.toString()).not.toContain("permission settings");
  });
});

describe("doctor and setup", () => {
  const doctor = (b: { home: string; work: string }) => {
    const p = Bun.spawnSync([bin, "doctor", "--json"], {
      cwd: b.work,
      env: { PATH: "/usr/bin:/bin", HOME: b.home, XDG_STATE_HOME: join(b.work, "state") },
      stdin: "ignore",
    });
    return (JSON.parse(p.stdout.toString()) as { checks: Array<{ area: string; status: string; message: string }> })
      .checks;
  };
  test("each missing registration names its setup command; after setup the checks pass", () => {
    const b = box();
    const before = doctor(b);
    for (const t of ["claude", "codex", "devin"])
      expect(before.some((c) => c.area === t && c.message.includes(`ccgate ${t} setup`))).toBe(true);
    for (const t of ["claude", "codex", "devin"]) expect(setup(t, ["--yes"], b).code).toBe(0);
    const after = doctor(b);
    for (const t of ["claude", "devin"]) {
      const mine = after.filter((c) => c.area === t);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((c) => c.status === "ok")).toBe(true);
    }
    expect(after.some((c) => c.area === "codex" && c.message.includes("PermissionRequest hook registered"))).toBe(true);
    expect(after.some((c) => c.area === "devin config" || c.area === "devin provider")).toBe(true);
  });
});
