// What every standard-library family registers its functions with: `def` (a native function with
// named parameters and optional defaults) and the argument checks that name the function in their
// errors (`std.substr: expected string, got number`).

import { callValues } from "../calls.ts";
import { fail, type Position } from "../errors.ts";
import type { Interpreter } from "../interp.ts";
import { renderNumber } from "../numbers.ts";
import { fieldValue } from "../objects.ts";
import {
  arrayOf,
  isFunction,
  JArray,
  type JFunction,
  JObject,
  type NativeFunction,
  objectFromEntries,
  type Thunk,
  typeName,
  type Value,
} from "../value.ts";

export type NativeCallback = (...args: unknown[]) => unknown;

export interface StdOptions {
  extVars: Record<string, Thunk>;
  natives: Record<string, NativeCallback>;
  /** Where std.trace writes (default: stderr). */
  trace?: (line: string) => void;
}

/** A function body: forced argument values (none when lazy), the call position, the raw thunks. */
type Impl = (args: Value[], pos: Position | null, raw: Thunk[]) => Value;

export interface StdKit {
  interp: Interpreter;
  options: StdOptions;
  def(name: string, params: string[], impl: Impl, defaults?: Record<string, Value>, lazy?: boolean): void;
  /** Register a native function built by hand (its own argument handling). */
  register(fn: NativeFunction): void;
  err(name: string, msg: string, pos: Position | null): never;
  str(name: string, v: Value, pos: Position | null): string;
  num(name: string, v: Value, pos: Position | null): number;
  int(name: string, v: Value, pos: Position | null): number;
  arr(name: string, v: Value, pos: Position | null): JArray;
  obj(name: string, v: Value, pos: Position | null): JObject;
  fn(name: string, v: Value, pos: Position | null): JFunction;
  bool(name: string, v: Value, pos: Position | null): boolean;
  call(f: Value, args: Value[], pos: Position | null): Value;
  values(a: JArray): Value[];
  finite(name: string, v: number, pos: Position | null): number;
  field(o: JObject, k: string, pos: Position | null): Value;
  /** A string's characters or an array's values (functions that accept both). */
  strOrArrayItems(name: string, v: Value, pos: Position | null): Value[];
  /** A plain JavaScript value (parsed JSON/YAML, a native callback's result) as a Jsonnet value. */
  fromPlain(v: unknown): Value;
}

export function makeKit(interp: Interpreter, options: StdOptions, fns: Map<string, NativeFunction>): StdKit {
  const err = (name: string, msg: string, pos: Position | null): never => fail(`std.${name}: ${msg}`, pos);
  const want = <T>(name: string, v: Value, check: (v: Value) => boolean, what: string, pos: Position | null): T =>
    check(v) ? (v as T) : err(name, `expected ${what}, got ${typeName(v)}`, pos);
  const num = (name: string, v: Value, pos: Position | null) =>
    want<number>(name, v, (x) => typeof x === "number", "number", pos);
  const arr = (name: string, v: Value, pos: Position | null) =>
    want<JArray>(name, v, (x) => x instanceof JArray, "array", pos);
  const values = (a: JArray) => a.items.map((t) => t.get());
  const fromPlain = (v: unknown): Value => {
    if (v === null || typeof v === "boolean" || typeof v === "string") return v;
    if (typeof v === "number") return v;
    if (Array.isArray(v)) return arrayOf(v.map(fromPlain));
    if (typeof v === "object")
      return objectFromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromPlain(x)]));
    return null;
  };
  return {
    interp,
    options,
    def(name, params, impl, defaults, lazy = false) {
      fns.set(name, {
        kind: "native",
        name,
        params,
        ...(defaults ? { defaults } : {}),
        impl: (args, pos) => impl(lazy ? [] : args.map((a) => a.get()), pos, args),
      });
    },
    register(fn) {
      fns.set(fn.name, fn);
    },
    err,
    str: (name, v, pos) => want<string>(name, v, (x) => typeof x === "string", "string", pos),
    num,
    int(name, v, pos) {
      const n = num(name, v, pos);
      if (!Number.isInteger(n)) err(name, `expected an integer, got ${renderNumber(n)}`, pos);
      return n;
    },
    arr,
    obj: (name, v, pos) => want<JObject>(name, v, (x) => x instanceof JObject, "object", pos),
    fn: (name, v, pos) => want<JFunction>(name, v, isFunction, "function", pos),
    bool: (name, v, pos) => want<boolean>(name, v, (x) => typeof x === "boolean", "boolean", pos),
    call: (f, args, pos) => callValues(interp, f, args, pos),
    values,
    finite: (name, v, pos) => (Number.isFinite(v) ? v : err(name, "result is not a finite number", pos)),
    field: (o, k, pos) => fieldValue(interp, o, k, o.layers.length, pos),
    strOrArrayItems: (name, v, pos) => (typeof v === "string" ? Array.from(v) : values(arr(name, v, pos))),
    fromPlain,
  };
}
