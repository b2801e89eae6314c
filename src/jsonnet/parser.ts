// Jsonnet parser: precedence climbing over the token stream, producing the tree in ast.ts.
import type { Bind, CompSpec, FieldNode, Member, Node, Param, Visibility } from "./ast.ts";
import { JsonnetError, type Position } from "./errors.ts";
import { type Token, tokenize } from "./lexer.ts";

const BINARY_PRECEDENCE: Record<string, number> = {
  "*": 12,
  "/": 12,
  "%": 12,
  "+": 11,
  "-": 11,
  "<<": 10,
  ">>": 10,
  "<": 9,
  "<=": 9,
  ">": 9,
  ">=": 9,
  in: 9,
  "==": 8,
  "!=": 8,
  "&": 7,
  "^": 6,
  "|": 5,
  "&&": 4,
  "||": 3,
};
const UNARY = new Set(["-", "+", "!", "~"]);
const MAX_DEPTH = 500;

export function parse(src: string, file: string): Node {
  const p = new Parser(tokenize(src, file));
  const node = p.expr();
  p.expectEof();
  return node;
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(o = 0): Token {
    return this.tokens[Math.min(this.i + o, this.tokens.length - 1)] as Token;
  }
  private next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }
  private is(kind: Token["kind"], value?: string, o = 0): boolean {
    const t = this.peek(o);
    return t.kind === kind && (value === undefined || t.value === value);
  }
  private fail(msg: string, t = this.peek()): never {
    throw new JsonnetError(msg, t.pos);
  }
  private expect(kind: Token["kind"], value?: string): Token {
    if (!this.is(kind, value)) {
      const t = this.peek();
      this.fail(`expected ${value ? `"${value}"` : kind} but got ${t.kind === "eof" ? "end of file" : `"${t.value}"`}`);
    }
    return this.next();
  }
  expectEof(): void {
    if (!this.is("eof")) this.fail(`did not expect: "${this.peek().value}"`);
  }

  expr(minPrec = 0): Node {
    if (++this.depth > MAX_DEPTH) this.fail("expression nested too deeply");
    try {
      let left = this.unary();
      for (;;) {
        const t = this.peek();
        const op = t.kind === "op" || (t.kind === "kw" && t.value === "in") ? t.value : null;
        if (op === null) break;
        const prec = BINARY_PRECEDENCE[op];
        if (prec === undefined || prec < minPrec) break;
        this.next();
        if (op === "in" && this.is("kw", "super")) {
          this.next();
          left = { t: "insuper", key: left, pos: t.pos };
          continue;
        }
        const right = this.expr(prec + 1);
        left = { t: "binary", op, left, right, pos: t.pos };
      }
      return left;
    } finally {
      this.depth--;
    }
  }

  private unary(): Node {
    const t = this.peek();
    if (t.kind === "op" && UNARY.has(t.value)) {
      this.next();
      return { t: "unary", op: t.value, expr: this.unary(), pos: t.pos };
    }
    if (t.kind === "kw") {
      switch (t.value) {
        case "local": {
          this.next();
          const binds: Bind[] = [this.bind()];
          while (this.is("sym", ",")) {
            this.next();
            binds.push(this.bind());
          }
          this.expect("sym", ";");
          return { t: "local", binds, body: this.expr(), pos: t.pos };
        }
        case "if": {
          this.next();
          const cond = this.expr();
          this.expect("kw", "then");
          const then = this.expr();
          let els: Node | null = null;
          if (this.is("kw", "else")) {
            this.next();
            els = this.expr();
          }
          return { t: "if", cond, then, else: els, pos: t.pos };
        }
        case "function": {
          this.next();
          this.expect("sym", "(");
          const params = this.params();
          return { t: "function", params, body: this.expr(), pos: t.pos };
        }
        case "assert": {
          const { cond, msg } = this.assertion();
          this.expect("sym", ";");
          return { t: "assert", cond, msg, rest: this.expr(), pos: t.pos };
        }
        case "error":
          this.next();
          return { t: "error", expr: this.expr(), pos: t.pos };
      }
    }
    return this.postfix(this.primary());
  }

  private postfix(node: Node): Node {
    for (;;) {
      const t = this.peek();
      if (t.kind === "sym" && t.value === ".") {
        this.next();
        const id = this.expect("id");
        node = { t: "index", target: node, index: { t: "str", v: id.value, pos: id.pos }, pos: t.pos };
      } else if (t.kind === "sym" && t.value === "[") {
        this.next();
        node = this.indexOrSlice(node, t.pos);
      } else if (t.kind === "sym" && t.value === "(") {
        this.next();
        node = this.call(node, t.pos);
      } else if (t.kind === "sym" && t.value === "{") {
        const right = this.primary();
        node = { t: "applybrace", left: node, right, pos: t.pos };
      } else return node;
    }
  }

  private indexOrSlice(target: Node, pos: Position): Node {
    const parts: Array<Node | null> = [null, null, null];
    let slot = 0;
    let isSlice = false;
    for (;;) {
      if (this.is("sym", "]")) {
        this.next();
        break;
      }
      if (this.is("op", ":") || this.is("op", "::")) {
        const v = this.next().value;
        isSlice = true;
        slot += v.length;
        if (slot > 2) this.fail("invalid slice: too many colons");
        continue;
      }
      if (parts[slot] !== null) this.fail("expected ] or :");
      parts[slot] = this.expr();
    }
    if (!isSlice) {
      if (!parts[0]) this.fail("expected an index expression");
      return { t: "index", target, index: parts[0] as Node, pos };
    }
    return { t: "slice", target, start: parts[0] ?? null, end: parts[1] ?? null, step: parts[2] ?? null, pos };
  }

  private call(fn: Node, pos: Position): Node {
    const args: Node[] = [];
    const named: Array<{ name: string; value: Node }> = [];
    while (!this.is("sym", ")")) {
      if (this.is("id") && this.is("op", "=", 1)) {
        const name = this.next().value;
        this.next();
        named.push({ name, value: this.expr() });
      } else {
        if (named.length) this.fail("positional argument after a named argument");
        args.push(this.expr());
      }
      if (this.is("sym", ",")) this.next();
      else break;
    }
    this.expect("sym", ")");
    let tailstrict = false;
    if (this.is("kw", "tailstrict")) {
      this.next();
      tailstrict = true;
    }
    return { t: "call", fn, args, named, tailstrict, pos };
  }

  /** `assert cond [: msg]` (the keyword is next): shared by assert expressions and object asserts. */
  private assertion(): { cond: Node; msg: Node | null } {
    this.next();
    const cond = this.expr();
    let msg: Node | null = null;
    if (this.is("op", ":")) {
      this.next();
      msg = this.expr();
    }
    return { cond, msg };
  }

  private params(): Param[] {
    const params: Param[] = [];
    while (!this.is("sym", ")")) {
      const name = this.expect("id").value;
      let def: Node | null = null;
      if (this.is("op", "=")) {
        this.next();
        def = this.expr();
      }
      if (params.some((p) => p.name === name)) this.fail(`duplicate parameter ${name}`);
      params.push({ name, def });
      if (this.is("sym", ",")) this.next();
      else break;
    }
    this.expect("sym", ")");
    return params;
  }

  private bind(): Bind {
    const id = this.expect("id");
    const name = id.value;
    let params: Param[] | null = null;
    if (this.is("sym", "(")) {
      this.next();
      params = this.params();
    }
    this.expect("op", "=");
    return { name, params, body: this.expr(), pos: id.pos };
  }

  private primary(): Node {
    const t = this.next();
    switch (t.kind) {
      case "num":
        return { t: "num", v: t.num as number, pos: t.pos };
      case "str":
        return { t: "str", v: t.value, pos: t.pos };
      case "id":
        return { t: "var", name: t.value, pos: t.pos };
      case "kw":
        switch (t.value) {
          case "null":
            return { t: "null", pos: t.pos };
          case "true":
            return { t: "true", pos: t.pos };
          case "false":
            return { t: "false", pos: t.pos };
          case "self":
            return { t: "self", pos: t.pos };
          case "super": {
            if (this.is("sym", ".")) {
              this.next();
              const id = this.expect("id");
              return { t: "superindex", index: { t: "str", v: id.value, pos: id.pos }, pos: t.pos };
            }
            if (this.is("sym", "[")) {
              this.next();
              const index = this.expr();
              this.expect("sym", "]");
              return { t: "superindex", index, pos: t.pos };
            }
            return this.fail("super must be followed by . or [", t);
          }
          case "import":
          case "importstr":
          case "importbin": {
            const path = this.next();
            if (path.kind !== "str") this.fail(`${t.value} requires a literal string path`, path);
            return { t: "import", kind: t.value, path: path.value, pos: t.pos };
          }
        }
        return this.fail(`unexpected "${t.value}"`, t);
      case "op":
        if (t.value === "$") return { t: "dollar", pos: t.pos };
        return this.fail(`unexpected "${t.value}"`, t);
      case "sym":
        if (t.value === "(") {
          const e = this.expr();
          this.expect("sym", ")");
          return e;
        }
        if (t.value === "[") return this.array(t.pos);
        if (t.value === "{") return this.object(t.pos);
        return this.fail(`unexpected "${t.value}"`, t);
      default:
        return this.fail("unexpected end of file", t);
    }
  }

  private array(pos: Position): Node {
    if (this.is("sym", "]")) {
      this.next();
      return { t: "array", items: [], pos };
    }
    const first = this.expr();
    if (this.is("sym", ",") && this.is("kw", "for", 1)) this.next();
    if (this.is("kw", "for")) {
      const specs = this.compSpecs();
      this.expect("sym", "]");
      return { t: "arraycomp", body: first, specs, pos };
    }
    const items = [first];
    while (this.is("sym", ",")) {
      this.next();
      if (this.is("sym", "]")) break;
      items.push(this.expr());
    }
    this.expect("sym", "]");
    return { t: "array", items, pos };
  }

  private compSpecs(): CompSpec[] {
    const specs: CompSpec[] = [];
    for (;;) {
      if (this.is("kw", "for")) {
        this.next();
        const name = this.expect("id").value;
        this.expect("kw", "in");
        specs.push({ kind: "for", name, expr: this.expr() });
      } else if (this.is("kw", "if")) {
        this.next();
        specs.push({ kind: "if", cond: this.expr() });
      } else return specs;
    }
  }

  private object(pos: Position): Node {
    const members: Member[] = [];
    for (;;) {
      if (this.is("sym", "}")) {
        this.next();
        break;
      }
      if (this.is("kw", "for")) {
        return this.objComp(members, pos);
      }
      members.push(this.member());
      if (this.is("sym", ",")) {
        this.next();
        continue;
      }
      if (this.is("kw", "for")) return this.objComp(members, pos);
      this.expect("sym", "}");
      break;
    }
    // Duplicate fields and locals are the static pass's (static.ts).
    return { t: "object", members, pos };
  }

  private objComp(members: Member[], pos: Position): Node {
    const fields = members.filter((m): m is FieldNode => m.kind === "field");
    const field = fields[0];
    if (fields.length !== 1 || !field || typeof field.name === "string")
      this.fail("object comprehension needs exactly one field with a computed [name]");
    if (members.some((m) => m.kind === "assert")) this.fail("object comprehension cannot contain asserts");
    const locals = members.filter((m) => m.kind === "local").map((m) => (m as { bind: Bind }).bind);
    const specs = this.compSpecs();
    this.expect("sym", "}");
    const f = field as FieldNode;
    const value: Node = f.params ? { t: "function", params: f.params, body: f.body, pos: f.pos } : f.body;
    return { t: "objcomp", locals, key: f.name as Node, plus: f.plus, value, specs, pos };
  }

  private member(): Member {
    const t = this.peek();
    if (t.kind === "kw" && t.value === "local") {
      this.next();
      return { kind: "local", bind: this.bind() };
    }
    if (t.kind === "kw" && t.value === "assert") return { kind: "assert", ...this.assertion(), pos: t.pos };
    let name: string | Node;
    if (t.kind === "kw") this.fail(`unexpected keyword "${t.value}" as a field name; quote it`);
    if (t.kind === "id") {
      name = this.next().value;
    } else if (t.kind === "str") name = this.next().value;
    else if (t.kind === "sym" && t.value === "[") {
      this.next();
      name = this.expr();
      this.expect("sym", "]");
    } else return this.fail(`expected a field name but got "${t.value}"`);
    let params: Param[] | null = null;
    if (this.is("sym", "(")) {
      this.next();
      params = this.params();
    }
    const op = this.next();
    const ops: Record<string, [boolean, Visibility]> = {
      ":": [false, "default"],
      "::": [false, "hidden"],
      ":::": [false, "forced"],
      "+:": [true, "default"],
      "+::": [true, "hidden"],
      "+:::": [true, "forced"],
    };
    const kind = op.kind === "op" ? ops[op.value] : undefined;
    if (!kind) this.fail(`expected a field separator (:, ::, :::, +:) but got "${op.value}"`, op);
    if (params && kind[0]) this.fail("a method cannot use +:", op);
    return { kind: "field", name, plus: kind[0], visibility: kind[1], params, body: this.expr(), pos: t.pos };
  }
}
