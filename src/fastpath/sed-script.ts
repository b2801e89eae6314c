// Why: sed scripts such as `/pattern/d`, `1!G;h;$!d`, `:a;N;$!ba;s/\n/ /g` or `y/abc/xyz/` only edit
// the text on its way to standard output, but a pattern-matching check refused every one of them.
// This parses the script command by command (addresses, `!`, blocks, labels and branches) and
// accepts only commands that read input and print: = d D g G h H l n N p P q Q x z F, y, b t T and
// `:label`, and s/// with the flags g p i I m M and a number. Refused: w W r R (write or read other
// files), e and the s///e flag (run commands), the s///w flag, a i c (their text runs to the end of
// the line differently in GNU and BSD sed), v, and anything this parse may read differently from a
// sed implementation (a delimiter inside an open bracket expression, label characters beyond
// [A-Za-z0-9_.-], an unterminated regex, unbalanced braces).

const SIMPLE = new Set(["=", "d", "D", "g", "G", "h", "H", "n", "N", "p", "P", "x", "z", "F"]);

/** The end of a delimited part that starts after `delim` at `i`; -1 when it never ends or is ambiguous. */
function delimited(script: string, i: number, delim: string): number {
  let bracket = false;
  for (let j = i; j < script.length; j++) {
    const c = script[j] as string;
    if (c === "\n") return -1;
    if (c === "\\") {
      j++;
      continue;
    }
    if (c === delim && !bracket) return j;
    if (c === "[" && !bracket) {
      bracket = true;
      if (script[j + 1] === "^") j++;
      if (script[j + 1] === "]") j++;
    } else if (c === "[" && /^[:.=]$/.test(script[j + 1] ?? "")) {
      // `[:alpha:]` inside a bracket: its `]` does not close the bracket (BSD sed reads it so).
      const close = script.indexOf(`${script[j + 1]}]`, j + 2);
      if (close === -1 || script.slice(j, close).includes(delim)) return -1;
      j = close + 1;
    } else if (c === "]" && bracket) bracket = false;
    else if (c === delim && bracket) return -1; // BSD sed keeps it in the bracket, GNU ends the part
  }
  return -1;
}

/** Null when the script only prints or edits the stream; else why not. */
export function sedScriptProblem(script: string): string | null {
  let i = 0;
  let depth = 0;
  const at = () => script[i] ?? "";
  const blanks = () => {
    while (/^[ \t]$/.test(at())) i++;
  };
  /** What may follow a command: blanks, then `;`, a newline, `}` or the end. */
  const end = (): string | null => {
    blanks();
    if (at() === ";" || at() === "\n") {
      i++;
      return null;
    }
    if (at() === "}" || at() === "") return null;
    return `sed: unexpected ${JSON.stringify(at())} after a command`;
  };
  const address = (): string | null => {
    if (/^\d$/.test(at())) {
      while (/^\d$/.test(at())) i++;
      if (at() === "~") {
        i++;
        while (/^\d$/.test(at())) i++;
      }
      return null;
    }
    if (at() === "$") {
      i++;
      return null;
    }
    if (at() === "/" || at() === "\\") {
      const delim = at() === "\\" ? (script[i + 1] ?? "") : "/";
      if (!delim || delim === "\n" || delim === "\\") return "sed: bad regex delimiter";
      const close = delimited(script, i + (at() === "\\" ? 2 : 1), delim);
      if (close === -1) return "sed: unterminated or ambiguous address regex";
      i = close + 1;
      while (at() === "I" || at() === "M") i++;
      return null;
    }
    return null;
  };
  while (i < script.length) {
    const c0 = at();
    if (c0 === " " || c0 === "\t" || c0 === "\n" || c0 === ";") {
      i++;
      continue;
    }
    if (c0 === "#") {
      while (i < script.length && at() !== "\n") i++;
      continue;
    }
    const start = i;
    const first = address();
    if (first) return first;
    if (i > start) {
      blanks();
      if (at() === ",") {
        i++;
        blanks();
        if (at() === "+" || at() === "~") {
          i++;
          if (!/^\d$/.test(at())) return "sed: bad address step";
          while (/^\d$/.test(at())) i++;
        } else {
          const before = i;
          const second = address();
          if (second) return second;
          if (i === before) return "sed: missing second address";
        }
      }
    }
    blanks();
    while (at() === "!") {
      i++;
      blanks();
    }
    const c = at();
    i++;
    if (c === "{") {
      depth++;
      continue;
    }
    if (c === "}") {
      if (--depth < 0) return "sed: unbalanced }";
      const e = end();
      if (e) return e;
      continue;
    }
    if (SIMPLE.has(c)) {
      const e = end();
      if (e) return e;
      continue;
    }
    if (c === "q" || c === "Q" || c === "l" || c === "L") {
      if (c === "L") return "sed L is obsolete";
      blanks();
      while (/^\d$/.test(at())) i++;
      const e = end();
      if (e) return e;
      continue;
    }
    if (c === ":" || c === "b" || c === "t" || c === "T") {
      blanks();
      const label = /^[A-Za-z0-9_.-]*/.exec(script.slice(i))?.[0] ?? "";
      if (c === ":" && !label) return "sed: empty label";
      i += label.length;
      const e = end();
      if (e) return e;
      continue;
    }
    if (c === "y" || c === "s") {
      const delim = at();
      if (!delim || delim === "\n" || delim === "\\" || delim === " ") return `sed ${c}: bad delimiter`;
      const mid = delimited(script, i + 1, delim);
      if (mid === -1) return `sed ${c}: unterminated or ambiguous`;
      const last = delimited(script, mid + 1, delim);
      if (last === -1) return `sed ${c}: unterminated or ambiguous`;
      i = last + 1;
      if (c === "s") {
        const flags = /^[gpiImM0-9]*/.exec(script.slice(i))?.[0] ?? "";
        i += flags.length;
        if (at() === "w" || at() === "W") return "sed s///w writes a file";
        if (at() === "e") return "sed s///e runs the pattern space as a command";
      }
      const e = end();
      if (e) return e;
      continue;
    }
    if (/^[wWrReaicv]$/.test(c)) return `sed ${c} writes, reads another file, runs a command or adds text`;
    return `sed command ${JSON.stringify(c)} is not on the known-safe list`;
  }
  return depth === 0 ? null : "sed: unbalanced {";
}
