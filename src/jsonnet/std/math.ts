// Standard library family (registered in ../std.ts).
// Numbers: the math functions, min/max/clamp, mod, parity, boolean xor/xnor.
import type { Value } from "../value.ts";
import type { StdKit } from "./kit.ts";

export function math(k: StdKit): void {
  const { interp, def, err, num, bool, finite } = k;
  const math1 = (name: string, f: (x: number) => number) =>
    def(name, ["x"], ([x], pos) => finite(name, f(num(name, x as Value, pos)), pos));
  math1("abs", Math.abs);
  math1("sign", (x) => (x > 0 ? 1 : x < 0 ? -1 : 0));
  math1("exp", Math.exp);
  math1("log", (x) => (x <= 0 ? NaN : Math.log(x)));
  math1("log2", Math.log2);
  math1("log10", Math.log10);
  math1("sqrt", Math.sqrt);
  math1("floor", Math.floor);
  math1("ceil", Math.ceil);
  math1("round", (x) => (x < 0 ? -Math.round(-x) : Math.round(x)));
  math1("trunc", Math.trunc);
  math1("sin", Math.sin);
  math1("cos", Math.cos);
  math1("tan", Math.tan);
  math1("asin", Math.asin);
  math1("acos", Math.acos);
  math1("atan", Math.atan);
  math1("deg2rad", (x) => (x * Math.PI) / 180);
  math1("rad2deg", (x) => (x * 180) / Math.PI);
  math1("mantissa", (x) => (x === 0 ? 0 : x / 2 ** (Math.floor(Math.log2(Math.abs(x))) + 1)));
  math1("exponent", (x) => (x === 0 ? 0 : Math.floor(Math.log2(Math.abs(x))) + 1));
  def("atan2", ["y", "x"], ([y, x], pos) => Math.atan2(num("atan2", y as Value, pos), num("atan2", x as Value, pos)));
  def("hypot", ["a", "b"], ([a, b], pos) => Math.hypot(num("hypot", a as Value, pos), num("hypot", b as Value, pos)));
  def("pow", ["x", "n"], ([x, n], pos) =>
    finite("pow", num("pow", x as Value, pos) ** num("pow", n as Value, pos), pos),
  );
  def("max", ["a", "b"], ([a, b], pos) => Math.max(num("max", a as Value, pos), num("max", b as Value, pos)));
  def("min", ["a", "b"], ([a, b], pos) => Math.min(num("min", a as Value, pos), num("min", b as Value, pos)));
  def("clamp", ["x", "minVal", "maxVal"], ([x, lo, hi], pos) =>
    Math.min(Math.max(num("clamp", x as Value, pos), num("clamp", lo as Value, pos)), num("clamp", hi as Value, pos)),
  );
  def("mod", ["a", "b"], ([a, b], pos) => {
    if (typeof a === "string") return interp.format(a, b as Value, pos);
    const x = num("mod", a as Value, pos);
    const y = num("mod", b as Value, pos);
    if (y === 0) err("mod", "division by zero", pos);
    return x % y;
  });
  def("modulo", ["a", "b"], ([a, b], pos) => {
    const y = num("modulo", b as Value, pos);
    if (y === 0) err("modulo", "division by zero", pos);
    return num("modulo", a as Value, pos) % y;
  });
  def("isEven", ["x"], ([x], pos) => Math.trunc(num("isEven", x as Value, pos)) % 2 === 0);
  def("isOdd", ["x"], ([x], pos) => Math.abs(Math.trunc(num("isOdd", x as Value, pos)) % 2) === 1);
  def("isInteger", ["x"], ([x], pos) => Number.isInteger(num("isInteger", x as Value, pos)));
  def("isDecimal", ["x"], ([x], pos) => !Number.isInteger(num("isDecimal", x as Value, pos)));
  def("xor", ["x", "y"], ([x, y], pos) => bool("xor", x as Value, pos) !== bool("xor", y as Value, pos));
  def("xnor", ["x", "y"], ([x, y], pos) => bool("xnor", x as Value, pos) === bool("xnor", y as Value, pos));
}
