// Provable allow: commands that only read, with argument checks that keep them that way.
// When in doubt a command is NOT listed (the LLM then decides): every entry must be safe with any
// arguments its validator accepts, inside the repository.
import { commandName, type Invocation } from "./invocations.ts";
import { readOnlyCliReason } from "./read-only-cli.ts";

/** Secret file names inside git objects (kept close to analyze.ts's list). */
const SECRET_NAME =
  /^(\.env(\..*|~)?|.*\.pem|.*\.key|.*\.p12|.*\.pfx|id_(rsa|dsa|ecdsa|ed25519)(\.pub)?|\.netrc|\.npmrc|\.pypirc|\.pgpass|\.boto|\.dockercfg|\.git-credentials|credentials(\.json)?|secrets?\.(json|ya?ml|toml)|.*\.tfstate(\..*)?|kubeconfig)$/i;

/** Returns null when the invocation is read-only, else why not. */
type Check = (args: string[]) => string | null;

const ok: Check = () => null;

function forbid(...patterns: (string | RegExp)[]): Check {
  return (args) => {
    for (const a of args) {
      for (const p of patterns) {
        if (typeof p === "string" ? a === p || a.startsWith(`${p}=`) : p.test(a))
          return `option ${a} writes or executes`;
      }
    }
    return null;
  };
}

function positionals(args: string[]): string[] {
  const out: string[] = [];
  let options = true;
  for (const a of args) {
    if (options && a === "--") options = false;
    else if (options && a.startsWith("-") && a.length > 1) continue;
    else out.push(a);
  }
  return out;
}

/**
 * Allowlist of options: `flags` are single-letter options without a value, `valued` letters take
 * one (glued or the next word), `long` are `--names` (a trailing `=` means it takes a value).
 * Any other option means "not provable": an option we have not read the manual for may write,
 * run code or read elsewhere.
 */
function opts(flags: string, valued = "", long: string[] = [], then: Check = ok): Check {
  // The sets are built on first use: a hook call checks one or two commands, not the whole table.
  let longFlags: Set<string> | undefined;
  let longValued: Set<string> | undefined;
  return (args) => {
    longFlags ??= new Set(long.filter((l) => !l.endsWith("=")));
    longValued ??= new Set(long.filter((l) => l.endsWith("=")).map((l) => l.slice(0, -1)));
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      if (a === "--") break;
      if (!a.startsWith("-") || a === "-") continue;
      if (a.startsWith("--")) {
        const eq = a.indexOf("=");
        const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
        if (eq === -1 && longFlags.has(name)) continue;
        if (longValued.has(name)) {
          if (eq === -1) i++;
          continue;
        }
        return `option ${a} is not on the known-safe list`;
      }
      if (/^-\d+$/.test(a) && valued.includes("n")) continue; // head -20
      for (let j = 1; j < a.length; j++) {
        const c = a[j] as string;
        if (valued.includes(c)) {
          if (j === a.length - 1) i++;
          break;
        }
        if (!flags.includes(c)) return `option -${c} is not on the known-safe list`;
      }
    }
    return then(args);
  };
}

function maxPositionals(n: number, then: Check = ok): Check {
  return (args) =>
    positionals(args).length > n ? `more than ${n} file argument(s) (the extra one is written)` : then(args);
}

function noArgs(): Check {
  return (args) => (args.length ? "arguments change what it does" : null);
}

/** Only `--version` / `-V` / `--help` style queries. */
const versionOnly: Check = (args) =>
  args.length >= 1 && args.every((a) => /^(--version|-v|-V|version|--help|-h|help)$/.test(a))
    ? null
    : "only version/help queries are read-only";

const sedCheck: Check = (args) => {
  if (args.some((a) => /^(-i|--in-place)/.test(a) || (/^-[a-zA-Z]*i/.test(a) && !a.startsWith("--"))))
    return "edits files in place";
  const scripts: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "-e" || a === "--expression") scripts.push(args[++i] ?? "");
    else if (a.startsWith("--expression=")) scripts.push(a.slice(13));
    else if (a === "-f" || a.startsWith("--file")) return "reads a script file";
  }
  if (!scripts.length) {
    const first = positionals(args)[0];
    if (first === undefined) return "no script";
    scripts.push(first);
  }
  // Print/select/substitute only: no w/W/e/r/R commands, no w or e substitution flags.
  const safe =
    /^(\s*(\d+|\$|\/[^/]*\/)?(,(\d+|\$|\/[^/]*\/))?\s*(p|d|q|=|s(.)(?:(?!\6)[^\\]|\\.)*\6(?:(?!\6)[^\\]|\\.)*\6[gIip0-9]*)\s*;?)+$/;
  return scripts.every((s) => safe.test(s)) ? null : "sed script may write files or run commands";
};

/** awk options that cannot load code, write files or change the program source: `-F x`, `-v a=b`. */
const awkCheck: Check = (args) => {
  if (args.length === 1 && /^(--version|-V|--help|-h)$/.test(args[0] as string)) return null;
  if (args.length === 2 && args[0] === "-W" && args[1] === "version") return null;
  let program: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") {
      program ??= args[i + 1];
      break;
    }
    if (a === "-F" || a === "-v") {
      i++;
      continue;
    }
    if (/^-F./.test(a) || /^-v[A-Za-z_]\w*=/.test(a) || /^--(field-separator|assign)=/.test(a)) continue;
    if (a.startsWith("-") && a.length > 1) return `awk option ${a} is not on the known-safe list`;
    program ??= a;
    if (program !== a) continue;
  }
  if (program === undefined) return "no program";
  return /system|getline|[|>]|fflush|close|ENVIRON|PROCINFO|@(include|load|namespace)|\bprint[f]?\s*>/.test(program)
    ? "awk program may write, run commands or read the environment"
    : null;
};

/** Values after `HEAD:` / `:` in git arguments name files inside objects: `git show HEAD:.env`. */
function gitObjectSecret(args: string[]): string | null {
  for (const a of args) {
    const colon = a.indexOf(":");
    if (colon === -1 || a.startsWith("-")) continue;
    const path = a.slice(colon + 1);
    const base = path.split("/").pop() ?? "";
    if (SECRET_NAME.test(base) || /(^|\/)\.(ssh|aws|kube|docker|gnupg)(\/|$)/.test(path))
      return `${a} names a file that may hold secrets`;
  }
  return null;
}

const findCheck = forbid("-exec", "-execdir", "-ok", "-okdir", "-delete", "-fprint", "-fprint0", "-fprintf", "-fls");

/** git subcommands that only read (with their own argument checks). */
const GIT: Record<string, Check> = {
  status: ok,
  log: forbid("--output", /^--ext-diff$/),
  diff: forbid("--output", /^--ext-diff$/),
  show: forbid("--output", /^--ext-diff$/),
  "rev-parse": ok,
  "ls-files": ok,
  "ls-tree": ok,
  // ls-remote reaches another host (and a transport named in the URL); not an inspection of the repo.
  "cat-file": ok,
  blame: ok,
  annotate: ok,
  describe: ok,
  shortlog: ok,
  grep: forbid(/^(-O|--open-files-in-pager)/),
  "merge-base": ok,
  "name-rev": ok,
  "rev-list": ok,
  "for-each-ref": ok,
  "show-ref": ok,
  "show-branch": ok,
  "count-objects": ok,
  "check-ignore": ok,
  "check-attr": ok,
  "diff-tree": ok,
  "diff-files": ok,
  "diff-index": ok,
  "range-diff": ok,
  whatchanged: ok,
  version: ok,
  reflog: (a) =>
    a.length === 0 || a[0] === "show" || a[0]?.startsWith("-") ? null : "reflog subcommand changes the reflog",
  branch: (a) => {
    const listing = new Set([
      "-a",
      "--all",
      "-r",
      "--remotes",
      "--remote",
      "-v",
      "-vv",
      "--verbose",
      "-l",
      "--list",
      "--show-current",
      "--no-color",
      "--color",
      "--column",
      "--no-column",
      "-i",
      "--ignore-case",
      "--omit-empty",
    ]);
    const listingWithValue = /^--(contains|no-contains|merged|no-merged|sort|format|points-at|color|abbrev)(=|$)/;
    const listed = a.includes("-l") || a.includes("--list");
    for (let i = 0; i < a.length; i++) {
      const x = a[i] as string;
      if (listing.has(x) || listingWithValue.test(x)) continue;
      if (
        !x.startsWith("-") &&
        (listed || /^--(contains|no-contains|merged|no-merged|points-at)$/.test(a[i - 1] ?? ""))
      )
        continue;
      return "creates, deletes or moves a branch";
    }
    return null;
  },
  tag: (a) =>
    a.length === 0 ||
    (a.some((x) =>
      /^(-l|--list|-n\d*|--contains|--no-contains|--merged|--no-merged|--points-at|--sort=.*|--format=.*)$/.test(x),
    ) &&
      !a.some((x) => /^-(d|f|a|s|m|u)$|^--(delete|force|annotate|sign|message)/.test(x)))
      ? null
      : "creates or deletes a tag",
  remote: (a) =>
    a.length === 0 || a.every((x) => x === "-v" || x === "--verbose") || a[0] === "get-url" || a[0] === "show"
      ? null
      : "changes remotes",
  config: (a) =>
    a.some((x) =>
      /^(--get|--get-all|--get-regexp|--list|-l|--get-urlmatch|--show-origin|--show-scope|--name-only|get|list)$/.test(
        x,
      ),
    ) &&
    !a.some((x) =>
      /^(--add|--unset|--unset-all|--replace-all|--rename-section|--remove-section|--edit|-e|set|unset)$/.test(x),
    )
      ? null
      : "may change configuration",
  stash: (a) => (a[0] === "list" || a[0] === "show" ? null : "changes the stash"),
  worktree: (a) => (a[0] === "list" ? null : "changes worktrees"),
  submodule: (a) => (a[0] === "status" || a[0] === "summary" || a.length === 0 ? null : "changes submodules"),
  help: ok,
  cherry: ok,
  fsck: forbid("--lost-found"),
  "verify-commit": ok,
  "verify-tag": ok,
  notes: (a) => (a[0] === "list" || a[0] === "show" ? null : "changes notes"),
};

const gitCheck: Check = (args) => {
  let i = 0;
  while (i < args.length) {
    const a = args[i] as string;
    if (
      a === "--no-pager" ||
      a === "--no-optional-locks" ||
      a === "-P" ||
      a === "--literal-pathspecs" ||
      a === "--no-replace-objects"
    )
      i++;
    else if (a === "-C")
      i += 2; // the directory is checked as a path argument
    else if (a === "--version" || a === "--help") return null;
    else if (a.startsWith("-")) return `git option ${a} can change what runs`;
    else break;
  }
  const sub = args[i];
  if (sub === undefined) return "no subcommand";
  const check = GIT[sub];
  if (!check) return `git ${sub} is not a read-only subcommand`;
  return gitObjectSecret(args.slice(i + 1)) ?? check(args.slice(i + 1));
};

const jqCheck: Check = (args) =>
  args.some((a) => /\benv\b|\$ENV|input_filename|\$__prog/.test(a)) ? "reads the environment" : null;

/** GNU grep: every option that only selects, formats or counts (no -f outside: paths are checked). */
const GREP_OPTS = opts("EFGPabcHhiIlLnoqrRsTUvVwxyzZ0123456789", "efmABCdD", [
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
]);

/** The read-only table: command name → argument check. */
export const READ_ONLY: Record<string, Check> = {
  ls: opts("aAbBcCdfFgGhHiklLmnNopqQrRsStuUvwxXZ1", "IT", [
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
  ]),
  dir: ok,
  vdir: ok,
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
  zgrep: ok,
  // --pre and -z/--search-zip run other programs on each file; --hostname-bin runs one for links.
  rg: forbid("--pre", "--pre-glob", "--hostname-bin", /^--search-zip$/, /^-[a-zA-Z]*z/),
  // --pager runs a program on the output.
  ag: forbid("--pager"),
  // ack reads a project .ackrc (options such as --pager come from the repository) unless --noenv.
  ack: (a) => (a.includes("--noenv") ? null : "ack reads the repository's .ackrc"),
  find: findCheck,
  // -x/-X run a command per match (-l runs a fixed `ls -l` on the matches: allowed).
  fd: forbid("-x", "--exec", "-X", "--exec-batch", /^-[a-zA-Z]*[xX]/),
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
  printf: forbid("-v"),
  true: ok,
  false: ok,
  test: ok,
  "[": ok,
  sleep: ok,
  which: ok,
  whereis: ok,
  type: ok,
  // -C compiles a magic file (writes); no other option writes or runs code.
  file: opts("bcdEhiIkLlNnprsvzSZ0", "eFfmP", [
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
    "files-from=",
    "extension",
    "apple",
    "help",
    "version",
  ]),
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
  df: ok,
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
  diff: opts("abBdeEiNnpqrsStTuwyZ", "CUDFIxXWS", [
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
  ]),
  cmp: ok,
  comm: opts("123iz", "", [
    "check-order",
    "nocheck-order",
    "output-delimiter=",
    "total",
    "zero-terminated",
    "help",
    "version",
  ]),
  join: ok,
  paste: ok,
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
  uniq: maxPositionals(
    1,
    opts("cdDiuz", "fsw", [
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
    ]),
  ),
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
  fold: ok,
  fmt: ok,
  column: ok,
  expand: ok,
  unexpand: ok,
  rev: opts(""),
  seq: opts("w", "fs", ["format=", "separator=", "equal-width", "help", "version"]),
  strings: ok,
  od: ok,
  hexdump: ok,
  xxd: maxPositionals(1, forbid(/^-[a-z]*r/)),
  md5sum: ok,
  sha1sum: ok,
  sha224sum: ok,
  sha256sum: ok,
  sha384sum: ok,
  sha512sum: ok,
  b2sum: ok,
  cksum: ok,
  shasum: ok,
  md5: ok,
  date: forbid("-s", "--set", /^-[a-zA-Z]*s/),
  cal: ok,
  whoami: noArgs(),
  id: ok,
  groups: ok,
  uname: ok,
  hostname: noArgs(),
  arch: noArgs(),
  nproc: ok,
  uptime: ok,
  free: ok,
  locale: ok,
  tty: noArgs(),
  lsb_release: ok,
  sw_vers: ok,
  jq: jqCheck,
  // env()/strenv() print the environment, load*() read any file named inside the expression.
  yq: (a) =>
    a.some((x) => /\b(env|strenv|envsubst|load|load_str|load_xml|load_props|load_base64)\b/.test(x))
      ? "reads the environment or other files"
      : forbid("-i", "--inplace", /^-[a-zA-Z]*i/)(a),
  sed: sedCheck,
  awk: awkCheck,
  gawk: awkCheck,
  mawk: awkCheck,
  git: gitCheck,
  cd: ok,
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

/** Environment assignments that cannot change what a read-only command executes. */
const SAFE_ENV =
  /^(LANG|LANGUAGE|LC_[A-Z]+|TZ|NO_COLOR|FORCE_COLOR|CLICOLOR|CLICOLOR_FORCE|COLUMNS|LINES|TERM|GIT_PAGER|PAGER)$/;

/** Null when the invocation is provably read-only; otherwise the reason it is not. */
export function readOnlyReason(inv: Invocation): string | null {
  const name = commandName(inv.argv[0] ?? "");
  if (inv.argv[0]?.includes("/")) return "runs a program by path";
  if (inv.via.length) return `runs through ${inv.via[inv.via.length - 1]}`;
  const bad = inv.assigns.find((a) => !SAFE_ENV.test(a));
  if (bad) return `sets ${bad}, which can change what runs`;
  if (inv.assigns.includes("PAGER") || inv.assigns.includes("GIT_PAGER")) return "sets a pager";
  const cli = readOnlyCliReason(name, inv.argv.slice(1));
  if (cli !== undefined) return cli;
  const check = Object.hasOwn(READ_ONLY, name) ? READ_ONLY[name] : undefined;
  if (!check) return `${name || "(empty)"} is not on the read-only list`;
  return check(inv.argv.slice(1));
}
