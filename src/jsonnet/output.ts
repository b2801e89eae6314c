// Values as JSON: the text form (std.toString, string `+`, std.manifestJson*) and the plain
// JavaScript form handed back to the caller. Both force every visible field and check asserts.
import { fail, type Position } from "./errors.ts";
import type { Interpreter } from "./interp.ts";
import { renderNumber } from "./numbers.ts";
import { checkAsserts, fieldNames, fieldValue } from "./objects.ts";
import { isFunction, JArray, type JObject, type Value } from "./value.ts";

export function toStr(it: Interpreter, v: Value, pos: Position | null): string {
  return typeof v === "string" ? v : manifestJson(it, v, "", pos, true);
}

/**
 * JSON text of a value. `indent` "" gives the compact single-line form used by std.toString
 * (`{"a": 1}`), a non-empty indent the multi-line form of std.manifestJsonEx.
 */
export function manifestJson(
  it: Interpreter,
  v: Value,
  indent: string,
  pos: Position | null,
  compact = false,
  newline = "\n",
  keySep = ": ",
  cur = "",
): string {
  if (v === null) return "null";
  if (v === true) return "true";
  if (v === false) return "false";
  if (typeof v === "number") return renderNumber(v);
  if (typeof v === "string") return escapeJson(v);
  if (isFunction(v)) fail("couldn't manifest function as JSON", pos);
  const next = cur + indent;
  if (v instanceof JArray) {
    if (v.length === 0) return compact ? "[ ]" : `[${newline}${newline}${cur}]`;
    const parts = v.items.map((t) => manifestJson(it, t.get(), indent, pos, compact, newline, keySep, next));
    if (compact) return `[${parts.join(", ")}]`;
    return `[${newline}${parts.map((p) => next + p).join(`,${newline}`)}${newline}${cur}]`;
  }
  const obj = v as JObject;
  checkAsserts(it, obj, pos);
  const names = fieldNames(obj);
  if (names.length === 0) return compact ? "{ }" : `{${newline}${newline}${cur}}`;
  const parts = names.map(
    (n) =>
      `${escapeJson(n)}${keySep}${manifestJson(it, fieldValue(it, obj, n, obj.layers.length, pos), indent, pos, compact, newline, keySep, next)}`,
  );
  if (compact) return `{${parts.join(", ")}}`;
  return `{${newline}${parts.map((p) => next + p).join(`,${newline}`)}${newline}${cur}}`;
}

/** Fully evaluate to plain JSON (visible fields only). */
export function toPlain(it: Interpreter, v: Value, pos: Position | null): unknown {
  if (v === null || typeof v !== "object") return v;
  if (isFunction(v)) fail("couldn't manifest function as JSON", pos);
  if (v instanceof JArray) return v.items.map((t) => toPlain(it, t.get(), pos));
  checkAsserts(it, v, pos);
  const out: Record<string, unknown> = {};
  for (const n of fieldNames(v)) out[n] = toPlain(it, fieldValue(it, v, n, v.layers.length, pos), pos);
  return out;
}

export function escapeJson(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}
