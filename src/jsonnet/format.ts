// std.format / the `%` operator: Python-style %-formatting as the Jsonnet reference defines it.
import { JsonnetError, type Position } from "./errors.ts";
import { formatG } from "./numbers.ts";
import { JArray, JObject, type Value } from "./value.ts";

export interface FormatHost {
  toStr(v: Value, pos: Position | null): string;
  fieldValue(o: JObject, name: string, upTo: number, pos: Position | null): Value;
  findField(o: JObject, name: string): number;
}

interface Spec {
  key: string | null;
  flags: string;
  width: number | "*" | null;
  precision: number | "*" | null;
  conv: string;
}

function parseFormat(fmt: string, pos: Position | null): Array<string | Spec> {
  const out: Array<string | Spec> = [];
  let i = 0;
  let lit = "";
  while (i < fmt.length) {
    const c = fmt[i] as string;
    if (c !== "%") {
      lit += c;
      i++;
      continue;
    }
    i++;
    if (lit) out.push(lit);
    lit = "";
    let key: string | null = null;
    if (fmt[i] === "(") {
      const end = fmt.indexOf(")", i);
      if (end === -1) throw new JsonnetError(`format: unterminated mapping key in ${JSON.stringify(fmt)}`, pos);
      key = fmt.slice(i + 1, end);
      i = end + 1;
    }
    let flags = "";
    while ("#0- +".includes(fmt[i] ?? "x")) flags += fmt[i++];
    let width: number | "*" | null = null;
    if (fmt[i] === "*") {
      width = "*";
      i++;
    } else {
      const m = /^\d+/.exec(fmt.slice(i));
      if (m) {
        width = Number(m[0]);
        i += m[0].length;
      }
    }
    let precision: number | "*" | null = null;
    if (fmt[i] === ".") {
      i++;
      if (fmt[i] === "*") {
        precision = "*";
        i++;
      } else {
        const m = /^\d*/.exec(fmt.slice(i)) as RegExpExecArray;
        precision = Number(m[0] || "0");
        i += m[0].length;
      }
    }
    while ("hlL".includes(fmt[i] ?? "x")) i++;
    const conv = fmt[i];
    if (conv === undefined) throw new JsonnetError("format: truncated format code", pos);
    if (!"diouxXeEfFgGcrs%".includes(conv))
      throw new JsonnetError(`format: unrecognised conversion type: ${conv}`, pos);
    i++;
    out.push({ key, flags, width, precision, conv });
  }
  if (lit) out.push(lit);
  return out;
}

function pad(body: string, sign: string, spec: Spec, width: number, numeric: boolean): string {
  const left = spec.flags.includes("-");
  const zero = numeric && spec.flags.includes("0") && !left;
  const len = sign.length + body.length;
  if (len >= width) return sign + body;
  if (left) return sign + body + " ".repeat(width - len);
  if (zero) return sign + "0".repeat(width - len) + body;
  return " ".repeat(width - len) + sign + body;
}

function signOf(v: number, flags: string): string {
  if (v < 0 || Object.is(v, -0)) return "-";
  if (flags.includes("+")) return "+";
  if (flags.includes(" ")) return " ";
  return "";
}

function expForm(v: number, precision: number, upper: boolean, alt: boolean): string {
  let [m, e] = v.toExponential(precision).split("e") as [string, string];
  if (alt && !m.includes(".")) m += ".";
  const n = Number(e);
  const s = `${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
  return upper ? s.toUpperCase() : s;
}

function renderOne(
  spec: Spec,
  v: Value,
  width: number,
  precision: number | null,
  host: FormatHost,
  pos: Position | null,
): string {
  const needNum = (): number => {
    if (typeof v !== "number")
      throw new JsonnetError(
        `format error: ${spec.conv} expected number, got ${v === null ? "null" : typeof v === "object" ? (v instanceof JArray ? "array" : "object") : typeof v}`,
        pos,
      );
    return v;
  };
  const alt = spec.flags.includes("#");
  switch (spec.conv) {
    case "d":
    case "i":
    case "u": {
      const t = Math.trunc(needNum());
      let digits = Number.isSafeInteger(t) ? Math.abs(t).toString() : BigInt(Math.abs(t)).toString();
      if (precision !== null) digits = digits.padStart(precision, "0");
      return pad(digits, t < 0 ? "-" : signOf(Math.abs(t), spec.flags), spec, width, true);
    }
    case "o":
    case "x":
    case "X": {
      const n = Math.trunc(needNum());
      const base = spec.conv === "o" ? 8 : 16;
      let digits = Math.abs(n).toString(base);
      if (spec.conv === "X") digits = digits.toUpperCase();
      if (precision !== null) digits = digits.padStart(precision, "0");
      const prefix = alt
        ? spec.conv === "o"
          ? digits.startsWith("0")
            ? ""
            : "0"
          : spec.conv === "x"
            ? "0x"
            : "0X"
        : "";
      return pad(digits, (n < 0 ? "-" : signOf(Math.abs(n), spec.flags)) + prefix, spec, width, true);
    }
    case "e":
    case "E": {
      const n = needNum();
      return pad(
        expForm(Math.abs(n), precision ?? 6, spec.conv === "E", alt),
        signOf(n, spec.flags),
        spec,
        width,
        true,
      );
    }
    case "f":
    case "F": {
      const n = needNum();
      let body = Math.abs(n).toFixed(precision ?? 6);
      if (alt && !body.includes(".")) body += ".";
      return pad(body, signOf(n, spec.flags), spec, width, true);
    }
    case "g":
    case "G": {
      const n = needNum();
      let body = formatG(Math.abs(n), precision ?? 6, alt);
      if (spec.conv === "G") body = body.toUpperCase();
      return pad(body, signOf(n, spec.flags), spec, width, true);
    }
    case "c": {
      if (typeof v === "number") return pad(String.fromCodePoint(v), "", spec, width, false);
      if (typeof v === "string" && Array.from(v).length === 1) return pad(v, "", spec, width, false);
      throw new JsonnetError(`format error: %c expected number or a single-character string`, pos);
    }
    case "s":
    case "r": {
      let s = host.toStr(v, pos);
      if (precision !== null) s = Array.from(s).slice(0, precision).join("");
      return pad(s, "", spec, width, false);
    }
  }
  return "";
}

export function format(fmt: string, vals: Value, host: FormatHost, pos: Position | null): string {
  const codes = parseFormat(fmt, pos);
  let out = "";
  if (vals instanceof JObject && codes.some((c) => typeof c !== "string" && c.key !== null)) {
    for (const c of codes) {
      if (typeof c === "string") {
        out += c;
        continue;
      }
      if (c.conv === "%") {
        out += "%";
        continue;
      }
      if (c.key === null) throw new JsonnetError("format: mapping keys required when formatting with an object", pos);
      if (c.width === "*" || c.precision === "*")
        throw new JsonnetError("format: * cannot be used with mapping keys", pos);
      if (host.findField(vals, c.key) < 0) throw new JsonnetError(`format: no such field: ${c.key}`, pos);
      out += renderOne(c, host.fieldValue(vals, c.key, vals.layers.length, pos), c.width ?? 0, c.precision, host, pos);
    }
    return out;
  }
  const list: Value[] = vals instanceof JArray ? vals.items.map((t) => t.get()) : [vals];
  let j = 0;
  const take = (): Value => {
    if (j >= list.length) throw new JsonnetError(`Not enough values to format, got ${list.length}`, pos);
    return list[j++] as Value;
  };
  for (const c of codes) {
    if (typeof c === "string") {
      out += c;
      continue;
    }
    if (c.conv === "%") {
      out += pad("%", "", c, typeof c.width === "number" ? c.width : 0, false);
      continue;
    }
    let width = 0;
    if (c.width === "*") {
      const w = take();
      if (typeof w !== "number") throw new JsonnetError("format: * width must be a number", pos);
      width = w;
    } else width = c.width ?? 0;
    let precision: number | null = null;
    if (c.precision === "*") {
      const p = take();
      if (typeof p !== "number") throw new JsonnetError("format: * precision must be a number", pos);
      precision = p;
    } else precision = c.precision;
    out += renderOne(c, take(), width, precision, host, pos);
  }
  if (j < list.length) throw new JsonnetError(`Too many values to format: ${list.length}, expected ${j}`, pos);
  return out;
}
