// A recursive-descent parser for Bash command lines, working directly on characters (the shell's
// grammar decides what a token is from context). It never throws: syntax errors are collected and
// the tree holds whatever could be read, so a caller can still look inside a broken command.
import type {
  AndOrList,
  Assignment,
  Command,
  CompoundCommand,
  ParseResult,
  Pipeline,
  Redirect,
  Script,
  Word,
  WordPart,
} from "./ast.ts";

const MAX_DEPTH = 64;
const ASSIGN_RE = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

interface PendingHeredoc {
  redirect: Redirect;
  delimiter: string;
  stripTabs: boolean;
  expand: boolean;
}

export function parseShell(source: string): ParseResult {
  const parser = new Parser(source, 0);
  const script = parser.parseScript(null);
  if (parser.pos < source.length) parser.error(`unexpected '${source[parser.pos]}'`);
  return { script, errors: parser.errors };
}

class Parser {
  pos: number;
  errors: string[] = [];
  private pending: PendingHeredoc[] = [];

  constructor(
    private readonly src: string,
    private readonly depth: number,
  ) {
    this.pos = 0;
  }

  error(message: string): void {
    if (this.errors.length < 20) this.errors.push(`${message} at offset ${this.pos}`);
  }

  private peek(offset = 0): string {
    return this.src[this.pos + offset] ?? "";
  }

  private startsWith(text: string): boolean {
    return this.src.startsWith(text, this.pos);
  }

  private eof(): boolean {
    return this.pos >= this.src.length;
  }

  /** Skip blanks, line continuations and comments (not newlines). Only space and tab are blanks: bash
   * reads a carriage return (or any other Unicode space) as part of a word, `cat a.txt\r` names `a.txt\r`. */
  private skipBlanks(): void {
    for (;;) {
      const c = this.peek();
      if (c === " " || c === "\t") this.pos++;
      else if (c === "\\" && this.peek(1) === "\n") this.pos += 2;
      else if (c === "#") {
        while (!this.eof() && this.peek() !== "\n") this.pos++;
      } else return;
    }
  }

  /** Consume a newline and read the bodies of any heredocs that were opened on that line. */
  private consumeNewline(): void {
    this.pos++;
    const pending = this.pending;
    this.pending = [];
    for (const doc of pending) this.readHeredoc(doc);
  }

  private readHeredoc(doc: PendingHeredoc): void {
    const lines: string[] = [];
    let found = false;
    while (!this.eof()) {
      const end = this.src.indexOf("\n", this.pos);
      const lineEnd = end === -1 ? this.src.length : end;
      let line = this.src.slice(this.pos, lineEnd);
      this.pos = end === -1 ? this.src.length : end + 1;
      if (doc.stripTabs) line = line.replace(/^\t+/, "");
      if (line === doc.delimiter) {
        found = true;
        break;
      }
      lines.push(line);
    }
    if (!found) this.error(`heredoc '${doc.delimiter}' is not terminated`);
    const body = lines.join("\n");
    let word: Word | null = null;
    if (doc.expand && /[$`]/.test(body)) {
      const inner = new Parser(body, this.depth + 1);
      word = inner.readWordUntil(null, true);
      this.errors.push(...inner.errors);
    }
    doc.redirect.heredoc = { body, word };
  }

  /** Is the upcoming text a reserved word that ends the current list? */
  private atReservedEnd(terminators: Set<string> | null): boolean {
    if (!terminators) return false;
    const m = /^[a-z]+|^\}/.exec(this.src.slice(this.pos, this.pos + 8));
    if (!m) return false;
    const word = m[0];
    const after = this.src[this.pos + word.length] ?? "";
    if (after && !/[ \t\n;&|)<>]/.test(after)) return false;
    return terminators.has(word);
  }

  /** Parse and-or lists until EOF, `)` (when closeParen), or a reserved terminator word. */
  parseScript(terminators: Set<string> | null, closeParen = false): Script {
    const items: AndOrList[] = [];
    if (this.depth > MAX_DEPTH) {
      this.error("nesting too deep");
      this.pos = this.src.length;
      return { items };
    }
    for (;;) {
      this.skipBlanks();
      if (this.eof()) break;
      const c = this.peek();
      if (c === "\n") {
        this.consumeNewline();
        continue;
      }
      if (c === ";" && !this.startsWith(";;")) {
        this.pos++;
        continue;
      }
      if (c === ")" || this.startsWith(";;") || this.startsWith(";&")) {
        if (closeParen || terminators?.has(")")) break;
        this.error(`unexpected '${c}'`);
        this.pos++;
        continue;
      }
      if (this.atReservedEnd(terminators)) break;
      const before = this.pos;
      const list = this.parseAndOr(terminators);
      if (list) items.push(list);
      if (this.pos === before) {
        this.error(`unexpected '${this.peek()}'`);
        this.pos++;
      }
    }
    return { items };
  }

  private parseAndOr(terminators: Set<string> | null): AndOrList | null {
    const pipelines: Pipeline[] = [];
    const ops: ("&&" | "||")[] = [];
    let background = false;
    for (;;) {
      const pipeline = this.parsePipeline(terminators);
      if (pipeline) pipelines.push(pipeline);
      this.skipBlanks();
      if (this.startsWith("&&") || this.startsWith("||")) {
        ops.push(this.src.slice(this.pos, this.pos + 2) as "&&" | "||");
        this.pos += 2;
        if (!pipeline) this.error("operator without a command before it");
        this.skipBlanksAndNewlines();
        continue;
      }
      if (this.peek() === "&" && !this.startsWith("&>")) {
        this.pos++;
        background = true;
      } else if (this.peek() === ";" && !this.startsWith(";;") && !this.startsWith(";&")) {
        this.pos++;
      }
      break;
    }
    if (pipelines.length === 0) return background ? { pipelines, ops, background } : null;
    return { pipelines, ops, background };
  }

  private skipBlanksAndNewlines(): void {
    for (;;) {
      this.skipBlanks();
      if (this.peek() === "\n") this.consumeNewline();
      else return;
    }
  }

  private parsePipeline(terminators: Set<string> | null): Pipeline | null {
    this.skipBlanks();
    let negated = false;
    for (;;) {
      if (this.peek() === "!" && /[ \t\n]/.test(this.peek(1) || " ")) {
        negated = !negated;
        this.pos++;
        this.skipBlanks();
      } else if (this.startsWith("time") && /[ \t\n]/.test(this.peek(4) || " ")) {
        this.pos += 4;
        this.skipBlanks();
        while (this.startsWith("-p") && /[ \t\n]/.test(this.peek(2) || " ")) {
          this.pos += 2;
          this.skipBlanks();
        }
      } else break;
    }
    const commands: Command[] = [];
    for (;;) {
      const command = this.parseCommand(terminators);
      if (command) commands.push(command);
      this.skipBlanks();
      if (this.peek() === "|" && this.peek(1) !== "|") {
        this.pos += this.peek(1) === "&" ? 2 : 1;
        if (!command) this.error("pipe without a command before it");
        this.skipBlanksAndNewlines();
        continue;
      }
      break;
    }
    return commands.length ? { commands, negated } : null;
  }

  private parseCommand(terminators: Set<string> | null): Command | null {
    this.skipBlanks();
    if (this.eof()) return null;
    const c = this.peek();
    if (c === "(") {
      if (this.peek(1) === "(") return this.parseArithCommand();
      this.pos++;
      const body = this.parseScript(null, true);
      if (this.peek() === ")") this.pos++;
      else this.error("unterminated subshell");
      return { type: "subshell", body, redirects: this.parseTrailingRedirects() };
    }
    if (c === "{" && /[ \t\n]/.test(this.peek(1) || " ")) {
      this.pos++;
      const body = this.parseScript(new Set(["}"]));
      if (this.peek() === "}") this.pos++;
      else this.error("unterminated group");
      return { type: "group", body, redirects: this.parseTrailingRedirects() };
    }
    const keyword = /^(if|for|while|until|case|select|function|\[\[)(?=[ \t\n;&|()<>]|$)/.exec(
      this.src.slice(this.pos, this.pos + 10),
    );
    if (keyword) return this.parseCompound(keyword[1] as string);
    return this.parseSimple(terminators);
  }

  private parseTrailingRedirects(): Redirect[] {
    const redirects: Redirect[] = [];
    for (;;) {
      this.skipBlanks();
      const r = this.tryRedirect();
      if (!r) return redirects;
      redirects.push(r);
    }
  }

  private parseArithCommand(): CompoundCommand {
    this.pos += 2;
    const start = this.pos;
    let depth = 0;
    while (!this.eof()) {
      if (this.startsWith("))") && depth === 0) break;
      const c = this.peek();
      if (c === "(") depth++;
      else if (c === ")") depth--;
      this.pos++;
    }
    const raw = this.src.slice(start, this.pos);
    if (this.startsWith("))")) this.pos += 2;
    else this.error("unterminated (( ))");
    const word = this.subParser(raw).readWordUntil(null, true);
    return { type: "compound", keyword: "arith", words: [word], bodies: [], redirects: this.parseTrailingRedirects() };
  }

  private subParser(text: string): Parser {
    const p = new Parser(text, this.depth + 1);
    return p;
  }

  private expectWord(word: string): void {
    for (;;) {
      this.skipBlanksAndNewlines();
      if (this.peek() !== ";" || this.startsWith(";;")) break;
      this.pos++;
    }
    if (this.atReservedEnd(new Set([word]))) this.pos += word.length;
    else this.error(`expected '${word}'`);
  }

  private parseCompound(keyword: string): CompoundCommand {
    const words: Word[] = [];
    let variable: string | undefined;
    const bodies: Script[] = [];
    const kind = keyword === "[[" ? "cond" : (keyword as CompoundCommand["keyword"]);
    this.pos += keyword.length;
    switch (keyword) {
      case "[[": {
        for (;;) {
          this.skipBlanksAndNewlines();
          if (this.eof()) {
            this.error("unterminated [[");
            break;
          }
          if (this.startsWith("]]")) {
            this.pos += 2;
            break;
          }
          if ("&|()<>".includes(this.peek())) {
            this.pos++;
            continue;
          }
          words.push(this.readWordUntil(null, false));
        }
        break;
      }
      case "if": {
        bodies.push(this.parseScript(new Set(["then"])));
        this.expectWord("then");
        for (;;) {
          bodies.push(this.parseScript(new Set(["elif", "else", "fi"])));
          this.skipBlanksAndNewlines();
          if (this.atReservedEnd(new Set(["elif"]))) {
            this.pos += 4;
            bodies.push(this.parseScript(new Set(["then"])));
            this.expectWord("then");
            continue;
          }
          if (this.atReservedEnd(new Set(["else"]))) {
            this.pos += 4;
            bodies.push(this.parseScript(new Set(["fi"])));
          }
          this.expectWord("fi");
          break;
        }
        break;
      }
      case "while":
      case "until": {
        bodies.push(this.parseScript(new Set(["do"])));
        this.expectWord("do");
        bodies.push(this.parseScript(new Set(["done"])));
        this.expectWord("done");
        break;
      }
      case "for":
      case "select": {
        this.skipBlanks();
        if (this.startsWith("((")) {
          const arith = this.parseArithCommand();
          words.push(...arith.words);
        } else {
          variable = literalOf(this.readWordUntil(null, false)) ?? undefined; // loop variable
          this.skipBlanksAndNewlines();
          if (this.atReservedEnd(new Set(["in"]))) {
            this.pos += 2;
            for (;;) {
              this.skipBlanks();
              if (this.eof() || this.peek() === ";" || this.peek() === "\n") break;
              words.push(this.readWordUntil(null, false));
            }
          }
        }
        this.expectWord("do");
        bodies.push(this.parseScript(new Set(["done"])));
        this.expectWord("done");
        break;
      }
      case "case": {
        this.skipBlanks();
        words.push(this.readWordUntil(null, false));
        this.expectWord("in");
        for (;;) {
          this.skipBlanksAndNewlines();
          if (this.eof()) {
            this.error("unterminated case");
            break;
          }
          if (this.atReservedEnd(new Set(["esac"]))) {
            this.pos += 4;
            break;
          }
          if (this.peek() === "(") this.pos++;
          // patterns separated by |, closed by )
          for (;;) {
            this.skipBlanks();
            if (this.eof()) break;
            if (this.peek() === ")") {
              this.pos++;
              break;
            }
            if (this.peek() === "|") {
              this.pos++;
              continue;
            }
            const before = this.pos;
            words.push(this.readWordUntil(null, false));
            if (this.pos === before) this.pos++;
          }
          bodies.push(this.parseScript(new Set(["esac", ")"]), false));
          this.skipBlanks();
          if (this.startsWith(";;&")) this.pos += 3;
          else if (this.startsWith(";;") || this.startsWith(";&")) this.pos += 2;
        }
        break;
      }
      case "function": {
        this.skipBlanks();
        words.push(this.readWordUntil(null, false)); // the name
        this.skipBlanks();
        if (this.startsWith("()")) this.pos += 2;
        this.skipBlanksAndNewlines();
        const body = this.parseCommand(null);
        if (body)
          bodies.push({ items: [{ pipelines: [{ commands: [body], negated: false }], ops: [], background: false }] });
        break;
      }
    }
    const redirects = this.parseTrailingRedirects();
    return variable === undefined
      ? { type: "compound", keyword: kind, words, bodies, redirects }
      : { type: "compound", keyword: kind, words, bodies, redirects, variable };
  }

  /** Try to read a redirection operator (with optional fd) and its target at the current position. */
  private tryRedirect(): Redirect | null {
    const m = /^(\d*)(&>>|&>|<<<|<<-|<<|>>|>&|<&|>\||<>|>|<)/.exec(this.src.slice(this.pos, this.pos + 12));
    if (!m) return null;
    const fdText = m[1] as string;
    const op = m[2] as string;
    if (fdText && op.startsWith("&")) return null;
    // `<(` / `>(` at word start is a process substitution, not a redirect.
    if (!fdText && (op === "<" || op === ">") && this.src[this.pos + 1] === "(") return null;
    this.pos += m[0].length;
    this.skipBlanks();
    if (op === "<<" || op === "<<-") {
      const target = this.readWordUntil(null, false);
      const delimiter = heredocDelimiter(target.raw);
      const redirect: Redirect = { op, target, ...(fdText ? { fd: Number(fdText) } : {}) };
      const expand = !/['"\\]/.test(target.raw);
      this.pending.push({ redirect, delimiter, stripTabs: op === "<<-", expand });
      return redirect;
    }
    const target = this.readWordUntil(null, false);
    if (target.raw === "") this.error(`redirect '${op}' without a target`);
    return { op, target, ...(fdText ? { fd: Number(fdText) } : {}) };
  }

  private parseSimple(terminators: Set<string> | null): Command | null {
    const assigns: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      this.skipBlanks();
      if (this.eof()) break;
      const c = this.peek();
      if (c === "\n" || c === ";" || (c === "&" && !this.startsWith("&>")) || c === "|" || c === ")") break;
      if (words.length === 0 && assigns.length === 0 && this.atReservedEnd(terminators)) break;
      const redirect = this.tryRedirect();
      if (redirect) {
        redirects.push(redirect);
        continue;
      }
      if (c === "(") {
        // `name() { … }` function definition
        if (words.length === 1 && this.startsWith("()")) {
          this.pos += 2;
          this.skipBlanksAndNewlines();
          const body = this.parseCommand(null);
          const bodies: Script[] = body
            ? [{ items: [{ pipelines: [{ commands: [body], negated: false }], ops: [], background: false }] }]
            : [];
          return { type: "compound", keyword: "function", words, bodies, redirects };
        }
        this.error("unexpected '('");
        this.pos++;
        continue;
      }
      const start = this.pos;
      const word = this.readWordUntil(null, false);
      if (this.pos === start) {
        this.error(`unexpected '${c}'`);
        this.pos++;
        continue;
      }
      if (words.length === 0 && ASSIGN_RE.test(word.raw)) {
        const eq = word.raw.indexOf("=");
        const name = word.raw.slice(0, eq).replace(/\+$/, "");
        const value = this.subParser(word.raw.slice(eq + 1)).readWordUntil(null, false);
        // array assignment `a=(x y)`
        const elements: Word[] = [];
        if (value.raw === "" && this.peek() === "(") {
          this.pos++;
          while (!this.eof() && this.peek() !== ")") {
            this.skipBlanksAndNewlines();
            if (this.peek() === ")") break;
            const before = this.pos;
            const element = this.readWordUntil(null, false);
            if (element.raw !== "") elements.push(element);
            if (this.pos === before) this.pos++;
          }
          if (this.peek() === ")") this.pos++;
          assigns.push({ name, value, elements });
          continue;
        }
        assigns.push({ name, value });
        continue;
      }
      words.push(word);
    }
    if (!words.length && !assigns.length && !redirects.length) return null;
    return { type: "simple", assigns, words, redirects };
  }

  /**
   * Read one word. With `stopAt` null, the word ends at an unquoted metacharacter; `inHeredoc`
   * reads everything (only expansions are structural).
   */
  readWordUntil(stopAt: string | null, inHeredoc: boolean): Word {
    const start = this.pos;
    const parts: WordPart[] = [];
    let lit = "";
    const flush = (quoted: boolean) => {
      if (lit) parts.push({ type: "lit", value: lit, quoted });
      lit = "";
    };
    while (!this.eof()) {
      const c = this.peek();
      if (!inHeredoc) {
        if (stopAt !== null && c === stopAt) break;
        if (c === " " || c === "\t" || c === "\n" || c === ";" || c === "&" || c === "|" || c === ")") break;
        if (c === "(" && !(parts.length || lit)) break;
        if ((c === "<" || c === ">") && this.peek(1) === "(" && !lit && parts.length === 0) {
          this.pos += 2;
          const body = this.subParser(this.balanced(")"))!.parseScriptAll();
          parts.push({ type: "procsub", direction: c, body });
          continue;
        }
        if (c === "<" || c === ">") break;
        if (c === "(") {
          // extglob like @(a|b); anything else ends the word (e.g. `name()` of a function)
          if (!/[@!+*?]$/.test(lit)) break;
          lit += this.balancedRaw("(", ")");
          continue;
        }
      }
      if (c === "\\") {
        if (inHeredoc) {
          const n = this.peek(1);
          if (n === "$" || n === "`" || n === "\\") {
            lit += n;
            this.pos += 2;
          } else {
            lit += c;
            this.pos++;
          }
          continue;
        }
        if (this.peek(1) === "\n") {
          this.pos += 2;
          continue;
        }
        flush(false);
        lit += this.peek(1);
        this.pos += 2;
        flush(true);
        continue;
      }
      if (c === "'" && !inHeredoc) {
        flush(false);
        const end = this.src.indexOf("'", this.pos + 1);
        if (end === -1) {
          this.error("unterminated single quote");
          lit = this.src.slice(this.pos + 1);
          this.pos = this.src.length;
        } else {
          lit = this.src.slice(this.pos + 1, end);
          this.pos = end + 1;
        }
        parts.push({ type: "lit", value: lit, quoted: true });
        lit = "";
        continue;
      }
      if (c === '"' && !inHeredoc) {
        flush(false);
        this.pos++;
        this.readDoubleQuoted(parts);
        continue;
      }
      if (c === "$" && this.peek(1) === "'" && !inHeredoc) {
        flush(false);
        this.pos += 2;
        parts.push({ type: "lit", value: this.readAnsiC(), quoted: true });
        continue;
      }
      if (c === "$" && this.peek(1) === '"' && !inHeredoc) {
        flush(false);
        this.pos += 2;
        this.readDoubleQuoted(parts);
        continue;
      }
      if (c === "$" || c === "`") {
        const part = this.readExpansion();
        if (part) {
          flush(false);
          parts.push(part);
          continue;
        }
      }
      lit += c;
      this.pos++;
    }
    flush(false);
    return { parts, raw: this.src.slice(start, this.pos) };
  }

  parseScriptAll(): Script {
    const script = this.parseScript(null);
    return script;
  }

  private readDoubleQuoted(parts: WordPart[]): void {
    let lit = "";
    const flush = () => {
      if (lit) parts.push({ type: "lit", value: lit, quoted: true });
      lit = "";
    };
    // An empty "" still yields an (empty) quoted literal so the word exists.
    let sawAny = false;
    for (;;) {
      if (this.eof()) {
        this.error("unterminated double quote");
        break;
      }
      const c = this.peek();
      if (c === '"') {
        this.pos++;
        break;
      }
      sawAny = true;
      if (c === "\\") {
        const n = this.peek(1);
        if (n === "$" || n === "`" || n === '"' || n === "\\") {
          lit += n;
          this.pos += 2;
        } else if (n === "\n") {
          this.pos += 2;
        } else {
          lit += c;
          this.pos++;
        }
        continue;
      }
      if (c === "$" || c === "`") {
        const part = this.readExpansion();
        if (part) {
          flush();
          if (part.type === "param" || part.type === "cmdsub") part.quoted = true;
          parts.push(part);
          continue;
        }
      }
      lit += c;
      this.pos++;
    }
    if (lit || !sawAny) parts.push({ type: "lit", value: lit, quoted: true });
  }

  private readAnsiC(): string {
    let out = "";
    while (!this.eof() && this.peek() !== "'") {
      const c = this.peek();
      if (c === "\\") {
        const n = this.peek(1);
        this.pos += 2;
        const simple: Record<string, string> = {
          n: "\n",
          t: "\t",
          r: "\r",
          a: "\x07",
          b: "\b",
          e: "\x1b",
          E: "\x1b",
          f: "\f",
          v: "\v",
          "\\": "\\",
          "'": "'",
          '"': '"',
          "?": "?",
        };
        if (n in simple) out += simple[n];
        else if (n === "x") {
          const hex = /^[0-9a-fA-F]{1,2}/.exec(this.src.slice(this.pos))?.[0] ?? "";
          this.pos += hex.length;
          out += byte(hex ? parseInt(hex, 16) : -1);
        } else if (n === "u" || n === "U") {
          const hex = new RegExp(`^[0-9a-fA-F]{1,${n === "u" ? 4 : 8}}`).exec(this.src.slice(this.pos))?.[0] ?? "";
          this.pos += hex.length;
          // Past ASCII the character is encoded in the shell's locale (or written as `\u…` in C): unknown.
          out += byte(hex ? parseInt(hex, 16) : -1);
        } else if (/[0-7]/.test(n)) {
          const oct = /^[0-7]{0,2}/.exec(this.src.slice(this.pos))?.[0] ?? "";
          this.pos += oct.length;
          out += byte(parseInt(n + oct, 8) & 0xff);
        } else out += UNKNOWN; // `\cX`, `\x{…}`, `\q`: bash and zsh read these differently
        continue;
      }
      out += c;
      this.pos++;
    }
    if (this.peek() === "'") this.pos++;
    else this.error("unterminated $'...'");
    return out;
  }

  /** `$…` or a backquote at the current position; null when `$` is literal. */
  private readExpansion(): WordPart | null {
    const c = this.peek();
    if (c === "`") {
      this.pos++;
      let body = "";
      while (!this.eof() && this.peek() !== "`") {
        if (this.peek() === "\\" && "`$\\".includes(this.peek(1))) {
          body += this.peek(1);
          this.pos += 2;
          continue;
        }
        body += this.peek();
        this.pos++;
      }
      if (this.peek() === "`") this.pos++;
      else this.error("unterminated backquote");
      const inner = this.subParser(body);
      const script = inner.parseScriptAll();
      this.errors.push(...inner.errors);
      return { type: "cmdsub", body: script, backtick: true };
    }
    const n = this.peek(1);
    if (n === "(" && this.peek(2) === "(") {
      this.pos += 3;
      const start = this.pos;
      let depth = 0;
      while (!this.eof()) {
        if (this.startsWith("))") && depth === 0) break;
        if (this.peek() === "(") depth++;
        else if (this.peek() === ")") depth--;
        this.pos++;
      }
      const raw = this.src.slice(start, this.pos);
      if (this.startsWith("))")) this.pos += 2;
      else this.error("unterminated $((");
      return { type: "arith", raw, inner: this.innerScripts(raw) };
    }
    if (n === "[") {
      // `$[ … ]`: bash's (and zsh's) old spelling of `$(( … ))`, assignments included (`$[PATH=0]`).
      this.pos += 2;
      const start = this.pos;
      let depth = 0;
      while (!this.eof() && !(this.peek() === "]" && depth === 0)) {
        if (this.peek() === "[") depth++;
        else if (this.peek() === "]") depth--;
        this.pos++;
      }
      const raw = this.src.slice(start, this.pos);
      if (this.peek() === "]") this.pos++;
      else this.error("unterminated $[");
      return { type: "arith", raw, inner: this.innerScripts(raw) };
    }
    if (n === "(") {
      this.pos += 2;
      // Parse in place so nested quotes and parens are handled by the real grammar.
      const sub = new Parser(this.src, this.depth + 1);
      sub.pos = this.pos;
      const body = sub.parseScript(null, true);
      this.errors.push(...sub.errors);
      this.pos = sub.pos;
      if (this.peek() === ")") this.pos++;
      else this.error("unterminated $(");
      return { type: "cmdsub", body, backtick: false };
    }
    if (n === "{") {
      this.pos += 2;
      const raw = this.balancedBraces();
      return { type: "param", raw: `\${${raw}}`, inner: this.innerScripts(raw) };
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9@*#?$!-]/.exec(this.src.slice(this.pos + 1, this.pos + 200));
    if (m) {
      this.pos += 1 + m[0].length;
      return { type: "param", raw: `$${m[0]}`, inner: [] };
    }
    return null;
  }

  /** Scripts of any `$(…)`/backquote substitutions inside raw text (for `${…}` and `$((…))`). */
  private innerScripts(raw: string): Script[] {
    if (!/[$`]/.test(raw)) return [];
    const p = this.subParser(raw);
    const word = p.readWordUntil(null, true);
    this.errors.push(...p.errors);
    const out: Script[] = [];
    for (const part of word.parts) {
      if (part.type === "cmdsub" || part.type === "procsub") out.push(part.body);
      else if (part.type === "param" || part.type === "arith") out.push(...part.inner);
    }
    return out;
  }

  private balancedBraces(): string {
    const start = this.pos;
    let depth = 0;
    while (!this.eof()) {
      const c = this.peek();
      if (c === "\\") {
        this.pos += 2;
        continue;
      }
      if (c === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        this.pos = end === -1 ? this.src.length : end + 1;
        continue;
      }
      if (c === "{") depth++;
      if (c === "}") {
        if (depth === 0) break;
        depth--;
      }
      this.pos++;
    }
    const raw = this.src.slice(start, this.pos);
    if (this.peek() === "}") this.pos++;
    else this.error("unterminated ${");
    return raw;
  }

  /** Text up to the matching close paren (used for process substitution bodies). */
  private balanced(close: string): string {
    const sub = new Parser(this.src, this.depth + 1);
    sub.pos = this.pos;
    sub.parseScript(null, true);
    const raw = this.src.slice(this.pos, sub.pos);
    this.pos = sub.pos;
    if (this.peek() === close) this.pos++;
    else this.error("unterminated process substitution");
    return raw;
  }

  private balancedRaw(open: string, close: string): string {
    const start = this.pos;
    let depth = 0;
    while (!this.eof()) {
      const c = this.peek();
      if (c === open) depth++;
      else if (c === close) {
        depth--;
        if (depth === 0) {
          this.pos++;
          break;
        }
      }
      this.pos++;
    }
    return this.src.slice(start, this.pos);
  }
}

/** A character the shells may spell differently (the same NUL that stands for an unknown value). */
const UNKNOWN = "\u0000";

/** One ASCII character of an escape; a byte past ASCII, NUL (which ends the word) or none: unknown. */
function byte(code: number): string {
  return code > 0 && code < 0x80 ? String.fromCharCode(code) : UNKNOWN;
}

/**
 * A here-document's delimiter: its word with quotes removed and nothing expanded, as bash takes it
 * (`<<"$x"` ends at a line `$x`, `<<'E'OF` at `EOF`).
 */
function heredocDelimiter(raw: string): string {
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === "\\") out += raw[++i] ?? "";
    else if (c === "'") {
      const end = raw.indexOf("'", i + 1);
      out += raw.slice(i + 1, end === -1 ? raw.length : end);
      i = end === -1 ? raw.length : end;
    } else if (c === '"') {
      for (i++; i < raw.length && raw[i] !== '"'; i++) {
        if (raw[i] === "\\" && /[$`"\\]/.test(raw[i + 1] ?? "")) i++;
        out += raw[i];
      }
    } else out += c;
  }
  return out;
}

/** The word's value when it has no expansions; null otherwise. */
export function literalOf(word: Word): string | null {
  let out = "";
  for (const part of word.parts) {
    if (part.type !== "lit") return null;
    out += part.value;
  }
  return out;
}
