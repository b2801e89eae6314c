// Standard library family (registered in ../std.ts).
// Strings: characters and code points, searching, splitting, replacing, case, escaping, stripping.
import { fail } from "../errors.ts";
import { escapeJson, toStr } from "../output.ts";
import { arrayOf, type Value } from "../value.ts";
import type { StdKit } from "./kit.ts";

export function strings(k: StdKit): void {
  const { interp, def, err, str, int } = k;
  def("toString", ["a"], ([a], pos) => toStr(interp, a as Value, pos));
  def("codepoint", ["str"], ([s], pos) => {
    const chars = Array.from(str("codepoint", s as Value, pos));
    if (chars.length !== 1) err("codepoint", `expected a single character, got ${chars.length}`, pos);
    return (chars[0] as string).codePointAt(0) as number;
  });
  def("char", ["n"], ([n], pos) => {
    const c = int("char", n as Value, pos);
    if (c < 0 || c > 0x10ffff) err("char", `invalid code point ${c}`, pos);
    return String.fromCodePoint(c);
  });
  def("substr", ["str", "from", "len"], ([s, f, l], pos) => {
    const chars = Array.from(str("substr", s as Value, pos));
    const from = int("substr", f as Value, pos);
    const len = int("substr", l as Value, pos);
    if (from < 0 || len < 0) err("substr", "from and len must be non-negative", pos);
    return chars.slice(from, from + len).join("");
  });
  def("findSubstr", ["pat", "str"], ([p, s], pos) => {
    const pat = Array.from(str("findSubstr", p as Value, pos));
    const hay = Array.from(str("findSubstr", s as Value, pos));
    const out: number[] = [];
    if (pat.length === 0) return arrayOf([]);
    for (let i = 0; i + pat.length <= hay.length; i++) if (pat.every((c, j) => hay[i + j] === c)) out.push(i);
    return arrayOf(out);
  });
  def("startsWith", ["a", "b"], ([a, b], pos) =>
    str("startsWith", a as Value, pos).startsWith(str("startsWith", b as Value, pos)),
  );
  def("endsWith", ["a", "b"], ([a, b], pos) =>
    str("endsWith", a as Value, pos).endsWith(str("endsWith", b as Value, pos)),
  );
  const splitLimit = (s: string, sep: string, max: number, fromRight: boolean): string[] => {
    if (sep === "") fail("std.split: separator cannot be empty", null);
    const parts = s.split(sep);
    if (max < 0 || parts.length <= max + 1) return parts;
    return fromRight
      ? [parts.slice(0, parts.length - max).join(sep), ...parts.slice(parts.length - max)]
      : [...parts.slice(0, max), parts.slice(max).join(sep)];
  };
  def("split", ["str", "c"], ([s, c], pos) =>
    arrayOf(splitLimit(str("split", s as Value, pos), str("split", c as Value, pos), -1, false)),
  );
  def("splitLimit", ["str", "c", "maxsplits"], ([s, c, m], pos) =>
    arrayOf(
      splitLimit(
        str("splitLimit", s as Value, pos),
        str("splitLimit", c as Value, pos),
        int("splitLimit", m as Value, pos),
        false,
      ),
    ),
  );
  def("splitLimitR", ["str", "c", "maxsplits"], ([s, c, m], pos) =>
    arrayOf(
      splitLimit(
        str("splitLimitR", s as Value, pos),
        str("splitLimitR", c as Value, pos),
        int("splitLimitR", m as Value, pos),
        true,
      ),
    ),
  );
  def("strReplace", ["str", "from", "to"], ([s, f, t], pos) => {
    const from = str("strReplace", f as Value, pos);
    if (from === "") err("strReplace", "'from' string must not be empty", pos);
    return interp.checkString(
      str("strReplace", s as Value, pos)
        .split(from)
        .join(str("strReplace", t as Value, pos)),
      pos,
    );
  });
  def("asciiUpper", ["str"], ([s], pos) =>
    str("asciiUpper", s as Value, pos).replace(/[a-z]/g, (c) => c.toUpperCase()),
  );
  def("asciiLower", ["str"], ([s], pos) =>
    str("asciiLower", s as Value, pos).replace(/[A-Z]/g, (c) => c.toLowerCase()),
  );
  def("stringChars", ["str"], ([s], pos) => arrayOf(Array.from(str("stringChars", s as Value, pos))));
  def("format", ["str", "vals"], ([s, v], pos) => interp.format(str("format", s as Value, pos), v as Value, pos));
  def("escapeStringJson", ["str_"], ([s], pos) => escapeJson(toStr(interp, s as Value, pos)));
  def("escapeStringPython", ["str"], ([s], pos) => escapeJson(toStr(interp, s as Value, pos)));
  def("escapeStringBash", ["str_"], ([s], pos) => `'${toStr(interp, s as Value, pos).replaceAll("'", () => `'"'"'`)}'`);
  def("escapeStringDollars", ["str_"], ([s], pos) => toStr(interp, s as Value, pos).replaceAll("$", () => "$$"));
  def("escapeStringXml", ["str_"], ([s], pos) => escapeXml(toStr(interp, s as Value, pos)));
  def("escapeStringXML", ["str_"], ([s], pos) => escapeXml(toStr(interp, s as Value, pos)));
  const strip = (s: string, chars: string, left: boolean, right: boolean) => {
    const set = new Set(Array.from(chars));
    const cs = Array.from(s);
    let a = 0;
    let b = cs.length;
    if (left) while (a < b && set.has(cs[a] as string)) a++;
    if (right) while (b > a && set.has(cs[b - 1] as string)) b--;
    return cs.slice(a, b).join("");
  };
  def("stripChars", ["str", "chars"], ([s, c], pos) =>
    strip(str("stripChars", s as Value, pos), str("stripChars", c as Value, pos), true, true),
  );
  def("lstripChars", ["str", "chars"], ([s, c], pos) =>
    strip(str("lstripChars", s as Value, pos), str("lstripChars", c as Value, pos), true, false),
  );
  def("rstripChars", ["str", "chars"], ([s, c], pos) =>
    strip(str("rstripChars", s as Value, pos), str("rstripChars", c as Value, pos), false, true),
  );
  def("trim", ["str"], ([s], pos) => strip(str("trim", s as Value, pos), " \t\n\f\r\u0085\u00a0", true, true));
  def(
    "equalsIgnoreCase",
    ["str1", "str2"],
    ([a, b], pos) =>
      str("equalsIgnoreCase", a as Value, pos).replace(/[A-Z]/g, (c) => c.toLowerCase()) ===
      str("equalsIgnoreCase", b as Value, pos).replace(/[A-Z]/g, (c) => c.toLowerCase()),
  );
  def("isEmpty", ["str"], ([s], pos) => str("isEmpty", s as Value, pos).length === 0);
}

function escapeXml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] as string,
  );
}
