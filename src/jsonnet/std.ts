// The Jsonnet standard library, implemented natively.
import { JsonnetError, type Position } from "./errors.ts";
import { format } from "./format.ts";
import { compareStrings, escapeJson, fail, type Interpreter } from "./interp.ts";
import {
  manifestIni,
  manifestPython,
  manifestPythonVars,
  manifestToml,
  manifestXmlJsonml,
  manifestYamlDoc,
  manifestYamlStream,
} from "./manifest.ts";
import { renderNumber } from "./numbers.ts";
import {
  arrayOf,
  isFunction,
  JArray,
  type JFunction,
  JObject,
  type LayerField,
  Lazy,
  type NativeFunction,
  objectFromEntries,
  ready,
  type Thunk,
  typeName,
  type Value,
} from "./value.ts";
import { parseYaml } from "./yaml.ts";

export type NativeCallback = (...args: unknown[]) => unknown;

export interface StdOptions {
  extVars: Record<string, Thunk>;
  natives: Record<string, NativeCallback>;
  /** Where std.trace writes (default: stderr). */
  trace?: (line: string) => void;
}

type Impl = (args: Value[], pos: Position | null, raw: Thunk[]) => Value;

export function buildStd(interp: Interpreter, options: StdOptions): (file: string) => JObject {
  const fns = new Map<string, NativeFunction>();
  const def = (name: string, params: string[], impl: Impl, defaults?: Record<string, Value>, lazy = false) => {
    const fn: NativeFunction = {
      kind: "native",
      name,
      params,
      ...(defaults ? { defaults } : {}),
      impl: (args, pos) => impl(lazy ? [] : args.map((a) => a.get()), pos, args),
    };
    fns.set(name, fn);
  };
  const err = (name: string, msg: string, pos: Position | null): never => fail(`std.${name}: ${msg}`, pos);
  const want = <T>(name: string, v: Value, check: (v: Value) => boolean, what: string, pos: Position | null): T =>
    check(v) ? (v as T) : err(name, `expected ${what}, got ${typeName(v)}`, pos);
  const str = (name: string, v: Value, pos: Position | null) =>
    want<string>(name, v, (x) => typeof x === "string", "string", pos);
  const num = (name: string, v: Value, pos: Position | null) =>
    want<number>(name, v, (x) => typeof x === "number", "number", pos);
  const int = (name: string, v: Value, pos: Position | null) => {
    const n = num(name, v, pos);
    if (!Number.isInteger(n)) err(name, `expected an integer, got ${renderNumber(n)}`, pos);
    return n;
  };
  const arr = (name: string, v: Value, pos: Position | null) =>
    want<JArray>(name, v, (x) => x instanceof JArray, "array", pos);
  const obj = (name: string, v: Value, pos: Position | null) =>
    want<JObject>(name, v, (x) => x instanceof JObject, "object", pos);
  const fn = (name: string, v: Value, pos: Position | null) => want<JFunction>(name, v, isFunction, "function", pos);
  const bool = (name: string, v: Value, pos: Position | null) =>
    want<boolean>(name, v, (x) => typeof x === "boolean", "boolean", pos);
  const call = (f: Value, args: Value[], pos: Position | null) => interp.callValues(f, args, pos);
  const values = (a: JArray) => a.items.map((t) => t.get());
  const finite = (name: string, v: number, pos: Position | null) =>
    Number.isFinite(v) ? v : err(name, "result is not a finite number", pos);
  const field = (o: JObject, k: string, pos: Position | null) => interp.fieldValue(o, k, o.layers.length, pos);
  const strOrArrayItems = (name: string, v: Value, pos: Position | null): Value[] =>
    typeof v === "string" ? Array.from(v) : values(arr(name, v, pos));

  // ---- types ----
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
    if (x instanceof JObject) return interp.fieldNames(x).length;
    if (isFunction(x as Value))
      return (x as JFunction).kind === "user"
        ? (x as { params: unknown[] }).params.length
        : (x as NativeFunction).params.length;
    return err("length", `expected string, array, object or function, got ${typeName(x as Value)}`, pos);
  });

  // ---- objects ----
  def("objectFields", ["o"], ([o], pos) => arrayOf(interp.fieldNames(obj("objectFields", o as Value, pos))));
  def("objectFieldsAll", ["o"], ([o], pos) =>
    arrayOf(interp.fieldNames(obj("objectFieldsAll", o as Value, pos), true)),
  );
  def("objectFieldsEx", ["o", "hidden"], ([o, h], pos) =>
    arrayOf(interp.fieldNames(obj("objectFieldsEx", o as Value, pos), bool("objectFieldsEx", h as Value, pos))),
  );
  const has = (o: JObject, f: string, all: boolean) => {
    const v = interp.fields(o).get(f);
    return v === undefined ? false : all || v;
  };
  def("objectHas", ["o", "f"], ([o, f], pos) =>
    has(obj("objectHas", o as Value, pos), str("objectHas", f as Value, pos), false),
  );
  def("objectHasAll", ["o", "f"], ([o, f], pos) =>
    has(obj("objectHasAll", o as Value, pos), str("objectHasAll", f as Value, pos), true),
  );
  def("objectHasEx", ["o", "f", "hidden"], ([o, f, h], pos) =>
    has(obj("objectHasEx", o as Value, pos), str("objectHasEx", f as Value, pos), bool("objectHasEx", h as Value, pos)),
  );
  const objValues =
    (name: string, all: boolean) =>
    ([o]: Value[], pos: Position | null) => {
      const ob = obj(name, o as Value, pos);
      return new JArray(interp.fieldNames(ob, all).map((k) => new Lazy(() => field(ob, k, pos))));
    };
  def("objectValues", ["o"], objValues("objectValues", false));
  def("objectValuesAll", ["o"], objValues("objectValuesAll", true));
  const keysValues =
    (name: string, all: boolean) =>
    ([o]: Value[], pos: Position | null) => {
      const ob = obj(name, o as Value, pos);
      return new JArray(
        interp.fieldNames(ob, all).map((k) =>
          ready(
            objectFromEntries([
              ["key", k],
              ["value", new Lazy(() => field(ob, k, pos))],
            ]),
          ),
        ),
      );
    };
  def("objectKeysValues", ["o"], keysValues("objectKeysValues", false));
  def("objectKeysValuesAll", ["o"], keysValues("objectKeysValuesAll", true));
  def(
    "get",
    ["o", "f", "default", "inc_hidden"],
    ([o, f, d, h], pos) => {
      const ob = obj("get", o as Value, pos);
      const k = str("get", f as Value, pos);
      return has(ob, k, bool("get", h as Value, pos)) ? field(ob, k, pos) : (d as Value);
    },
    { default: null, inc_hidden: true },
  );
  def("mapWithKey", ["func", "obj"], ([f, o], pos) => {
    const ob = obj("mapWithKey", o as Value, pos);
    const func = fn("mapWithKey", f as Value, pos);
    return objectFromEntries(
      interp.fieldNames(ob).map((k) => [k, new Lazy(() => call(func, [k, field(ob, k, pos)], pos))]),
    );
  });
  def("objectRemoveKey", ["obj", "key"], ([o, k], pos) => {
    const ob = obj("objectRemoveKey", o as Value, pos);
    const key = str("objectRemoveKey", k as Value, pos);
    return new JObject(ob.layers.map((l) => ({ ...l, masked: new Set([...(l.masked ?? []), key]) })));
  });
  const prune = (v: Value, pos: Position | null): Value => {
    const empty = (x: Value) =>
      x === null ||
      (x instanceof JArray && x.length === 0) ||
      (x instanceof JObject && interp.fieldNames(x).length === 0);
    if (v instanceof JArray)
      return arrayOf(
        values(v)
          .map((x) => prune(x, pos))
          .filter((x) => !empty(x)),
      );
    if (v instanceof JObject) {
      const out: Array<[string, Value]> = [];
      for (const k of interp.fieldNames(v)) {
        const p = prune(field(v, k, pos), pos);
        if (!empty(p)) out.push([k, p]);
      }
      return objectFromEntries(out);
    }
    return v;
  };
  def("prune", ["a"], ([a], pos) => prune(a as Value, pos));
  const mergePatch = (target: Value, patch: Value, pos: Position | null): Value => {
    if (!(patch instanceof JObject)) return patch;
    const t = target instanceof JObject ? target : objectFromEntries([]);
    const tFields = interp.fieldNames(t);
    const pFields = interp.fieldNames(patch);
    const out: Array<[string, Value | Thunk]> = [];
    for (const k of tFields) {
      if (!pFields.includes(k)) out.push([k, new Lazy(() => field(t, k, pos))]);
    }
    for (const k of pFields) {
      const pv = field(patch, k, pos);
      if (pv === null) continue;
      out.push([k, new Lazy(() => mergePatch(tFields.includes(k) ? field(t, k, pos) : null, pv, pos))]);
    }
    out.sort((a, b) => compareStrings(a[0], b[0]));
    return objectFromEntries(out);
  };
  def("mergePatch", ["target", "patch"], ([t, p], pos) => mergePatch(t as Value, p as Value, pos));

  // ---- arrays ----
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
    return values(arr("member", a as Value, pos)).some((v) => interp.equals(v, x as Value, pos));
  });
  def("contains", ["arr", "elem"], ([a, x], pos) =>
    values(arr("contains", a as Value, pos)).some((v) => interp.equals(v, x as Value, pos)),
  );
  def(
    "count",
    ["arr", "x"],
    ([a, x], pos) => values(arr("count", a as Value, pos)).filter((v) => interp.equals(v, x as Value, pos)).length,
  );
  def("find", ["value", "arr"], ([x, a], pos) =>
    arrayOf(values(arr("find", a as Value, pos)).flatMap((v, i) => (interp.equals(v, x as Value, pos) ? [i] : []))),
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
        if (interp.compare(key, bestKey, pos) * sign > 0) {
          best = x;
          bestKey = key;
        }
      }
      return best;
    };
  fns.set("minArray", {
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
  fns.set("maxArray", {
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
          interp.compare((r[j] as { k: Value }).k, (l[i] as { k: Value }).k, pos) < 0
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
      if (out.length === 0 || !interp.equals(k, lastKey as Value, pos)) out.push(x);
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
        const c = interp.compare(key(xs[i] as Value), key(ys[j] as Value), pos);
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
        interp.equals(keyF === null ? v : call(keyF, [v], pos), key, pos),
      );
    },
    { keyF: null },
  );
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
    interp.sliceValue(x as Value, s as number | null, e as number | null, st as number | null, pos),
  );
  def(
    "removeAt",
    ["arr", "at"],
    ([a, at], pos) =>
      new JArray(arr("removeAt", a as Value, pos).items.filter((_, i) => i !== int("removeAt", at as Value, pos))),
  );
  def("remove", ["arr", "elem"], ([a, e], pos) => {
    const items = arr("remove", a as Value, pos).items;
    const i = items.findIndex((t) => interp.equals(t.get(), e as Value, pos));
    return new JArray(i < 0 ? items : items.filter((_, j) => j !== i));
  });
  def("lines", ["arr"], ([a], pos) =>
    values(arr("lines", a as Value, pos))
      .filter((x) => x !== null)
      .map((x) => `${str("lines", x, pos)}\n`)
      .join(""),
  );

  // ---- strings ----
  def("toString", ["a"], ([a], pos) => interp.toStr(a as Value, pos));
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
  def("escapeStringJson", ["str_"], ([s], pos) => escapeJson(interp.toStr(s as Value, pos)));
  def("escapeStringPython", ["str"], ([s], pos) => escapeJson(interp.toStr(s as Value, pos)));
  def("escapeStringBash", ["str_"], ([s], pos) => `'${interp.toStr(s as Value, pos).replaceAll("'", () => `'"'"'`)}'`);
  def("escapeStringDollars", ["str_"], ([s], pos) => interp.toStr(s as Value, pos).replaceAll("$", () => "$$"));
  def("escapeStringXml", ["str_"], ([s], pos) => escapeXml(interp.toStr(s as Value, pos)));
  def("escapeStringXML", ["str_"], ([s], pos) => escapeXml(interp.toStr(s as Value, pos)));
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
  const fromPlain = (v: unknown): Value => {
    if (v === null || typeof v === "boolean" || typeof v === "string") return v;
    if (typeof v === "number") return v;
    if (Array.isArray(v)) return arrayOf(v.map(fromPlain));
    if (typeof v === "object")
      return objectFromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromPlain(x)]));
    return null;
  };
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
  const bytes = (name: string, v: Value, pos: Position | null): Uint8Array => {
    if (typeof v === "string") return new TextEncoder().encode(v);
    return Uint8Array.from(
      values(arr(name, v, pos)).map((b) => {
        const n = int(name, b, pos);
        if (n < 0 || n > 255) err(name, `byte value out of range: ${n}`, pos);
        return n;
      }),
    );
  };
  def("encodeUTF8", ["str"], ([s], pos) =>
    arrayOf(Array.from(new TextEncoder().encode(str("encodeUTF8", s as Value, pos)))),
  );
  def("decodeUTF8", ["arr"], ([a], pos) =>
    new TextDecoder().decode(bytes("decodeUTF8", arr("decodeUTF8", a as Value, pos), pos)),
  );
  def("base64", ["input"], ([i], pos) => Buffer.from(bytes("base64", i as Value, pos)).toString("base64"));
  const b64decode = (name: string, s: string, pos: Position | null): Buffer => {
    if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) err(name, "input is not valid base64", pos);
    return Buffer.from(s, "base64");
  };
  def("base64Decode", ["str"], ([s], pos) =>
    b64decode("base64Decode", str("base64Decode", s as Value, pos), pos).toString("utf8"),
  );
  def("base64DecodeBytes", ["str"], ([s], pos) =>
    arrayOf(Array.from(b64decode("base64DecodeBytes", str("base64DecodeBytes", s as Value, pos), pos))),
  );
  for (const [name, algo] of [
    ["md5", "md5"],
    ["sha1", "sha1"],
    ["sha256", "sha256"],
    ["sha512", "sha512"],
    ["sha3", "sha3-512"],
  ] as const) {
    def(name, ["str"], ([s], pos) =>
      new Bun.CryptoHasher(algo).update(str(name, s as Value, pos), "utf8").digest("hex"),
    );
  }

  // ---- manifest ----
  def("manifestJson", ["value"], ([v], pos) => interp.manifestJson(v as Value, "    ", pos));
  def("manifestJsonMinified", ["value"], ([v], pos) => interp.manifestJson(v as Value, "", pos, false, "", ":"));
  def(
    "manifestJsonEx",
    ["value", "indent", "newline", "key_val_sep"],
    ([v, i, n, k], pos) =>
      interp.manifestJson(
        v as Value,
        str("manifestJsonEx", i as Value, pos),
        pos,
        false,
        str("manifestJsonEx", n as Value, pos),
        str("manifestJsonEx", k as Value, pos),
      ),
    { newline: "\n", key_val_sep: ": " },
  );
  def(
    "manifestYamlDoc",
    ["value", "indent_array_in_object", "quote_keys"],
    ([v, ia, qk], pos) =>
      manifestYamlDoc(
        interp,
        v as Value,
        bool("manifestYamlDoc", ia as Value, pos),
        bool("manifestYamlDoc", qk as Value, pos),
        pos,
      ),
    { indent_array_in_object: false, quote_keys: true },
  );
  def(
    "manifestYamlStream",
    ["value", "indent_array_in_object", "c_document_end", "quote_keys"],
    ([v, ia, de, qk], pos) =>
      manifestYamlStream(
        interp,
        arr("manifestYamlStream", v as Value, pos),
        bool("manifestYamlStream", ia as Value, pos),
        bool("manifestYamlStream", de as Value, pos),
        bool("manifestYamlStream", qk as Value, pos),
        pos,
      ),
    { indent_array_in_object: false, c_document_end: true, quote_keys: true },
  );
  def("manifestIni", ["ini"], ([v], pos) => manifestIni(interp, obj("manifestIni", v as Value, pos), pos));
  def("manifestPython", ["v"], ([v], pos) => manifestPython(interp, v as Value, pos));
  def("manifestPythonVars", ["conf"], ([v], pos) =>
    manifestPythonVars(interp, obj("manifestPythonVars", v as Value, pos), pos),
  );
  def("manifestXmlJsonml", ["value"], ([v], pos) => manifestXmlJsonml(interp, v as Value, pos));
  def("manifestToml", ["value"], ([v], pos) => manifestToml(interp, obj("manifestToml", v as Value, pos), "  ", pos));
  def("manifestTomlEx", ["value", "indent"], ([v, i], pos) =>
    manifestToml(interp, obj("manifestTomlEx", v as Value, pos), str("manifestTomlEx", i as Value, pos), pos),
  );

  // ---- math ----
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

  // ---- misc ----
  def("equals", ["a", "b"], ([a, b], pos) => interp.equals(a as Value, b as Value, pos));
  def("primitiveEquals", ["a", "b"], ([a, b], pos) => {
    if (typeName(a as Value) !== typeName(b as Value)) return false;
    if (typeof a === "object" && a !== null) err("primitiveEquals", `cannot compare ${typeName(a)}`, pos);
    return a === b;
  });
  def("__compare", ["v1", "v2"], ([a, b], pos) => interp.compare(a as Value, b as Value, pos));
  def("id", ["x"], ([x]) => x as Value);
  def("assertEqual", ["a", "b"], ([a, b], pos) =>
    interp.equals(a as Value, b as Value, pos)
      ? true
      : err(
          "assertEqual",
          `Assertion failed. ${interp.toStr(a as Value, pos)} != ${interp.toStr(b as Value, pos)}`,
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
        const plainArgs = args.map((a) => interp.toPlain(a.get(), p));
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

  const baseFields = new Map<string, LayerField>();
  for (const [name, f] of fns) baseFields.set(name, { visibility: "hidden", plus: false, thunk: ready(f) });
  baseFields.set("pi", { visibility: "hidden", plus: false, thunk: ready(Math.PI) });
  const baseLayer = { fields: baseFields, asserts: [], env: {}, locals: [] };
  interp.format = (fmt, vals, pos) => interp.checkString(format(fmt, vals, interp, pos), pos);
  return (file: string) =>
    new JObject([
      baseLayer,
      {
        fields: new Map([["thisFile", { visibility: "hidden" as const, plus: false, thunk: ready(file) }]]),
        asserts: [],
        env: {},
        locals: [],
      },
    ]);
}

export function escapeXml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] as string,
  );
}
