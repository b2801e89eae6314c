// Unary and binary operators, `+` over every type (object `+` stacks layers), equality and ordering.
import type { Node } from "./ast.ts";
import { fail, type Position } from "./errors.ts";
import type { Interpreter } from "./interp.ts";
import { fieldNames, fieldValue, findField } from "./objects.ts";
import { toStr } from "./output.ts";
import { type Env, JArray, JObject, typeName, type Value } from "./value.ts";

export function unary(op: string, v: Value, pos: Position): Value {
  switch (op) {
    case "-":
      if (typeof v !== "number") fail(`unary - needs a number, got ${typeName(v)}`, pos);
      return -v;
    case "+":
      if (typeof v !== "number") fail(`unary + needs a number, got ${typeName(v)}`, pos);
      return v;
    case "!":
      if (typeof v !== "boolean") fail(`! needs a boolean, got ${typeName(v)}`, pos);
      return !v;
    case "~":
      if (typeof v !== "number") fail(`~ needs a number, got ${typeName(v)}`, pos);
      if (!Number.isSafeInteger(Math.trunc(v)))
        fail("numeric value outside safe integer range for bitwise operation", pos);
      return Number(~BigInt(Math.trunc(v)));
  }
  return fail(`unknown unary operator ${op}`, pos);
}

/** A binary node: `&&` and `||` short-circuit, every other operator evaluates both sides. */
export function binary(it: Interpreter, node: Extract<Node, { t: "binary" }>, env: Env): Value {
  const op = node.op;
  if (op === "&&" || op === "||") {
    const l = it.eval(node.left, env);
    if (typeof l !== "boolean") fail(`${op} needs booleans, got ${typeName(l)}`, node.pos);
    if (op === "&&" ? !l : l) return l;
    const r = it.eval(node.right, env);
    if (typeof r !== "boolean") fail(`${op} needs booleans, got ${typeName(r)}`, node.pos);
    return r;
  }
  const l = it.eval(node.left, env);
  const r = it.eval(node.right, env);
  return binaryValues(it, op, l, r, node.pos);
}

function binaryValues(it: Interpreter, op: string, l: Value, r: Value, pos: Position): Value {
  switch (op) {
    case "+":
      return plus(it, l, r, pos);
    case "==":
      return equals(it, l, r, pos);
    case "!=":
      return !equals(it, l, r, pos);
    case "<":
      return compare(l, r, pos) < 0;
    case "<=":
      return compare(l, r, pos) <= 0;
    case ">":
      return compare(l, r, pos) > 0;
    case ">=":
      return compare(l, r, pos) >= 0;
    case "in":
      if (typeof l !== "string") fail(`the left side of in must be a string, got ${typeName(l)}`, pos);
      if (!(r instanceof JObject)) fail(`the right side of in must be an object, got ${typeName(r)}`, pos);
      return findField(r, l) >= 0;
    case "%":
      if (typeof l === "string") return it.format(l, r, pos);
      break;
  }
  if (typeof l !== "number" || typeof r !== "number")
    fail(`operator ${op} needs numbers, got ${typeName(l)} and ${typeName(r)}`, pos);
  let v: number;
  switch (op) {
    case "-":
      v = l - r;
      break;
    case "*":
      v = l * r;
      break;
    case "/":
      if (r === 0) fail("division by zero", pos);
      v = l / r;
      break;
    case "%":
      if (r === 0) fail("division by zero", pos);
      v = l % r;
      break;
    case "<<":
    case ">>":
    case "&":
    case "|":
    case "^": {
      if (!Number.isSafeInteger(Math.trunc(l)) || !Number.isSafeInteger(Math.trunc(r)))
        fail("numeric value outside safe integer range for bitwise operation", pos);
      const a = BigInt(Math.trunc(l));
      const b = BigInt(Math.trunc(r));
      if ((op === "<<" || op === ">>") && b < 0n) fail("shift by a negative exponent", pos);
      const res =
        op === "<<" ? a << (b % 64n) : op === ">>" ? a >> (b % 64n) : op === "&" ? a & b : op === "|" ? a | b : a ^ b;
      if (res !== BigInt.asIntN(64, res)) fail("bitwise operation result exceeds the 64-bit integer range", pos);
      v = Number(res);
      break;
    }
    default:
      return fail(`unknown operator ${op}`, pos);
  }
  if (!Number.isFinite(v)) fail(`the result of ${op} is not a finite number`, pos);
  return v;
}

export function plus(it: Interpreter, l: Value, r: Value, pos: Position | null): Value {
  if (typeof l === "string" || typeof r === "string") {
    const s = toStr(it, l, pos) + toStr(it, r, pos);
    return it.checkString(s, pos);
  }
  if (typeof l === "number" && typeof r === "number") {
    const v = l + r;
    if (!Number.isFinite(v)) fail("the result of + is not a finite number", pos);
    return v;
  }
  if (l instanceof JArray && r instanceof JArray) {
    it.checkArray(l.length + r.length, pos);
    return new JArray([...l.items, ...r.items]);
  }
  if (l instanceof JObject && r instanceof JObject) return new JObject([...l.layers, ...r.layers]);
  return fail(`can't add ${typeName(l)} and ${typeName(r)}`, pos);
}

export function equals(it: Interpreter, a: Value, b: Value, pos: Position | null): boolean {
  if (a === b) return true;
  const ta = typeName(a);
  if (ta !== typeName(b)) return false;
  if (a instanceof JArray && b instanceof JArray) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equals(it, a.at(i), b.at(i), pos)) return false;
    return true;
  }
  if (a instanceof JObject && b instanceof JObject) {
    const fa = fieldNames(a);
    const fb = fieldNames(b);
    if (fa.length !== fb.length || fa.some((f, i) => f !== fb[i])) return false;
    return fa.every((f) =>
      equals(it, fieldValue(it, a, f, a.layers.length, pos), fieldValue(it, b, f, b.layers.length, pos), pos),
    );
  }
  if (ta === "function") fail("cannot test equality of functions", pos);
  return false;
}

export function compare(a: Value, b: Value, pos: Position | null): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  if (a instanceof JArray && b instanceof JArray) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = compare(a.at(i), b.at(i), pos);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  return fail(`can't compare ${typeName(a)} and ${typeName(b)}`, pos);
}

/** Compare by Unicode code point (not UTF-16 unit), as Jsonnet orders strings. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i) as number;
    const cb = b.codePointAt(i) as number;
    if (ca !== cb) return ca - cb;
    if (ca > 0xffff) i++;
  }
  return a.length - b.length;
}
