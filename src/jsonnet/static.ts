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
      case "binary":
      case "index":
      case "slice":
      case "call":
      case "applybrace":
        this.chain(node, inObject);
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
    }
  }

  /**
   * Operator chains (`a + b + c`) and postfix chains (`a.b[c](d) { e }`) are left-deep, and a
   * generated file can make them very long: walk the left spine in a loop rather than by recursion,
   * then the other operands in source order, so the first mistake in the text is the one reported.
   */
  private chain(node: Node, inObject: boolean): void {
    const later: Node[] = [];
    let n = node;
    for (;;) {
      if (n.t === "binary") {
        later.push(n.right);
        n = n.left;
      } else if (n.t === "index") {
        later.push(n.index);
        n = n.target;
      } else if (n.t === "applybrace") {
        later.push(n.right);
        n = n.left;
      } else if (n.t === "slice") {
        if (n.step) later.push(n.step);
        if (n.end) later.push(n.end);
        if (n.start) later.push(n.start);
        n = n.target;
      } else if (n.t === "call") {
        for (let i = n.named.length - 1; i >= 0; i--) later.push((n.named[i] as { value: Node }).value);
        for (let i = n.args.length - 1; i >= 0; i--) later.push(n.args[i] as Node);
        n = n.fn;
      } else break;
    }
    this.expr(n, inObject);
    for (let i = later.length - 1; i >= 0; i--) this.expr(later[i] as Node, inObject);
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
