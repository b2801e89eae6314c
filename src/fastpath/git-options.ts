// git subcommands that only read, each with its own list of known-safe options. Anything else
// (`--output=` writes a file, `--ext-diff`/`--textconv`/`--filters` run configured programs,
// `-O`/`--open-files-in-pager` runs a pager, `--show-signature` runs gpg, `-c`/`--exec-path` change
// what runs, `--batch` reads object names from stdin) is simply not listed, so it goes to the LLM.
// git also accepts unambiguous abbreviations of long options: only exact names are matched here.
import { isSafeConfigKey } from "./git-config.ts";
import { allow, type Check, ok } from "./option-spec.ts";

/** Secret file names inside git objects (kept close to analyze.ts's list). */
const SECRET_NAME =
  /^(\.env(\..*|~)?|.*\.pem|.*\.key|.*\.p12|.*\.pfx|id_(rsa|dsa|ecdsa|ed25519)(\.pub)?|\.netrc|\.npmrc|\.pypirc|\.pgpass|\.boto|\.dockercfg|\.git-credentials|credentials(\.json)?|secrets?\.(json|ya?ml|toml)|.*\.tfstate(\..*)?|kubeconfig)$/i;

function secretObjectPath(path: string): boolean {
  const base = path.split("/").pop() ?? "";
  return SECRET_NAME.test(base) || /(^|\/)\.(ssh|aws|kube|docker|gnupg)(\/|$)/.test(path);
}

/**
 * Values after `HEAD:` / `:` in git arguments name files inside objects: `git show HEAD:.env`;
 * `-L:func:.env` and `-L10,20:.env` name one after the last colon.
 */
function gitObjectSecret(args: string[]): string | null {
  for (const a of args) {
    // An option's value (`--blob=HEAD:.env`) is checked as a word of its own; -L glues its range.
    const word = a.startsWith("-") && !a.startsWith("-L") ? (a.includes("=") ? a.slice(a.indexOf("=") + 1) : "") : a;
    const first = word.indexOf(":");
    if (first === -1) continue;
    const paths = [word.slice(first + 1), word.slice(word.lastIndexOf(":") + 1)];
    if (paths.some(secretObjectPath)) return `${a} names a file that may hold secrets`;
  }
  return null;
}

/** Secret paths a git pathspec pattern must not be able to match (kept close to real-path.ts's samples). */
const SECRET_PATHS = [
  ".env",
  ".env.local",
  "id_rsa",
  "id_ed25519",
  "server.pem",
  "server.key",
  "cert.p12",
  "cert.pfx",
  ".netrc",
  ".npmrc",
  ".pypirc",
  ".pgpass",
  ".git-credentials",
  "credentials",
  "credentials.json",
  "secrets.json",
  "secret.yaml",
  "terraform.tfstate",
  "kubeconfig",
  ".ssh/config",
  ".aws/config",
  ".docker/config.json",
];

/** Subcommands that print the contents of the files their pathspecs select. */
const PRINTS_PATHSPECS = new Set([
  "log",
  "whatchanged",
  "show",
  "diff",
  "diff-tree",
  "diff-files",
  "diff-index",
  "range-diff",
  "grep",
  "stash",
  "format-patch",
]);

/**
 * git matches a quoted pathspec itself, as a wildcard over the whole path (`*` crosses `/`, a
 * leading dot is no exception): `git log -p -- '.en*'` prints the history of .env. A pattern that can
 * match a secret path is refused (with `:(icase)` or not); `:(literal)` and `--literal-pathspecs`
 * are literal, exclusions (`:!x`, `:^x`, `:(exclude)x`) only take paths away.
 */
function pathspecSecret(sub: string, words: string[]): string | null {
  // git grep's first operand is its pattern unless -e / -f give it.
  let grepPattern = sub === "grep" && !words.some((w) => /^(-[a-zA-Z]*[ef].*|--regexp.*|--file.*)$/.test(w));
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w === "--") grepPattern = false;
    // The value of -S / -G / -I / -e …, given in its own word, is a regular expression or a count.
    if (w.startsWith("-") || /^-[SGIneLfmABC]$/.test(words[i - 1] ?? "")) continue;
    if (grepPattern) {
      grepPattern = false;
      continue;
    }
    if (!/[*?[]/.test(w)) continue;
    const m = /^:(\(([^)]*)\)|[/!^]*)(.*)$/.exec(w);
    const magic = m ? (m[2] ?? m[1] ?? "") : "";
    if (/literal/.test(magic) || /^[!^]|exclude/.test(magic)) continue;
    const pattern = m ? (m[3] as string) : w;
    const re = pathspecRegex(pattern);
    if (re === null) return `pathspec ${w} is not understood`;
    // The literal start of the pattern, then a secret: `src/*` matches src/.env.
    const head = pattern.slice(0, pattern.search(/[*?[\\]/));
    const candidates = SECRET_PATHS.flatMap((p) => [
      p,
      `x/${p}`,
      `${head}${p}`,
      `${head}/${p}`,
      p.split("/")[0] as string,
    ]);
    const hit = candidates.find((c) => re.test(c));
    if (hit !== undefined) return `pathspec ${w} can match ${hit}, which may hold secrets`;
  }
  return null;
}

/** A git wildcard pathspec as a regular expression (an over-approximation: `*` crosses `/`). */
function pathspecRegex(pattern: string): RegExp | null {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "*") re += ".*";
    else if (c === "?") re += ".";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end === -1) return null;
      let body = pattern.slice(i + 1, end);
      if (/[[\\]/.test(body)) return null;
      if (body.startsWith("!") || body.startsWith("^")) body = `^${body.slice(1)}`;
      re += `[${body}]`;
      i = end;
    } else if (c === "\\") {
      const n = pattern[++i];
      if (n === undefined) return null;
      re += n.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
    } else re += c.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
  }
  try {
    return new RegExp(`^${re}$`, "i");
  } catch {
    return null;
  }
}

/** Diff output options shared by diff, log -p, show, diff-tree … (no --output, --ext-diff, --textconv, -O). */
const DIFF_LONG = [
  "patch",
  "no-patch",
  "unified=",
  "output-indicator-new=",
  "output-indicator-old=",
  "output-indicator-context=",
  "raw",
  "patch-with-raw",
  "indent-heuristic",
  "no-indent-heuristic",
  "minimal",
  "patience",
  "histogram",
  "anchored=",
  "diff-algorithm=",
  "stat",
  "stat=",
  "stat-width=",
  "stat-name-width=",
  "stat-graph-width=",
  "stat-count=",
  "compact-summary",
  "numstat",
  "shortstat",
  "dirstat",
  "dirstat=",
  "cumulative",
  "dirstat-by-file",
  "dirstat-by-file=",
  "summary",
  "patch-with-stat",
  "name-only",
  "name-status",
  "submodule",
  "submodule=",
  "color",
  "color=",
  "no-color",
  "color-moved",
  "color-moved=",
  "no-color-moved",
  "color-moved-ws=",
  "no-color-moved-ws",
  "word-diff",
  "word-diff=",
  "word-diff-regex=",
  "color-words",
  "color-words=",
  "no-renames",
  "rename-empty",
  "no-rename-empty",
  "check",
  "ws-error-highlight=",
  "full-index",
  "binary",
  "abbrev",
  "abbrev=",
  "no-abbrev",
  "break-rewrites",
  "break-rewrites=",
  "find-renames",
  "find-renames=",
  "find-copies",
  "find-copies=",
  "find-copies-harder",
  "irreversible-delete",
  "diff-filter=",
  "find-object=",
  "pickaxe-all",
  "pickaxe-regex",
  "skip-to=",
  "rotate-to=",
  "text",
  "ignore-cr-at-eol",
  "ignore-space-at-eol",
  "ignore-space-change",
  "ignore-all-space",
  "ignore-blank-lines",
  "ignore-matching-lines=",
  "inter-hunk-context=",
  "function-context",
  "exit-code",
  "quiet",
  "no-ext-diff",
  "no-textconv",
  "ignore-submodules",
  "ignore-submodules=",
  "src-prefix=",
  "dst-prefix=",
  "no-prefix",
  "default-prefix",
  "line-prefix=",
  "ita-invisible-in-index",
  "ita-visible-in-index",
  "relative",
  "relative=",
  "no-relative",
  "null",
];
/** -p -u -s -z -a -b -w -W -R -D; -M -C -B -l -U take a glued optional value; -S -G -I take one. */
const DIFF_FLAGS = "pusRzabwWDtr";
const DIFF_GLUED = "MCBUl";
const DIFF_VALUED = "SGI";

/** Commit selection and formatting (log, rev-list, shortlog, whatchanged, show). */
const LOG_LONG = [
  "oneline",
  "graph",
  "no-graph",
  "all",
  "branches",
  "branches=",
  "tags",
  "tags=",
  "remotes",
  "remotes=",
  "glob=",
  "exclude=",
  "not",
  "reflog",
  "walk-reflogs",
  "single-worktree",
  "alternate-refs",
  "decorate",
  "decorate=",
  "no-decorate",
  "decorate-refs=",
  "decorate-refs-exclude=",
  "clear-decorations",
  "source",
  "abbrev-commit",
  "no-abbrev-commit",
  "full-history",
  "first-parent",
  "exclude-first-parent-only",
  "merges",
  "no-merges",
  "min-parents=",
  "max-parents=",
  "no-min-parents",
  "no-max-parents",
  "reverse",
  "date=",
  "relative-date",
  "pretty",
  "pretty=",
  "format=",
  "encoding=",
  "expand-tabs",
  "expand-tabs=",
  "no-expand-tabs",
  "notes",
  "notes=",
  "no-notes",
  "show-notes",
  "show-notes=",
  "standard-notes",
  "no-standard-notes",
  "show-linear-break",
  "show-linear-break=",
  "author=",
  "committer=",
  "grep=",
  "grep-reflog=",
  "all-match",
  "invert-grep",
  "regexp-ignore-case",
  "basic-regexp",
  "extended-regexp",
  "fixed-strings",
  "perl-regexp",
  "since=",
  "since-as-filter=",
  "after=",
  "until=",
  "before=",
  "max-age=",
  "min-age=",
  "max-count=",
  "skip=",
  "follow",
  "no-follow",
  "left-right",
  "left-only",
  "right-only",
  "cherry-pick",
  "cherry-mark",
  "cherry",
  "boundary",
  "ancestry-path",
  "ancestry-path=",
  "simplify-by-decoration",
  "simplify-merges",
  "show-pulls",
  "dense",
  "sparse",
  "topo-order",
  "date-order",
  "author-date-order",
  "no-walk",
  "no-walk=",
  "do-walk",
  "parents",
  "children",
  "mailmap",
  "no-mailmap",
  "use-mailmap",
  "no-use-mailmap",
  "log-size",
  "full-diff",
  "root",
  "diff-merges=",
  "no-diff-merges",
  "remerge-diff",
  "combined-all-paths",
  "cc",
  "dd",
  "bisect",
  "ignore-missing",
  "in-commit-order",
  "timestamp",
  "count",
  "header",
];
const LOG_FLAGS = `${DIFF_FLAGS}icmgEFPtv`;
/** Log and rev-list options plus diff output: -n N, -<num>, -L range:file. */
const LOG: Check = allow({
  flags: LOG_FLAGS,
  valued: `${DIFF_VALUED}nL`,
  glued: DIFF_GLUED,
  long: [...LOG_LONG, ...DIFF_LONG],
  counts: true,
});
const DIFF: Check = allow({
  flags: `${DIFF_FLAGS}0123`,
  valued: DIFF_VALUED,
  glued: DIFF_GLUED,
  long: [
    ...DIFF_LONG,
    "cached",
    "staged",
    "merge-base",
    "no-index",
    "base",
    "ours",
    "theirs",
    "cc",
    "combined-all-paths",
  ],
});
/** diff-tree / diff-index / diff-files: plumbing spellings of diff (and diff-tree takes commit formatting). */
const DIFF_PLUMBING: Check = allow({
  flags: `${DIFF_FLAGS}mcvq0123`,
  valued: DIFF_VALUED,
  glued: DIFF_GLUED,
  long: [
    ...DIFF_LONG,
    "cached",
    "merge-base",
    "root",
    "stdin",
    "no-commit-id",
    "always",
    "cc",
    "combined-all-paths",
    "pretty",
    "pretty=",
    "format=",
    "base",
    "ours",
    "theirs",
    "notes",
    "notes=",
  ],
});

const STATUS = allow({
  flags: "sbvz",
  glued: "u",
  long: [
    "short",
    "branch",
    "show-stash",
    "porcelain",
    "porcelain=",
    "long",
    "verbose",
    "untracked-files",
    "untracked-files=",
    "ignore-submodules",
    "ignore-submodules=",
    "ignored",
    "ignored=",
    "column",
    "column=",
    "no-column",
    "ahead-behind",
    "no-ahead-behind",
    "renames",
    "no-renames",
    "find-renames",
    "find-renames=",
    "null",
  ],
});

const BLAME = allow({
  flags: "bltpfnsewhc",
  valued: "L",
  glued: "MC",
  long: [
    "root",
    "show-stats",
    "reverse",
    "first-parent",
    "porcelain",
    "line-porcelain",
    "incremental",
    "encoding=",
    "date=",
    "progress",
    "no-progress",
    "ignore-rev=",
    "color-lines",
    "color-by-age",
    "show-name",
    "show-number",
    "show-email",
    "abbrev",
    "abbrev=",
    "minimal",
    "since=",
  ],
});

const GREP = allow({
  flags: "aiIrwvhHEGFPnlLzocpWq0123456789",
  valued: "efmABC",
  files: "f",
  long: [
    "cached",
    "no-index",
    "untracked",
    "no-exclude-standard",
    "exclude-standard",
    "recurse-submodules",
    "text",
    "no-textconv",
    "ignore-case",
    "max-depth=",
    "recursive",
    "no-recursive",
    "word-regexp",
    "invert-match",
    "full-name",
    "extended-regexp",
    "basic-regexp",
    "fixed-strings",
    "perl-regexp",
    "line-number",
    "column",
    "files-with-matches",
    "name-only",
    "files-without-match",
    "null",
    "only-matching",
    "count",
    "color",
    "color=",
    "no-color",
    "break",
    "heading",
    "show-function",
    "function-context",
    "context=",
    "after-context=",
    "before-context=",
    "threads=",
    "max-count=",
    "regexp=",
    "file=",
    "and",
    "or",
    "not",
    "all-match",
    "quiet",
  ],
});

const LS_FILES = allow({
  flags: "cdmoiskuzftv",
  valued: "xX",
  files: "X",
  long: [
    "cached",
    "deleted",
    "modified",
    "others",
    "ignored",
    "stage",
    "killed",
    "unmerged",
    "directory",
    "no-empty-directory",
    "eol",
    "full-name",
    "recurse-submodules",
    "abbrev",
    "abbrev=",
    "debug",
    "deduplicate",
    "exclude=",
    "exclude-from=",
    "exclude-per-directory=",
    "exclude-standard",
    "error-unmatch",
    "with-tree=",
    "format=",
    "sparse",
    "resolve-undo",
  ],
});

/** Subcommands with sub-subcommands: only the listed ones, each with its own options. */
function subcommands(table: Record<string, Check>, bare: Check | null = null): Check {
  return (args) => {
    const first = args[0];
    if (first === undefined) return bare ? bare(args) : "no subcommand";
    const check = Object.hasOwn(table, first) ? table[first] : undefined;
    if (check) return check(args.slice(1));
    return `${first} changes something or is not known to be read-only`;
  };
}

/**
 * `git branch` / `git tag`: listing options only; an operand is a pattern only in list mode (`-l`)
 * or as the value of --contains and friends, otherwise it names a branch or tag to create.
 */
function listing(spec: Check, listFlags: RegExp, takesValue: RegExp, what: string): Check {
  return (args) => {
    const bad = spec(args);
    if (bad) return bad;
    const listed = args.some((a) => listFlags.test(a));
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      if (a.startsWith("-")) continue;
      if (listed || takesValue.test(args[i - 1] ?? "")) continue;
      return what;
    }
    return null;
  };
}

const REF_FILTERS = [
  "contains",
  "contains=",
  "no-contains",
  "no-contains=",
  "merged",
  "merged=",
  "no-merged",
  "no-merged=",
  "points-at=",
  "sort=",
  "format=",
  "color",
  "color=",
  "no-color",
  "column",
  "column=",
  "no-column",
  "ignore-case",
  "omit-empty",
];
/** The commit after --contains/--merged is optional; the next word is taken only when it is not an option. */
const REF_VALUE = /^--(contains|no-contains|merged|no-merged|points-at)$/;

const BRANCH = listing(
  allow({
    flags: "arvli",
    long: [...REF_FILTERS, "all", "remotes", "remote", "verbose", "list", "show-current", "abbrev=", "no-abbrev"],
  }),
  /^(-[a-z]*l[a-z]*|--list)$/,
  REF_VALUE,
  "creates, deletes or moves a branch",
);

const TAG = listing(
  allow({
    flags: "li",
    glued: "n",
    long: [...REF_FILTERS, "list"],
  }),
  // Only these switch git tag to list mode: with --sort or --format alone an operand creates a tag.
  /^(-[a-z]*[ln][a-z0-9]*|--list|--(no-)?(contains|merged)(=.*)?|--points-at(=.*)?)$/,
  REF_VALUE,
  "creates or deletes a tag",
);

const CONFIG_READ = allow({
  flags: "lz",
  valued: "f",
  long: [
    "get",
    "get-all",
    "get-regexp",
    "get-urlmatch",
    "list",
    "show-origin",
    "show-scope",
    "name-only",
    "null",
    "type=",
    "bool",
    "int",
    "bool-or-int",
    "path",
    "expiry-date",
    "default=",
    "local",
    "global",
    "system",
    "worktree",
    "file=",
    "blob=",
    "includes",
    "no-includes",
    "all",
    "regexp",
    "value=",
    "fixed-value",
  ],
  after: (a, operands) => {
    const reads =
      a.some((x) =>
        /^(--get|--get-all|--get-regexp|--list|-l|--get-urlmatch|--show-origin|--show-scope|--name-only|get|list)$/.test(
          x,
        ),
      ) && !a.some((x) => /^(set|unset|rename-section|remove-section|edit)$/.test(x));
    return reads ? configScopeProblem(a, operands) : "may change configuration";
  },
});

/**
 * Without a scope git config reads the user's global and system files too, which can hold
 * credentials (sendemail.smtpPass, github.token, http.extraHeader, a token in url.*.insteadOf):
 * listing or matching keys is provable only in the repository's own files (--local, --worktree,
 * --file, --blob); elsewhere only the value of one named key that never holds a credential.
 */
/** Keys beside git-config.ts's safe ones whose value is a setting, never a secret (not credential.helper: `!echo password=…`). */
const PRINTABLE_KEY =
  /^(core\.(editor|pager|excludesfile|hookspath)|(commit|tag)\.gpgsign|user\.signingkey|gpg\.(format|program)|(merge|diff)\.tool)$/;

function configScopeProblem(a: string[], operands: string[]): string | null {
  const own = a.some((x) => /^(--local|--worktree|-f|--file|--file=.*|--blob|--blob=.*)$/.test(x));
  if (own && !a.some((x) => /^--(global|system)$/.test(x))) return null;
  // One key's value: `--get KEY`, `get KEY`, or `--show-origin KEY` (a bare key is a get).
  const one = !a.some((x) => /^(--regexp|--all|-l|--list|list|--get-regexp|--get-urlmatch|--name-only)$/.test(x));
  const keys = operands.filter((o) => o !== "get");
  const key = (keys[0] ?? "").toLowerCase();
  if (one && keys.length === 1 && (isSafeConfigKey(key) || PRINTABLE_KEY.test(key))) return null;
  return "git config outside --local prints the user's global config, which can hold credentials";
}

const onlyVerbose: Check = (a) =>
  a.every((x) => x === "-v" || x === "--verbose") ? null : "git remote -v with a subcommand";

/** git subcommands that only read, each with its own option list. */
export const GIT: Record<string, Check> = {
  status: STATUS,
  log: LOG,
  whatchanged: LOG,
  show: LOG,
  diff: DIFF,
  "diff-tree": DIFF_PLUMBING,
  "diff-files": DIFF_PLUMBING,
  "diff-index": DIFF_PLUMBING,
  "range-diff": allow({
    flags: DIFF_FLAGS,
    valued: DIFF_VALUED,
    glued: DIFF_GLUED,
    long: [...DIFF_LONG, "creation-factor=", "no-dual-color", "left-only", "right-only", "notes", "notes=", "no-notes"],
  }),
  "rev-list": LOG,
  shortlog: allow({
    flags: `${LOG_FLAGS}nsec`,
    valued: "nL",
    glued: "w",
    long: [...LOG_LONG, "numbered", "summary", "email", "group=", "committer"],
    counts: true,
  }),
  "rev-parse": allow({
    flags: "q",
    long: [
      "abbrev-ref",
      "abbrev-ref=",
      "short",
      "short=",
      "show-toplevel",
      "show-prefix",
      "show-cdup",
      "git-dir",
      "absolute-git-dir",
      "git-common-dir",
      "is-inside-work-tree",
      "is-inside-git-dir",
      "is-bare-repository",
      "is-shallow-repository",
      "show-superproject-working-tree",
      "show-object-format",
      "show-object-format=",
      "show-ref-format",
      "shared-index-path",
      "local-env-vars",
      "verify",
      "quiet",
      "symbolic",
      "symbolic-full-name",
      "all",
      "branches",
      "branches=",
      "tags",
      "tags=",
      "remotes",
      "remotes=",
      "glob=",
      "exclude=",
      "since=",
      "after=",
      "until=",
      "before=",
      "default=",
      "git-path=",
      "sq",
      "sq-quote",
      "not",
      "revs-only",
      "no-revs",
      "flags",
      "no-flags",
      "disambiguate=",
      "path-format=",
      "end-of-options",
    ],
  }),
  "ls-files": LS_FILES,
  "ls-tree": allow({
    flags: "drtlz",
    long: ["long", "name-only", "name-status", "object-only", "full-name", "full-tree", "abbrev", "abbrev=", "format="],
  }),
  // --textconv and --filters run configured programs; --batch* read object names from stdin.
  "cat-file": allow({
    flags: "tsepZz",
    long: ["allow-unknown-type", "mailmap", "use-mailmap", "no-mailmap"],
  }),
  blame: BLAME,
  annotate: BLAME,
  describe: allow({
    long: [
      "all",
      "tags",
      "contains",
      "abbrev=",
      "candidates=",
      "exact-match",
      "debug",
      "long",
      "match=",
      "exclude=",
      "always",
      "first-parent",
      "dirty",
      "dirty=",
      "broken",
      "broken=",
    ],
  }),
  grep: GREP,
  "merge-base": allow({
    flags: "a",
    long: ["all", "octopus", "independent", "is-ancestor", "fork-point"],
  }),
  "name-rev": allow({
    long: ["tags", "refs=", "exclude=", "all", "name-only", "no-undefined", "always", "annotate-stdin"],
  }),
  "for-each-ref": allow({
    long: [
      "count=",
      "sort=",
      "format=",
      "color",
      "color=",
      "shell",
      "perl",
      "python",
      "tcl",
      "points-at=",
      "merged",
      "merged=",
      "no-merged",
      "no-merged=",
      "contains",
      "contains=",
      "no-contains",
      "no-contains=",
      "ignore-case",
      "omit-empty",
      "exclude=",
      "include-root-refs",
    ],
  }),
  "show-ref": allow({
    flags: "dsq",
    long: [
      "head",
      "heads",
      "tags",
      "branches",
      "dereference",
      "hash",
      "hash=",
      "abbrev",
      "abbrev=",
      "verify",
      "quiet",
      "exists",
    ],
  }),
  "show-branch": allow({
    flags: "arg",
    long: [
      "all",
      "remotes",
      "topo-order",
      "date-order",
      "current",
      "color",
      "color=",
      "no-color",
      "sparse",
      "more=",
      "list",
      "merge-base",
      "independent",
      "no-name",
      "sha1-name",
      "topics",
      "reflog",
      "reflog=",
    ],
  }),
  "count-objects": allow({ flags: "vH", long: ["verbose", "human-readable"] }),
  "check-ignore": allow({ flags: "qvzn", long: ["quiet", "verbose", "stdin", "non-matching", "no-index"] }),
  "check-attr": allow({ flags: "az", long: ["all", "cached", "stdin", "source="] }),
  version: allow({ long: ["build-options"] }),
  // `reflog` alone or with options is `reflog show`; expire/delete change the reflog.
  reflog: (a) => {
    if (a.length === 0) return null;
    if (a[0] === "show") return LOG(a.slice(1));
    if (a[0] === "list") return a.length === 1 ? null : "reflog list takes no arguments";
    // git finds a subcommand after leading options too (`git reflog -n1 expire`).
    if (a.some((x) => /^(expire|delete|drop|exists|write)$/.test(x))) return "reflog subcommand changes the reflog";
    if (a[0]?.startsWith("-")) return LOG(a);
    return "reflog subcommand changes the reflog";
  },
  branch: BRANCH,
  tag: TAG,
  // `remote show` asks the remote unless -n; the URL and transport come from the checked config.
  remote: subcommands(
    {
      "get-url": allow({ long: ["push", "all"] }),
      show: allow({ flags: "n" }),
      // `git remote -v update` still runs `update`: after -v only more -v.
      "-v": onlyVerbose,
      "--verbose": onlyVerbose,
    },
    ok,
  ),
  config: CONFIG_READ,
  stash: subcommands({
    list: LOG,
    show: allow({
      flags: DIFF_FLAGS,
      valued: DIFF_VALUED,
      glued: DIFF_GLUED,
      long: [...DIFF_LONG, "include-untracked", "only-untracked"],
    }),
  }),
  worktree: subcommands({ list: allow({ flags: "vz", long: ["porcelain", "verbose"] }) }),
  submodule: subcommands(
    {
      status: allow({ flags: "q", long: ["cached", "recursive", "quiet"] }),
      summary: allow({ flags: "n", valued: "n", long: ["cached", "files", "summary-limit="] }),
    },
    ok,
  ),
  // -w/--web opens a browser, -i/--info runs info; the man page is printed through the pager.
  help: allow({
    flags: "agcm",
    long: [
      "all",
      "guides",
      "config",
      "man",
      "verbose",
      "no-external-commands",
      "no-aliases",
      "user-interfaces",
      "developer-interfaces",
    ],
  }),
  cherry: allow({ flags: "v", long: ["abbrev", "abbrev="] }),
  // --lost-found writes into .git/lost-found.
  fsck: allow({
    flags: "v",
    long: [
      "full",
      "no-full",
      "strict",
      "unreachable",
      "dangling",
      "no-dangling",
      "root",
      "tags",
      "cache",
      "no-reflogs",
      "connectivity-only",
      "name-objects",
      "progress",
      "no-progress",
      "verbose",
    ],
  }),
  "verify-commit": allow({ flags: "v", long: ["verbose", "raw"] }),
  "verify-tag": allow({ flags: "v", long: ["verbose", "raw", "format="] }),
  notes: subcommands({ list: allow({}), show: allow({}) }),
  bisect: subcommands({ log: allow({}) }),
  "sparse-checkout": subcommands({ list: allow({}) }),
  // Network reads. git-config.ts refuses a remote URL holding a password, and for fetch a live hook,
  // a local-path remote or initialized submodules. No --upload-pack / --get-url (prints the raw URL).
  "ls-remote": allow({
    flags: "htbq",
    long: ["heads", "tags", "branches", "refs", "quiet", "exit-code", "symref", "sort="],
    after: (_args, operands) => remoteOperand(operands[0]),
  }),
  // Remote-tracking refs and FETCH_HEAD only: a refspec (`main:main`, `+x`) would move a branch, and
  // --prune-tags deletes local tags; --filter / --depth rewrite what the repository is.
  fetch: allow({
    flags: "qvtp",
    long: [
      "all",
      "quiet",
      "verbose",
      "tags",
      "no-tags",
      "prune",
      "no-prune",
      "dry-run",
      "atomic",
      "no-recurse-submodules",
      "no-write-fetch-head",
      "no-auto-gc",
      "no-auto-maintenance",
      "show-forced-updates",
      "jobs=",
      "ipv4",
      "ipv6",
      "progress",
      "no-progress",
    ],
    after: (args, operands) => {
      const [remote, ...refs] = operands;
      if (remote === undefined) return null;
      if (args.includes("--all")) return "git fetch --all takes no repository";
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(remote)) return `git fetch ${remote}: only a configured remote by name`;
      const bad = refs.find((r) => !/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(r));
      return bad ? `git fetch refspec ${bad} can move a local ref` : null;
    },
  }),
  "request-pull": allow({
    flags: "p",
    after: (_args, operands) =>
      operands.length >= 2 && operands.length <= 3 ? remoteOperand(operands[1]) : "git request-pull START URL [END]",
  }),
  // --check: tests a patch (a file the path check proves) without applying it; --stat alone is left
  // to the classifier (Dippy asks for it: `--stat --apply` spellings are easy to get wrong).
  apply: allow({
    flags: "vzR",
    glued: "pC",
    long: [
      "check",
      "stat",
      "numstat",
      "summary",
      "cached",
      "reverse",
      "verbose",
      "quiet",
      "recount",
      "unidiff-zero",
      "allow-empty",
      "inaccurate-eof",
      "ignore-whitespace",
      "ignore-space-change",
      "no-add",
      "exclude=",
      "include=",
      "directory=",
    ],
    after: (args) =>
      args.includes("--check") ? null : "git apply without --check applies (or, as Dippy keeps it, asks)",
  }),
  bundle: subcommands({
    verify: allow({ flags: "q", long: ["quiet"] }),
    "list-heads": allow({}),
  }),
  // git-lfs reads only a short safe list of keys from the committed .lfsconfig. No `lfs env` (it
  // prints the endpoint URLs, credentials included), no fetch/pull (downloads into the worktree).
  lfs: subcommands({
    "ls-files": allow({
      flags: "lsnad",
      valued: "IX",
      long: ["long", "size", "name-only", "all", "deleted", "debug", "json", "include=", "exclude="],
    }),
    status: allow({ long: ["porcelain", "json"] }),
  }),
  // No -w (writes the object) and no --stdin-paths (paths from stdin are not checked).
  "hash-object": allow({ valued: "t", long: ["stdin", "path=", "no-filters", "literally"] }),
  // One name reads the ref; a second one writes it.
  "symbolic-ref": allow({
    flags: "q",
    long: ["quiet", "short", "recurse", "no-recurse"],
    after: (_args, operands) => (operands.length === 1 ? null : "git symbolic-ref NAME REF writes"),
  }),
  // Named variables only: `git var -l` prints the whole config (http.extraHeader tokens included).
  var: (args) => (args.length === 1 && GIT_VARS.has(args[0] as string) ? null : "git var: only one named variable"),
  replace: (args) =>
    /^(-l|--list)$/.test(args[0] ?? "")
      ? allow({ flags: "l", long: ["list", "format="] })(args)
      : "git replace without -l writes",
  // Paths only. No `rerere diff`: it prints .git/rr-cache preimages, which a hostile .git can make
  // symlinks to any file.
  rerere: subcommands({ status: allow({}), remaining: allow({}) }),
  // Only to stdout: without --stdout format-patch writes one file per commit.
  "format-patch": (args) =>
    args.includes("--stdout") ? FORMAT_PATCH(args) : "git format-patch without --stdout writes files",
};

/** Variables `git var` prints from the environment and config without running anything. */
const GIT_VARS = new Set([
  "GIT_AUTHOR_IDENT",
  "GIT_COMMITTER_IDENT",
  "GIT_EDITOR",
  "GIT_SEQUENCE_EDITOR",
  "GIT_PAGER",
  "GIT_DEFAULT_BRANCH",
  "GIT_SHELL_PATH",
  "GIT_ATTR_SYSTEM",
  "GIT_ATTR_GLOBAL",
  "GIT_CONFIG_SYSTEM",
  "GIT_CONFIG_GLOBAL",
]);

/** A remote by name, an https URL or ssh to a known forge: not a local path or file:// (another repository's data). */
function remoteOperand(word: string | undefined): string | null {
  if (word === undefined) return null;
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(word)) return null;
  if (/^(https?|git):\/\/[A-Za-z0-9_][A-Za-z0-9._@:-]*(\/[^\s]*)?$/.test(word)) return null;
  // ssh only to a known forge: another host could receive the user's forwarded agent.
  if (
    /^(ssh:\/\/)?([A-Za-z0-9_.-]+@)?(github\.com|gitlab\.com|bitbucket\.org|ssh\.dev\.azure\.com)[:/][^/\s]/.test(word)
  )
    return null;
  return `${word} is not a remote name, an https URL or a known forge`;
}

const FORMAT_PATCH: Check = allow({
  flags: `${LOG_FLAGS}kN`,
  valued: `${DIFF_VALUED}nLv`,
  glued: DIFF_GLUED,
  long: [
    ...LOG_LONG,
    ...DIFF_LONG,
    "stdout",
    "numbered",
    "no-numbered",
    "keep-subject",
    "subject-prefix=",
    "start-number=",
    "reroll-count=",
    "rfc",
    "zero-commit",
    "no-signature",
    "no-binary",
    "base=",
    "no-thread",
    "cover-letter",
    "no-cover-letter",
  ],
  counts: true,
});

/**
 * Options before the subcommand that cannot change what runs or where. `-p` / `--paginate` pipes the
 * output into the pager only on a terminal, as git already does for log, diff, show …: the pager is the
 * user's own (GIT_PAGER, core.pager of the user's config, PAGER); the repository's core.pager and
 * pager.* keys are not SAFE_KEY keys, so gitProblem (analyze.ts) refuses a config that sets them.
 */
const GLOBAL_FLAGS = new Set([
  "--no-pager",
  "-p",
  "--paginate",
  "--no-optional-locks",
  "-P",
  "--literal-pathspecs",
  "--glob-pathspecs",
  "--noglob-pathspecs",
  "--icase-pathspecs",
  "--no-replace-objects",
  "--no-advice",
]);

export const gitCheck: Check = (args) => {
  let i = 0;
  while (i < args.length) {
    const a = args[i] as string;
    if (GLOBAL_FLAGS.has(a)) i++;
    else if (a === "-C")
      i += 2; // the directory is checked as a path argument
    else if (/^(--version|--help|-h)$/.test(a)) return args.length === i + 1 ? null : `git ${a} with more arguments`;
    else if (a.startsWith("-")) return `git option ${a} can change what runs`;
    else break;
  }
  const sub = args[i];
  if (sub === undefined) return "no subcommand";
  const check = Object.hasOwn(GIT, sub) ? GIT[sub] : undefined;
  // git turns `git WORD --help` into `git help WORD` before it looks WORD up: the man page (or an
  // alias's definition) is printed, nothing runs. man.* / help.* / browser.* keys in the repository's
  // config would pick the viewer: gitProblem (analyze.ts) allows only SAFE_KEY keys, none of those.
  if (!check && args.length === i + 2 && args[i + 1] === "--help" && /^[a-z][a-z0-9-]*$/.test(sub)) return null;
  if (!check) return `git ${sub} is not a read-only subcommand`;
  const rest = args.slice(i + 1);
  if (rest.length === 1 && (rest[0] === "--help" || rest[0] === "-h")) return null;
  // %G? / %GS … in a --format verify the commit signature: they run gpg, like --show-signature.
  // for-each-ref's %(signature…) atoms verify a signature too.
  if (rest.some((w) => w.includes("%G") || w.includes("%(signature"))) return "a %G format placeholder runs gpg";
  // --submodule=diff runs `git diff` inside each submodule of the diffed commits (its own config);
  // --submodule / =log open them too. Only =short (the default) is provable.
  if (rest.some((w) => /^--submodule(=(?!short$).*)?$/.test(w)))
    return "--submodule reads the submodules with their config";
  const literal = args.slice(0, i).includes("--literal-pathspecs");
  return (
    gitObjectSecret(rest) ?? (literal || !PRINTS_PATHSPECS.has(sub) ? null : pathspecSecret(sub, rest)) ?? check(rest)
  );
};
