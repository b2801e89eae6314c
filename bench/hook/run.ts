// bench/hook — whole-process wall time of one hook decision, as Claude Code pays it.
// In one run, interleaved, N times each:
//   floor     : a compiled Bun binary (same compile options) that reads stdin and prints a constant
//   llm path  : dist/ccgate claude, a request the fast path cannot decide (a new command each time,
//               so the decision cache misses), against an instant loopback Anthropic API (so we
//               measure ccgate, not a model); no user config file
//   fast path : dist/ccgate claude, `git status` in a git repo (decided locally, no network)
// Prints medians / p90 and the ratios to the floor. Goals: llm path ≤ 1.5×, fast path ≤ 1.3×.
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileBinary } from "../../scripts/release/compile.ts";
import { startAnthropicMock } from "../../tests/support/anthropic-mock.ts";

const root = join(import.meta.dir, "..", "..");
const N = Number(process.env.N ?? 40);
const work = mkdtempSync(join(tmpdir(), "ccgate-bench-hook-"));
const floor = join(work, "floor");
const built = await compileBinary({ outfile: floor, version: "bench", root, entry: join(import.meta.dir, "floor.ts") });
if (!built.ok) throw new Error(built.errors.join("\n"));
const ccgate = join(root, "dist", "ccgate");
const mock = startAnthropicMock({ kind: "verdict", behavior: "allow" });
const home = join(work, "home");
mkdirSync(home, { recursive: true });
const repo = join(work, "repo");
Bun.spawnSync(["git", "init", "-q", "-b", "feature/bench", repo]);
const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, XDG_STATE_HOME: join(work, "state"), XDG_CACHE_HOME: join(work, "cache"), ANTHROPIC_BASE_URL: mock.url, CCGATE_ANTHROPIC_API_KEY: "sk-ant-bench" };
const payload = (command: string) => Buffer.from(JSON.stringify({ session_id: "b", cwd: repo, hook_event_name: "PermissionRequest", permission_mode: "default", tool_name: "Bash", tool_input: { command } }));

async function once(cmd: string[], stdin: Buffer): Promise<number> {
  const t0 = performance.now();
  const p = Bun.spawn(cmd, { env, cwd: repo, stdin, stdout: "pipe", stderr: "pipe" });
  const [out] = await Promise.all([new Response(p.stdout).text(), p.exited]);
  const ms = performance.now() - t0;
  if (!out.includes('"behavior":"allow"')) throw new Error(`unexpected output from ${cmd.join(" ")}: ${out}`);
  return ms;
}

const series = { floor: [] as number[], llm: [] as number[], fast: [] as number[] };
for (let i = 0; i < 3; i++) await once([ccgate, "claude"], payload("make lint"));
for (let i = 0; i < N; i++) {
  series.floor.push(await once([floor], payload("make lint")));
  series.llm.push(await once([ccgate, "claude"], payload(`make lint-${i}`)));
  series.fast.push(await once([ccgate, "claude"], payload("git status")));
}
mock.stop();
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] as number;
const line = (name: string, xs: number[]) => `  ${name.padEnd(34)} median ${q(xs, 0.5).toFixed(1).padStart(6)} ms   p90 ${q(xs, 0.9).toFixed(1).padStart(6)} ms   ratio to floor ${(q(xs, 0.5) / q(series.floor, 0.5)).toFixed(2)}×`;
console.log(`bench/hook: whole-process wall time of one hook call, ${N} interleaved runs each (${mock.requests.length} classifier calls served)`);
console.log(line("floor (compiled stdin→constant)", series.floor));
console.log(line("ccgate, LLM path (instant provider)", series.llm));
console.log(line("ccgate, fast path (git status)", series.fast));
