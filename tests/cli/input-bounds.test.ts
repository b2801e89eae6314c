// Hostile hook input through the compiled binary: deep nesting and events ccgate does not answer
// end in one clean line on stderr, exit 1, nothing on stdout (so the host asks the human).
import { describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jsonDepth } from "../../src/hosts/json-depth.ts";

const bin = join(import.meta.dir, "..", "..", "dist", "ccgate");

async function hook(stdin: string, target = "claude") {
  const dir = mkdtempSync(join(tmpdir(), "ccgate-input-"));
  const repo = join(dir, "repo");
  Bun.spawnSync(["git", "init", "-q", repo]);
  const p = Bun.spawn([bin, target], {
    cwd: repo,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: join(dir, "home"), XDG_STATE_HOME: join(dir, "state") },
    stdin: Buffer.from(stdin.replaceAll('"cwd":"/tmp"', `"cwd":${JSON.stringify(repo)}`)),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([
    new Response(p.stdout).text(),
    new Response(p.stderr).text(),
    p.exited,
  ]);
  const mpath = join(dir, "state", "ccgate", target, "metrics.jsonl");
  const metrics = existsSync(mpath) ? readFileSync(mpath, "utf8").trim().split("\n") : [];
  return { code, stdout, stderr, metrics };
}

const base = (extra: string) =>
  `{"tool_name":"Bash","cwd":"/tmp","hook_event_name":"PermissionRequest","tool_input":{"command":"git status"}${extra}}`;

describe("deep input is a clean input error", () => {
  const n = 200_000;
  const cases: Array<[string, string]> = [
    ["arrays in an extra field", base(`,"x":${"[".repeat(n)}${"]".repeat(n)}`)],
    ["objects in an extra field", base(`,"x":${'{"a":'.repeat(n)}1${"}".repeat(n)}`)],
    [
      "objects in Write content",
      `{"tool_name":"Write","cwd":"/tmp","tool_input":{"file_path":"/tmp/x","content":${'{"a":'.repeat(n)}1${"}".repeat(n)}}}`,
    ],
    [
      "mixed in tool_input",
      base("").replace('"git status"}', `"git status","y":${"[{".repeat(n / 2)}"z"${"}]".repeat(n / 2)}}`),
    ],
    ["just past the limit", base(`,"x":${"[".repeat(513)}${"]".repeat(513)}`)],
    ["unbalanced: never closed", base(`,"x":${"[".repeat(n)}`)],
  ];
  for (const [name, stdin] of cases) {
    test(name, async () => {
      const r = await hook(stdin);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toEqual(["ccgate claude: hook input is nested deeper than 512 levels"]);
      expect(r.stderr).not.toContain("internal error");
      expect(JSON.parse(r.metrics.at(-1) ?? "{}").decision).toBe("error");
    });
  }

  test("brackets inside strings do not count; ordinary nesting passes", async () => {
    const command = `echo '${"[{".repeat(5000)}' \\" ${"]".repeat(700)}`;
    const r = await hook(base("").replace('"git status"', JSON.stringify(command)));
    expect(r.stderr).not.toContain("nested deeper");
    expect(jsonDepth(`{"a":"\\"[[[[","b":[[1]]}`, 10)).toBe(3);
    expect(jsonDepth(`${"[".repeat(600)}`, 512)).toBe(513);
    const nested = await hook(base(`,"x":${"[".repeat(100)}${"]".repeat(100)}`));
    expect(nested.stdout).toContain('"allow"');
  });
});

describe("the hook answers only the events it knows", () => {
  for (const event of [
    "PostToolUse",
    "Stop",
    "UserPromptSubmit",
    "Notification",
    "permissionrequest",
    "SessionStart",
  ]) {
    for (const target of ["claude", "codex"]) {
      test(`${target}: ${event} is an input error`, async () => {
        const r = await hook(base("").replace('"PermissionRequest"', JSON.stringify(event)), target);
        expect(r.code).toBe(1);
        expect(r.stdout).toBe("");
        expect(r.stderr).toContain(
          `hook_event_name: expected PermissionRequest or PreToolUse, got ${JSON.stringify(event)}`,
        );
      });
    }
  }

  test("PermissionRequest and a payload without the field are answered", async () => {
    expect((await hook(base(""))).stdout).toContain('"allow"');
    expect((await hook(base("").replace(',"hook_event_name":"PermissionRequest"', ""))).stdout).toContain('"allow"');
  });
});
