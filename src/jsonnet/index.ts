// Public API of the Jsonnet evaluator. Self-contained: nothing here imports the rest of ccgate.
//
//   evaluateFile(path, options)            → { ok: true, value } | { ok: false, error }
//   evaluateSnippet(filename, src, options) → same
//
// `value` is plain JSON (visible fields only). Errors never escape as exceptions: a JsonnetError
// carries file:line:col, a message and a short trace. Limits bound recursion depth and the size of
// strings and arrays a program can build, so hostile input ends in a clear error, not a crash.
import { readFileSync } from "node:fs";
import { DEFAULT_LIMITS, type Limits } from "./budget.ts";
import { call } from "./calls.ts";
import { JsonnetError } from "./errors.ts";
import { fileResolver, type ImportResolver } from "./imports.ts";
import { Interpreter } from "./interp.ts";
import { renderNumber } from "./numbers.ts";
import { compareStrings } from "./operators.ts";
import { escapeJson, toPlain } from "./output.ts";
import { buildStd, type NativeCallback } from "./std.ts";
import { JObject, Lazy, ready, type Thunk, type Value } from "./value.ts";

export type { Limits } from "./budget.ts";
export { DEFAULT_LIMITS } from "./budget.ts";
export { JsonnetError } from "./errors.ts";
export type { ImportedFile, ImportResolver } from "./imports.ts";
export { fileResolver } from "./imports.ts";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface EvalOptions {
  /** std.native(name) → these functions (arguments and results are plain JSON). */
  nativeFunctions?: Record<string, (...args: JsonValue[]) => JsonValue>;
  extVars?: Record<string, string>;
  /** External variables given as Jsonnet code. */
  extCodes?: Record<string, string>;
  /** Top-level arguments (when the program is a function). */
  tlaVars?: Record<string, string>;
  tlaCodes?: Record<string, string>;
  /** Resolve imports; the default reads files relative to the importing file, then `jpath`. */
  importResolver?: ImportResolver;
  /** Library search paths for the default resolver. */
  jpath?: string[];
  limits?: Partial<Limits>;
  /** Receives std.trace lines (default: written to stderr). */
  trace?: (line: string) => void;
}

export type EvalResult = { ok: true; value: JsonValue } | { ok: false; error: JsonnetError };

function run(filename: string, source: string, options: EvalOptions): EvalResult {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const interp = new Interpreter(limits, options.importResolver ?? fileResolver(options.jpath));
  const extVars: Record<string, Thunk> = {};
  for (const [k, v] of Object.entries(options.extVars ?? {})) extVars[k] = ready(v);
  for (const [k, code] of Object.entries(options.extCodes ?? {}))
    extVars[k] = new Lazy(() => interp.evalProgram(code, `<extvar:${k}>`));
  interp.stdFor = buildStd(interp, {
    extVars,
    natives: (options.nativeFunctions ?? {}) as Record<string, NativeCallback>,
    ...(options.trace ? { trace: options.trace } : {}),
  });
  try {
    let value: Value = interp.evalProgram(source, filename);
    if (value !== null && typeof value === "object" && !(value instanceof JObject) && !("items" in value)) {
      const named: Array<{ name: string; thunk: Thunk }> = [];
      for (const [k, v] of Object.entries(options.tlaVars ?? {})) named.push({ name: k, thunk: ready(v) });
      for (const [k, code] of Object.entries(options.tlaCodes ?? {}))
        named.push({ name: k, thunk: new Lazy(() => interp.evalProgram(code, `<top-level-arg:${k}>`)) });
      value = call(interp, value, [], named, null);
    }
    return { ok: true, value: toPlain(interp, value, null) as JsonValue };
  } catch (e) {
    if (e instanceof JsonnetError) return { ok: false, error: e };
    if (e instanceof RangeError)
      return { ok: false, error: new JsonnetError("max stack frames exceeded (the JavaScript stack ran out)", null) };
    return { ok: false, error: new JsonnetError(`internal error: ${(e as Error).message}`, null) };
  }
}

export function evaluateSnippet(filename: string, source: string, options: EvalOptions = {}): EvalResult {
  return run(filename, source, options);
}

export function evaluateFile(path: string, options: EvalOptions = {}): EvalResult {
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (e) {
    return {
      ok: false,
      error: new JsonnetError(
        `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        null,
      ),
    };
  }
  return run(path, source, options);
}

/** Render a value as the `jsonnet` command prints it (3-space indent, trailing newline). */
export function renderJson(value: JsonValue): string {
  const out = (v: JsonValue, cur: string): string => {
    if (v === null) return "null";
    if (typeof v === "boolean") return String(v);
    if (typeof v === "number") return renderNumber(v);
    if (typeof v === "string") return escapeJson(v);
    const next = `${cur}   `;
    if (Array.isArray(v)) return v.length ? `[\n${v.map((x) => next + out(x, next)).join(",\n")}\n${cur}]` : "[ ]";
    const keys = Object.keys(v).sort(compareStrings);
    return keys.length
      ? `{\n${keys.map((k) => `${next}${escapeJson(k)}: ${out(v[k] as JsonValue, next)}`).join(",\n")}\n${cur}}`
      : "{ }";
  };
  return `${out(value, "")}\n`;
}
