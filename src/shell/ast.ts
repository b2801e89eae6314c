// Syntax tree for the subset of the POSIX/Bash grammar an agent's command line can contain.
// The parser keeps every nested command (substitutions, subshells, heredoc bodies) so that the
// fast path can inspect all of them, not only the outermost one.

export type WordPart =
  /** Literal text after quote removal. `quoted` parts never glob or split. */
  | { type: "lit"; value: string; quoted: boolean }
  /** `$NAME`, `${…}`, `$1`, `$@` … (the value is unknown statically). */
  | { type: "param"; raw: string; inner: Script[]; quoted?: boolean }
  /** `$(…)` or backquotes. */
  | { type: "cmdsub"; body: Script; backtick: boolean; quoted?: boolean }
  /** `$((…))`: arithmetic, with any substitutions found inside. */
  | { type: "arith"; raw: string; inner: Script[] }
  /** `<(…)` or `>(…)`. */
  | { type: "procsub"; direction: "<" | ">"; body: Script };

export interface Word {
  parts: WordPart[];
  /** Source text of the word, as written. */
  raw: string;
}

export interface Redirect {
  /** `>`, `>>`, `<`, `<<`, `<<-`, `<<<`, `>&`, `<&`, `&>`, `&>>`, `>|`, `<>` */
  op: string;
  /** Explicit file descriptor (`2>`), or undefined. */
  fd?: number;
  /** Target word; for heredocs the delimiter word. */
  target: Word;
  /** Heredoc body (expansions parsed into `heredocWord` when the delimiter is unquoted). */
  heredoc?: { body: string; word: Word | null };
}

export interface Assignment {
  name: string;
  value: Word;
  /** Elements of an array assignment `a=(x y)`. */
  elements?: Word[];
}

export interface SimpleCommand {
  type: "simple";
  assigns: Assignment[];
  words: Word[];
  redirects: Redirect[];
}

export interface SubshellCommand {
  type: "subshell";
  body: Script;
  redirects: Redirect[];
}

export interface GroupCommand {
  type: "group";
  body: Script;
  redirects: Redirect[];
}

/** if / for / while / until / case / select / function definitions / `[[ ]]` / `(( ))`. */
export interface CompoundCommand {
  type: "compound";
  keyword: "if" | "for" | "while" | "until" | "case" | "select" | "function" | "cond" | "arith";
  /** Words the construct expands (for-lists, case subject and patterns, `[[ ]]` operands). */
  words: Word[];
  /** The loop variable of `for`/`select`. */
  variable?: string;
  bodies: Script[];
  redirects: Redirect[];
}

export type Command = SimpleCommand | SubshellCommand | GroupCommand | CompoundCommand;

export interface Pipeline {
  commands: Command[];
  negated: boolean;
}

export interface AndOrList {
  pipelines: Pipeline[];
  /** Operators between consecutive pipelines. */
  ops: ("&&" | "||")[];
  /** Terminated by `&`. */
  background: boolean;
}

export interface Script {
  items: AndOrList[];
}

export interface ParseResult {
  script: Script;
  /** Syntax problems. The script still holds what could be read (unterminated quotes close at EOF). */
  errors: string[];
}
