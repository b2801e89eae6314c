// The evaluator: lazy, with objects resolved through their layer stacks.
import type { Bind, CompSpec, FieldNode, Member, Node, Param } from "./ast.ts";
import { JsonnetError, type Position, posText } from "./errors.ts";
import { renderNumber } from "./numbers.ts";
import { compile } from "./static.ts";
import {
  type Env,
  isFunction,
  JArray,
  type JFunction,
  JObject,
  type Layer,
  type LayerField,
  Lazy,
  ready,
  type Thunk,
  typeName,
  type Value,
} from "./value.ts";

export interface Limits {
  /** Nested calls / field evaluations before "max stack frames exceeded" (default 500). */
  maxStack: number;
  /** Longest string a program may build (default 64 MiB of UTF-16 units). */
  maxStringLength: number;
  /** Largest array a program may build (default 10 million elements). */
  maxArrayLength: number;
  /** Evaluation steps (expressions evaluated) before the work budget ends the run (default 50 million). */
  maxSteps: number;
  /** Wall-clock milliseconds from the start of the run before it is ended (default 5,000). */
  maxMillis: number;
  /** Estimated bytes of strings, arrays and object fields built over the run (default 256 MiB). */
  maxBytes: number;
  /** Growth of the process's resident memory during the run, looked at with the clock, before the run is ended (default 512 MiB). */
  maxRssBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxStack: 500,
  maxStringLength: 64 * 1024 * 1024,
  maxArrayLength: 10_000_000,
  maxSteps: 50_000_000,
  maxMillis: 5_000,
  maxBytes: 256 * 1024 * 1024,
  maxRssBytes: 512 * 1024 * 1024,
};

/** Steps between two looks at the clock (Date.now() is far costlier than a counter). */
const CLOCK_EVERY = 4_096;
/** Estimated cost of one array element (a thunk and its slot) and one object field, in bytes. */
const ELEMENT_BYTES = 100;
const FIELD_BYTES = 128;

export interface ImportedFile {
  /** Absolute path (used for relative imports inside it and for caching). */
  path: string;
  content: Uint8Array | string;
}

export type ImportResolver = (importingFile: string, importPath: string) => ImportedFile | null;

export function fail(msg: string, pos: Position | null): never {
  throw new JsonnetError(msg, pos);
}

export class Interpreter {
  private depth = 0;
  private steps = 0;
  private nextClock = CLOCK_EVERY;
  private bytes = 0;
  private readonly deadline: number;
  /** Resident memory when the run began: the RSS budget counts growth, not what the host already holds. */
  private readonly startRss = process.memoryUsage.rss();
  private readonly importCache = new Map<string, Thunk>();
  private readonly importStack: string[] = [];
  /** Set by the standard library module: builds the `std` object for a file. */
  stdFor: (file: string) => JObject = () => new JObject([]);

  constructor(
    readonly limits: Limits,
    private readonly resolver: ImportResolver,
  ) {
    this.deadline = Date.now() + limits.maxMillis;
  }

  // ---- entry points -------------------------------------------------------------------------

  evalProgram(src: string, file: string): Value {
    return this.eval(compile(src, file), this.rootEnv(file));
  }

  rootEnv(file: string): Env {
    const env: Env = Object.create(null);
    env.std = ready(this.stdFor(file));
    return env;
  }

  // ---- helpers ------------------------------------------------------------------------------

  enter(pos: Position | null): void {
    if (++this.depth > this.limits.maxStack) {
      this.depth = 0;
      fail(`max stack frames exceeded (${this.limits.maxStack})`, pos);
    }
  }

  leave(): void {
    this.depth--;
  }

  private lookupVar(env: Env, name: string, pos: Position): Value {
    const t = env[name] as Thunk | undefined;
    if (!t) fail(`unknown variable: ${name}`, pos);
    return t.get();
  }

  thunk(node: Node, env: Env): Thunk {
    switch (node.t) {
      case "num":
        return ready(node.v);
      case "str":
        return ready(node.v);
      case "null":
        return ready(null);
      case "true":
        return ready(true);
      case "false":
        return ready(false);
      default:
        return new Lazy(() => this.eval(node, env), node, env);
    }
  }

  checkString(s: string, pos: Position | null): string {
    this.checkStringLength(s.length, pos);
    this.spend(s.length * 2, pos);
    return s;
  }

  /** Refuse a string of `n` UTF-16 units before it is built. */
  checkStringLength(n: number, pos: Position | null): void {
    if (n > this.limits.maxStringLength)
      fail(`string longer than the limit of ${this.limits.maxStringLength} characters`, pos);
  }

  checkArray(n: number, pos: Position | null): void {
    if (n > this.limits.maxArrayLength)
      fail(`array longer than the limit of ${this.limits.maxArrayLength} elements`, pos);
    this.spend(n * ELEMENT_BYTES, pos);
  }

  /** Count bytes built (strings, arrays, object fields) against the memory budget. */
  spend(bytes: number, pos: Position | null): void {
    this.bytes += bytes;
    if (this.bytes > this.limits.maxBytes)
      this.overBudget(`${Math.round(this.limits.maxBytes / (1024 * 1024))} MB of built values`, pos);
  }

  /** The work and time budget: called from eval when the step counter passes the next checkpoint. */
  private tick(pos: Position | null): void {
    if (this.steps > this.limits.maxSteps) this.overBudget(`${this.limits.maxSteps} evaluation steps`, pos);
    if (Date.now() > this.deadline) this.overBudget(`${this.limits.maxMillis} ms`, pos);
    if (process.memoryUsage.rss() - this.startRss > this.limits.maxRssBytes)
      this.overBudget(`${Math.round(this.limits.maxRssBytes / (1024 * 1024))} MB of memory`, pos);
    this.nextClock = this.steps + CLOCK_EVERY;
  }

  private overBudget(what: string, pos: Position | null): never {
    // Every later check fails too, so an error handler inside the program cannot keep it running.
    this.nextClock = 0;
    this.steps = Number.MAX_SAFE_INTEGER;
    fail(`configuration evaluation exceeded its budget of ${what}`, pos);
  }

  // ---- evaluation ---------------------------------------------------------------------------

  eval(node: Node, env: Env): Value {
    if (++this.steps > this.nextClock) this.tick(node.pos ?? null);
    switch (node.t) {
      case "null":
        return null;
      case "true":
        return true;
      case "false":
        return false;
      case "num":
        return node.v;
      case "str":
        return node.v;
      case "self": {
        const self = env.$self as JObject | undefined;
        if (!self) fail("can't use self outside of an object", node.pos);
        return self;
      }
      case "dollar": {
        const d = (env.$dollar ?? env.$self) as JObject | undefined;
        if (!d) fail("can't use $ outside of an object", node.pos);
        return d;
      }
      case "var":
        return this.lookupVar(env, node.name, node.pos);
      case "array": {
        this.checkArray(node.items.length, node.pos);
        return new JArray(node.items.map((i) => this.thunk(i, env)));
      }
      case "arraycomp": {
        const out: Thunk[] = [];
        this.comprehend(node.specs, 0, env, (e) => {
          out.push(this.thunk(node.body, e));
          this.checkArray(out.length, node.pos);
        });
        return new JArray(out);
      }
      case "object":
        return this.objectLiteral(node.members, env, node.pos);
      case "objcomp":
        return this.objectComprehension(node, env);
      case "index":
        return this.index(this.eval(node.target, env), this.eval(node.index, env), node.pos);
      case "superindex": {
        const self = env.$self as JObject | undefined;
        const upTo = env.$super as number | undefined;
        if (!self || upTo === undefined) fail("can't use super outside of an object", node.pos);
        const name = this.eval(node.index, env);
        if (typeof name !== "string") fail(`super index must be a string, got ${typeName(name)}`, node.pos);
        const found = this.findField(self, name, upTo);
        if (found < 0) fail(`field does not exist in super: ${name}`, node.pos);
        return this.fieldValue(self, name, upTo, node.pos);
      }
      case "insuper": {
        const self = env.$self as JObject | undefined;
        const upTo = env.$super as number | undefined;
        if (!self || upTo === undefined) fail("can't use super outside of an object", node.pos);
        const key = this.eval(node.key, env);
        if (typeof key !== "string") fail(`the left side of in super must be a string, got ${typeName(key)}`, node.pos);
        return this.findField(self, key, upTo) >= 0;
      }
      case "slice":
        return this.slice(node, env);
      case "call":
        return this.callValue(this.eval(node.fn, env), node, env);
      case "local":
        return this.eval(node.body, this.localEnv(node.binds, env));
      case "if": {
        const next = this.branch(node, env);
        return next ? this.eval(next, env) : null;
      }
      case "function":
        return { kind: "user", params: node.params, body: node.body, env, name: "anonymous" };
      case "assert": {
        const c = this.eval(node.cond, env);
        if (typeof c !== "boolean") fail(`assertion condition must be a boolean, got ${typeName(c)}`, node.cond.pos);
        if (!c) fail(node.msg ? this.toStr(this.eval(node.msg, env), node.pos) : "assertion failed", node.pos);
        return this.eval(node.rest, env);
      }
      case "error": {
        const v = this.eval(node.expr, env);
        return fail(typeof v === "string" ? v : this.manifestJson(v, "  ", node.pos), node.pos);
      }
      case "import":
        return this.importFile(node.kind, node.path, node.pos);
      case "unary":
        return this.unary(node.op, this.eval(node.expr, env), node.pos);
      case "binary":
        return this.binary(node, env);
      case "applybrace":
        return this.plus(this.eval(node.left, env), this.eval(node.right, env), node.pos);
    }
  }

  /** A child of `env` holding `binds` (a `local` expression's scope). */
  private localEnv(binds: Bind[], env: Env): Env {
    const inner: Env = Object.create(env);
    this.bindLocals(binds, inner);
    return inner;
  }

  /** The branch of an `if` to evaluate, or null for a false condition with no `else` (value null). */
  private branch(node: Extract<Node, { t: "if" }>, env: Env): Node | null {
    const c = this.eval(node.cond, env);
    if (typeof c !== "boolean") fail(`if condition must be a boolean, got ${typeName(c)}`, node.cond.pos);
    return c ? node.then : node.else;
  }

  bindLocals(binds: Bind[], env: Env): void {
    for (const b of binds) {
      env[b.name] = b.params
        ? ready({ kind: "user", params: b.params, body: b.body, env, name: b.name })
        : new Lazy(() => this.eval(b.body, env), b.body, env);
    }
  }

  private comprehend(specs: CompSpec[], i: number, env: Env, emit: (env: Env) => void): void {
    const spec = specs[i];
    if (!spec) {
      emit(env);
      return;
    }
    if (spec.kind === "if") {
      const c = this.eval(spec.cond, env);
      if (typeof c !== "boolean") fail(`comprehension condition must be a boolean, got ${typeName(c)}`, spec.cond.pos);
      if (c) this.comprehend(specs, i + 1, env, emit);
      return;
    }
    const arr = this.eval(spec.expr, env);
    if (!(arr instanceof JArray))
      fail(`in comprehension, can only iterate over arrays, got ${typeName(arr)}`, spec.expr.pos);
    for (const item of arr.items) {
      const inner: Env = Object.create(env);
      inner[spec.name] = item;
      this.comprehend(specs, i + 1, inner, emit);
    }
  }

  // ---- objects ------------------------------------------------------------------------------

  private objectLiteral(members: Member[], env: Env, pos: Position): JObject {
    const fields = new Map<string, LayerField>();
    const asserts: Layer["asserts"] = [];
    const locals: Layer["locals"] = [];
    for (const m of members) {
      if (m.kind === "local") locals.push(m.bind);
      else if (m.kind === "assert") asserts.push({ cond: m.cond, msg: m.msg, pos: m.pos });
    }
    for (const m of members) {
      if (m.kind !== "field") continue;
      const f = m as FieldNode;
      let name: string;
      if (typeof f.name === "string") name = f.name;
      else {
        // Computed names see the enclosing scope (and object locals are not yet bound).
        const n = this.eval(f.name, env);
        if (n === null) continue;
        if (typeof n !== "string") fail(`field name must be a string, got ${typeName(n)}`, f.pos);
        name = n;
      }
      if (fields.has(name)) fail(`duplicate field name: ${JSON.stringify(name)}`, f.pos);
      fields.set(name, { visibility: f.visibility, plus: f.plus, body: f.body, params: f.params });
    }
    this.spend(fields.size * FIELD_BYTES, pos);
    return new JObject([{ fields, asserts, env, locals }]);
  }

  private objectComprehension(node: Extract<Node, { t: "objcomp" }>, env: Env): JObject {
    const fields = new Map<string, LayerField>();
    const locals = node.locals;
    this.comprehend(node.specs, 0, env, (e) => {
      const k = this.eval(node.key, e);
      if (k === null) return;
      if (typeof k !== "string") fail(`field name must be a string, got ${typeName(k)}`, node.key.pos);
      if (fields.has(k)) fail(`duplicate field name: ${JSON.stringify(k)}`, node.pos);
      fields.set(k, { visibility: "default", plus: node.plus, body: node.value, env: e });
      this.spend(FIELD_BYTES, node.pos);
    });
    return new JObject([{ fields, asserts: [], env, locals }]);
  }

  /** Index of the highest layer below `upTo` defining `name`, or -1. */
  findField(obj: JObject, name: string, upTo = obj.layers.length): number {
    const top = upTo === obj.layers.length;
    for (let i = upTo - 1; i >= 0; i--) {
      const layer = obj.layers[i] as Layer;
      if (layer.fields.has(name) && !(top && layer.masked?.has(name))) return i;
    }
    return -1;
  }

  /** The environment for evaluating layer i's fields with `self` bound. */
  private layerEnv(self: JObject, i: number, base: Env): Env {
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
    if (layer.locals.length) this.bindLocals(layer.locals, env);
    if (base === layer.env) self.layerEnvs[i] = env;
    return env;
  }

  private evalField(self: JObject, i: number, field: LayerField, name: string): Value {
    if (field.thunk) return field.thunk.get();
    const layer = self.layers[i] as Layer;
    let env = this.layerEnv(self, i, layer.env);
    if (field.env) {
      // Comprehension field: its own variables, plus self/super/locals.
      const e: Env = Object.create(field.env);
      e.$self = self;
      e.$super = i;
      e.$dollar = env.$dollar;
      // The object's locals are bound per field here: they see the comprehension variables too.
      if (layer.locals.length) this.bindLocals(layer.locals, e);
      env = e;
    }
    if (field.params) return { kind: "user", params: field.params, body: field.body as Node, env, name };
    return this.eval(field.body as Node, env);
  }

  /** Value of `name` on `self`, looking only at layers below `upTo` (super access). */
  fieldValue(self: JObject, name: string, upTo: number, pos: Position | null): Value {
    this.checkAsserts(self, pos);
    const top = upTo === self.layers.length;
    if (top) {
      const c = self.cache.get(name);
      if (c !== undefined) return c;
    }
    const i = this.findField(self, name, upTo);
    if (i < 0) fail(`field does not exist: ${name}`, pos);
    const field = (self.layers[i] as Layer).fields.get(name) as LayerField;
    this.enter(pos);
    let v: Value;
    try {
      v = this.evalField(self, i, field, name);
      if (field.plus && this.findField(self, name, i) >= 0) v = this.plus(this.fieldValue(self, name, i, pos), v, pos);
    } catch (e) {
      if (e instanceof JsonnetError && e.trace.length < 50)
        e.trace.push(`${posText(pos)} field ${JSON.stringify(name)}`);
      throw e;
    } finally {
      this.leave();
    }
    if (top) self.cache.set(name, v);
    return v;
  }

  checkAsserts(obj: JObject, pos: Position | null): void {
    if (obj.assertsState !== 0) return;
    obj.assertsState = 1;
    try {
      obj.layers.forEach((layer, i) => {
        for (const a of layer.asserts) {
          const env = this.layerEnv(obj, i, layer.env);
          const c = this.eval(a.cond, env);
          if (typeof c !== "boolean") fail(`object assertion must be a boolean, got ${typeName(c)}`, a.pos);
          if (!c) fail(a.msg ? this.toStr(this.eval(a.msg, env), a.pos) : "object assertion failed", a.pos);
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
  fields(obj: JObject): Map<string, boolean> {
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
  fieldNames(obj: JObject, all = false): string[] {
    const names: string[] = [];
    for (const [n, visible] of this.fields(obj)) if (all || visible) names.push(n);
    return names.sort(compareStrings);
  }

  // ---- indexing and slicing -----------------------------------------------------------------

  index(target: Value, idx: Value, pos: Position): Value {
    if (target instanceof JObject) {
      if (typeof idx !== "string") fail(`object index must be a string, got ${typeName(idx)}`, pos);
      return this.fieldValue(target, idx, target.layers.length, pos);
    }
    if (target instanceof JArray) {
      if (typeof idx !== "number") fail(`array index must be a number, got ${typeName(idx)}`, pos);
      if (!Number.isInteger(idx)) fail(`array index must be an integer, got ${renderNumber(idx)}`, pos);
      if (idx < 0 || idx >= target.length) fail(`array index ${idx} out of bounds (length ${target.length})`, pos);
      return target.at(idx);
    }
    if (typeof target === "string") {
      if (typeof idx !== "number") fail(`string index must be a number, got ${typeName(idx)}`, pos);
      const chars = Array.from(target);
      if (!Number.isInteger(idx) || idx < 0 || idx >= chars.length)
        fail(`string index ${idx} out of bounds (length ${chars.length})`, pos);
      return chars[idx] as string;
    }
    return fail(`can't index a ${typeName(target)}`, pos);
  }

  private slice(node: Extract<Node, { t: "slice" }>, env: Env): Value {
    const target = this.eval(node.target, env);
    const num = (n: Node | null, what: string): number | null => {
      if (!n) return null;
      const v = this.eval(n, env);
      if (v === null) return null;
      if (typeof v !== "number" || !Number.isInteger(v))
        fail(`slice ${what} must be an integer, got ${typeName(v)}`, node.pos);
      return v;
    };
    return this.sliceValue(target, num(node.start, "start"), num(node.end, "end"), num(node.step, "step"), node.pos);
  }

  sliceValue(
    target: Value,
    start: number | null,
    end: number | null,
    step: number | null,
    pos: Position | null,
  ): Value {
    const isStr = typeof target === "string";
    if (!isStr && !(target instanceof JArray)) fail(`can only slice arrays and strings, got ${typeName(target)}`, pos);
    const items: unknown[] = isStr ? Array.from(target as string) : (target as JArray).items;
    const len = items.length;
    const st = step ?? 1;
    if (st <= 0) fail(`slice step must be greater than 0, got ${st}`, pos);
    const norm = (v: number | null, d: number) => (v === null ? d : v < 0 ? Math.max(0, len + v) : Math.min(len, v));
    const s = norm(start, 0);
    const e = norm(end, len);
    const out: unknown[] = [];
    for (let i = s; i < e; i += st) out.push(items[i]);
    return isStr ? (out as string[]).join("") : new JArray(out as Thunk[]);
  }

  // ---- calls --------------------------------------------------------------------------------

  call(fn: JFunction, positional: Thunk[], named: Array<{ name: string; thunk: Thunk }>, pos: Position | null): Value {
    const bound = this.bindNamed(fn, positional, named, pos);
    this.enter(pos);
    try {
      if (fn.kind === "native") {
        const names = fn.params;
        const args = names.map((n, i) => {
          const b = bound[i];
          if (b) return b;
          if (fn.defaults && n in fn.defaults) return ready(fn.defaults[n] as Value);
          return fail(`missing argument ${n} for std.${fn.name}`, pos);
        });
        return fn.impl(args, pos);
      }
      return this.tailLoop(fn.body, this.bindArgs(fn, bound, pos));
    } catch (e) {
      throw this.unwound(e, fn.name, pos);
    } finally {
      this.leave();
    }
  }

  /** Positional and named arguments in parameter order (holes for defaults). */
  private bindNamed(
    fn: JFunction,
    positional: Thunk[],
    named: Array<{ name: string; thunk: Thunk }>,
    pos: Position | null,
  ): Array<Thunk | undefined> {
    const names = fn.kind === "user" ? fn.params.map((p) => p.name) : fn.params;
    if (positional.length > names.length)
      fail(`too many arguments: ${fn.name} takes ${names.length}, got ${positional.length}`, pos);
    const bound: Array<Thunk | undefined> = [...positional];
    for (const n of named) {
      const i = names.indexOf(n.name);
      if (i < 0) fail(`function has no parameter ${n.name}`, pos);
      if (bound[i]) fail(`argument ${n.name} given more than once`, pos);
      bound[i] = n.thunk;
    }
    return bound;
  }

  /** An error leaving a call frame: add the frame to the trace; a JS stack overflow becomes ours. */
  private unwound(e: unknown, name: string, pos: Position | null): unknown {
    if (e instanceof JsonnetError && e.trace.length < 50 && pos) e.trace.push(`${posText(pos)} function <${name}>`);
    if (e instanceof RangeError) {
      try {
        fail("max stack frames exceeded (the JavaScript stack ran out)", pos);
      } catch (converted) {
        return converted;
      }
    }
    return e;
  }

  private bindArgs(
    fn: Extract<JFunction, { kind: "user" }>,
    bound: Array<Thunk | undefined>,
    pos: Position | null,
  ): Env {
    const env: Env = Object.create(fn.env);
    fn.params.forEach((p: Param, i) => {
      const b = bound[i];
      if (b) env[p.name] = b;
      else if (p.def) {
        const def = p.def;
        env[p.name] = new Lazy(() => this.eval(def, env), def, env);
      } else fail(`missing argument ${p.name} for function ${fn.name}`, pos);
    });
    return env;
  }

  /**
   * Evaluate a function body as a loop over its tail positions: `local` and `if` continue in
   * place, and a `tailstrict` call reuses the frame (a proper tail call: no depth is counted).
   * A tail call of any other user function, or a variable bound to a still-unevaluated expression,
   * hands over to `trampoline`. Kept small: deep non-tail recursion nests this frame.
   */
  private tailLoop(body: Node, env: Env): Value {
    let node = body;
    let e = env;
    for (;;) {
      if (node.t === "local") {
        e = this.localEnv(node.binds, e);
        node = node.body;
        continue;
      }
      if (node.t === "if") {
        const next = this.branch(node, e);
        if (!next) return null;
        node = next;
        continue;
      }
      if (node.t === "call") {
        const fn = this.eval(node.fn, e);
        if (!isFunction(fn) || fn.kind !== "user") return this.callValue(fn, node, e);
        if (!node.tailstrict || node.named.length > 0 || node.args.length > fn.params.length)
          return this.trampoline(node, e, fn);
        const args = node.args.map((a) => ready(this.eval(a, e)));
        e = this.bindArgs(fn, args, node.pos);
        node = fn.body;
        continue;
      }
      if (node.t === "var") {
        const t = e[node.name];
        if (t instanceof Lazy && t.node !== null) return this.trampoline(node, e, null);
      }
      return this.eval(node, e);
    }
  }

  /**
   * The general tail loop, so that chains of calls and of lazy variables do not grow the
   * JavaScript stack: a tail call of a user function counts a frame but stays in this loop, and a
   * variable bound to an unevaluated expression is claimed, evaluated here, and settled with the
   * result (with every other thunk claimed on the way). `fn` is `node`'s function when the caller
   * already evaluated it.
   */
  private trampoline(start: Node, env: Env, startFn: JFunction | null): Value {
    let node = start;
    let e = env;
    let pending: JFunction | null = startFn;
    let frames: Array<{ name: string; pos: Position | null }> | null = null;
    let claimed: Lazy[] | null = null;
    let result: Value;
    try {
      for (;;) {
        if (node.t === "local") {
          e = this.localEnv(node.binds, e);
          node = node.body;
          continue;
        }
        if (node.t === "if") {
          const next = this.branch(node, e);
          if (!next) {
            result = null;
            break;
          }
          node = next;
          continue;
        }
        if (node.t === "var") {
          const t = e[node.name];
          if (t instanceof Lazy && t.claim()) {
            claimed ??= [];
            claimed.push(t);
            node = t.node as Node;
            e = t.env as Env;
            continue;
          }
        }
        if (node.t === "call") {
          const fn = pending ?? this.eval(node.fn, e);
          pending = null;
          if (!isFunction(fn) || fn.kind !== "user") {
            result = this.callValue(fn, node, e);
            break;
          }
          if (node.tailstrict && node.named.length === 0 && node.args.length <= fn.params.length) {
            const args = node.args.map((a) => ready(this.eval(a, e)));
            e = this.bindArgs(fn, args, node.pos);
            node = fn.body;
            continue;
          }
          const positional = node.args.map((a) => this.thunk(a, e));
          const named = node.named.map((n) => ({ name: n.name, thunk: this.thunk(n.value, e) }));
          if (node.tailstrict) for (const t of positional) t.get();
          const bound = this.bindNamed(fn, positional, named, node.pos);
          this.enter(node.pos);
          frames ??= [];
          frames.push({ name: fn.name, pos: node.pos });
          e = this.bindArgs(fn, bound, node.pos);
          node = fn.body;
          continue;
        }
        result = this.eval(node, e);
        break;
      }
    } catch (err) {
      let out: unknown = err;
      if (frames)
        for (let i = frames.length - 1; i >= 0; i--)
          out = this.unwound(out, (frames[i] as { name: string }).name, (frames[i] as { pos: Position | null }).pos);
      if (claimed) for (const t of claimed) t.unclaim();
      throw out;
    } finally {
      if (frames) this.depth -= frames.length;
    }
    if (claimed) for (const t of claimed) t.settle(result);
    return result;
  }

  /** The rest of a call node once its function is evaluated (natives, and the error for non-functions). */
  private callValue(fn: Value, node: Extract<Node, { t: "call" }>, env: Env): Value {
    if (!isFunction(fn)) fail(`only functions can be called, got ${typeName(fn)}`, node.pos);
    const positional = node.args.map((a) => this.thunk(a, env));
    const named = node.named.map((n) => ({ name: n.name, thunk: this.thunk(n.value, env) }));
    if (node.tailstrict) for (const t of positional) t.get();
    return this.call(fn, positional, named, node.pos);
  }

  /** Call with already-evaluated values (used by the standard library). */
  callValues(fn: Value, args: Value[], pos: Position | null): Value {
    if (!isFunction(fn)) fail(`expected a function, got ${typeName(fn)}`, pos);
    return this.call(fn, args.map(ready), [], pos);
  }

  // ---- operators ----------------------------------------------------------------------------

  private unary(op: string, v: Value, pos: Position): Value {
    switch (op) {
      case "-":
        if (typeof v !== "number") fail(`unary - needs a number, got ${typeName(v)}`, pos);
        return -v;
      case "+":
        if (typeof v !== "number") fail(`unary + needs a number, got ${typeName(v)}`, pos);
        return v;
      case "!":
        if (typeof v !== "boolean") fail(`! needs a boolean, got ${typeName(v)}`, pos);
        return !v;
      case "~":
        if (typeof v !== "number") fail(`~ needs a number, got ${typeName(v)}`, pos);
        if (!Number.isSafeInteger(Math.trunc(v)))
          fail("numeric value outside safe integer range for bitwise operation", pos);
        return Number(~BigInt(Math.trunc(v)));
    }
    return fail(`unknown unary operator ${op}`, pos);
  }

  private binary(node: Extract<Node, { t: "binary" }>, env: Env): Value {
    const op = node.op;
    if (op === "&&" || op === "||") {
      const l = this.eval(node.left, env);
      if (typeof l !== "boolean") fail(`${op} needs booleans, got ${typeName(l)}`, node.pos);
      if (op === "&&" ? !l : l) return l;
      const r = this.eval(node.right, env);
      if (typeof r !== "boolean") fail(`${op} needs booleans, got ${typeName(r)}`, node.pos);
      return r;
    }
    const l = this.eval(node.left, env);
    const r = this.eval(node.right, env);
    return this.binaryValues(op, l, r, node.pos);
  }

  binaryValues(op: string, l: Value, r: Value, pos: Position): Value {
    switch (op) {
      case "+":
        return this.plus(l, r, pos);
      case "==":
        return this.equals(l, r, pos);
      case "!=":
        return !this.equals(l, r, pos);
      case "<":
        return this.compare(l, r, pos) < 0;
      case "<=":
        return this.compare(l, r, pos) <= 0;
      case ">":
        return this.compare(l, r, pos) > 0;
      case ">=":
        return this.compare(l, r, pos) >= 0;
      case "in":
        if (typeof l !== "string") fail(`the left side of in must be a string, got ${typeName(l)}`, pos);
        if (!(r instanceof JObject)) fail(`the right side of in must be an object, got ${typeName(r)}`, pos);
        return this.findField(r, l) >= 0;
      case "%":
        if (typeof l === "string") return this.format(l, r, pos);
        break;
    }
    if (typeof l !== "number" || typeof r !== "number")
      fail(`operator ${op} needs numbers, got ${typeName(l)} and ${typeName(r)}`, pos);
    let v: number;
    switch (op) {
      case "-":
        v = l - r;
        break;
      case "*":
        v = l * r;
        break;
      case "/":
        if (r === 0) fail("division by zero", pos);
        v = l / r;
        break;
      case "%":
        if (r === 0) fail("division by zero", pos);
        v = l % r;
        break;
      case "<<":
      case ">>":
      case "&":
      case "|":
      case "^": {
        if (!Number.isSafeInteger(Math.trunc(l)) || !Number.isSafeInteger(Math.trunc(r)))
          fail("numeric value outside safe integer range for bitwise operation", pos);
        const a = BigInt(Math.trunc(l));
        const b = BigInt(Math.trunc(r));
        if ((op === "<<" || op === ">>") && b < 0n) fail("shift by a negative exponent", pos);
        const res =
          op === "<<" ? a << (b % 64n) : op === ">>" ? a >> (b % 64n) : op === "&" ? a & b : op === "|" ? a | b : a ^ b;
        if (res !== BigInt.asIntN(64, res)) fail("bitwise operation result exceeds the 64-bit integer range", pos);
        v = Number(res);
        break;
      }
      default:
        return fail(`unknown operator ${op}`, pos);
    }
    if (!Number.isFinite(v)) fail(`the result of ${op} is not a finite number`, pos);
    return v;
  }

  plus(l: Value, r: Value, pos: Position | null): Value {
    if (typeof l === "string" || typeof r === "string") {
      const s = this.toStr(l, pos) + this.toStr(r, pos);
      return this.checkString(s, pos);
    }
    if (typeof l === "number" && typeof r === "number") {
      const v = l + r;
      if (!Number.isFinite(v)) fail("the result of + is not a finite number", pos);
      return v;
    }
    if (l instanceof JArray && r instanceof JArray) {
      this.checkArray(l.length + r.length, pos);
      return new JArray([...l.items, ...r.items]);
    }
    if (l instanceof JObject && r instanceof JObject) return new JObject([...l.layers, ...r.layers]);
    return fail(`can't add ${typeName(l)} and ${typeName(r)}`, pos);
  }

  equals(a: Value, b: Value, pos: Position | null): boolean {
    if (a === b) return true;
    const ta = typeName(a);
    if (ta !== typeName(b)) return false;
    if (a instanceof JArray && b instanceof JArray) {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!this.equals(a.at(i), b.at(i), pos)) return false;
      return true;
    }
    if (a instanceof JObject && b instanceof JObject) {
      const fa = this.fieldNames(a);
      const fb = this.fieldNames(b);
      if (fa.length !== fb.length || fa.some((f, i) => f !== fb[i])) return false;
      return fa.every((f) =>
        this.equals(this.fieldValue(a, f, a.layers.length, pos), this.fieldValue(b, f, b.layers.length, pos), pos),
      );
    }
    if (ta === "function") fail("cannot test equality of functions", pos);
    return false;
  }

  compare(a: Value, b: Value, pos: Position | null): number {
    if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
    if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
    if (a instanceof JArray && b instanceof JArray) {
      const n = Math.min(a.length, b.length);
      for (let i = 0; i < n; i++) {
        const c = this.compare(a.at(i), b.at(i), pos);
        if (c !== 0) return c;
      }
      return a.length - b.length;
    }
    return fail(`can't compare ${typeName(a)} and ${typeName(b)}`, pos);
  }

  // ---- strings and output -------------------------------------------------------------------

  toStr(v: Value, pos: Position | null): string {
    return typeof v === "string" ? v : this.manifestJson(v, "", pos, true);
  }

  /** Set by the standard library (std.format). */
  format: (fmt: string, vals: Value, pos: Position | null) => string = () => "";

  /**
   * JSON text of a value. `indent` "" gives the compact single-line form used by std.toString
   * (`{"a": 1}`), a non-empty indent the multi-line form of std.manifestJsonEx.
   */
  manifestJson(
    v: Value,
    indent: string,
    pos: Position | null,
    compact = false,
    newline = "\n",
    keySep = ": ",
    cur = "",
  ): string {
    if (v === null) return "null";
    if (v === true) return "true";
    if (v === false) return "false";
    if (typeof v === "number") return renderNumber(v);
    if (typeof v === "string") return escapeJson(v);
    if (isFunction(v)) fail("couldn't manifest function as JSON", pos);
    const next = cur + indent;
    if (v instanceof JArray) {
      if (v.length === 0) return compact ? "[ ]" : `[${newline}${newline}${cur}]`;
      const parts = v.items.map((t) => this.manifestJson(t.get(), indent, pos, compact, newline, keySep, next));
      if (compact) return `[${parts.join(", ")}]`;
      return `[${newline}${parts.map((p) => next + p).join(`,${newline}`)}${newline}${cur}]`;
    }
    const obj = v as JObject;
    this.checkAsserts(obj, pos);
    const names = this.fieldNames(obj);
    if (names.length === 0) return compact ? "{ }" : `{${newline}${newline}${cur}}`;
    const parts = names.map(
      (n) =>
        `${escapeJson(n)}${keySep}${this.manifestJson(this.fieldValue(obj, n, obj.layers.length, pos), indent, pos, compact, newline, keySep, next)}`,
    );
    if (compact) return `{${parts.join(", ")}}`;
    return `{${newline}${parts.map((p) => next + p).join(`,${newline}`)}${newline}${cur}}`;
  }

  /** Fully evaluate to plain JSON (visible fields only). */
  toPlain(v: Value, pos: Position | null): unknown {
    if (v === null || typeof v !== "object") return v;
    if (isFunction(v)) fail("couldn't manifest function as JSON", pos);
    if (v instanceof JArray) return v.items.map((t) => this.toPlain(t.get(), pos));
    this.checkAsserts(v, pos);
    const out: Record<string, unknown> = {};
    for (const n of this.fieldNames(v)) out[n] = this.toPlain(this.fieldValue(v, n, v.layers.length, pos), pos);
    return out;
  }

  // ---- imports ------------------------------------------------------------------------------

  private currentFile(pos: Position): string {
    return pos.file;
  }

  private importFile(kind: "import" | "importstr" | "importbin", path: string, pos: Position): Value {
    const found = this.resolver(this.currentFile(pos), path);
    if (!found)
      fail(`couldn't open import ${JSON.stringify(path)}: no match locally or in the library search paths`, pos);
    if (kind === "importbin") {
      const bytes = typeof found.content === "string" ? new TextEncoder().encode(found.content) : found.content;
      return new JArray(Array.from(bytes, (b) => ready(b)));
    }
    const text = typeof found.content === "string" ? found.content : new TextDecoder().decode(found.content);
    if (kind === "importstr") return text;
    const key = found.path;
    let t = this.importCache.get(key);
    if (!t) {
      t = new Lazy(() => {
        if (this.importStack.includes(key)) fail(`import cycle: ${[...this.importStack, key].join(" -> ")}`, pos);
        this.importStack.push(key);
        try {
          return this.eval(compile(text, key), this.rootEnv(key));
        } finally {
          this.importStack.pop();
        }
      });
      this.importCache.set(key, t);
    }
    try {
      return t.get();
    } catch (e) {
      if (e instanceof JsonnetError && /infinite recursion/.test(e.message) && !e.pos)
        fail(`import cycle involving ${key}`, pos);
      throw e;
    }
  }
}

/** Compare by Unicode code point (not UTF-16 unit), as Jsonnet orders strings. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i) as number;
    const cb = b.codePointAt(i) as number;
    if (ca !== cb) return ca - cb;
    if (ca > 0xffff) i++;
  }
  return a.length - b.length;
}

export function escapeJson(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}
