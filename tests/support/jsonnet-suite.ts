// Where google/jsonnet's conformance suite (shared/jsonnet-test-suite, Apache-2.0, not part of this
// repository) is, and how one case is judged, exactly as the suite's run_tests.sh does: every X.jsonnet
// not named error.* must print X.jsonnet.golden (or match .golden_regex; `true` without either), every
// error.* case must fail. Ext vars var1=test (string) / var2={x:1,y:2} (code); tla.* cases get them as
// top-level arguments. Shared by tests/jsonnet/conformance.test.ts and bench/jsonnet/conformance.ts.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { type EvalResult, evaluateFile, renderJson } from "../../src/jsonnet/index.ts";

/** $CCGATE_JSONNET_SUITE, else ../shared/jsonnet-test-suite beside this checkout, else beside the
 * repository this checkout was cloned from (a CI clone of a local repository). null when none is found. */
export function jsonnetSuiteDir(): string | null {
  const root = join(import.meta.dir, "..", "..");
  const candidates = [process.env.CCGATE_JSONNET_SUITE, join(root, "..", "shared", "jsonnet-test-suite")];
  const origin = Bun.spawnSync(["git", "-C", root, "remote", "get-url", "origin"], {
    stdout: "pipe",
    stderr: "ignore",
  });
  const url = origin.success
    ? origin.stdout
        .toString()
        .trim()
        .replace(/^file:\/\//, "")
    : "";
  if (url && isAbsolute(url))
    candidates.push(join(dirname(url.replace(/\/\.git\/?$/, "").replace(/\/+$/, "")), "shared", "jsonnet-test-suite"));
  return candidates.find((d) => d && existsSync(join(d, "arith_bool.jsonnet"))) ?? null;
}

/** The evaluation cases of the suite (formatter tests are X.fmt.golden files, not cases). */
export function suiteCases(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".jsonnet"))
    .sort();
}

export interface CaseOutcome {
  name: string;
  isError: boolean;
  pass: boolean;
  /** For error cases: the golden says STATIC ERROR and so do we (or both say RUNTIME ERROR). */
  kindMatches: boolean;
  detail: string;
}

/** Run one case; the process must be chdir'ed into the suite (cases expect relative file names). */
export function runCase(name: string): CaseOutcome {
  const isError = name.startsWith("error.");
  const vars = name.startsWith("tla.")
    ? { tlaVars: { var1: "test" }, tlaCodes: { var2: "{x:1,y:2}" } }
    : { extVars: { var1: "test" }, extCodes: { var2: "{x:1,y:2}" } };
  const goldenPath = `${name}.golden`;
  const regexPath = `${name}.golden_regex`;
  const traces: string[] = [];
  let result: EvalResult | { ok: false; error: { message: string; format(): string } };
  try {
    result = evaluateFile(name, {
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
    const text = `CRASH ${(e as Error).stack}`;
    result = { ok: false as const, error: { message: text, format: () => text } };
  }
  const golden = existsSync(goldenPath) ? readFileSync(goldenPath, "utf8").trimEnd() : null;
  if (isError) {
    const ours = result.ok ? "" : result.error.format();
    const staticGolden = golden?.startsWith("STATIC ERROR") ?? false;
    const staticOurs = !result.ok && "isStatic" in result.error && result.error.isStatic === true;
    return {
      name,
      isError,
      pass: !result.ok && !ours.startsWith("CRASH"),
      kindMatches: !result.ok && staticGolden === staticOurs,
      detail: result.ok ? "expected an error, got a value" : (ours.split("\n")[0]?.slice(0, 200) ?? ""),
    };
  }
  const output = [
    ...traces,
    result.ok ? renderJson(result.value).trimEnd() : `RUNTIME ERROR: ${result.error.format()}`,
  ].join("\n");
  let pass: boolean;
  if (existsSync(regexPath)) pass = new RegExp(readFileSync(regexPath, "utf8").trimEnd()).test(output);
  else {
    const want = golden ?? "true";
    pass = output === want || (!result.ok && want.startsWith("RUNTIME ERROR"));
  }
  return { name, isError, pass, kindMatches: true, detail: output.split("\n")[0]?.slice(0, 160) ?? "" };
}
