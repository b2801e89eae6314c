// Why: `awk '$1 > 10' file` and `awk 'NR > 1 {print}'` only print, but a `>` can also be an output
// redirection (`print > "file"`), so a plain search for `>` refused every comparison. This reads the
// program as awk's lexer does — strings, regular expressions (a `/` where an operand is expected),
// comments — and refuses what can write, run or read elsewhere:
//   - `>` / `>>` at the top level of a print or printf statement (a comparison there must be in
//     parentheses, as awk itself requires), `|` (pipes to commands, `cmd | getline`, `|&`),
//   - getline (reads files), system, ENVIRON / PROCINFO (the environment: secrets), ARGV / ARGC (a
//     program can point its input at any file), SYMTAB / FUNCTAB and `@` (gawk's indirect access and
//     its @include / @load directives),
//   - anything this reading could take differently from an awk implementation: a `/` after a
//     builtin name used without parentheses, a `/` inside a bracket expression of a regex, an
//     unterminated string or regex.
// `print > "/dev/null"` is allowed only as one whole string literal that ends the statement
// (`"/dev/null" x` would concatenate to a file name); /dev/stderr and /dev/stdout are left to the classifier.

const KEYWORDS = new Set([
  "BEGIN",
  "END",
  "BEGINFILE",
  "ENDFILE",
  "function",
  "func",
  "if",
  "else",
  "while",
  "for",
  "do",
  "break",
  "continue",
  "next",
  "nextfile",
  "exit",
  "return",
  "delete",
  "in",
  "getline",
  "print",
  "printf",
  "switch",
  "case",
  "default",
]);
/** Builtins that may stand without parentheses (`length`): what follows them is ambiguous. */
const BARE_BUILTINS = new Set(["length"]);
const FORBIDDEN = new Set(["system", "getline", "ENVIRON", "PROCINFO", "ARGV", "ARGC", "SYMTAB", "FUNCTAB"]);

type Prev = "operand" | "operator" | "keyword" | "bare" | "condition";

/** Null when the program only computes and prints to standard output; else why not. */
export function awkProgramProblem(program: string): string | null {
  let prev: Prev = "operator";
  let depth = 0;
  /** Paren depth where the current print/printf statement began, or -1. */
  let printAt = -1;
  /** For each open paren: whether it is the condition of if/while/for (a statement follows it). */
  const parens: boolean[] = [];
  let lastWord = "";
  let i = 0;
  while (i < program.length) {
    const c = program[i] as string;
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (c === "\\" && program[i + 1] === "\n") {
      i += 2;
      continue;
    }
    if (c === "#") {
      while (i < program.length && program[i] !== "\n") i++;
      continue;
    }
    if (c === "\n") {
      // A new line may start a statement; a print statement is kept open (more `>` read as redirections).
      if (prev === "operand") prev = "operator";
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < program.length && program[j] !== '"') j += program[j] === "\\" ? 2 : 1;
      if (j >= program.length) return "unterminated string in the awk program";
      i = j + 1;
      prev = "operand";
      continue;
    }
    if (c === "/" && prev !== "operand") {
      if (prev === "bare") return `a / after ${lastWord} is read differently by awk implementations`;
      let j = i + 1;
      let bracket = false;
      while (j < program.length && (program[j] !== "/" || bracket)) {
        const d = program[j] as string;
        if (d === "\n") return "unterminated regular expression in the awk program";
        if (d === "\\") {
          j += 2;
          continue;
        }
        if (d === "[" && !bracket) {
          bracket = true;
          if (program[j + 1] === "^") j++;
          if (program[j + 1] === "]") j++;
        } else if (d === "]" && bracket) bracket = false;
        else if (d === "/" && bracket) return "a / inside a bracket expression ends the regex for some awks";
        j++;
      }
      if (j >= program.length) return "unterminated regular expression in the awk program";
      i = j + 1;
      prev = "operand";
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(program.slice(i))?.[0];
    if (word) {
      if (FORBIDDEN.has(word)) return `awk ${word} may run commands or read files or the environment`;
      if (word === "print" || word === "printf") printAt = depth;
      lastWord = word;
      prev = KEYWORDS.has(word) ? "keyword" : BARE_BUILTINS.has(word) ? "bare" : "operand";
      i += word.length;
      continue;
    }
    const number = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(program.slice(i))?.[0];
    if (number) {
      i += number.length;
      prev = "operand";
      continue;
    }
    if (c === "@") return "gawk @ (indirect call or directive)";
    if (c === "|") {
      if (program[i + 1] === "|") {
        i += 2;
        prev = "operator";
        continue;
      }
      return "awk | pipes to a command";
    }
    if (c === ">") {
      if (program[i + 1] === ">") return "awk >> appends to a file";
      if (program[i + 1] === "=") {
        i += 2;
        prev = "operator";
        continue;
      }
      if (printAt !== -1 && depth <= printAt) {
        // Only a device named by one whole string literal that ends the statement.
        const device = /^>\s*"\/dev\/null"\s*(?=[;}\n]|$)/.exec(program.slice(i));
        if (!device) return "awk print > writes a file";
        i += device[0].length;
        prev = "operand";
        continue;
      }
      i++;
      prev = "operator";
      continue;
    }
    if (c === "(") {
      parens.push(prev === "keyword" && /^(if|while|for|switch)$/.test(lastWord));
      depth++;
      prev = "operator";
      i++;
      continue;
    }
    if (c === ")") {
      if (depth === 0) return "unbalanced ) in the awk program";
      depth--;
      // After the condition of if/while/for a statement starts, where `/` begins a regex.
      prev = parens.pop() ? "condition" : "operand";
      if (printAt > depth) printAt = -1;
      i++;
      continue;
    }
    if (c === ";" || c === "{" || c === "}") {
      if (printAt !== -1 && depth <= printAt) printAt = -1;
      prev = "operator";
      i++;
      continue;
    }
    if (c === "]" || ((c === "+" || c === "-") && program[i + 1] === c && prev === "operand")) {
      i += c === "]" ? 1 : 2;
      prev = "operand";
      continue;
    }
    if (c === "$") {
      i++;
      prev = "operator";
      continue;
    }
    if (/[-+*/%^!=<~?:,&[]/.test(c)) {
      i++;
      prev = "operator";
      continue;
    }
    return `awk program character ${JSON.stringify(c)} is not understood here`;
  }
  return depth === 0 ? null : "unbalanced ( in the awk program";
}
