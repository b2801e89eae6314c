// Function calls: binding positional, named and default arguments, native (std) functions, and the
// two loops that keep tail positions and chains of lazy variables off the JavaScript stack.
import type { Node, Param } from "./ast.ts";
import { fail, JsonnetError, type Position, posText } from "./errors.ts";
import type { Interpreter } from "./interp.ts";
import { type Env, isFunction, type JFunction, Lazy, ready, type Thunk, typeName, type Value } from "./value.ts";

type UserFunction = Extract<JFunction, { kind: "user" }>;
type Named = Array<{ name: string; thunk: Thunk }>;

export function call(it: Interpreter, fn: JFunction, positional: Thunk[], named: Named, pos: Position | null): Value {
  const bound = bindNamed(fn, positional, named, pos);
  it.enter(pos);
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
    return tailLoop(it, fn.body, bindArgs(it, fn, bound, pos));
  } catch (e) {
    throw unwound(e, fn.name, pos);
  } finally {
    it.leave();
  }
}

/** The rest of a call node once its function is evaluated (natives, and the error for non-functions). */
export function callValue(it: Interpreter, fn: Value, node: Extract<Node, { t: "call" }>, env: Env): Value {
  if (!isFunction(fn)) fail(`only functions can be called, got ${typeName(fn)}`, node.pos);
  const positional = node.args.map((a) => it.thunk(a, env));
  const named = node.named.map((n) => ({ name: n.name, thunk: it.thunk(n.value, env) }));
  if (node.tailstrict) for (const t of positional) t.get();
  return call(it, fn, positional, named, node.pos);
}

/** Call with already-evaluated values (used by the standard library). */
export function callValues(it: Interpreter, fn: Value, args: Value[], pos: Position | null): Value {
  if (!isFunction(fn)) fail(`expected a function, got ${typeName(fn)}`, pos);
  return call(it, fn, args.map(ready), [], pos);
}

/** Positional and named arguments in parameter order (holes for defaults). */
function bindNamed(fn: JFunction, positional: Thunk[], named: Named, pos: Position | null): Array<Thunk | undefined> {
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
function unwound(e: unknown, name: string, pos: Position | null): unknown {
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

function bindArgs(it: Interpreter, fn: UserFunction, bound: Array<Thunk | undefined>, pos: Position | null): Env {
  const env: Env = Object.create(fn.env);
  fn.params.forEach((p: Param, i) => {
    const b = bound[i];
    if (b) env[p.name] = b;
    else if (p.def) {
      const def = p.def;
      env[p.name] = new Lazy(() => it.eval(def, env), def, env);
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
function tailLoop(it: Interpreter, body: Node, env: Env): Value {
  let node = body;
  let e = env;
  for (;;) {
    if (node.t === "local") {
      e = it.localEnv(node.binds, e);
      node = node.body;
      continue;
    }
    if (node.t === "if") {
      const next = it.branch(node, e);
      if (!next) return null;
      node = next;
      continue;
    }
    if (node.t === "call") {
      const fn = it.eval(node.fn, e);
      if (!isFunction(fn) || fn.kind !== "user") return callValue(it, fn, node, e);
      if (!node.tailstrict || node.named.length > 0 || node.args.length > fn.params.length)
        return trampoline(it, node, e, fn);
      const args = node.args.map((a) => ready(it.eval(a, e)));
      e = bindArgs(it, fn, args, node.pos);
      node = fn.body;
      continue;
    }
    if (node.t === "var") {
      const t = e[node.name];
      if (t instanceof Lazy && t.node !== null) return trampoline(it, node, e, null);
    }
    return it.eval(node, e);
  }
}

/**
 * The general tail loop, so that chains of calls and of lazy variables do not grow the
 * JavaScript stack: a tail call of a user function counts a frame but stays in this loop, and a
 * variable bound to an unevaluated expression is claimed, evaluated here, and settled with the
 * result (with every other thunk claimed on the way). `fn` is `node`'s function when the caller
 * already evaluated it.
 */
function trampoline(it: Interpreter, start: Node, env: Env, startFn: JFunction | null): Value {
  let node = start;
  let e = env;
  let pending: JFunction | null = startFn;
  let frames: Array<{ name: string; pos: Position | null }> | null = null;
  let claimed: Lazy[] | null = null;
  let result: Value;
  try {
    for (;;) {
      if (node.t === "local") {
        e = it.localEnv(node.binds, e);
        node = node.body;
        continue;
      }
      if (node.t === "if") {
        const next = it.branch(node, e);
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
        const fn = pending ?? it.eval(node.fn, e);
        pending = null;
        if (!isFunction(fn) || fn.kind !== "user") {
          result = callValue(it, fn, node, e);
          break;
        }
        if (node.tailstrict && node.named.length === 0 && node.args.length <= fn.params.length) {
          const args = node.args.map((a) => ready(it.eval(a, e)));
          e = bindArgs(it, fn, args, node.pos);
          node = fn.body;
          continue;
        }
        const positional = node.args.map((a) => it.thunk(a, e));
        const named = node.named.map((n) => ({ name: n.name, thunk: it.thunk(n.value, e) }));
        if (node.tailstrict) for (const t of positional) t.get();
        const bound = bindNamed(fn, positional, named, node.pos);
        it.enter(node.pos);
        frames ??= [];
        frames.push({ name: fn.name, pos: node.pos });
        e = bindArgs(it, fn, bound, node.pos);
        node = fn.body;
        continue;
      }
      result = it.eval(node, e);
      break;
    }
  } catch (err) {
    let out: unknown = err;
    if (frames)
      for (let i = frames.length - 1; i >= 0; i--)
        out = unwound(out, (frames[i] as { name: string }).name, (frames[i] as { pos: Position | null }).pos);
    if (claimed) for (const t of claimed) t.unclaim();
    throw out;
  } finally {
    if (frames) it.depth -= frames.length;
  }
  if (claimed) for (const t of claimed) t.settle(result);
  return result;
}
