// Objects: building layers from literals and comprehensions, resolving a field through the layer
// stack (late-bound `self`, `super` as "layers below this one"), visibility, and object asserts.
import type { Member, Node } from "./ast.ts";
import { FIELD_BYTES } from "./budget.ts";
import { fail, JsonnetError, type Position, posText } from "./errors.ts";
import type { Interpreter } from "./interp.ts";
import { compareStrings, plus } from "./operators.ts";
import { toStr } from "./output.ts";
import { type Env, JObject, type Layer, type LayerField, typeName, type Value } from "./value.ts";

export function objectLiteral(it: Interpreter, members: Member[], env: Env, pos: Position): JObject {
  const fields = new Map<string, LayerField>();
  const asserts: Layer["asserts"] = [];
  const locals: Layer["locals"] = [];
  for (const m of members) {
    if (m.kind === "local") locals.push(m.bind);
    else if (m.kind === "assert") asserts.push({ cond: m.cond, msg: m.msg, pos: m.pos });
  }
  for (const m of members) {
    if (m.kind !== "field") continue;
    let name: string;
    if (typeof m.name === "string") name = m.name;
    else {
      // Computed names see the enclosing scope (and object locals are not yet bound).
      const n = it.eval(m.name, env);
      if (n === null) continue;
      if (typeof n !== "string") fail(`field name must be a string, got ${typeName(n)}`, m.pos);
      name = n;
    }
    if (fields.has(name)) fail(`duplicate field name: ${JSON.stringify(name)}`, m.pos);
    fields.set(name, { visibility: m.visibility, plus: m.plus, body: m.body, params: m.params });
  }
  it.spend(fields.size * FIELD_BYTES, pos);
  return new JObject([{ fields, asserts, env, locals }]);
}

export function objectComprehension(it: Interpreter, node: Extract<Node, { t: "objcomp" }>, env: Env): JObject {
  const fields = new Map<string, LayerField>();
  it.comprehend(node.specs, 0, env, (e) => {
    const k = it.eval(node.key, e);
    if (k === null) return;
    if (typeof k !== "string") fail(`field name must be a string, got ${typeName(k)}`, node.key.pos);
    if (fields.has(k)) fail(`duplicate field name: ${JSON.stringify(k)}`, node.pos);
    fields.set(k, { visibility: "default", plus: node.plus, body: node.value, env: e });
    it.spend(FIELD_BYTES, node.pos);
  });
  return new JObject([{ fields, asserts: [], env, locals: node.locals }]);
}

/** `super.f` / `super[e]`: the field as the layers below the current one define it. */
export function superIndex(it: Interpreter, node: Extract<Node, { t: "superindex" }>, env: Env): Value {
  const self = env.$self as JObject | undefined;
  const upTo = env.$super as number | undefined;
  if (!self || upTo === undefined) fail("can't use super outside of an object", node.pos);
  const name = it.eval(node.index, env);
  if (typeof name !== "string") fail(`super index must be a string, got ${typeName(name)}`, node.pos);
  const found = findField(self, name, upTo);
  if (found < 0) fail(`field does not exist in super: ${name}`, node.pos);
  return fieldValue(it, self, name, upTo, node.pos);
}

/** `e in super`. */
export function inSuper(it: Interpreter, node: Extract<Node, { t: "insuper" }>, env: Env): boolean {
  const self = env.$self as JObject | undefined;
  const upTo = env.$super as number | undefined;
  if (!self || upTo === undefined) fail("can't use super outside of an object", node.pos);
  const key = it.eval(node.key, env);
  if (typeof key !== "string") fail(`the left side of in super must be a string, got ${typeName(key)}`, node.pos);
  return findField(self, key, upTo) >= 0;
}

/** Index of the highest layer below `upTo` defining `name`, or -1. */
export function findField(obj: JObject, name: string, upTo = obj.layers.length): number {
  const top = upTo === obj.layers.length;
  for (let i = upTo - 1; i >= 0; i--) {
    const layer = obj.layers[i] as Layer;
    if (layer.fields.has(name) && !(top && layer.masked?.has(name))) return i;
  }
  return -1;
}

/** The environment for evaluating layer i's fields with `self` bound. */
function layerEnv(it: Interpreter, self: JObject, i: number, base: Env): Env {
  const layer = self.layers[i] as Layer;
  if (base === layer.env) {
    const cached = self.layerEnvs[i];
    if (cached) return cached;
  }
  const env: Env = Object.create(base);
  env.$self = self;
  env.$super = i;
  if (!(base.$dollar as JObject | undefined) && !base.$self) env.$dollar = self;
  else if (!base.$dollar) env.$dollar = base.$self;
  if (layer.locals.length) it.bindLocals(layer.locals, env);
  if (base === layer.env) self.layerEnvs[i] = env;
  return env;
}

function evalField(it: Interpreter, self: JObject, i: number, field: LayerField, name: string): Value {
  if (field.thunk) return field.thunk.get();
  const layer = self.layers[i] as Layer;
  let env = layerEnv(it, self, i, layer.env);
  if (field.env) {
    // Comprehension field: its own variables, plus self/super/locals.
    const e: Env = Object.create(field.env);
    e.$self = self;
    e.$super = i;
    e.$dollar = env.$dollar;
    // The object's locals are bound per field here: they see the comprehension variables too.
    if (layer.locals.length) it.bindLocals(layer.locals, e);
    env = e;
  }
  if (field.params) return { kind: "user", params: field.params, body: field.body as Node, env, name };
  return it.eval(field.body as Node, env);
}

/** Value of `name` on `self`, looking only at layers below `upTo` (super access). */
export function fieldValue(it: Interpreter, self: JObject, name: string, upTo: number, pos: Position | null): Value {
  checkAsserts(it, self, pos);
  const top = upTo === self.layers.length;
  if (top) {
    const c = self.cache.get(name);
    if (c !== undefined) return c;
  }
  const i = findField(self, name, upTo);
  if (i < 0) fail(`field does not exist: ${name}`, pos);
  const field = (self.layers[i] as Layer).fields.get(name) as LayerField;
  it.enter(pos);
  let v: Value;
  try {
    v = evalField(it, self, i, field, name);
    if (field.plus && findField(self, name, i) >= 0) v = plus(it, fieldValue(it, self, name, i, pos), v, pos);
  } catch (e) {
    if (e instanceof JsonnetError && e.trace.length < 50) e.trace.push(`${posText(pos)} field ${JSON.stringify(name)}`);
    throw e;
  } finally {
    it.leave();
  }
  if (top) self.cache.set(name, v);
  return v;
}

export function checkAsserts(it: Interpreter, obj: JObject, pos: Position | null): void {
  if (obj.assertsState !== 0) return;
  obj.assertsState = 1;
  try {
    obj.layers.forEach((layer, i) => {
      for (const a of layer.asserts) {
        const env = layerEnv(it, obj, i, layer.env);
        const c = it.eval(a.cond, env);
        if (typeof c !== "boolean") fail(`object assertion must be a boolean, got ${typeName(c)}`, a.pos);
        if (!c) fail(a.msg ? toStr(it, it.eval(a.msg, env), a.pos) : "object assertion failed", a.pos);
      }
    });
    obj.assertsState = 2;
  } catch (e) {
    obj.assertsState = 0;
    if (e instanceof JsonnetError && pos) e.trace.push(`${posText(pos)} object assertion`);
    throw e;
  }
}

/** Field names with their resolved visibility (true = visible). */
export function fields(obj: JObject): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const layer of obj.layers) {
    for (const [name, f] of layer.fields) {
      if (layer.masked?.has(name)) continue;
      const prev = out.get(name);
      if (f.visibility === "hidden") out.set(name, false);
      else if (f.visibility === "forced") out.set(name, true);
      else out.set(name, prev ?? true);
    }
  }
  return out;
}

/** Sorted field names (visible only unless `all`). */
export function fieldNames(obj: JObject, all = false): string[] {
  const names: string[] = [];
  for (const [n, visible] of fields(obj)) if (all || visible) names.push(n);
  return names.sort(compareStrings);
}
