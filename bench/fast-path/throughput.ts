// bench/fast-path/throughput.ts — how fast the fast path analyses shell commands.
// Measures, over every command of ../shared/eval-seed (or CCGATE_EVAL_SEED), in one run:
//   baseline: a whitespace split of each command (the least any analysis must do)
//   parse:    parseShell (the full Bash parser)
//   analyze:  analyzeCommand (parse + hard-deny rules + provable-allow checks)
// and prints commands per second and the ratio of each to the baseline.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeCommand } from "../../src/fastpath/analyze.ts";
import { DEFAULT_PROTECTED_BRANCHES } from "../../src/fastpath/facts.ts";
import { protectedSet } from "../../src/fastpath/self-protect.ts";
import { parseShell } from "../../src/shell/parse.ts";
import { evalSeedDir } from "../../tests/support/eval-seed.ts";

const dir = evalSeedDir();
if (!dir) {
  console.error("bench/fast-path/throughput: eval-seed corpora not found (set CCGATE_EVAL_SEED)");
  process.exit(1);
}
const commands = ["dippy-commands.jsonl", "safety-net-commands.jsonl"].flatMap((f) =>
  readFileSync(join(dir, f), "utf8")
    .trim()
    .split("\n")
    .map((l) => (JSON.parse(l) as { command: string }).command),
);
const facts = {
  cwd: "/work/repo",
  boundary: "/work/repo",
  home: "/home/dev",
  branch: "feature/x",
  protectedBranches: DEFAULT_PROTECTED_BRANCHES,
  tempDirs: ["/tmp"],
};
const rounds = Number(process.env.ROUNDS ?? 5);

function time(fn: (c: string) => unknown): number {
  let sink = 0;
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (const c of commands) sink += fn(c) ? 1 : 0;
    samples.push(performance.now() - t0);
  }
  if (sink < 0) console.log(sink);
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}

time((c) => analyzeCommand(c, facts)); // warm-up
const base = time((c) => c.split(/\s+/).length);
const parse = time((c) => parseShell(c).script.items.length);
const analyze = time((c) => analyzeCommand(c, facts).verdict);
const guard = protectedSet(
  facts.home,
  {},
  { state: "/home/dev/.local/state/ccgate", cache: "/home/dev/.cache/ccgate" },
);
const guarded = time((c) => analyzeCommand(c, facts, [], guard).verdict);
const rate = (ms: number) => Math.round(commands.length / (ms / 1000)).toLocaleString("en-US");
console.log(`fast-path throughput over ${commands.length} eval-seed commands (median of ${rounds} rounds)`);
console.log(`  baseline whitespace split : ${base.toFixed(1)} ms  ${rate(base)} cmd/s`);
console.log(
  `  parseShell                : ${parse.toFixed(1)} ms  ${rate(parse)} cmd/s  (${(parse / base).toFixed(1)}x baseline)`,
);
console.log(
  `  analyzeCommand            : ${analyze.toFixed(1)} ms  ${rate(analyze)} cmd/s  (${(analyze / base).toFixed(1)}x baseline)`,
);
console.log(
  `  + self-protect            : ${guarded.toFixed(1)} ms  ${rate(guarded)} cmd/s  (${(guarded / analyze).toFixed(2)}x analyzeCommand)`,
);
console.log(
  `  per command: parse ${((parse / commands.length) * 1000).toFixed(1)} µs, full analysis ${((analyze / commands.length) * 1000).toFixed(1)} µs`,
);
