// Runtime values. Arrays hold thunks (elements are lazy); objects are stacks of layers (one per
// operand of `+`), so `self` and `super` resolve against the whole stack at lookup time.
import type { Bind, Node, Param, Visibility } from "./ast.ts";
import { JsonnetError, type Position } from "./errors.ts";

export type Value = null | boolean | number | string | JArray | JObject | JFunction;

export interface Thunk {
  get(): Value;
}

export class Lazy implements Thunk {
  private state: 0 | 1 | 2 = 0;
  private value: Value = null;
  /** `node` / `env` are set for thunks of a source expression, so an evaluator can take them over. */
  constructor(
    private fn: (() => Value) | null,
    readonly node: Node | null = null,
    readonly env: Env | null = null,
  ) {}
  get(): Value {
    if (this.state === 2) return this.value;
    if (this.state === 1) throw new JsonnetError("infinite recursion: a value depends on itself", null);
    this.state = 1;
    try {
      this.value = (this.fn as () => Value)();
    } catch (e) {
      this.state = 0;
      throw e;
    }
    this.state = 2;
    this.fn = null;
    return this.value;
  }
  /** Claim an unevaluated expression thunk: the caller evaluates `node` in `env` itself, then settles. */
  claim(): boolean {
    if (this.state !== 0 || this.node === null) return false;
    this.state = 1;
    return true;
  }
  settle(value: Value): void {
    this.value = value;
    this.state = 2;
    this.fn = null;
  }
  unclaim(): void {
    this.state = 0;
  }
}

class Ready implements Thunk {
  constructor(private readonly value: Value) {}
  get(): Value {
    return this.value;
  }
}

export const ready = (v: Value): Thunk => new Ready(v);

export class JArray {
  constructor(readonly items: Thunk[]) {}
  get length(): number {
    return this.items.length;
  }
  at(i: number): Value {
    return (this.items[i] as Thunk).get();
  }
}

/** Variables in scope; `$self`, `$super` and `$dollar` are reserved entries. */
export type Env = Record<string, unknown>;

export interface LayerField {
  visibility: Visibility;
  plus: boolean;
  /** Expression evaluated with self bound (literal objects). */
  body?: Node;
  params?: Param[] | null;
  /** Environment for `body` when it differs from the layer's (comprehension variables). */
  env?: Env;
  /** Precomputed value (objects built by the standard library). */
  thunk?: Thunk;
}

export interface Layer {
  fields: Map<string, LayerField>;
  asserts: Array<{ cond: Node; msg: Node | null; pos: Position }>;
  env: Env;
  locals: Bind[];
  /** Keys this layer no longer exposes (std.objectRemoveKey); `super` lookups still see them. */
  masked?: Set<string>;
}

export class JObject {
  readonly cache = new Map<string, Value>();
  /** Per-layer environments with self bound (object locals live here). */
  readonly layerEnvs: Array<Env | undefined> = [];
  assertsState: 0 | 1 | 2 = 0;
  constructor(readonly layers: Layer[]) {}
}

export interface NativeFunction {
  kind: "native";
  name: string;
  params: string[];
  /** Default values for trailing optional params (by name). */
  defaults?: Record<string, Value>;
  impl: (args: Thunk[], pos: Position | null) => Value;
}

export interface UserFunction {
  kind: "user";
  params: Param[];
  body: Node;
  env: Env;
  name: string;
}

export type JFunction = NativeFunction | UserFunction;

export function isFunction(v: Value): v is JFunction {
  return typeof v === "object" && v !== null && !(v instanceof JArray) && !(v instanceof JObject);
}

export function typeName(v: Value): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return "number";
  if (typeof v === "string") return "string";
  if (v instanceof JArray) return "array";
  if (v instanceof JObject) return "object";
  return "function";
}

/** Build an object from already-known values (standard library results). */
export function objectFromEntries(
  entries: Iterable<[string, Value | Thunk]>,
  visibility: Visibility = "default",
): JObject {
  const fields = new Map<string, LayerField>();
  for (const [k, v] of entries) {
    const thunk = v instanceof Lazy || v instanceof Ready ? (v as Thunk) : ready(v as Value);
    fields.set(k, { visibility, plus: false, thunk });
  }
  return new JObject([{ fields, asserts: [], env: {}, locals: [] }]);
}

export function arrayOf(values: Value[]): JArray {
  return new JArray(values.map(ready));
}
