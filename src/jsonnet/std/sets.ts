// Standard library family (registered in ../std.ts).
// Sorting, uniq and the sorted-set functions (all with an optional keyF).
import type { Position } from "../errors.ts";
import { compare, equals } from "../operators.ts";
import { arrayOf, type Value } from "../value.ts";
import type { StdKit } from "./kit.ts";

export function sets(k: StdKit): void {
  const { interp, def, arr, call, values, strOrArrayItems } = k;
  const sortBy = (xs: Value[], keyF: Value, pos: Position | null): Value[] => {
    const keyed = xs.map((x) => ({ x, k: keyF === null ? x : call(keyF, [x], pos) }));
    const merge = (list: typeof keyed): typeof keyed => {
      if (list.length <= 1) return list;
      const mid = list.length >> 1;
      const l = merge(list.slice(0, mid));
      const r = merge(list.slice(mid));
      const out: typeof keyed = [];
      let i = 0;
      let j = 0;
      while (i < l.length && j < r.length)
        out.push(
          compare((r[j] as { k: Value }).k, (l[i] as { k: Value }).k, pos) < 0
            ? (r[j++] as (typeof keyed)[0])
            : (l[i++] as (typeof keyed)[0]),
        );
      return [...out, ...l.slice(i), ...r.slice(j)];
    };
    return merge(keyed).map((e) => e.x);
  };
  const uniqBy = (xs: Value[], keyF: Value, pos: Position | null): Value[] => {
    const out: Value[] = [];
    let lastKey: Value | undefined;
    for (const x of xs) {
      const k = keyF === null ? x : call(keyF, [x], pos);
      if (out.length === 0 || !equals(interp, k, lastKey as Value, pos)) out.push(x);
      lastKey = k;
    }
    return out;
  };
  def(
    "sort",
    ["arr", "keyF"],
    ([a, k], pos) => arrayOf(sortBy(strOrArrayItems("sort", a as Value, pos), k as Value, pos)),
    { keyF: null },
  );
  def(
    "uniq",
    ["arr", "keyF"],
    ([a, k], pos) => arrayOf(uniqBy(values(arr("uniq", a as Value, pos)), k as Value, pos)),
    { keyF: null },
  );
  def(
    "set",
    ["arr", "keyF"],
    ([a, k], pos) => arrayOf(uniqBy(sortBy(strOrArrayItems("set", a as Value, pos), k as Value, pos), k as Value, pos)),
    { keyF: null },
  );
  const setOp =
    (name: string, mode: "union" | "inter" | "diff") =>
    ([a, b, k]: Value[], pos: Position | null) => {
      const xs = strOrArrayItems(name, a as Value, pos);
      const ys = strOrArrayItems(name, b as Value, pos);
      const keyF = k as Value;
      const key = (x: Value) => (keyF === null ? x : call(keyF, [x], pos));
      const out: Value[] = [];
      let i = 0;
      let j = 0;
      while (i < xs.length || j < ys.length) {
        if (i >= xs.length) {
          if (mode === "union") out.push(ys[j] as Value);
          j++;
          continue;
        }
        if (j >= ys.length) {
          if (mode !== "inter") out.push(xs[i] as Value);
          i++;
          continue;
        }
        const c = compare(key(xs[i] as Value), key(ys[j] as Value), pos);
        if (c === 0) {
          if (mode !== "diff") out.push(xs[i] as Value);
          i++;
          j++;
        } else if (c < 0) {
          if (mode !== "inter") out.push(xs[i] as Value);
          i++;
        } else {
          if (mode === "union") out.push(ys[j] as Value);
          j++;
        }
      }
      return arrayOf(out);
    };
  def("setUnion", ["a", "b", "keyF"], setOp("setUnion", "union"), { keyF: null });
  def("setInter", ["a", "b", "keyF"], setOp("setInter", "inter"), { keyF: null });
  def("setDiff", ["a", "b", "keyF"], setOp("setDiff", "diff"), { keyF: null });
  def(
    "setMember",
    ["x", "arr", "keyF"],
    ([x, a, k], pos) => {
      const keyF = k as Value;
      const key = keyF === null ? (x as Value) : call(keyF, [x as Value], pos);
      return values(arr("setMember", a as Value, pos)).some((v) =>
        equals(interp, keyF === null ? v : call(keyF, [v], pos), key, pos),
      );
    },
    { keyF: null },
  );
}
