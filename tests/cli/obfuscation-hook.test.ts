// The compiled binary with a classifier that allows everything: each obfuscated hard-deny case is
// denied by the fast path (metrics source fast_path) and the classifier is never asked. The look-alikes
// do reach the classifier or are allowed, so the stand-in really is live. Nothing is executed.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NOT_DENIED, OBFUSCATED } from "../fastpath/obfuscation-cases.ts";
import { type AnthropicMock, startAnthropicMock } from "../support/anthropic-mock.ts";

const root = join(import.meta.dir, "..", "..");
const bin = join(root, "dist", "ccgate");
let mock: AnthropicMock;
beforeAll(() => {
  if (!existsSync(bin)) Bun.spawnSync([process.execPath, "build.ts"], { cwd: root });
  mock = startAnthropicMock({ kind: "verdict", behavior: "allow", reason: "approved" });
});
afterAll(() => mock.stop());

function sandbox() {
  const dir = mkdtempSync(join(tmpdir(), "ccgate-obfuscation-"));
  const repo = join(dir, "repo");
  mkdirSync(join(dir, "home"));
  Bun.spawnSync(["git", "init", "-q", "-b", "feature/x", repo]);
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: join(dir, "home"),
    XDG_STATE_HOME: join(dir, "state"),
    XDG_CACHE_HOME: join(dir, "cache"),
    ANTHROPIC_BASE_URL: mock.url,
    CCGATE_ANTHROPIC_API_KEY: "sk-ant-obfuscation-test",
  };
  const metrics = () =>
    readFileSync(join(dir, "state", "ccgate", "claude", "metrics.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { repo, env, metrics };
}

async function decide(command: string, box: ReturnType<typeof sandbox>): Promise<string> {
  const payload = { tool_name: "Bash", tool_input: { command }, cwd: box.repo, hook_event_name: "PermissionRequest" };
  const p = Bun.spawn([bin, "claude"], {
    env: box.env,
    cwd: box.repo,
    stdin: Buffer.from(JSON.stringify(payload)),
    stdout: "pipe",
    stderr: "pipe",
  });
  const out = await new Response(p.stdout).text();
  await p.exited;
  return out.trim() === "" ? "ask" : JSON.parse(out).hookSpecificOutput.decision.behavior;
}

// The sandbox home lives under /tmp, where deleting sub-paths is allowed by design, so cases that
// delete *below* the home directory (or next to the repository) are covered by the unit test (tests/fastpath/obfuscation.test.ts) only.
const BELOW_HOME = new Set([
  "cd ~root && rm -rf .",
  "cd ~ && cd .. && rm -rf ./*",
  "cd ~; rm -r -f Documents",
  'cd "$(dirname "$HOME")" && rm -rf ./*',
  "python3 -c \"import os, shutil; shutil.rmtree(os.path.join(os.path.expanduser('~'), 'Documents'))\"",
  "python3 -c \"import shutil; shutil.rmtree('../other')\"",
]);
const cases = Object.entries(OBFUSCATED).flatMap(([klass, list]) =>
  list.filter((command) => !BELOW_HOME.has(command)).map((command) => ({ klass, command })),
);

test(`${cases.length} obfuscated cases: denied on the fast path, classifier never asked`, async () => {
  const box = sandbox();
  const before = mock.requests.length;
  const results: Array<{ klass: string; command: string; behavior: string }> = [];
  for (let i = 0; i < cases.length; i += 4) {
    const batch = cases.slice(i, i + 4);
    const got = await Promise.all(batch.map((c) => decide(c.command, box)));
    for (const [j, c] of batch.entries()) results.push({ ...c, behavior: got[j] as string });
  }
  expect(results.filter((r) => r.behavior !== "deny")).toEqual([]);
  expect(mock.requests.length).toBe(before);
  const lines = box.metrics();
  expect(lines).toHaveLength(cases.length);
  expect(lines.filter((m) => m.source !== "fast_path" || m.decision !== "deny")).toEqual([]);
}, 300_000);

test("the look-alikes are not denied (the always-allow classifier is asked or the fast path allows)", async () => {
  const box = sandbox();
  const before = mock.requests.length;
  const denied: string[] = [];
  for (const command of NOT_DENIED) if ((await decide(command, box)) === "deny") denied.push(command);
  expect(denied).toEqual([]);
  expect(mock.requests.length).toBeGreaterThan(before);
}, 120_000);
