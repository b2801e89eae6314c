// bench/jsonnet/conformance.ts <path to google/jsonnet's test_suite>
// Runs the official conformance suite through our evaluator exactly as its run_tests.sh does:
// every X.jsonnet not named error.* must print X.jsonnet.golden (or `true` without a golden), every
// error.* case must fail. ext vars var1=test (string) / var2={x:1,y:2} (code); tla.* cases get them
// as top-level arguments. Prints pass rates and each failing case. The suite is never committed.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { evaluateFile, type JsonValue, renderJson } from "../../src/jsonnet/index.ts";

const dir = process.argv[2];
if (!dir || !existsSync(dir)) {
  console.error("usage: bun bench/jsonnet/conformance.ts <test_suite dir>");
  process.exit(2);
}
process.chdir(dir); // cases expect relative file names (std.thisFile, error positions)
const cases = readdirSync(".")
  .filter((f) => f.endsWith(".jsonnet"))
  .sort();
let okPass = 0;
let okTotal = 0;
let errPass = 0;
let errTotal = 0;
const failures: string[] = [];
const started = performance.now();
for (const name of cases) {
  const file = name;
  const isError = name.startsWith("error.");
  const tla = name.startsWith("tla.");
  const vars = tla
    ? { tlaVars: { var1: "test" }, tlaCodes: { var2: "{x:1,y:2}" } }
    : { extVars: { var1: "test" }, extCodes: { var2: "{x:1,y:2}" } };
  const goldenPath = `${file}.golden`;
  const regexPath = `${file}.golden_regex`;
  let result: { ok: true; value: JsonValue } | { ok: false; error: { format(): string } };
  const traces: string[] = [];
  try {
    result = evaluateFile(file, {
      ...vars,
      trace: (l) => traces.push(l),
      nativeFunctions: {
        jsonToString: (x) => JSON.stringify(x),
        nativeError: () => {
          throw new Error("native function error");
        },
      },
    });
  } catch (e) {
    result = { ok: false as const, error: { format: () => `CRASH ${(e as Error).stack}` } };
  }
  if (isError) {
    errTotal++;
    if (!result.ok) errPass++;
    else failures.push(`${name}: expected an error, got a value`);
    continue;
  }
  okTotal++;
  const output = [
    ...traces,
    result.ok ? renderJson(result.value).trimEnd() : `RUNTIME ERROR: ${result.error.format()}`,
  ].join("\n");
  let pass: boolean;
  if (existsSync(regexPath)) pass = new RegExp(readFileSync(regexPath, "utf8").trimEnd()).test(output);
  else {
    const golden = existsSync(goldenPath) ? readFileSync(goldenPath, "utf8").trimEnd() : "true";
    pass = output === golden || (!result.ok && golden.startsWith("RUNTIME ERROR"));
  }
  if (pass) okPass++;
  else failures.push(`${name}: ${output.split("\n")[0]?.slice(0, 160)}`);
}
const pct = (a: number, b: number) => ((100 * a) / Math.max(1, b)).toFixed(1);
console.log(
  `jsonnet conformance over ${cases.length} cases of ${dir} (${(performance.now() - started).toFixed(0)} ms)`,
);
console.log(`  non-error cases: ${okPass}/${okTotal} (${pct(okPass, okTotal)}%)`);
console.log(`  error cases:     ${errPass}/${errTotal} (${pct(errPass, errTotal)}%)`);
if (failures.length) console.log(`failures:\n  ${failures.join("\n  ")}`);
