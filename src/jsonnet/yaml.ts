// std.parseYaml: the YAML that configuration files actually use. Block mappings and sequences,
// flow collections, plain / quoted / literal (|) / folded (>) scalars, comments and multiple
// documents (a stream of several documents becomes an array). Anchors, tags and complex keys are
// reported as unsupported rather than misread.

export type YamlResult = { ok: true; value: unknown } | { ok: false; error: string };

interface Line {
  indent: number;
  text: string;
  no: number;
}

class YamlError extends Error {}

function scalar(raw: string): unknown {
  const s = raw.trim();
  if (s === "" || s === "~" || s === "null" || s === "Null" || s === "NULL") return null;
  if (/^(true|True|TRUE)$/.test(s)) return true;
  if (/^(false|False|FALSE)$/.test(s)) return false;
  if (/^[-+]?(0|[1-9][0-9]*)$/.test(s)) return Number(s);
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return Number(s);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s) || /^\.(nan|NaN|NAN)$/.test(s))
    throw new YamlError(`non-finite number ${s} cannot be represented`);
  if (s.startsWith('"')) return JSON.parse(s.replace(/\\x([0-9a-fA-F]{2})/g, "\\u00$1"));
  if (s.startsWith("'")) {
    if (!s.endsWith("'") || s.length < 2) throw new YamlError(`unterminated quoted scalar ${s}`);
    return s.slice(1, -1).replaceAll("''", "'");
  }
  if (s.startsWith("&") || s.startsWith("*") || s.startsWith("!"))
    throw new YamlError(`anchors, aliases and tags are not supported: ${s}`);
  if (/:(\s|$)/.test(s)) throw new YamlError(`mapping values are not allowed here: ${s}`);
  return s;
}

function stripComment(text: string): string {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(text[i - 1] as string))) return text.slice(0, i).trimEnd();
  }
  return text.trimEnd();
}

function flow(text: string): unknown {
  let i = 0;
  const ws = () => {
    while (/\s/.test(text[i] ?? "")) i++;
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === "[") {
      i++;
      const out: unknown[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return out;
      }
      for (;;) {
        out.push(value());
        ws();
        if (text[i] === ",") {
          i++;
          ws();
          if (text[i] === "]") {
            i++;
            return out;
          }
          continue;
        }
        if (text[i] === "]") {
          i++;
          return out;
        }
        throw new YamlError(`expected , or ] in flow sequence: ${text}`);
      }
    }
    if (c === "{") {
      i++;
      const out: Record<string, unknown> = {};
      ws();
      if (text[i] === "}") {
        i++;
        return out;
      }
      for (;;) {
        const k = value();
        ws();
        if (text[i] !== ":") throw new YamlError(`expected : in flow mapping: ${text}`);
        i++;
        out[String(k)] = value();
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return out;
        }
        throw new YamlError(`expected , or } in flow mapping: ${text}`);
      }
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && !(text[j] === c && (c === "'" ? text[j + 1] !== "'" : text[j - 1] !== "\\")))
        j += c === "'" && text[j] === "'" ? 2 : 1;
      const raw = text.slice(i, j + 1);
      i = j + 1;
      return scalar(raw);
    }
    const m = /^[^,\]}:]*(?::(?!\s)[^,\]}:]*)*/.exec(text.slice(i)) as RegExpExecArray;
    i += m[0].length;
    return scalar(m[0]);
  };
  const v = value();
  ws();
  if (i < text.length) throw new YamlError(`unexpected text after flow value: ${text.slice(i)}`);
  return v;
}

class Parser {
  private i = 0;
  constructor(private readonly lines: Line[]) {}

  parse(): unknown {
    if (this.lines.length === 0) return null;
    const v = this.block((this.lines[0] as Line).indent);
    if (this.i < this.lines.length)
      throw new YamlError(`unexpected indentation at line ${(this.lines[this.i] as Line).no}`);
    return v;
  }

  private block(indent: number): unknown {
    const line = this.lines[this.i] as Line;
    if (line.text.startsWith("- ") || line.text === "-") return this.sequence(indent);
    if (/^("[^"]*"|'[^']*'|[^:#'"{[][^:]*?)\s*:(\s|$)/.test(line.text)) return this.mapping(indent);
    this.i++;
    return this.inlineValue(line.text, indent, line);
  }

  private inlineValue(text: string, indent: number, line: Line): unknown {
    const t = text.trim();
    if (t === "|" || t === ">" || /^[|>][+-]?$/.test(t)) return this.blockScalar(t, indent);
    if (t.startsWith("[") || t.startsWith("{")) {
      // A flow collection may span lines.
      let all = t;
      while (!balanced(all) && this.i < this.lines.length) all += ` ${(this.lines[this.i++] as Line).text}`;
      return flow(all);
    }
    if (t === "" && this.i < this.lines.length && (this.lines[this.i] as Line).indent > indent)
      return this.block((this.lines[this.i] as Line).indent);
    if (
      t === "" &&
      this.i < this.lines.length &&
      (this.lines[this.i] as Line).indent === indent &&
      (this.lines[this.i] as Line).text.startsWith("- ")
    )
      return this.sequence(indent);
    void line;
    return scalar(t);
  }

  private blockScalar(header: string, indent: number): string {
    const folded = header.startsWith(">");
    const chomp = header.slice(1);
    const raw: Line[] = [];
    while (
      this.i < this.lines.length &&
      ((this.lines[this.i] as Line).indent > indent || (this.lines[this.i] as Line).text === "")
    )
      raw.push(this.lines[this.i++] as Line);
    const base = raw.find((l) => l.text !== "")?.indent ?? indent + 2;
    const texts = raw.map((l) => (l.text === "" ? "" : " ".repeat(l.indent - base) + l.text));
    while (texts.length && texts[texts.length - 1] === "") texts.pop();
    let body = folded
      ? texts.reduce((acc, l, k) => (k === 0 ? l : l === "" || acc.endsWith("\n") ? `${acc}\n${l}` : `${acc} ${l}`), "")
      : texts.join("\n");
    if (chomp !== "-") body += "\n";
    return body;
  }

  private sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i] as Line;
      if (line.indent !== indent || !(line.text.startsWith("- ") || line.text === "-")) break;
      const rest = line.text === "-" ? "" : line.text.slice(2);
      this.i++;
      if (rest.trim() === "") out.push(this.inlineValue("", indent, line));
      else if (/^[^'"[{].*?:(\s|$)/.test(rest) || /^("[^"]*"|'[^']*')\s*:(\s|$)/.test(rest)) {
        // "- key: value" starts a mapping whose indent is that of the key.
        this.lines.splice(this.i, 0, {
          indent: indent + 2 + (rest.length - rest.trimStart().length),
          text: rest.trimStart(),
          no: line.no,
        });
        out.push(this.mapping(indent + 2 + (rest.length - rest.trimStart().length)));
      } else if (rest.startsWith("- ")) {
        this.lines.splice(this.i, 0, { indent: indent + 2, text: rest, no: line.no });
        out.push(this.sequence(indent + 2));
      } else out.push(this.inlineValue(rest, indent, line));
    }
    return out;
  }

  private mapping(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (this.i < this.lines.length) {
      const line = this.lines[this.i] as Line;
      if (line.indent !== indent) break;
      const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:]+?)\s*:(?:\s+(.*)|$)/.exec(line.text);
      if (!m) break;
      const rawKey = m[1] as string;
      if (rawKey.startsWith("?")) throw new YamlError(`complex keys are not supported (line ${line.no})`);
      const key = String(scalar(rawKey));
      this.i++;
      out[key] = this.inlineValue(m[2] ?? "", indent, line);
    }
    return out;
  }
}

function balanced(s: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (const c of s) {
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") depth--;
  }
  return depth <= 0;
}

export function parseYaml(text: string): YamlResult {
  try {
    const docs: Line[][] = [[]];
    let explicit = false;
    text.split(/\r?\n/).forEach((raw, idx) => {
      if (/^---(\s|$)/.test(raw)) {
        if ((docs[docs.length - 1] as Line[]).length || explicit) docs.push([]);
        explicit = true;
        const rest = raw.slice(3).trim();
        if (rest) (docs[docs.length - 1] as Line[]).push({ indent: 0, text: rest, no: idx + 1 });
        return;
      }
      if (/^\.\.\.(\s|$)/.test(raw)) return;
      if (raw.includes("\t") && /^\s*\t/.test(raw))
        throw new YamlError(`tabs are not allowed for indentation (line ${idx + 1})`);
      const stripped = stripComment(raw);
      const text2 = stripped.trimStart();
      if (text2 === "" && !/^\s*$/.test(raw)) return; // comment-only line
      (docs[docs.length - 1] as Line[]).push({ indent: stripped.length - text2.length, text: text2, no: idx + 1 });
    });
    const parsed = docs
      .map((d) => {
        while (d.length && (d[d.length - 1] as Line).text === "") d.pop();
        while (d.length && (d[0] as Line).text === "") d.shift();
        return d;
      })
      .filter((d, i, all) => d.length || (all.length > 1 && i > 0))
      .map((d) => new Parser(d).parse());
    if (parsed.length <= 1 && !(explicit && docs.length > 1)) return { ok: true, value: parsed[0] ?? null };
    return { ok: true, value: parsed };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
