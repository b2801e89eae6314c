// A global config that never ends, or does exponential work, or builds huge values: the hook ends
// with a config error (never an allow), one line on stderr, and peak memory under 1 GB. Through the
// compiled binary; /usr/bin/time records the peak RSS. The test timeout is the hang detector.
import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const bin = join(import.meta.dir, "..", "..", "dist", "ccgate");
const TIME = "/usr/bin/time";

const configs: Array<[string, string]> = [
  ["endless tail recursion", "local f(n) = f(n + 1); { allow: [f(0)] }"],
  ["endless recursion behind if", "local f(n) = if n < 0 then 0 else f(n + 1); { allow: [std.toString(f(0))] }"],
  ["exponential recursion", "local f(n) = if n == 0 then 1 else f(n - 1) + f(n - 1); { allow: [std.toString(f(60))] }"],
  [
    "exponential objects",
    "local o(n) = if n == 0 then {} else { a: o(n - 1), b: o(n - 1) }; { allow: [std.manifestJson(o(40))] }",
  ],
  ["huge std.repeat", "{ allow: [std.repeat('x', 4000000000)] }"],
  ["string doubling", "local d(s, n) = if n == 0 then s else d(s + s, n - 1); { allow: [d('x', 40)] }"],
  ["huge std.range", "{ allow: [std.toString(std.length([x for x in std.range(0, 500000000)]))] }"],
  ["huge makeArray", "{ allow: [std.toString(std.makeArray(400000000, function(i) i)[5])] }"],
  [
    "nested comprehensions",
    "{ allow: [std.toString(std.length([1 for a in std.range(0, 3000) for b in std.range(0, 3000) for c in std.range(0, 3000)]))] }",
  ],
  ["mutual recursion", "local a(n) = b(n + 1), b(n) = a(n + 1); { allow: [a(0)] }"],
];

describe("a hostile configuration ends in a config error within its budget", () => {
  for (const [name, source] of configs) {
    test(name, async () => {
      const dir = mkdtempSync(join(tmpdir(), "ccgate-budget-"));
      const home = join(dir, "home");
      const repo = join(dir, "repo");
      mkdirSync(join(home, ".claude"), { recursive: true });
      Bun.spawnSync(["git", "init", "-q", repo]);
      writeFileSync(join(home, ".claude", "ccgate.jsonnet"), source);
      const timeFile = join(dir, "time.txt");
      const argv = existsSync(TIME) ? [TIME, "-v", "-o", timeFile, bin, "claude"] : [bin, "claude"];
      const p = Bun.spawn(argv, {
        cwd: repo,
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, XDG_STATE_HOME: join(dir, "state") },
        stdin: Buffer.from(
          JSON.stringify({
            hook_event_name: "PermissionRequest",
            cwd: repo,
            tool_name: "Bash",
            tool_input: { command: "git status" },
          }),
        ),
        stdout: "pipe",
        stderr: "pipe",
      });
      const [stdout, stderr, code] = await Promise.all([
        new Response(p.stdout).text(),
        new Response(p.stderr).text(),
        p.exited,
      ]);
      expect(code).toBe(1);
      expect(stdout).toBe("");
      const lines = stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toStartWith("ccgate claude: config error: ");
      expect(lines[0]).toContain("ccgate.jsonnet");
      if (existsSync(timeFile)) {
        const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, "utf8"))?.[1]);
        expect(kb).toBeGreaterThan(0);
        expect(kb).toBeLessThan(1024 * 1024);
      }
    }, 60_000);
  }
});
