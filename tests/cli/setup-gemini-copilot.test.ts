// `ccgate gemini setup` and `ccgate copilot setup` through the compiled binary: Gemini's BeforeTool
// group in ~/.gemini/settings.json, Copilot's flat preToolUse list (command under `bash`) in
// ~/.copilot/settings.json or a repository's .github/hooks/ccgate.json; other settings kept, a second
// run byte-identical, --uninstall takes out exactly ccgate's entry.
import { beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { git } from "../support/git.ts";

const root = join(import.meta.dir, "..", "..");
const bin = join(root, "dist", "ccgate");

beforeAll(() => {
  if (!existsSync(bin)) Bun.spawnSync([process.execPath, "build.ts"], { cwd: root });
});

function box() {
  const work = mkdtempSync(join(tmpdir(), "ccgate-setup2-"));
  const home = join(work, "home");
  mkdirSync(home);
  return { work, home };
}

function setup(target: string, args: string[], b: { home: string; work: string }, cwd = b.work) {
  const p = Bun.spawnSync([bin, target, "setup", ...args], {
    cwd,
    env: { PATH: "/usr/bin:/bin", HOME: b.home, XDG_STATE_HOME: join(b.work, "state") },
    stdin: "ignore",
  });
  return { code: p.exitCode, stdout: p.stdout.toString(), stderr: p.stderr.toString() };
}
const read = (p: string) => readFileSync(p, "utf8");
const put = (p: string, text: string) => {
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, text);
};

describe("setup: gemini", () => {
  const file = (b: { home: string }) => join(b.home, ".gemini", "settings.json");
  test("adds one BeforeTool group beside the user's own hooks and settings; a second run changes nothing", () => {
    const b = box();
    const mine = { matcher: "write_file", hooks: [{ type: "command", command: "/opt/audit", timeout: 5000 }] };
    put(file(b), `${JSON.stringify({ theme: "dark", hooks: { BeforeTool: [mine], AfterTool: [mine] } }, null, 2)}\n`);
    expect(setup("gemini", ["--yes"], b).code).toBe(0);
    const s = JSON.parse(read(file(b)));
    expect(s.theme).toBe("dark");
    expect(s.hooks.AfterTool).toEqual([mine]);
    expect(s.hooks.BeforeTool).toEqual([
      mine,
      { matcher: ".*", hooks: [{ type: "command", name: "ccgate", command: `${bin} gemini`, timeout: 30000 }] },
    ]);
    expect(s.hooks.PermissionRequest).toBeUndefined();
    const once = read(file(b));
    expect(setup("gemini", ["--yes"], b).code).toBe(0);
    expect(read(file(b))).toBe(once);
    expect(existsSync(`${file(b)}.ccgate-backup`)).toBe(true);
  });

  test("--uninstall removes only ccgate's group", () => {
    const b = box();
    const mine = { matcher: ".*", hooks: [{ type: "command", command: "/opt/audit" }] };
    put(file(b), `${JSON.stringify({ hooks: { BeforeTool: [mine] } }, null, 2)}\n`);
    expect(setup("gemini", ["--yes"], b).code).toBe(0);
    expect(setup("gemini", ["--yes", "--uninstall"], b).code).toBe(0);
    expect(JSON.parse(read(file(b)))).toEqual({ hooks: { BeforeTool: [mine] } });
  });

  test("a BeforeTool that is not a list is refused and left untouched", () => {
    const b = box();
    const text = '{ "hooks": { "BeforeTool": { "command": "x" } } }\n';
    put(file(b), text);
    const r = setup("gemini", ["--yes"], b);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("hooks.BeforeTool");
    expect(read(file(b))).toBe(text);
  });
});

describe("setup: copilot", () => {
  const file = (b: { home: string }) => join(b.home, ".copilot", "settings.json");
  test("adds one flat preToolUse entry with the command under `bash`; idempotent; uninstall exact", () => {
    const b = box();
    const mine = { type: "command", bash: "/opt/audit", timeoutSec: 5 };
    put(file(b), `${JSON.stringify({ model: "x", hooks: { preToolUse: [mine], postToolUse: [mine] } }, null, 2)}\n`);
    expect(setup("copilot", ["--yes"], b).code).toBe(0);
    const s = JSON.parse(read(file(b)));
    expect(s.model).toBe("x");
    expect(s.hooks.postToolUse).toEqual([mine]);
    expect(s.hooks.preToolUse).toEqual([mine, { type: "command", bash: `${bin} copilot`, timeoutSec: 30 }]);
    const once = read(file(b));
    expect(setup("copilot", ["--yes"], b).code).toBe(0);
    expect(read(file(b))).toBe(once);
    expect(setup("copilot", ["--yes", "--uninstall"], b).code).toBe(0);
    expect(JSON.parse(read(file(b))).hooks).toEqual({ preToolUse: [mine], postToolUse: [mine] });
  });

  test("an entry pointing at another ccgate binary gets this one's command, and is not added twice", () => {
    const b = box();
    put(file(b), `${JSON.stringify({ hooks: { preToolUse: [{ type: "command", bash: "/old/ccgate copilot" }] } })}\n`);
    expect(setup("copilot", ["--yes"], b).code).toBe(0);
    expect(JSON.parse(read(file(b))).hooks.preToolUse).toEqual([{ type: "command", bash: `${bin} copilot` }]);
  });

  test("--project writes the repository's .github/hooks/ccgate.json with version 1", () => {
    const b = box();
    const repo = join(b.work, "repo");
    mkdirSync(repo);
    git(repo, "init", "-q");
    expect(setup("copilot", ["--yes", "--project"], b, repo).code).toBe(0);
    expect(JSON.parse(read(join(repo, ".github", "hooks", "ccgate.json")))).toEqual({
      version: 1,
      hooks: { preToolUse: [{ type: "command", bash: `${bin} copilot`, timeoutSec: 30 }] },
    });
    expect(existsSync(file(b))).toBe(false);
  });
});
