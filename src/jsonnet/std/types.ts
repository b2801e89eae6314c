// Standard library family (registered in ../std.ts).
// Type predicates and std.length.
import { fieldNames } from "../objects.ts";
import { isFunction, JArray, type JFunction, JObject, type NativeFunction, typeName, type Value } from "../value.ts";
import type { StdKit } from "./kit.ts";

export function types(k: StdKit): void {
  const { def, err } = k;
  def("type", ["x"], ([x]) => typeName(x as Value));
  def("isNull", ["v"], ([v]) => v === null);
  for (const [n, t] of [
    ["isString", "string"],
    ["isNumber", "number"],
    ["isBoolean", "boolean"],
    ["isObject", "object"],
    ["isArray", "array"],
    ["isFunction", "function"],
  ] as const) {
    def(n, ["v"], ([v]) => typeName(v as Value) === t);
  }
  def("length", ["x"], ([x], pos) => {
    if (typeof x === "string") return Array.from(x).length;
    if (x instanceof JArray) return x.length;
    if (x instanceof JObject) return fieldNames(x).length;
    if (isFunction(x as Value))
      return (x as JFunction).kind === "user"
        ? (x as { params: unknown[] }).params.length
        : (x as NativeFunction).params.length;
    return err("length", `expected string, array, object or function, got ${typeName(x as Value)}`, pos);
  });
}
