// bench/jsonnet/conformance.ts [test_suite dir]
// Runs the official conformance suite (default: ../shared/jsonnet-test-suite beside the checkout)
// through our evaluator as its run_tests.sh does (the case rules live in tests/support/jsonnet-suite.ts)
// and prints pass rates and each failing case. tests/jsonnet/conformance.test.ts asserts no regression.
import { existsSync } from "node:fs";
import { jsonnetSuiteDir, runCase, suiteCases } from "../../tests/support/jsonnet-suite.ts";

const dir = process.argv[2] ?? jsonnetSuiteDir();
if (!dir || !existsSync(dir)) {
  console.error("usage: bun bench/jsonnet/conformance.ts <test_suite dir>");
  process.exit(2);
}
process.chdir(dir);
const cases = suiteCases(dir);
let okPass = 0;
let okTotal = 0;
let errPass = 0;
let errTotal = 0;
let kindMatch = 0;
const failures: string[] = [];
const started = performance.now();
for (const name of cases) {
  const o = runCase(name);
  if (o.isError) {
    errTotal++;
    if (o.pass) errPass++;
    if (o.kindMatches) kindMatch++;
  } else {
    okTotal++;
    if (o.pass) okPass++;
  }
  if (!o.pass) failures.push(`${name}: ${o.detail}`);
}
const pct = (a: number, b: number) => ((100 * a) / Math.max(1, b)).toFixed(1);
console.log(
  `jsonnet conformance over ${cases.length} cases of ${dir} (${(performance.now() - started).toFixed(0)} ms)`,
);
console.log(`  non-error cases: ${okPass}/${okTotal} (${pct(okPass, okTotal)}%)`);
console.log(
  `  error cases:     ${errPass}/${errTotal} (${pct(errPass, errTotal)}%), STATIC/RUNTIME kind as golden: ${kindMatch}`,
);
if (failures.length) console.log(`failures:\n  ${failures.join("\n  ")}`);
