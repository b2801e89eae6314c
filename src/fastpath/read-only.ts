// Provable allow: commands that only read, with argument checks that keep them that way.
// When in doubt a command is NOT listed (the LLM then decides): every entry must be safe with any
// arguments its validator accepts, inside the repository. Every entry is an allowlist: an option
// that is not on the tool's list (option-spec.ts) makes the command not provable.

import { existsSync, lstatSync } from "node:fs";
import { resolve } from "node:path";
import {
  base64Check,
  gzipCheck,
  sevenZipCheck,
  tarCheck,
  unzipCheck,
  zcatCheck,
  zipinfoCheck,
} from "./archive-options.ts";
import { awkProgramProblem } from "./awk-program.ts";
import { gitCheck } from "./git-options.ts";
import { commandName, type Invocation } from "./invocations.ts";
import { allow, both, type Check, HELP_VERSION, ok, opts } from "./option-spec.ts";
import { readOnlyCliCheck, SAFE_ENV, safeEnvValue } from "./read-only-cli.ts";
import { ackCheck, agCheck, fdCheck, findCheck, rgCheck } from "./search-options.ts";
import { sedScriptProblem } from "./sed-script.ts";
import { nonPathWords } from "./toolchains/spec.ts";

function noArgs(): Check {
  return (args) => (args.length ? "arguments change what it does" : null);
}

/** Only `--version` / `-V` / `--help` style queries. */
const versionOnly: Check = (args) =>
  args.length >= 1 && args.every((a) => /^(--version|-v|-V|version|--help|-h|help)$/.test(a))
    ? null
    : "only version/help queries are read-only";

/** true/false/: ignore every argument (bash builtins and coreutils alike). */
const ignoresArgs: Check = ok;

/**
 * sed scripts: given with -e (glued, combined `-ne`, or the next word), --expression, else the first
 * operand; `words` are the argument indexes of scripts that stand as a whole word.
 */
function sedScripts(args: string[]): { scripts: string[]; words: number[] } | string {
  const scripts: string[] = [];
  const words: number[] = [];
  let sawExpression = false;
  let firstOperand = -1;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") {
      if (firstOperand === -1 && i + 1 < args.length) firstOperand = i + 1;
      break;
    }
    if (a.startsWith("--expression=")) {
      scripts.push(a.slice(13));
      sawExpression = true;
    } else if (a === "--expression") {
      scripts.push(args[++i] ?? "");
      words.push(i);
      sawExpression = true;
    } else if (a.startsWith("--")) {
      if (a === "--line-length") i++;
    } else if (a.startsWith("-") && a !== "-") {
      for (let j = 1; j < a.length; j++) {
        const c = a[j] as string;
        if (c === "e" || c === "l") {
          const last = j === a.length - 1;
          const value = last ? (args[++i] ?? "") : a.slice(j + 1);
          // BSD sed's -l takes no value (line buffering): `sed -l 'w FILE' …` runs `w FILE` there.
          if (c === "l" && !/^\d+$/.test(value)) return "sed -l without a number";
          if (c === "e") {
            scripts.push(value);
            if (last) words.push(i);
            sawExpression = true;
          }
          break;
        }
      }
    } else if (firstOperand === -1) firstOperand = i;
  }
  if (!sawExpression) {
    if (firstOperand === -1) return "no script";
    scripts.push(args[firstOperand] as string);
    words.push(firstOperand);
  }
  return { scripts, words };
}

/** -i/-I edit in place, -f/--file read a script we cannot see: not listed. Scripts: sed-script.ts. */
const sedCheck: Check = allow({
  flags: "nErszu",
  valued: "el",
  long: [
    "quiet",
    "silent",
    "expression=",
    "regexp-extended",
    "separate",
    "null-data",
    "zero-terminated",
    "unbuffered",
    "line-length=",
    "posix",
    "debug",
    "sandbox",
    ...HELP_VERSION,
  ],
  after: (args) => {
    if (args.length === 1 && /^--(help|version)$/.test(args[0] as string)) return null;
    const found = sedScripts(args);
    if (typeof found === "string") return found;
    for (const script of found.scripts) {
      const problem = sedScriptProblem(script);
      if (problem) return `sed script may write files or run commands: ${problem}`;
    }
    return null;
  },
});

/**
 * Argument indexes (into argv, command name at 0) of the words a proved invocation never opens as
 * files, so analyze.ts does not check them as paths: an awk program or sed script this file has
 * proved (`awk '/pattern/ {print}'` is not the path /pattern/), a yq expression, and the names a tool
 * table declares (toolchains/spec.ts `names` / `nameOperand`, or a check's own proof: `az --ids
 * /subscriptions/…`, `find -perm /644`). They come from the same check that proves the invocation,
 * and only when it proves it. A word whose value is only known at run time is never among them (the
 * words echo prints, printedWordIndexes, are the one kind that may be).
 */
export function nonPathWordIndexes(inv: Invocation, cwd?: string): number[] {
  const known = (indexes: number[]) => indexes.filter((i) => !inv.dynamic[i]);
  return known(codeWordIndexes(inv, cwd) ?? toolNameIndexes(inv));
}

/**
 * Commands whose output holds no glob character and no `/` a hostile repository could choose, so an
 * unquoted `$( )` of theirs cannot expand into names outside the repository (`echo $(whoami)`).
 */
const PLAIN_OUTPUT = new Set(["whoami", "date", "hostname", "uname", "id", "logname", "nproc", "arch"]);

function plainOutput(producers: Invocation[]): boolean {
  const inv = producers[0];
  if (producers.length !== 1 || !inv || !PLAIN_OUTPUT.has(commandName(inv.argv[0] ?? ""))) return false;
  if (inv.redirects.length || inv.assigns.length || inv.dynamic.some(Boolean)) return false;
  if (commandName(inv.argv[0] ?? "") === "date" && !plainDateWords(inv.argv.slice(1))) return false;
  return inv.argv.every((a) => !/[*?[]/.test(a));
}

/**
 * date prints a zone abbreviation (`%Z`, the default format) that a `TZ="…"` inside a date string can
 * choose, including glob characters on some libcs: a date string may come from an argument (`-d`) or
 * from a file (`-f`), and BSD `-z` names the output zone. Unquoted, such output could glob outside.
 */
function plainDateWords(args: string[]): boolean {
  return args.every((a) => !/tz\s*=/i.test(a) && !/^-[a-zA-Z]*[fz]/.test(a) && !/^--f/.test(a));
}

/**
 * Argument indexes of an `echo`'s words made of literal text and `$( )` / backquote substitutions
 * (invocations.ts `substitutions`): echo only prints them, so their run-time value is no path. The
 * commands inside are invocations of the line and proved like any other. A quoted substitution prints
 * its output as it is; an unquoted one is split and globbed, so it must come from a command with plain
 * output (PLAIN_OUTPUT), and no unquoted literal glob may sit beside it. Not printf (`-v NAME` assigns),
 * not any command that opens its words. analyze.ts refuses every other word that holds a substitution.
 */
export function printedWordIndexes(inv: Invocation): number[] {
  if (!inv.substitutions || commandName(inv.argv[0] ?? "") !== "echo") return [];
  if (readOnlyReason({ ...inv, via: [] }) !== null) return [];
  const out: number[] = [];
  inv.substitutions.forEach((sub, i) => {
    if (!sub || sub.globLiteral) return;
    if (!sub.unquoted || sub.producers.every(plainOutput)) out.push(i);
  });
  return out;
}

/** The words the invocation's own check names as non-paths (see nonPathWords), shifted onto argv. */
function toolNameIndexes(inv: Invocation): number[] {
  const check = toolCheck(commandName(inv.argv[0] ?? ""));
  if (!check?.proof || readOnlyReason({ ...inv, via: [] }) !== null) return [];
  return nonPathWords(check, inv.argv.slice(1)).map((i) => i + 1);
}

/** Code words of awk, sed and yq (null: not one of them). */
function codeWordIndexes(inv: Invocation, cwd?: string): number[] | null {
  const name = commandName(inv.argv[0] ?? "");
  if (!/^(yq|awk|nawk|gawk|mawk|sed)$/.test(name)) return null;
  const args = inv.argv.slice(1);
  if (name === "yq" && cwd !== undefined && readOnlyReason({ ...inv, via: [] }) === null) {
    const at = yqExpressionAt(args);
    // yq reads its first word as a file when it names one that exists, and as an expression file when
    // it ends in .yq: only a word that is neither is an expression (and then not a path).
    if (at === -1) return [];
    const word = args[at] as string;
    if (word === "-" || word.endsWith(".yq") || existsSync(resolve(cwd, word)) || isSymlink(resolve(cwd, word)))
      return [];
    return [at + 1];
  }
  if (/^(awk|nawk|gawk|mawk|sed)$/.test(name) && readOnlyReason({ ...inv, via: [] }) === null) {
    if (name === "sed") {
      const found = sedScripts(args);
      return typeof found === "string" ? [] : found.words.map((w) => w + 1);
    }
    const at = awkProgramAt(args);
    return typeof at === "string" ? [] : [at + 1];
  }
  return [];
}

const YQ_VALUED = new Set(["-o", "-p", "-I", "--output-format", "--input-format", "--indent", "--front-matter"]);

/** yq's expression word: its first operand, after an optional eval / eval-all verb; -1 when there is none. */
function yqExpressionAt(args: string[]): number {
  let verb = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") return i + 1 < args.length ? i + 1 : -1;
    if (a.startsWith("--expression")) return -1;
    if (a.startsWith("-") && a !== "-") {
      if (YQ_VALUED.has(a)) i++;
      continue;
    }
    if (!verb && /^(eval|e|eval-all|ea)$/.test(a)) {
      verb = true;
      continue;
    }
    return i;
  }
  return -1;
}

/** The words yq may read as its expression: the first operand and every --expression value. */
function yqExpressions(args: string[]): string[] {
  const out = args.flatMap((a, i) =>
    a.startsWith("--expression=") ? [a.slice(13)] : a === "--expression" ? [args[i + 1] ?? ""] : [],
  );
  const at = yqExpressionAt(args);
  return at === -1 ? out : [...out, args[at] as string];
}

function isSymlink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Where awk's program word is among its arguments (the first operand), or why there is none to prove. */
function awkProgramAt(args: string[]): number | string {
  let program = -1;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") {
      if (program === -1 && i + 1 < args.length) program = i + 1;
      break;
    }
    if (a === "-F" || a === "-v") {
      i++;
      continue;
    }
    if (/^-F./.test(a) || /^-v[A-Za-z_]\w*=/.test(a) || /^--(field-separator|assign)=/.test(a)) continue;
    if (a.startsWith("-") && a.length > 1) return `awk option ${a} is not on the known-safe list`;
    if (program === -1) program = i;
  }
  return program === -1 ? "no program" : program;
}

/** awk options that cannot load code, write files or change the program source: `-F x`, `-v a=b`. */
const awkCheck: Check = (args) => {
  if (args.length === 1 && /^(--version|-V|--help|-h)$/.test(args[0] as string)) return null;
  if (args.length === 2 && args[0] === "-W" && args[1] === "version") return null;
  const at = awkProgramAt(args);
  if (typeof at === "string") return at;
  const problem = awkProgramProblem(args[at] as string);
  return problem && `awk program may write, run commands or read the environment: ${problem}`;
};

/**
 * jq: the program must be on the command line (-f/--from-file hides it), and it must not read the
 * environment (env, $ENV) or other files through the module system (import/include, modulemeta,
 * -L search paths with `{search: "/"}`). --rawfile/--slurpfile/--argfile name files: their file
 * word is checked as a path like every other word.
 */
const jqCheck: Check = allow({
  flags: "nRscrjaSCMeh0Vb",
  long: [
    "null-input",
    "raw-input",
    "slurp",
    "compact-output",
    "raw-output",
    "raw-output0",
    "join-output",
    "ascii-output",
    "sort-keys",
    "color-output",
    "monochrome-output",
    "tab",
    "indent=",
    "unbuffered",
    "stream",
    "stream-errors",
    "seq",
    "exit-status",
    "binary",
    "args",
    "jsonargs",
    "build-configuration",
    ...HELP_VERSION,
  ],
  long2: ["arg", "argjson", "slurpfile", "rawfile", "argfile"],
  after: (args) => {
    // `$ ENV` (jq 1.6 reads `$` and the name as two tokens, with blanks or a comment between): the bare name.
    return args.some((a) => /\b(env|ENV)\b|__prog|\b(import|include|modulemeta|get_search_list)\b/.test(a))
      ? "reads the environment or other files"
      : null;
  },
});

/** yq: -i writes the file, -s/--split-exp writes one file per document, --from-file hides the expression. */
const yqCheck: Check = allow({
  flags: "PrejnCMN0VhyYcSa",
  valued: "opI",
  long: [
    "output-format=",
    "input-format=",
    "prettyPrint",
    "unwrapScalar",
    "exit-status",
    "null-input",
    "colors",
    "no-colors",
    "indent=",
    "no-doc",
    "nul-output",
    "tojson",
    "yaml-output",
    "yaml-roundtrip",
    "compact-output",
    "raw-output",
    "sort-keys",
    "verbose",
    "header-preprocess",
    "no-header-preprocess",
    "front-matter=",
    "expression=",
    ...HELP_VERSION,
  ],
  // `system(…)` runs a command (yq 4.45+, off unless --security-enable-system-operator, which is unlisted:
  // refused anyway). `eval(EXPR)` runs an expression built at run time — from strings or from the document itself
  // (`eval(.x)` with `x: load("~/.ssh/id_rsa")` in a repository file) — so no word check can see it.
  // mikefarah's lexer matches its operators without word boundaries and in several spellings
  // (`strload`, `loadstr`, `xml_load`, `loadbase64`, `1env(HOME)`), so the expression itself is searched
  // for the bare stems; the other words (file names) for the whole operator names.
  after: (a) =>
    yqExpressions(a).some((x) => /env|load|system|eval|import|include|modulemeta|get_search_list/i.test(x)) ||
    a.some(
      (x) =>
        !/^(eval|eval-all)$/.test(x) && // the verb (`yq eval .a f`), not the operator
        /\b(env|strenv|envsubst|system|load|load_str|load_xml|load_props|load_base64|import|include|modulemeta|eval)\b|\$ENV/i.test(
          x,
        ),
    )
      ? "reads the environment or other files"
      : (a[yqExpressionAt(a)] ?? "").endsWith(".yq")
        ? "a first word ending in .yq is an expression file (the repository's code)"
        : null,
});

/**
 * xxd matches options by their first letters, one option per word (`-ps`, `-cols 8`), and writes
 * to a second file operand; -r (revert) writes binary. Only whole listed words are accepted.
 */
const XXD_FLAGS = new Set(
  "-a -autoskip -b -bits -C -capitalize -E -EBCDIC -e -i -include -p -ps -postscript -plain -u -uppercase -d -h -help -v -version --help --version".split(
    " ",
  ),
);
const XXD_VALUED = new Set("-c -cols -g -groupsize -l -len -n -name -o -s -seek -R".split(" "));
const xxdCheck: Check = (args) => {
  let operands = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") {
      operands += args.length - i - 1;
      break;
    }
    if (!a.startsWith("-") || a === "-") {
      operands++;
      continue;
    }
    if (XXD_FLAGS.has(a)) continue;
    if (XXD_VALUED.has(a)) {
      if (!/^[-+]?(0x)?[0-9a-fA-F]+$|^[A-Za-z_]\w*$/.test(args[i + 1] ?? "")) return `xxd ${a} needs a plain value`;
      i++;
      continue;
    }
    if (/^-[cglos][-+]?(0x)?[0-9a-fA-F]+$/.test(a)) continue;
    return `xxd option ${a} is not on the known-safe list`;
  }
  return operands > 1 ? "a second file operand is written" : null;
};

/** bash's printf: -v NAME assigns a variable; only the first word can be an option. */
const printfCheck: Check = (args) => {
  const first = args[0];
  if (first === undefined) return "no format";
  if (first === "--") return null;
  if (first.startsWith("-") && first !== "-") return `printf option ${first} is not on the known-safe list`;
  return null;
};

/** test / [: unary and binary primaries only; every operand is still checked as a path. */
const TEST_PRIMARIES = new Set(
  "-a -b -c -d -e -f -g -h -k -L -N -O -G -p -r -s -S -t -u -w -x -z -n -v -o -R -eq -ne -lt -le -gt -ge -nt -ot -ef".split(
    " ",
  ),
);
const testCheck: Check = (args) => {
  // bash evaluates a subscript of `-v NAME[SUB]` (and `-R`) as arithmetic, which runs `$( )` (subscripts.ts).
  if (args.some((a, i) => (a === "-v" || a === "-R") && args[i + 1]?.includes("[")))
    return "test -v of an array element evaluates its subscript";
  for (const a of args) {
    if (a.startsWith("-") && a !== "-" && !TEST_PRIMARIES.has(a) && !/^-\d+$/.test(a))
      return `test primary ${a} is not on the known-safe list`;
  }
  return null;
};

/** sw_vers takes its options as single-dash words. */
const SW_VERS = new Set(
  ["productName", "productVersion", "productVersionExtra", "buildVersion", "help"].flatMap((w) => [`-${w}`, `--${w}`]),
);

/** binutils tools read more options from `@FILE` (a file named anywhere): refused. */
const noResponseFile: Check = (args) =>
  args.some((a) => a.startsWith("@")) ? "an @FILE argument reads options from a file" : null;

/**
 * The coreutils checksum tools. No -c/--check: it opens every file the list names (`/etc/shadow`,
 * `../x`, a device), which no path check sees, and tells whether each matches a hash.
 */
const SUM = allow({
  flags: "btzw",
  valued: "l",
  long: ["binary", "tag", "text", "zero", "length=", "untagged", "base64", "raw", "algorithm=", ...HELP_VERSION],
});

/** GNU grep: every option that only selects, formats or counts (no -f outside: paths are checked). */
const GREP_LIST = [
  "extended-regexp",
  "fixed-strings",
  "basic-regexp",
  "perl-regexp",
  "regexp=",
  "file=",
  "ignore-case",
  "no-ignore-case",
  "word-regexp",
  "line-regexp",
  "null-data",
  "no-messages",
  "invert-match",
  "version",
  "help",
  "max-count=",
  "byte-offset",
  "line-number",
  "no-line-number",
  "line-buffered",
  "with-filename",
  "no-filename",
  "label=",
  "only-matching",
  "quiet",
  "silent",
  "binary-files=",
  "text",
  "directories=",
  "devices=",
  "recursive",
  "dereference-recursive",
  "include=",
  "exclude=",
  "exclude-from=",
  "exclude-dir=",
  "files-without-match",
  "files-with-matches",
  "count",
  "initial-tab",
  "null",
  "before-context=",
  "after-context=",
  "context=",
  "color",
  "color=",
  "colour",
  "colour=",
  "binary",
  "group-separator=",
  "no-group-separator",
];
const GREP_OPTS = allow({
  flags: "EFGPabcHhiIlLnoqrRsTUvVwxyzZ0123456789",
  valued: "efmABCdD",
  files: "f",
  long: GREP_LIST,
  counts: false,
});
/** zgrep passes grep's options on (no recursion: it runs gzip per file operand). */
const ZGREP_OPTS = allow({
  flags: "EFGPabcHhiIlLnoqsTUvVwxyZ0123456789",
  valued: "efmABC",
  files: "f",
  long: GREP_LIST.filter((l) => !/recursive|directories|devices|include|exclude/.test(l)),
});

const LS = opts("aAbBcCdfFgGhHiklLmnNopqQrRsStuUvwxXZ1", "IT", [
  "all",
  "almost-all",
  "human-readable",
  "si",
  "long",
  "recursive",
  "reverse",
  "sort=",
  "time=",
  "color",
  "color=",
  "classify",
  "directory",
  "inode",
  "numeric-uid-gid",
  "size",
  "group-directories-first",
  "full-time",
  "ignore=",
  "hide=",
  "width=",
  "format=",
  "time-style=",
  "indicator-style=",
  "quoting-style=",
  "literal",
  "dereference",
  "dereference-command-line",
  "no-group",
  "author",
  "escape",
  "hyperlink",
  "hyperlink=",
  "help",
  "version",
]);

/** The read-only table: command name → argument check. */
export const READ_ONLY: Record<string, Check> = {
  ls: LS,
  dir: LS,
  vdir: LS,
  pwd: noArgs(),
  cat: opts("AbeEnstTuv", "", [
    "show-all",
    "number-nonblank",
    "number",
    "squeeze-blank",
    "show-ends",
    "show-tabs",
    "show-nonprinting",
    "help",
    "version",
  ]),
  tac: opts("br", "s", ["before", "regex", "separator=", "help", "version"]),
  nl: opts("p", "bdfhilnsvw", [
    "body-numbering=",
    "section-delimiter=",
    "footer-numbering=",
    "header-numbering=",
    "line-increment=",
    "join-blank-lines=",
    "number-format=",
    "no-renumber",
    "number-separator=",
    "starting-line-number=",
    "number-width=",
    "help",
    "version",
  ]),
  head: opts("qvz", "cn", ["bytes=", "lines=", "quiet", "silent", "verbose", "zero-terminated", "help", "version"]),
  tail: opts("fFqvz", "cns", [
    "bytes=",
    "lines=",
    "follow",
    "follow=",
    "retry",
    "quiet",
    "silent",
    "verbose",
    "zero-terminated",
    "sleep-interval=",
    "max-unchanged-stats=",
    "help",
    "version",
  ]),
  wc: opts("cmlLw", "", ["bytes", "chars", "lines", "words", "max-line-length", "total=", "help", "version"]),
  grep: GREP_OPTS,
  egrep: GREP_OPTS,
  fgrep: GREP_OPTS,
  zgrep: ZGREP_OPTS,
  rg: rgCheck,
  ag: agCheck,
  ack: ackCheck,
  find: findCheck,
  fd: fdCheck,
  // -o writes the listing to a file; -R reruns with -o.
  tree: opts("adlfxiqNQpugshDFvtrUcCnAS", "LPIH", [
    "noreport",
    "dirsfirst",
    "filesfirst",
    "charset=",
    "filelimit=",
    "gitignore",
    "prune",
    "du",
    "sort=",
    "matchdirs",
    "ignore-case",
    "timefmt=",
    "help",
    "version",
  ]),
  echo: opts("neE"),
  printf: printfCheck,
  true: ignoresArgs,
  false: ignoresArgs,
  test: testCheck,
  "[": testCheck,
  sleep: opts("", "", HELP_VERSION),
  // --read-alias / --read-functions read definitions from stdin (harmless, but not needed).
  which: opts("as", "", [
    "all",
    "skip-dot",
    "skip-tilde",
    "show-dot",
    "show-tilde",
    "skip-alias",
    "skip-functions",
    ...HELP_VERSION,
  ]),
  whereis: opts("bmsul"),
  type: allow({ flags: "afptP", firstOperandEnds: true }),
  // -C compiles a magic file (writes); no other option writes or runs code. -f/--files-from reads the
  // names to open from a file, which no path check sees.
  file: allow({
    flags: "bcdEhiIkLlNnprsvzSZ0",
    valued: "eFmP",
    files: "m",
    long: [
      "brief",
      "dereference",
      "no-dereference",
      "mime",
      "mime-type",
      "mime-encoding",
      "keep-going",
      "raw",
      "special-files",
      "uncompress",
      "no-pad",
      "print0",
      "exclude=",
      "separator=",
      "magic-file=",
      "extension",
      "apple",
      "help",
      "version",
    ],
  }),
  stat: opts("LftZ", "c", ["dereference", "file-system", "terse", "format=", "printf=", "cached=", "help", "version"]),
  du: opts("0abcDhHklLmPsSx", "dBt", [
    "null",
    "all",
    "apparent-size",
    "bytes",
    "total",
    "dereference-args",
    "human-readable",
    "si",
    "dereference",
    "no-dereference",
    "separate-dirs",
    "summarize",
    "one-file-system",
    "max-depth=",
    "block-size=",
    "threshold=",
    "time",
    "exclude=",
    "help",
    "version",
  ]),
  df: opts("ahHiklmgPTn", "Btx", [
    "all",
    "block-size=",
    "human-readable",
    "si",
    "inodes",
    "local",
    "no-sync",
    "sync",
    "output",
    "output=",
    "portability",
    "print-type",
    "total",
    "type=",
    "exclude-type=",
    ...HELP_VERSION,
  ]),
  realpath: opts("eLmPqsz", "", [
    "canonicalize-existing",
    "canonicalize-missing",
    "logical",
    "physical",
    "quiet",
    "strip",
    "no-symlinks",
    "zero",
    "relative-to=",
    "relative-base=",
    "help",
    "version",
  ]),
  readlink: opts("efmnqsvz", "", [
    "canonicalize",
    "canonicalize-existing",
    "canonicalize-missing",
    "no-newline",
    "quiet",
    "silent",
    "verbose",
    "zero",
    "help",
    "version",
  ]),
  basename: opts("az", "s", ["multiple", "suffix=", "zero", "help", "version"]),
  dirname: opts("z", "", ["zero", "help", "version"]),
  // -l pipes the output through pr (runs a program); --to-file/--from-file are left out.
  diff: allow({
    flags: "abBdeEiNnpqrsStTuwyZ",
    valued: "CUDFIxXWS",
    files: "X",
    long: [
      "unified",
      "unified=",
      "context",
      "context=",
      "recursive",
      "brief",
      "ignore-case",
      "ignore-all-space",
      "ignore-space-change",
      "ignore-blank-lines",
      "ignore-trailing-space",
      "side-by-side",
      "color",
      "color=",
      "new-file",
      "unidirectional-new-file",
      "exclude=",
      "exclude-from=",
      "label=",
      "normal",
      "no-dereference",
      "text",
      "strip-trailing-cr",
      "suppress-common-lines",
      "report-identical-files",
      "minimal",
      "width=",
      "ignore-matching-lines=",
      "show-function-line=",
      "show-c-function",
      "ignore-tab-expansion",
      "expand-tabs",
      "initial-tab",
      "speed-large-files",
      "horizon-lines=",
      "left-column",
      "help",
      "version",
    ],
  }),
  cmp: opts("blsz", "in", ["print-bytes", "ignore-initial=", "verbose", "bytes=", "quiet", "silent", ...HELP_VERSION]),
  comm: opts("123iz", "", [
    "check-order",
    "nocheck-order",
    "output-delimiter=",
    "total",
    "zero-terminated",
    "help",
    "version",
  ]),
  // join -o is the output format, not a file.
  join: opts("iz", "aejotv12", [
    "ignore-case",
    "check-order",
    "nocheck-order",
    "header",
    "zero-terminated",
    ...HELP_VERSION,
  ]),
  paste: opts("sz", "d", ["delimiters=", "serial", "zero-terminated", ...HELP_VERSION]),
  // -o writes, --compress-program runs a program, -T writes temp files elsewhere.
  sort: opts("bcCdfghiMmnRrsuVz", "ktS", [
    "key=",
    "field-separator=",
    "numeric-sort",
    "reverse",
    "unique",
    "human-numeric-sort",
    "version-sort",
    "ignore-case",
    "stable",
    "zero-terminated",
    "general-numeric-sort",
    "month-sort",
    "dictionary-order",
    "ignore-leading-blanks",
    "ignore-nonprinting",
    "buffer-size=",
    "parallel=",
    "check",
    "check=",
    "merge",
    "random-sort",
    "sort=",
    "debug",
    "help",
    "version",
  ]),
  // A second file operand is the output file.
  uniq: allow({
    flags: "cdDiuz",
    valued: "fsw",
    long: [
      "count",
      "repeated",
      "all-repeated",
      "all-repeated=",
      "group",
      "group=",
      "ignore-case",
      "unique",
      "zero-terminated",
      "skip-fields=",
      "skip-chars=",
      "check-chars=",
      "help",
      "version",
    ],
    after: (_args, operands) => (operands.length > 1 ? "a second file argument is written" : null),
  }),
  cut: opts("nsz", "bcdf", [
    "bytes=",
    "characters=",
    "delimiter=",
    "fields=",
    "complement",
    "only-delimited",
    "output-delimiter=",
    "zero-terminated",
    "help",
    "version",
  ]),
  tr: opts("cCdst", "", ["complement", "delete", "squeeze-repeats", "truncate-set1", "help", "version"]),
  fold: opts("bs0123456789", "w", ["bytes", "spaces", "width=", ...HELP_VERSION]),
  fmt: opts("cstu0123456789", "pwg", [
    "crown-margin",
    "prefix=",
    "split-only",
    "tagged-paragraph",
    "uniform-spacing",
    "width=",
    "goal=",
    ...HELP_VERSION,
  ]),
  // column -o is the output separator, not a file.
  column: opts("dehJLtxV", "cHilnNoOprRsTW", [
    "columns=",
    "output-width=",
    "table",
    "table-noheadings",
    "table-header-repeat",
    "table-hide=",
    "table-columns=",
    "table-columns-limit=",
    "table-name=",
    "table-order=",
    "table-right=",
    "table-truncate=",
    "table-wrap=",
    "table-noextreme=",
    "tree=",
    "tree-id=",
    "tree-parent=",
    "json",
    "keep-empty-lines",
    "separator=",
    "output-separator=",
    "fillrows",
    ...HELP_VERSION,
  ]),
  expand: opts("i0123456789", "t", ["initial", "tabs=", ...HELP_VERSION]),
  unexpand: opts("a0123456789", "t", ["all", "first-only", "tabs=", ...HELP_VERSION]),
  rev: opts(""),
  seq: opts("w", "fs", ["format=", "separator=", "equal-width", "help", "version"]),
  strings: both(
    noResponseFile,
    allow({
      flags: "adfowh0123456789",
      valued: "ntesTU",
      long: [
        "all",
        "data",
        "print-file-name",
        "bytes=",
        "radix=",
        "encoding=",
        "target=",
        "include-all-whitespace",
        "output-separator=",
        "unicode=",
        ...HELP_VERSION,
      ],
    }),
  ),
  od: allow({
    flags: "abcdfilosxvDOXeFHILB",
    valued: "AjNSt",
    glued: "w",
    long: [
      "address-radix=",
      "endian=",
      "skip-bytes=",
      "read-bytes=",
      "strings",
      "strings=",
      "format=",
      "output-duplicates",
      "width",
      "width=",
      "traditional",
      ...HELP_VERSION,
    ],
  }),
  // Converts the files it is handed to standard output. -o/--output writes (refused, and argp's
  // abbreviations like --out are not on the list); charset names are names, not paths (glibc finds
  // its gconv modules through its own config and GCONV_PATH, never through the name).
  iconv: allow({
    flags: "clsV",
    valued: "ft",
    long: ["from-code=", "to-code=", "list", "silent", "verbose", "usage", ...HELP_VERSION],
  }),
  // -f reads a format file (a path operand or glued right after -f, checked as a path).
  hexdump: allow({
    flags: "bcCdoxvh",
    valued: "efns",
    files: "f",
    long: [
      "format=",
      "format-file=",
      "length=",
      "skip=",
      "no-squeezing",
      "canonical",
      "one-byte-octal",
      "one-byte-char",
      "two-bytes-decimal",
      "two-bytes-octal",
      "two-bytes-hex",
      ...HELP_VERSION,
    ],
  }),
  hd: allow({ flags: "bcCdoxv", valued: "ns", long: ["length=", "skip=", "no-squeezing", ...HELP_VERSION] }),
  xxd: xxdCheck,
  md5sum: SUM,
  base64: base64Check,
  gzip: gzipCheck(false),
  gunzip: gzipCheck(true),
  zcat: zcatCheck,
  tar: tarCheck,
  unzip: unzipCheck,
  zipinfo: zipinfoCheck,
  "7z": sevenZipCheck,
  "7za": sevenZipCheck,
  "7zz": sevenZipCheck,
  "7zr": sevenZipCheck,
  sha1sum: SUM,
  sha224sum: SUM,
  sha256sum: SUM,
  sha384sum: SUM,
  sha512sum: SUM,
  b2sum: SUM,
  // No -c/--check (as SUM).
  cksum: allow({
    flags: "z",
    valued: "alo",
    long: ["algorithm=", "base64", "length=", "raw", "tag", "untagged", "zero", "debug", ...HELP_VERSION],
  }),
  // No -c/--check (as SUM).
  shasum: opts("btU0swhv", "a", ["algorithm=", "binary", "text", "UNIVERSAL", "01", "tag", ...HELP_VERSION]),
  // md5 -s hashes a string, -p echoes stdin; -x runs a self-test.
  md5: opts("pqrt", "s"),
  // An operand that is not a +FORMAT sets the clock (GNU and BSD); -s/--set too. -f/-r name files.
  date: allow({
    flags: "uRjn",
    valued: "dfrvz",
    glued: "I",
    files: "fr",
    long: [
      "date=",
      "file=",
      "iso-8601",
      "iso-8601=",
      "rfc-email",
      "rfc-2822",
      "rfc-3339=",
      "reference=",
      "utc",
      "universal",
      "debug",
      "resolution",
      ...HELP_VERSION,
    ],
    after: (args, operands) =>
      operands.some((a) => !a.startsWith("+")) && !args.some((a) => /^-[a-zA-Z]*j/.test(a))
        ? "an operand that is not +FORMAT sets the date"
        : null,
  }),
  cal: opts("13jmsyhYwbMSeV", "ndABH", HELP_VERSION),
  whoami: noArgs(),
  id: opts("aZgGnruzpPFA", "", ["context", "group", "groups", "name", "real", "user", "zero", ...HELP_VERSION]),
  groups: opts("", "", HELP_VERSION),
  uname: opts("asnrvmpio", "", [
    "all",
    "kernel-name",
    "nodename",
    "kernel-release",
    "kernel-version",
    "machine",
    "processor",
    "hardware-platform",
    "operating-system",
    ...HELP_VERSION,
  ]),
  hostname: noArgs(),
  arch: noArgs(),
  nproc: opts("", "", ["all", "ignore=", ...HELP_VERSION]),
  uptime: opts("pshV", "", ["pretty", "since", "container", "raw", ...HELP_VERSION]),
  free: opts("bkmghltwLvV", "sc", [
    "bytes",
    "kilo",
    "mega",
    "giga",
    "tera",
    "peta",
    "kibi",
    "mebi",
    "gibi",
    "tebi",
    "pebi",
    "human",
    "si",
    "lohi",
    "total",
    "seconds=",
    "count=",
    "wide",
    "line",
    "committed",
    ...HELP_VERSION,
  ]),
  locale: opts("amckv", "", ["all-locales", "charmaps", "category-name", "keyword-name", "verbose", ...HELP_VERSION]),
  tty: noArgs(),
  lsb_release: opts("vidrcash", "", ["version", "id", "description", "release", "codename", "all", "short", "help"]),
  sw_vers: (args) => (args.every((a) => SW_VERS.has(a)) ? null : "sw_vers option is not on the known-safe list"),
  // mktemp -u / --dry-run only prints a fresh name (BSD mktemp -u creates it and removes it at once);
  // without it a file or directory is made. -p / --tmpdir values are checked as paths.
  mktemp: allow({
    flags: "udqt",
    valued: "p",
    long: ["dry-run", "directory", "quiet", "tmpdir", "tmpdir=", "suffix=", ...HELP_VERSION],
    after: (args) =>
      args.some((a) => a === "--dry-run" || /^-[dqt]*u/.test(a)) ||
      (args.length === 1 && /^--(help|version)$/.test(args[0] as string))
        ? null
        : "mktemp without -u creates a file",
  }),
  // rtk (a token-saving proxy) rewrites the arguments of the tools it runs (`rtk grep PATTERN PATH OPTS`,
  // `rtk read`), keeps a history database and may save full outputs to files, and another tool shares its
  // name: only its own help and version.
  rtk: (args) =>
    args.length === 1 && /^(--version|-V|--help|-h|help)$/.test(args[0] as string) ? null : "rtk runs other tools",
  jq: jqCheck,
  yq: yqCheck,
  sed: sedCheck,
  awk: awkCheck,
  nawk: awkCheck,
  gawk: awkCheck,
  mawk: awkCheck,
  git: gitCheck,
  // analyze.ts proves the target (one literal path inside the repository); no option is known-safe.
  cd: allow({}),
  node: versionOnly,
  npx: versionOnly,
  bun: versionOnly,
  deno: versionOnly,
  python: versionOnly,
  python3: versionOnly,
  ruby: versionOnly,
  gem: versionOnly,
  rustc: versionOnly,
  rustup: versionOnly,
  java: versionOnly,
  javac: versionOnly,
  mvn: versionOnly,
  gradle: versionOnly,
  // Even `make -n`/`-p`/`-q` read the Makefile and run its `$(shell …)` and `+` lines: only the version.
  make: versionOnly,
  tsc: versionOnly,
  cmake: versionOnly,
  gcc: versionOnly,
  clang: versionOnly,
};

/** Null when the invocation is provably read-only; otherwise the reason it is not. */
export function readOnlyReason(inv: Invocation): string | null {
  const name = commandName(inv.argv[0] ?? "");
  if (inv.argv[0]?.includes("/")) return "runs a program by path";
  if (inv.via.length) return `runs through ${inv.via[inv.via.length - 1]}`;
  const bad = inv.assigns.find((a) => !SAFE_ENV.test(a));
  if (bad) return `sets ${bad}, which can change what runs`;
  if (inv.assigns.includes("PAGER") || inv.assigns.includes("GIT_PAGER")) return "sets a pager";
  const path = inv.assigns.findIndex((a, i) => !safeEnvValue(a, inv.assignValues?.[i] ?? null));
  if (path !== -1) return `sets ${inv.assigns[path]} to a path or a value only known at run time`;
  const check = toolCheck(name);
  if (!check) return `${name || "(empty)"} is not on the read-only list`;
  return check(inv.argv.slice(1));
}

/** The check that proves a command name: a toolchain table first, then the READ_ONLY list. */
function toolCheck(name: string): Check | undefined {
  return readOnlyCliCheck(name) ?? (Object.hasOwn(READ_ONLY, name) ? READ_ONLY[name] : undefined);
}
