// Standard library family (registered in ../std.ts).
// Equality and comparison, assertEqual, trace, external variables and native functions.
import { fail } from "../errors.ts";
import { compare, equals } from "../operators.ts";
import { toPlain, toStr } from "../output.ts";
import { type NativeFunction, type Thunk, typeName, type Value } from "../value.ts";
import type { StdKit } from "./kit.ts";

export function misc(k: StdKit): void {
  const { interp, options, def, err, str, fromPlain } = k;
  def("equals", ["a", "b"], ([a, b], pos) => equals(interp, a as Value, b as Value, pos));
  def("primitiveEquals", ["a", "b"], ([a, b], pos) => {
    if (typeName(a as Value) !== typeName(b as Value)) return false;
    if (typeof a === "object" && a !== null) err("primitiveEquals", `cannot compare ${typeName(a)}`, pos);
    return a === b;
  });
  def("__compare", ["v1", "v2"], ([a, b], pos) => compare(a as Value, b as Value, pos));
  def("id", ["x"], ([x]) => x as Value);
  def("assertEqual", ["a", "b"], ([a, b], pos) =>
    equals(interp, a as Value, b as Value, pos)
      ? true
      : err(
          "assertEqual",
          `Assertion failed. ${toStr(interp, a as Value, pos)} != ${toStr(interp, b as Value, pos)}`,
          pos,
        ),
  );
  def("trace", ["str", "rest"], ([s, r], pos) => {
    const line = `TRACE: ${pos ? `${pos.file}:${pos.line}` : ""} ${str("trace", s as Value, pos)}`;
    if (options.trace) options.trace(line);
    else process.stderr.write(`${line}\n`);
    return r as Value;
  });
  def("extVar", ["x"], ([x], pos) => {
    const name = str("extVar", x as Value, pos);
    const t = options.extVars[name];
    if (!t) err("extVar", `undefined external variable: ${name}`, pos);
    return (t as Thunk).get();
  });
  def("native", ["x"], ([x], pos) => {
    const name = str("native", x as Value, pos);
    const cb = options.natives[name];
    if (!cb) return null;
    const wrapped: NativeFunction = {
      kind: "native",
      name: `native('${name}')`,
      params: Array.from({ length: cb.length }, (_, i) => `arg${i}`),
      impl: (args, p) => {
        const plainArgs = args.map((a) => toPlain(interp, a.get(), p));
        let out: unknown;
        try {
          out = cb(...plainArgs);
        } catch (e) {
          return fail((e as Error).message, p);
        }
        return fromPlain(out);
      },
    };
    return wrapped;
  });
}
