// Evaluate one configuration file with a fresh Jsonnet VM and ccgate's natives:
//   std.native('env')(name)      → the variable's value, or "" when unset
//   std.native('must_env')(name) → the value; an error naming the variable when unset
// The result says which files were imported and which variables were read, so that the layer
// cache can tell when the value is still current. A variable whose name says it holds a secret
// (…_TOKEN, …_API_KEY, …_PASSWORD) is registered for exact-value redaction when it is read, so a rule
// text that embeds it is redacted in the system prompt, the log and metrics.
import { dirname, isAbsolute, join } from "node:path";
import { isSecretName, registerSecret } from "../core/redact.ts";
import { type EvalOptions, evaluateFile, evaluateSnippet, type JsonValue } from "../jsonnet/index.ts";
import { readRegularFileSync } from "../state/safe-read.ts";
import type { Env } from "../util/env.ts";
import { contentDigest } from "./layer-cache.ts";
import type { ConfigProblem } from "./validate.ts";

export type EvaluateResult =
  | {
      ok: true;
      value: JsonValue;
      /** Every imported file with the digest of the bytes that were evaluated. */
      imports: Array<[string, string]>;
      envNames: string[];
    }
  | { ok: false; problems: ConfigProblem[] };

function configNatives(env: Env, read: Set<string> = new Set()): Record<string, (...args: JsonValue[]) => JsonValue> {
  const name = (fn: string, value: JsonValue): string => {
    if (typeof value !== "string")
      throw new Error(
        `${fn}: expected a variable name (string), got ${value === null ? "null" : Array.isArray(value) ? "array" : typeof value}`,
      );
    read.add(value);
    return value;
  };
  const readValue = (n: string): string | undefined => {
    const value = env[n];
    if (value && isSecretName(n)) registerSecret(value);
    return value;
  };
  return {
    env: (v) => readValue(name("env", v)) ?? "",
    must_env: (v) => {
      const n = name("must_env", v);
      const value = readValue(n);
      if (value === undefined) throw new Error(`must_env: undefined env var "${n}"`);
      return value;
    },
  };
}

/** Evaluate `path` (or `source`, its content already read by the caller). */
export function evaluateConfigFile(path: string, env: Env, source?: string): EvaluateResult {
  const envNames = new Set<string>();
  const imports: Array<[string, string]> = [];
  const options: EvalOptions = {
    nativeFunctions: configNatives(env, envNames),
    // Imports resolve relative to the importing file (config files have no library path).
    importResolver: (from, target) => {
      const file = isAbsolute(target) ? target : join(dirname(from), target);
      let content: Buffer;
      try {
        content = readRegularFileSync(file);
      } catch {
        return null;
      }
      imports.push([file, contentDigest(content)]);
      return { path: file, content };
    },
  };
  const result = source === undefined ? evaluateFile(path, options) : evaluateSnippet(path, source, options);
  if (result.ok) return { ok: true, value: result.value, imports, envNames: [...envNames] };
  const e = result.error;
  const where = e.pos ? `line ${e.line}, column ${e.col}` : "";
  const trace = e.trace.length ? ` (${e.trace.slice(0, 3).join("; ")})` : "";
  return {
    ok: false,
    problems: [
      {
        file: e.file && e.file !== path ? e.file : path,
        path: where,
        message: `Jsonnet evaluation failed: ${e.message}${trace}`,
      },
    ],
  };
}
