// The static pass between parsing and evaluation, as the reference implementations have: mistakes
// that do not depend on data are refused before anything runs, with the file:line:col of the
// offending token. Without it `local x = y; 1` evaluates to 1 (the unused `y` is never forced), and a
// typo in a config branch that is not taken today surfaces only on the day it is.
//
// Checked: every variable is bound (the implicit `std` counts); `self`, `super` and `$` appear only
// inside an object; no name is bound twice by one `local` (or among one object's locals); no literal
// field name appears twice in one object. Scoping follows the language: the binds of one `local` see
// each other; parameters see each other in their defaults; object locals see each other, `self` and
// the fields' scope, but computed field names see only the enclosing scope; comprehension variables
// are visible to later `for`/`if` clauses and to the body (for objects: the value and the locals, and
// the key, which is outside the object).
//
// One walk over the tree with a counted name table (no scope objects): cheap next to evaluation.
import type { Bind, CompSpec, Member, Node, Param } from "./ast.ts";
import { JsonnetError, type Position } from "./errors.ts";
import { parse } from "./parser.ts";

/** Names every file sees without binding them. */
const IMPLICIT = ["std"];

function checkProgram(node: Node): void {
  const c = new Checker();
  for (const n of IMPLICIT) c.bind(n);
  c.expr(node, false);
}

function fail(msg: string, pos: Position): never {
  const e = new JsonnetError(msg, pos);
  e.isStatic = true;
  throw e;
}

class Checker {
  /** How many enclosing scopes bind each name (shadowing nests, so a count is enough). */
  private readonly bound = new Map<string, number>();

  bind(name: string): void {
    this.bound.set(name, (this.bound.get(name) ?? 0) + 1);
  }

  private unbind(name: string): void {
    const n = this.bound.get(name) as number;
    if (n <= 1) this.bound.delete(name);
    else this.bound.set(name, n - 1);
  }

  private bindAll(binds: Bind[]): void {
    for (const b of binds) this.bind(b.name);
  }

  private unbindAll(binds: Bind[]): void {
    for (const b of binds) this.unbind(b.name);
  }

  expr(node: Node, inObject: boolean): void {
    switch (node.t) {
      case "null":
      case "true":
      case "false":
      case "str":
      case "num":
      case "import":
        return;
      case "self":
        if (!inObject) fail("can't use self outside of an object", node.pos);
        return;
      case "dollar":
        if (!inObject) fail("can't use $ outside of an object", node.pos);
        return;
      case "superindex":
        if (!inObject) fail("can't use super outside of an object", node.pos);
        this.expr(node.index, inObject);
        return;
      case "insuper":
        if (!inObject) fail("can't use super outside of an object", node.pos);
        this.expr(node.key, inObject);
        return;
      case "var":
        if (!this.bound.has(node.name)) fail(`unknown variable: ${node.name}`, node.pos);
        return;
      case "array":
        for (const item of node.items) this.expr(item, inObject);
        return;
      case "arraycomp":
        this.specs(node.specs, 0, inObject, () => this.expr(node.body, inObject));
        return;
      case "object":
        this.object(node.members, inObject);
        return;
      case "objcomp":
        this.duplicateLocals(node.locals);
        this.specs(node.specs, 0, inObject, () => {
          this.expr(node.key, inObject);
          this.bindAll(node.locals);
          for (const b of node.locals) this.bindBody(b, true);
          this.expr(node.value, true);
          this.unbindAll(node.locals);
        });
        return;
      case "index":
        this.expr(node.target, inObject);
        this.expr(node.index, inObject);
        return;
      case "slice":
        this.expr(node.target, inObject);
        if (node.start) this.expr(node.start, inObject);
        if (node.end) this.expr(node.end, inObject);
        if (node.step) this.expr(node.step, inObject);
        return;
      case "call":
        this.expr(node.fn, inObject);
        for (const a of node.args) this.expr(a, inObject);
        for (const a of node.named) this.expr(a.value, inObject);
        return;
      case "local":
        this.duplicateLocals(node.binds);
        this.bindAll(node.binds);
        for (const b of node.binds) this.bindBody(b, inObject);
        this.expr(node.body, inObject);
        this.unbindAll(node.binds);
        return;
      case "if":
        this.expr(node.cond, inObject);
        this.expr(node.then, inObject);
        if (node.else) this.expr(node.else, inObject);
        return;
      case "function":
        this.fn(node.params, node.body, inObject);
        return;
      case "assert":
        this.expr(node.cond, inObject);
        if (node.msg) this.expr(node.msg, inObject);
        this.expr(node.rest, inObject);
        return;
      case "error":
        this.expr(node.expr, inObject);
        return;
      case "unary":
        this.expr(node.expr, inObject);
        return;
      case "binary": {
        // Long operator chains are left-deep: walk the left spine in a loop, not by recursion, and
        // check in source order (leftmost operand first) so the first mistake is the one reported.
        const rights: Node[] = [];
        let n: Node = node;
        while (n.t === "binary") {
          rights.push(n.right);
          n = n.left;
        }
        this.expr(n, inObject);
        for (let i = rights.length - 1; i >= 0; i--) this.expr(rights[i] as Node, inObject);
        return;
      }
      case "applybrace":
        this.expr(node.left, inObject);
        this.expr(node.right, inObject);
        return;
    }
  }

  /** A bind's body: a plain expression, or a function when the bind has parameters. */
  private bindBody(b: Bind, inObject: boolean): void {
    if (b.params) this.fn(b.params, b.body, inObject);
    else this.expr(b.body, inObject);
  }

  private fn(params: Param[], body: Node, inObject: boolean): void {
    for (const p of params) this.bind(p.name);
    for (const p of params) if (p.def) this.expr(p.def, inObject);
    this.expr(body, inObject);
    for (const p of params) this.unbind(p.name);
  }

  private specs(specs: CompSpec[], i: number, inObject: boolean, inner: () => void): void {
    const spec = specs[i];
    if (!spec) {
      inner();
      return;
    }
    if (spec.kind === "if") {
      this.expr(spec.cond, inObject);
      this.specs(specs, i + 1, inObject, inner);
      return;
    }
    this.expr(spec.expr, inObject);
    this.bind(spec.name);
    this.specs(specs, i + 1, inObject, inner);
    this.unbind(spec.name);
  }

  private object(members: Member[], inObject: boolean): void {
    const names = new Set<string>();
    const locals: Bind[] = [];
    for (const m of members) {
      if (m.kind === "local") locals.push(m.bind);
      else if (m.kind === "field") {
        if (typeof m.name === "string") {
          if (names.has(m.name)) fail(`duplicate field: ${m.name}`, m.pos);
          names.add(m.name);
        } else this.expr(m.name, inObject);
      }
    }
    this.duplicateLocals(locals);
    this.bindAll(locals);
    for (const m of members) {
      if (m.kind === "local") this.bindBody(m.bind, true);
      else if (m.kind === "assert") {
        this.expr(m.cond, true);
        if (m.msg) this.expr(m.msg, true);
      } else if (m.params) this.fn(m.params, m.body, true);
      else this.expr(m.body, true);
    }
    this.unbindAll(locals);
  }

  private duplicateLocals(binds: Bind[]): void {
    if (binds.length < 2) return;
    const seen = new Set<string>();
    for (const b of binds) {
      if (seen.has(b.name)) fail(`duplicate local var: ${b.name}`, b.pos);
      seen.add(b.name);
    }
  }
}

/** Parse and check one file (the program, an import, an ext/TLA code): every error here is static. */
export function compile(src: string, file: string): Node {
  try {
    const node = parse(src, file);
    checkProgram(node);
    return node;
  } catch (e) {
    if (e instanceof JsonnetError) e.isStatic = true;
    throw e;
  }
}
