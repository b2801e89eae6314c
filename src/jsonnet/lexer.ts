// Jsonnet lexer: comments, every string form (quoted, verbatim, text blocks), numbers with `_`
// separators, identifiers, keywords and operators.
import { JsonnetError, type Position } from "./errors.ts";

export type TokenKind = "id" | "kw" | "num" | "str" | "op" | "sym" | "eof";

export interface Token {
  kind: TokenKind;
  value: string;
  /** Numeric value for numbers. */
  num?: number;
  pos: Position;
}

const KEYWORDS = new Set([
  "assert",
  "else",
  "error",
  "false",
  "for",
  "function",
  "if",
  "import",
  "importstr",
  "importbin",
  "in",
  "local",
  "null",
  "tailstrict",
  "then",
  "self",
  "super",
  "true",
]);
const OP_CHARS = "!$:~+-&|^=<>*/%";

export function tokenize(src: string, file: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (at = i): Position => ({ file, line, col: at - lineStart + 1 });
  const err = (msg: string, at = i): never => {
    throw new JsonnetError(msg, pos(at));
  };
  const newline = (at: number) => {
    line++;
    lineStart = at + 1;
  };

  while (i < src.length) {
    const c = src[i] as string;
    if (c === "\n") {
      newline(i);
      i++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (c === "#" || (c === "/" && src[i + 1] === "/")) {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "*") {
      const start = i;
      i += 2;
      while (i < src.length && !(src[i] === "*" && src[i + 1] === "/")) {
        if (src[i] === "\n") newline(i);
        i++;
      }
      if (i >= src.length) err("unterminated comment", start);
      i += 2;
      continue;
    }
    const start = i;
    const p = pos();
    if (/[A-Za-z_]/.test(c)) {
      while (i < src.length && /[A-Za-z0-9_]/.test(src[i] as string)) i++;
      const word = src.slice(start, i);
      tokens.push({ kind: KEYWORDS.has(word) ? "kw" : "id", value: word, pos: p });
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^(?:0|[1-9](?:_?[0-9])*)(?:\.[0-9](?:_?[0-9])*)?(?:[eE][+-]?[0-9](?:_?[0-9])*)?/.exec(src.slice(i));
      if (!m) err("invalid number");
      const text = (m as RegExpExecArray)[0];
      i += text.length;
      if (/[A-Za-z0-9_]/.test(src[i] ?? "")) err(`invalid number ${src.slice(start, i + 1)}`, start);
      const value = Number(text.replaceAll("_", ""));
      if (!Number.isFinite(value)) err(`overflow: ${text} is not a finite number`, start);
      tokens.push({ kind: "num", value: text, num: value, pos: p });
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      let out = "";
      for (;;) {
        if (i >= src.length) err("unterminated string", start);
        const ch = src[i] as string;
        if (ch === c) {
          i++;
          break;
        }
        if (ch === "\n") newline(i);
        if (ch === "\\") {
          const n = src[i + 1];
          i += 2;
          switch (n) {
            case '"':
              out += '"';
              break;
            case "'":
              out += "'";
              break;
            case "\\":
              out += "\\";
              break;
            case "/":
              out += "/";
              break;
            case "b":
              out += "\b";
              break;
            case "f":
              out += "\f";
              break;
            case "n":
              out += "\n";
              break;
            case "r":
              out += "\r";
              break;
            case "t":
              out += "\t";
              break;
            case "u": {
              const hex = src.slice(i, i + 4);
              if (!/^[0-9a-fA-F]{4}$/.test(hex)) err("invalid \\u escape", i - 2);
              out += String.fromCharCode(parseInt(hex, 16));
              i += 4;
              break;
            }
            default:
              err(`unknown escape sequence \\${n ?? ""}`, i - 2);
          }
          continue;
        }
        out += ch;
        i++;
      }
      tokens.push({ kind: "str", value: out, pos: p });
      continue;
    }
    if (c === "@" && (src[i + 1] === '"' || src[i + 1] === "'")) {
      const q = src[i + 1] as string;
      i += 2;
      let out = "";
      for (;;) {
        if (i >= src.length) err("unterminated verbatim string", start);
        const ch = src[i] as string;
        if (ch === q) {
          if (src[i + 1] === q) {
            out += q;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (ch === "\n") newline(i);
        out += ch;
        i++;
      }
      tokens.push({ kind: "str", value: out, pos: p });
      continue;
    }
    if (c === "|" && src.startsWith("|||", i)) {
      i += 3;
      const chomp = src[i] === "-";
      if (chomp) i++;
      while (src[i] === " " || src[i] === "\t" || src[i] === "\r") i++;
      if (src[i] !== "\n") err("text block syntax requires new line after |||", i);
      newline(i);
      i++;
      // Indentation of the first non-empty line sets the block's indent.
      let firstLine = i;
      while (src[firstLine] === "\n") firstLine++;
      let indentEnd = firstLine;
      while (src[indentEnd] === " " || src[indentEnd] === "\t") indentEnd++;
      const indent = src.slice(firstLine, indentEnd);
      if (!indent) err("text block's first line must start with whitespace", firstLine);
      let out = "";
      for (;;) {
        if (i >= src.length) err("unexpected end of file in text block", start);
        if (src[i] === "\n") {
          out += "\n";
          newline(i);
          i++;
          continue;
        }
        if (src.startsWith(indent, i)) {
          i += indent.length;
          const end = src.indexOf("\n", i);
          if (end === -1) err("unexpected end of file in text block", start);
          out += src.slice(i, end + 1);
          newline(end);
          i = end + 1;
          continue;
        }
        // Not indented: must be the terminator (optionally preceded by whitespace).
        let j = i;
        while (src[j] === " " || src[j] === "\t") j++;
        if (!src.startsWith("|||", j)) err("text block not terminated with |||", i);
        i = j + 3;
        break;
      }
      tokens.push({ kind: "str", value: chomp && out.endsWith("\n") ? out.slice(0, -1) : out, pos: p });
      continue;
    }
    if ("{}[](),.;".includes(c)) {
      tokens.push({ kind: "sym", value: c, pos: p });
      i++;
      continue;
    }
    if (OP_CHARS.includes(c)) {
      let j = i;
      while (j < src.length && OP_CHARS.includes(src[j] as string)) {
        // A comment start ends the operator.
        if (src[j] === "/" && (src[j + 1] === "/" || src[j + 1] === "*") && j > i) break;
        if (src[j] === "|" && src.startsWith("|||", j) && j > i) break;
        j++;
      }
      let op = src.slice(i, j);
      // Operators ending in +, -, ~, ! (other than a lone one) are split so `a+-b` parses.
      while (op.length > 1 && /[+\-~!$]$/.test(op) && !["+:", "+::", "+:::"].includes(op)) op = op.slice(0, -1);
      tokens.push({ kind: "op", value: op, pos: p });
      i += op.length;
      continue;
    }
    err(`unexpected character ${JSON.stringify(c)}`);
  }
  tokens.push({ kind: "eof", value: "", pos: pos() });
  return tokens;
}
