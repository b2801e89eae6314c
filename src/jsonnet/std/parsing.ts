// Standard library family (registered in ../std.ts).
// Parsing text into values: integers in bases 10/8/16, JSON, YAML.
import { JsonnetError, type Position } from "../errors.ts";
import type { Value } from "../value.ts";
import { parseYaml } from "../yaml.ts";
import type { StdKit } from "./kit.ts";

export function parsing(k: StdKit): void {
  const { def, err, str, fromPlain } = k;
  const parseBase =
    (name: string, re: RegExp, base: number) =>
    ([s]: Value[], pos: Position | null) => {
      const text = str(name, s as Value, pos);
      if (!re.test(text)) err(name, `${JSON.stringify(text)} is not a valid number in base ${base}`, pos);
      const neg = text.startsWith("-");
      const digits = neg ? text.slice(1) : text;
      let v = 0;
      for (const c of digits) v = v * base + parseInt(c, base);
      return neg ? -v : v;
    };
  def("parseInt", ["str"], parseBase("parseInt", /^-?[0-9]+$/, 10));
  def("parseOctal", ["str"], parseBase("parseOctal", /^[0-7]+$/, 8));
  def("parseHex", ["str"], parseBase("parseHex", /^[0-9a-fA-F]+$/, 16));
  def("parseJson", ["str"], ([s], pos) => {
    try {
      return fromPlain(JSON.parse(str("parseJson", s as Value, pos)));
    } catch (e) {
      if (e instanceof JsonnetError) throw e;
      return err("parseJson", `invalid JSON: ${(e as Error).message}`, pos);
    }
  });
  def("parseYaml", ["str"], ([s], pos) => {
    const r = parseYaml(str("parseYaml", s as Value, pos));
    if (!r.ok) err("parseYaml", r.error, pos);
    return fromPlain((r as { value: unknown }).value);
  });
}
