// The Jsonnet standard library, implemented natively. Each family (std/*.ts) registers its functions
// through the kit; this file is the one table of families and builds the `std` object from them.
import { format } from "./format.ts";
import type { Interpreter } from "./interp.ts";
import { fieldValue, findField } from "./objects.ts";
import { toStr } from "./output.ts";
import { arrays } from "./std/arrays.ts";
import { encoding } from "./std/encoding.ts";
import { makeKit, type StdKit, type StdOptions } from "./std/kit.ts";
import { manifest } from "./std/manifest.ts";
import { math } from "./std/math.ts";
import { misc } from "./std/misc.ts";
import { objects } from "./std/objects.ts";
import { parsing } from "./std/parsing.ts";
import { sets } from "./std/sets.ts";
import { strings } from "./std/strings.ts";
import { types } from "./std/types.ts";
import { JObject, type LayerField, type NativeFunction, ready } from "./value.ts";

export type { NativeCallback, StdOptions } from "./std/kit.ts";

/** Every family of std functions (no name is defined by two families). */
const FAMILIES: ReadonlyArray<(k: StdKit) => void> = [
  types,
  objects,
  arrays,
  sets,
  strings,
  parsing,
  encoding,
  manifest,
  math,
  misc,
];

export function buildStd(interp: Interpreter, options: StdOptions): (file: string) => JObject {
  const fns = new Map<string, NativeFunction>();
  const kit = makeKit(interp, options, fns);
  for (const register of FAMILIES) register(kit);

  const baseFields = new Map<string, LayerField>();
  for (const [name, f] of fns) baseFields.set(name, { visibility: "hidden", plus: false, thunk: ready(f) });
  baseFields.set("pi", { visibility: "hidden", plus: false, thunk: ready(Math.PI) });
  const baseLayer = { fields: baseFields, asserts: [], env: {}, locals: [] };
  const formatHost = {
    toStr: (v: Parameters<typeof toStr>[1], pos: Parameters<typeof toStr>[2]) => toStr(interp, v, pos),
    fieldValue: (o: JObject, name: string, upTo: number, pos: Parameters<typeof toStr>[2]) =>
      fieldValue(interp, o, name, upTo, pos),
    findField: (o: JObject, name: string) => findField(o, name),
  };
  interp.format = (fmt, vals, pos) => interp.checkString(format(fmt, vals, formatHost, pos), pos);
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
