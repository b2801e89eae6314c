// Standard library family (registered in ../std.ts).
// Objects: field lists and lookups, std.get, mapWithKey, objectRemoveKey, prune, mergePatch.
import type { Position } from "../errors.ts";
import { fieldNames, fields } from "../objects.ts";
import { compareStrings } from "../operators.ts";
import { arrayOf, JArray, JObject, Lazy, objectFromEntries, ready, type Thunk, type Value } from "../value.ts";
import type { StdKit } from "./kit.ts";

export function objects(k: StdKit): void {
  const { def, str, obj, fn, bool, call, values, field } = k;
  def("objectFields", ["o"], ([o], pos) => arrayOf(fieldNames(obj("objectFields", o as Value, pos))));
  def("objectFieldsAll", ["o"], ([o], pos) => arrayOf(fieldNames(obj("objectFieldsAll", o as Value, pos), true)));
  def("objectFieldsEx", ["o", "hidden"], ([o, h], pos) =>
    arrayOf(fieldNames(obj("objectFieldsEx", o as Value, pos), bool("objectFieldsEx", h as Value, pos))),
  );
  const has = (o: JObject, f: string, all: boolean) => {
    const v = fields(o).get(f);
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
      return new JArray(fieldNames(ob, all).map((k) => new Lazy(() => field(ob, k, pos))));
    };
  def("objectValues", ["o"], objValues("objectValues", false));
  def("objectValuesAll", ["o"], objValues("objectValuesAll", true));
  const keysValues =
    (name: string, all: boolean) =>
    ([o]: Value[], pos: Position | null) => {
      const ob = obj(name, o as Value, pos);
      return new JArray(
        fieldNames(ob, all).map((k) =>
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
    return objectFromEntries(fieldNames(ob).map((k) => [k, new Lazy(() => call(func, [k, field(ob, k, pos)], pos))]));
  });
  def("objectRemoveKey", ["obj", "key"], ([o, k], pos) => {
    const ob = obj("objectRemoveKey", o as Value, pos);
    const key = str("objectRemoveKey", k as Value, pos);
    return new JObject(ob.layers.map((l) => ({ ...l, masked: new Set([...(l.masked ?? []), key]) })));
  });
  const prune = (v: Value, pos: Position | null): Value => {
    const empty = (x: Value) =>
      x === null || (x instanceof JArray && x.length === 0) || (x instanceof JObject && fieldNames(x).length === 0);
    if (v instanceof JArray)
      return arrayOf(
        values(v)
          .map((x) => prune(x, pos))
          .filter((x) => !empty(x)),
      );
    if (v instanceof JObject) {
      const out: Array<[string, Value]> = [];
      for (const k of fieldNames(v)) {
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
    const tFields = fieldNames(t);
    const pFields = fieldNames(patch);
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
}
