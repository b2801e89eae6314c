// Why: bash evaluates the array subscript of a variable name as arithmetic, and arithmetic expands
// `$( )` and backquotes. A builtin that takes a name therefore runs the code in a quoted word:
// `test -v 'a[$(rm -rf ~)]'`, `unset 'a[$(…)]'`, `read 'a[$(…)]'`, `printf -v 'a[$(…)]'`, and every
// word of `let`. The texts returned here are parsed as commands (invocations.ts) so hard denies see them.
/** Builtins whose operands (after their options) are variable names, `NAME[SUB]=VALUE` included. */
const NAME_OPERANDS = new Set([
  "unset",
  "declare",
  "typeset",
  "local",
  "export",
  "readonly",
  "read",
  "readarray",
  "mapfile",
]);
/** Options whose value is a variable name. */
const NAME_OPTIONS: Record<string, string[]> = {
  test: ["-v", "-R"],
  "[": ["-v", "-R"],
  printf: ["-v"],
  read: ["-a"],
  wait: ["-p"],
};

/** The subscript of `NAME[SUB]…` (up to the last `]`), or null. */
function subscript(word: string): string | null {
  const open = word.indexOf("[");
  const close = word.lastIndexOf("]");
  return open > 0 && close > open ? word.slice(open + 1, close) : null;
}

/** Texts of the invocation that bash evaluates as arithmetic and that may hold a substitution. */
export function evaluatedSubscripts(name: string, args: string[]): string[] {
  const texts: (string | null)[] = [];
  if (name === "let") texts.push(...args);
  if (NAME_OPERANDS.has(name)) texts.push(...args.filter((a) => !/^[-+]/.test(a)).map(subscript));
  if (name === "getopts") texts.push(subscript(args[1] ?? ""));
  const options = NAME_OPTIONS[name] ?? [];
  for (const [i, a] of args.entries()) if (options.includes(a)) texts.push(subscript(args[i + 1] ?? ""));
  return texts.filter((t): t is string => t !== null && /[$`]/.test(t));
}
