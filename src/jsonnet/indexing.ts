// `a[i]`, `o.f` and `a[s:e:st]` over objects, arrays and strings (strings by code point).
import type { Node } from "./ast.ts";
import { fail, type Position } from "./errors.ts";
import type { Interpreter } from "./interp.ts";
import { renderNumber } from "./numbers.ts";
import { fieldValue } from "./objects.ts";
import { type Env, JArray, JObject, type Thunk, typeName, type Value } from "./value.ts";

export function index(it: Interpreter, target: Value, idx: Value, pos: Position): Value {
  if (target instanceof JObject) {
    if (typeof idx !== "string") fail(`object index must be a string, got ${typeName(idx)}`, pos);
    return fieldValue(it, target, idx, target.layers.length, pos);
  }
  if (target instanceof JArray) {
    if (typeof idx !== "number") fail(`array index must be a number, got ${typeName(idx)}`, pos);
    if (!Number.isInteger(idx)) fail(`array index must be an integer, got ${renderNumber(idx)}`, pos);
    if (idx < 0 || idx >= target.length) fail(`array index ${idx} out of bounds (length ${target.length})`, pos);
    return target.at(idx);
  }
  if (typeof target === "string") {
    if (typeof idx !== "number") fail(`string index must be a number, got ${typeName(idx)}`, pos);
    const chars = Array.from(target);
    if (!Number.isInteger(idx) || idx < 0 || idx >= chars.length)
      fail(`string index ${idx} out of bounds (length ${chars.length})`, pos);
    return chars[idx] as string;
  }
  return fail(`can't index a ${typeName(target)}`, pos);
}

export function slice(it: Interpreter, node: Extract<Node, { t: "slice" }>, env: Env): Value {
  const target = it.eval(node.target, env);
  const num = (n: Node | null, what: string): number | null => {
    if (!n) return null;
    const v = it.eval(n, env);
    if (v === null) return null;
    if (typeof v !== "number" || !Number.isInteger(v))
      fail(`slice ${what} must be an integer, got ${typeName(v)}`, node.pos);
    return v;
  };
  return sliceValue(target, num(node.start, "start"), num(node.end, "end"), num(node.step, "step"), node.pos);
}

export function sliceValue(
  target: Value,
  start: number | null,
  end: number | null,
  step: number | null,
  pos: Position | null,
): Value {
  const isStr = typeof target === "string";
  if (!isStr && !(target instanceof JArray)) fail(`can only slice arrays and strings, got ${typeName(target)}`, pos);
  const items: unknown[] = isStr ? Array.from(target as string) : (target as JArray).items;
  const len = items.length;
  const st = step ?? 1;
  if (st <= 0) fail(`slice step must be greater than 0, got ${st}`, pos);
  const norm = (v: number | null, d: number) => (v === null ? d : v < 0 ? Math.max(0, len + v) : Math.min(len, v));
  const s = norm(start, 0);
  const e = norm(end, len);
  const out: unknown[] = [];
  for (let i = s; i < e; i += st) out.push(items[i]);
  return isStr ? (out as string[]).join("") : new JArray(out as Thunk[]);
}
