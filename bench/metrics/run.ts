// bench/metrics — time to build the metrics report over 100,000 lines, against a baseline measured
// in the same run: just reading the same file and JSON.parse-ing every line (the least any report
// must do). Prints both and the ratio.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MetricsEntry } from "../../src/state/metrics.ts";
import { buildReport, parseLines, renderReport } from "../../src/state/report.ts";

const LINES = Number(process.env.LINES ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), "ccgate-bench-metrics-"));
const path = join(dir, "metrics.jsonl");
const now = new Date();
const tools = ["Bash", "Read", "Edit", "Write", "WebFetch", "mcp__github__create_issue"];
const decisions = ["allow", "allow", "allow", "deny", "fallthrough", "error"] as const;
const lines: string[] = [];
for (let i = 0; i < LINES; i++) {
  const decision = decisions[i % decisions.length] as MetricsEntry["decision"];
  const e: MetricsEntry = {
    ts: new Date(now.getTime() - (i % (7 * 24)) * 3600_000).toISOString(),
    sid: `s-${i % 50}`,
    target: "claude",
    tool: tools[i % tools.length] as string,
    perm_mode: "default",
    decision,
    source: i % 3 === 0 ? "fast_path" : "llm",
    elapsed_ms: (i * 7) % 900,
    ...(decision === "fallthrough" ? { ft_kind: "llm" } : {}),
    ...(decision === "deny" ? { deny_msg: "no" } : {}),
    in_tok: 400,
    out_tok: 20,
    tool_input: { command: `npm run task-${i % 300}` },
  };
  lines.push(JSON.stringify(e));
}
writeFileSync(path, `${lines.join("\n")}\n`);

function time(fn: () => unknown, rounds = 5): number {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b)[Math.floor(rounds / 2)] as number;
}

const baseline = time(() => {
  let n = 0;
  for (const l of readFileSync(path, "utf8").split("\n")) if (l) n += JSON.parse(l) ? 1 : 0;
  return n;
});
const report = time(() => {
  const { entries, skipped } = parseLines(readFileSync(path, "utf8"));
  const options = { days: 7, details: 10, now };
  return renderReport(buildReport(entries, skipped, options), options);
});
console.log(
  `bench/metrics: the report over ${LINES.toLocaleString("en-US")} metrics lines (${(Buffer.byteLength(lines.join("\n")) / 1e6).toFixed(1)} MB), median of 5`,
);
console.log(`  baseline (read + JSON.parse every line)  ${baseline.toFixed(0)} ms`);
console.log(
  `  full report (parse, aggregate, render)   ${report.toFixed(0)} ms   ratio ${(report / baseline).toFixed(2)}×`,
);
