// bench/session — what the fast path saves an agent over a whole session. A recorded mix of requests
// (Dippy's auto-approve commands from shared/eval-seed, every k-th row, as PermissionRequest Bash
// payloads — sent to the gate as JSON only, never run) goes through two builds, request by request,
// interleaved: the baseline (CCGATE_BASE_BIN, else the merge base with main built into a temp dir)
// and the current dist/ccgate (CCGATE_BIN). The classifier is a loopback Anthropic mock that answers
// after a fixed LATENCY_MS (default 300 ms, a fast real model; real ones are often slower), so a
// request the fast path settles costs a process start and one that reaches the classifier costs the
// latency on top. Prints the agent's total wait per build, the classifier calls, and the ratio.
//   ROWS=200 LATENCY_MS=300 bun bench/session.ts
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAnthropicMock } from "../tests/support/anthropic-mock.ts";
import { evalSeedDir } from "../tests/support/eval-seed.ts";
import { CCGATE, ROOT, timeRun } from "./support/process-timing.ts";

const ROWS = Number(process.env.ROWS ?? 200);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 300);
const seed = evalSeedDir();
if (!seed) {
  console.error("bench/session: eval-seed corpora not found (set CCGATE_EVAL_SEED)");
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), "ccgate-bench-session-"));

/** The baseline binary: given, or the merge base with main, exported and compiled here. */
function baseline(): string {
  if (process.env.CCGATE_BASE_BIN) return process.env.CCGATE_BASE_BIN;
  const base = Bun.spawnSync(["git", "-C", ROOT, "merge-base", "HEAD", "main"], { stdout: "pipe" });
  const commit = base.stdout.toString().trim();
  if (!base.success || !commit) {
    console.error("bench/session: no merge base with main; set CCGATE_BASE_BIN");
    process.exit(1);
  }
  const dir = join(work, "base");
  mkdirSync(dir);
  const archive = Bun.spawnSync(["git", "-C", ROOT, "archive", commit], { stdout: "pipe" });
  Bun.spawnSync(["tar", "-x", "-C", dir], { stdin: archive.stdout });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  const built = Bun.spawnSync([process.execPath, "build.ts"], { cwd: dir, stdout: "ignore", stderr: "pipe" });
  const bin = join(dir, "dist", "ccgate");
  if (!built.success || !existsSync(bin)) {
    console.error(`bench/session: building ${commit.slice(0, 10)} failed: ${built.stderr.toString().split("\n")[0]}`);
    process.exit(1);
  }
  console.log(`baseline: merge base ${commit.slice(0, 10)} built in ${dir}`);
  return bin;
}

const rows = readFileSync(join(seed, "dippy-commands.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as { command: string; auto_approve: boolean })
  .filter((r) => r.auto_approve);
const step = Math.max(1, Math.floor(rows.length / ROWS));
const session = rows.filter((_, i) => i % step === 0).slice(0, ROWS);

const repo = join(work, "repo");
Bun.spawnSync(["git", "init", "-q", "-b", "feature/bench", repo]);
const builds = { baseline: baseline(), current: CCGATE };
const mock = startAnthropicMock({
  kind: "delay",
  ms: LATENCY_MS,
  // biome-ignore lint/suspicious/noThenProperty: the mock's script step, never awaited
  then: { kind: "verdict", behavior: "allow", reason: "bench" },
});
const envFor = (name: string) => {
  const home = join(work, `home-${name}`);
  mkdirSync(home, { recursive: true });
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    XDG_STATE_HOME: join(work, `state-${name}`),
    XDG_CACHE_HOME: join(work, `cache-${name}`),
    ANTHROPIC_BASE_URL: mock.url,
    CCGATE_ANTHROPIC_API_KEY: "sk-ant-bench",
  };
};
const envs = { baseline: envFor("baseline"), current: envFor("current") };
const totals = { baseline: 0, current: 0 };
const calls = { baseline: 0, current: 0 };

for (const row of session) {
  const stdin = Buffer.from(
    JSON.stringify({
      session_id: "bench-session",
      cwd: repo,
      hook_event_name: "PermissionRequest",
      permission_mode: "default",
      tool_name: "Bash",
      tool_input: { command: row.command },
    }),
  );
  for (const name of ["baseline", "current"] as const) {
    const before = mock.requests.length;
    totals[name] += await timeRun({ cmd: [builds[name], "claude"], stdin, env: envs[name], cwd: repo, expect: "" });
    calls[name] += mock.requests.length - before;
  }
}
mock.stop();

const line = (name: "baseline" | "current") =>
  `  ${name.padEnd(9)} total wait ${(totals[name] / 1000).toFixed(1).padStart(6)} s   classifier calls ${String(calls[name]).padStart(4)} / ${session.length}   mean ${(totals[name] / session.length).toFixed(0)} ms per request`;
console.log(`bench/session: ${session.length} recorded requests, classifier latency ${LATENCY_MS} ms (loopback mock)`);
console.log(line("baseline"));
console.log(line("current"));
console.log(`  current / baseline total wait ${(totals.current / totals.baseline).toFixed(2)}×`);
