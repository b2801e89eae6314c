// Evaluate one configuration file with a fresh Jsonnet VM and ccgate's natives:
//   std.native('env')(name)      → the variable's value, or "" when unset
//   std.native('must_env')(name) → the value; an error naming the variable when unset
import { evaluateFile, type JsonValue } from "../jsonnet/index.ts";
import type { ConfigProblem } from "./validate.ts";

export type EvaluateResult = { ok: true; value: JsonValue } | { ok: false; problems: ConfigProblem[] };

export function configNatives(env: Record<string, string | undefined>): Record<string, (...args: JsonValue[]) => JsonValue> {
  const name = (fn: string, value: JsonValue): string => {
    if (typeof value !== "string") throw new Error(`${fn}: expected a variable name (string), got ${value === null ? "null" : Array.isArray(value) ? "array" : typeof value}`);
    return value;
  };
  return {
    env: (v) => env[name("env", v)] ?? "",
    must_env: (v) => {
      const n = name("must_env", v);
      const value = env[n];
      if (value === undefined) throw new Error(`must_env: undefined env var "${n}"`);
      return value;
    },
  };
}

export function evaluateConfigFile(path: string, env: Record<string, string | undefined>): EvaluateResult {
  const result = evaluateFile(path, { nativeFunctions: configNatives(env) });
  if (result.ok) return { ok: true, value: result.value };
  const e = result.error;
  const where = e.pos ? `line ${e.line}, column ${e.col}` : "";
  const trace = e.trace.length ? ` (${e.trace.slice(0, 3).join("; ")})` : "";
  return { ok: false, problems: [{ file: e.file && e.file !== path ? e.file : path, path: where, message: `Jsonnet evaluation failed: ${e.message}${trace}` }] };
}
