// The evaluator's core: lazy evaluation of one node in an environment. Objects (objects.ts), calls
// and tail loops (calls.ts), operators (operators.ts), indexing (indexing.ts), JSON output
// (output.ts) and imports (imports.ts) are functions over this class; the limits it runs under
// live in budget.ts, which it extends.
import type { Bind, CompSpec, Node } from "./ast.ts";
import { Budget, type Limits } from "./budget.ts";
import { callValue } from "./calls.ts";
import { fail, type Position } from "./errors.ts";
import { type ImportResolver, importFile } from "./imports.ts";
import { index, slice } from "./indexing.ts";
import { inSuper, objectComprehension, objectLiteral, superIndex } from "./objects.ts";
import { binary, plus, unary } from "./operators.ts";
import { manifestJson, toStr } from "./output.ts";
import { compile } from "./static.ts";
import { type Env, JArray, JObject, Lazy, ready, type Thunk, typeName, type Value } from "./value.ts";

export class Interpreter extends Budget {
  /** Each imported file's value, by resolved path, for the whole run. */
  readonly importCache = new Map<string, Thunk>();
  /** Files being imported right now (a cycle is an error). */
  readonly importStack: string[] = [];
  /** Set by the standard library module: builds the `std` object for a file. */
  stdFor: (file: string) => JObject = () => new JObject([]);
  /** Set by the standard library (std.format, and `%` on a string). */
  format: (fmt: string, vals: Value, pos: Position | null) => string = () => "";

  constructor(
    limits: Limits,
    readonly resolver: ImportResolver,
  ) {
    super(limits);
  }

  evalProgram(src: string, file: string): Value {
    return this.eval(compile(src, file), this.rootEnv(file));
  }

  rootEnv(file: string): Env {
    const env: Env = Object.create(null);
    env.std = ready(this.stdFor(file));
    return env;
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
      case "var": {
        // The static pass proved the name bound; the check stays as a guard for hand-built trees.
        const t = env[node.name] as Thunk | undefined;
        if (!t) fail(`unknown variable: ${node.name}`, node.pos);
        return t.get();
      }
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
        return objectLiteral(this, node.members, env, node.pos);
      case "objcomp":
        return objectComprehension(this, node, env);
      case "index":
        return index(this, this.eval(node.target, env), this.eval(node.index, env), node.pos);
      case "superindex":
        return superIndex(this, node, env);
      case "insuper":
        return inSuper(this, node, env);
      case "slice":
        return slice(this, node, env);
      case "call":
        return callValue(this, this.eval(node.fn, env), node, env);
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
        if (!c) fail(node.msg ? toStr(this, this.eval(node.msg, env), node.pos) : "assertion failed", node.pos);
        return this.eval(node.rest, env);
      }
      case "error": {
        const v = this.eval(node.expr, env);
        return fail(typeof v === "string" ? v : manifestJson(this, v, "  ", node.pos), node.pos);
      }
      case "import":
        return importFile(this, node.kind, node.path, node.pos);
      case "unary":
        return unary(node.op, this.eval(node.expr, env), node.pos);
      case "binary":
        return binary(this, node, env);
      case "applybrace":
        return plus(this, this.eval(node.left, env), this.eval(node.right, env), node.pos);
    }
  }

  /** A child of `env` holding `binds` (a `local` expression's scope). */
  localEnv(binds: Bind[], env: Env): Env {
    const inner: Env = Object.create(env);
    this.bindLocals(binds, inner);
    return inner;
  }

  /** The branch of an `if` to evaluate, or null for a false condition with no `else` (value null). */
  branch(node: Extract<Node, { t: "if" }>, env: Env): Node | null {
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

  comprehend(specs: CompSpec[], i: number, env: Env, emit: (env: Env) => void): void {
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
}
