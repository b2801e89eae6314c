// Standard library family (registered in ../std.ts).
// Arrays: construction, higher-order functions, folds, searching, joining, flattening, slicing.
import type { Position } from "../errors.ts";
import { sliceValue } from "../indexing.ts";
import { compare, equals } from "../operators.ts";
import { arrayOf, JArray, Lazy, type Thunk, type Value } from "../value.ts";
import type { StdKit } from "./kit.ts";

export function arrays(k: StdKit): void {
  const { interp, def, register, err, str, num, int, arr, fn, bool, call, values, strOrArrayItems } = k;
  def("makeArray", ["sz", "func"], ([sz, f], pos) => {
    const n = int("makeArray", sz as Value, pos);
    if (n < 0) err("makeArray", `size must be non-negative, got ${n}`, pos);
    interp.checkArray(n, pos);
    const func = fn("makeArray", f as Value, pos);
    return new JArray(Array.from({ length: n }, (_, i) => new Lazy(() => call(func, [i], pos))));
  });
  def("range", ["from", "to"], ([a, b], pos) => {
    const from = int("range", a as Value, pos);
    const to = int("range", b as Value, pos);
    interp.checkArray(to - from + 1, pos);
    return arrayOf(to < from ? [] : Array.from({ length: to - from + 1 }, (_, i) => from + i));
  });
  def("map", ["func", "arr"], ([f, a], pos) => {
    const func = fn("map", f as Value, pos);
    return new JArray(strOrArrayItems("map", a as Value, pos).map((x) => new Lazy(() => call(func, [x], pos))));
  });
  def("mapWithIndex", ["func", "arr"], ([f, a], pos) => {
    const func = fn("mapWithIndex", f as Value, pos);
    return new JArray(
      strOrArrayItems("mapWithIndex", a as Value, pos).map((x, i) => new Lazy(() => call(func, [i, x], pos))),
    );
  });
  def("filter", ["func", "arr"], ([f, a], pos) => {
    const func = fn("filter", f as Value, pos);
    const items = arr("filter", a as Value, pos).items;
    return new JArray(items.filter((t) => bool("filter", call(func, [t.get()], pos), pos)));
  });
  def("filterMap", ["filter_func", "map_func", "arr"], ([f, m, a], pos) => {
    const ff = fn("filterMap", f as Value, pos);
    const mf = fn("filterMap", m as Value, pos);
    return new JArray(
      values(arr("filterMap", a as Value, pos))
        .filter((x) => bool("filterMap", call(ff, [x], pos), pos))
        .map((x) => new Lazy(() => call(mf, [x], pos))),
    );
  });
  def("flatMap", ["func", "arr"], ([f, a], pos) => {
    const func = fn("flatMap", f as Value, pos);
    if (typeof a === "string")
      return Array.from(a)
        .map((c) => str("flatMap", call(func, [c], pos), pos))
        .join("");
    const out: Thunk[] = [];
    for (const x of values(arr("flatMap", a as Value, pos))) {
      const r = call(func, [x], pos);
      if (r === null) continue;
      out.push(...arr("flatMap", r, pos).items);
    }
    return new JArray(out);
  });
  def("foldl", ["func", "arr", "init"], ([f, a, init], pos) => {
    const func = fn("foldl", f as Value, pos);
    let acc = init as Value;
    for (const x of strOrArrayItems("foldl", a as Value, pos)) acc = call(func, [acc, x], pos);
    return acc;
  });
  def("foldr", ["func", "arr", "init"], ([f, a, init], pos) => {
    const func = fn("foldr", f as Value, pos);
    let acc = init as Value;
    const items = strOrArrayItems("foldr", a as Value, pos);
    for (let i = items.length - 1; i >= 0; i--) acc = call(func, [items[i] as Value, acc], pos);
    return acc;
  });
  def("member", ["arr", "x"], ([a, x], pos) => {
    if (typeof a === "string") return a.includes(str("member", x as Value, pos));
    return values(arr("member", a as Value, pos)).some((v) => equals(interp, v, x as Value, pos));
  });
  def("contains", ["arr", "elem"], ([a, x], pos) =>
    values(arr("contains", a as Value, pos)).some((v) => equals(interp, v, x as Value, pos)),
  );
  def(
    "count",
    ["arr", "x"],
    ([a, x], pos) => values(arr("count", a as Value, pos)).filter((v) => equals(interp, v, x as Value, pos)).length,
  );
  def("find", ["value", "arr"], ([x, a], pos) =>
    arrayOf(values(arr("find", a as Value, pos)).flatMap((v, i) => (equals(interp, v, x as Value, pos) ? [i] : []))),
  );
  def("all", ["arr"], ([a], pos) => values(arr("all", a as Value, pos)).every((v) => bool("all", v, pos)));
  def("any", ["arr"], ([a], pos) => values(arr("any", a as Value, pos)).some((v) => bool("any", v, pos)));
  def("sum", ["arr"], ([a], pos) =>
    values(arr("sum", a as Value, pos)).reduce<number>((s, v) => s + num("sum", v, pos), 0),
  );
  def("avg", ["arr"], ([a], pos) => {
    const xs = values(arr("avg", a as Value, pos));
    if (!xs.length) err("avg", "cannot average an empty array", pos);
    return xs.reduce<number>((s, v) => s + num("avg", v, pos), 0) / xs.length;
  });
  // `onEmpty` defaults to "no value": an empty array is then an error.
  const extreme =
    (name: string, sign: number) =>
    ([a, k, onEmpty]: Array<Value | undefined>, pos: Position | null) => {
      const xs = values(arr(name, a as Value, pos));
      if (!xs.length) return onEmpty !== undefined ? (onEmpty as Value) : err(name, "expected a non-empty array", pos);
      const keyF = k as Value;
      let best = xs[0] as Value;
      let bestKey = keyF === null ? best : call(keyF, [best], pos);
      for (const x of xs.slice(1)) {
        const key = keyF === null ? x : call(keyF, [x], pos);
        if (compare(key, bestKey, pos) * sign > 0) {
          best = x;
          bestKey = key;
        }
      }
      return best;
    };
  register({
    kind: "native",
    name: "minArray",
    params: ["arr", "keyF", "onEmpty"],
    defaults: { keyF: null, onEmpty: undefined as unknown as Value },
    impl: (args, pos) =>
      extreme("minArray", -1)(
        args.map((a) => a.get()),
        pos,
      ),
  });
  register({
    kind: "native",
    name: "maxArray",
    params: ["arr", "keyF", "onEmpty"],
    defaults: { keyF: null, onEmpty: undefined as unknown as Value },
    impl: (args, pos) =>
      extreme("maxArray", 1)(
        args.map((a) => a.get()),
        pos,
      ),
  });
  def("reverse", ["arr"], ([a], pos) => new JArray([...arr("reverse", a as Value, pos).items].reverse()));
  def("join", ["sep", "arr"], ([sep, a], pos) => {
    const xs = values(arr("join", a as Value, pos)).filter((x) => x !== null);
    if (typeof sep === "string") return interp.checkString(xs.map((x) => str("join", x, pos)).join(sep), pos);
    const s = arr("join", sep as Value, pos);
    const out: Thunk[] = [];
    xs.forEach((x, i) => {
      if (i > 0) out.push(...s.items);
      out.push(...arr("join", x, pos).items);
    });
    return new JArray(out);
  });
  const deepJoin = (v: Value, pos: Position | null): string =>
    typeof v === "string"
      ? v
      : values(arr("deepJoin", v, pos))
          .map((x) => deepJoin(x, pos))
          .join("");
  def("deepJoin", ["arr"], ([a], pos) => deepJoin(a as Value, pos));
  def(
    "flattenArrays",
    ["arrs"],
    ([a], pos) =>
      new JArray(
        values(arr("flattenArrays", a as Value, pos)).flatMap((x) =>
          x === null ? [] : arr("flattenArrays", x, pos).items,
        ),
      ),
  );
  const deepFlatten = (v: Value): Value[] => (v instanceof JArray ? values(v).flatMap(deepFlatten) : [v]);
  def("flattenDeepArray", ["value"], ([v]) => arrayOf(deepFlatten(v as Value)));
  def("repeat", ["what", "count"], ([w, c], pos) => {
    const n = int("repeat", c as Value, pos);
    if (n < 0) err("repeat", "count must be non-negative", pos);
    if (typeof w === "string") {
      // Refuse before building: a huge count would exhaust memory inside String.prototype.repeat.
      interp.checkStringLength(w.length * n, pos);
      return interp.checkString(w.repeat(n), pos);
    }
    const a = arr("repeat", w as Value, pos);
    interp.checkArray(a.length * n, pos);
    return new JArray(Array.from({ length: n }, () => a.items).flat());
  });
  def("slice", ["indexable", "index", "end", "step"], ([x, s, e, st], pos) =>
    sliceValue(x as Value, s as number | null, e as number | null, st as number | null, pos),
  );
  def(
    "removeAt",
    ["arr", "at"],
    ([a, at], pos) =>
      new JArray(arr("removeAt", a as Value, pos).items.filter((_, i) => i !== int("removeAt", at as Value, pos))),
  );
  def("remove", ["arr", "elem"], ([a, e], pos) => {
    const items = arr("remove", a as Value, pos).items;
    const i = items.findIndex((t) => equals(interp, t.get(), e as Value, pos));
    return new JArray(i < 0 ? items : items.filter((_, j) => j !== i));
  });
  def("lines", ["arr"], ([a], pos) =>
    values(arr("lines", a as Value, pos))
      .filter((x) => x !== null)
      .map((x) => `${str("lines", x, pos)}\n`)
      .join(""),
  );
}
