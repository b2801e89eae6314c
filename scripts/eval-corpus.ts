// Why: the built-in eval corpus is generated, not hand-merged: our rows (src/eval/corpus/ours.jsonl)
// plus an evenly spaced, deterministic sample of eval-seed (MIT; its notices go into the output).
// `bun scripts/eval-corpus.ts [EVAL_SEED_DIR]` rewrites src/eval/builtin-corpus.json.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { evalSeedDir } from "../tests/support/eval-seed.ts";

const root = join(import.meta.dir, "..");
const seed = process.argv[2] ?? evalSeedDir();
if (!seed) {
  console.error("eval-seed not found (pass its directory)");
  process.exit(1);
}
const jsonl = (p: string) =>
  readFileSync(p, "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.trim().startsWith("//"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const every = <T>(xs: T[], n: number): T[] => {
  const step = xs.length / n;
  return Array.from({ length: Math.min(n, xs.length) }, (_, i) => xs[Math.floor(i * step)] as T);
};

const ours = jsonl(join(root, "src", "eval", "corpus", "ours.jsonl"));
const dippy = jsonl(join(seed, "dippy-commands.jsonl")).filter((r) => String(r.command).trim());
const net = jsonl(join(seed, "safety-net-commands.jsonl")).filter(
  (r) => String(r.command).trim() && !r.context_dependent,
);
// Dippy's "false" means "not provably safe" (ask), not "dangerous"; Safety Net's blocked rows are denies,
// its unblocked ones are commands it lets through, which we label "ask" unless Dippy also approves them.
const rows = [
  ...ours,
  ...every(
    dippy.filter((r) => r.auto_approve),
    100,
  ).map((r) => ({ command: r.command, expect: "allow", note: `eval-seed dippy ${r.source}` })),
  ...every(
    dippy.filter((r) => !r.auto_approve),
    60,
  ).map((r) => ({ command: r.command, expect: "ask", note: `eval-seed dippy ${r.source}` })),
  ...every(
    net.filter((r) => r.blocked),
    60,
  ).map((r) => ({ command: r.command, expect: "deny", note: `eval-seed safety-net ${r.source}` })),
];
const notice = `Rows whose note starts with "eval-seed" come from the MIT-licensed test suites of Dippy and claude-code-safety-net (data only):\n\n${readFileSync(join(seed, "LICENSES.txt"), "utf8")}`;
writeFileSync(join(root, "src", "eval", "builtin-corpus.json"), `${JSON.stringify({ notice, rows }, null, 1)}\n`);
console.error(`wrote ${rows.length} rows (${ours.length} ours)`);
