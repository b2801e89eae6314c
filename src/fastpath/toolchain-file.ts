// Why: version managers pick the program that really runs from files in the working directory or any
// directory above it, and those files can name a program the repository ships:
// - rustup (behind cargo, rustc, rustfmt, rustdoc, clippy-driver, and rustup itself, whose --version
//   runs the active rustc) reads `rust-toolchain.toml` / `rust-toolchain` from the cwd up to `/`;
//   `[toolchain] path = "./x"` runs a toolchain directory of the repository's choosing, and a
//   channel that is not a release name can be a linked or path-like toolchain.
// - tfenv's terraform reads `.terraform-version` the same way and runs `versions/<its text>/terraform`
//   (a `../../proc/self/cwd/x` version runs a repository file);
// - pyenv, rbenv, nodenv, goenv and jenv read `.python-version` … `.java-version` the same way for the
//   programs they shim, and run `versions/<word>/bin/<program>` (VERSION_FILES);
// - asdf (and mise) shims read `.tool-versions` (mise also its mise.toml files) the same way; a `path:/dir` or `ref:` version runs a
//   binary from that directory or builds one, and a version word with `/` or `..` walks out of the
//   installs directory into one the repository chooses. Any program may be a shim, so such a file
//   leaves only shell builtins provable.
// A file is accepted only when its content provably names release versions; anything unreadable,
// oversized, not a regular file or not understood makes the command unprovable (the classifier decides).
// The same directory walk carries the few other working-directory facts a tool's table cannot see:
// - packer before 1.11 runs every `packer-plugin-*` file in the working directory on any call;
// - ansible-core reads `./ansible.cfg` (its `log_path` is a file it opens for appending);
// - cargo reads `.cargo/config.toml` / `.cargo/config` in every directory up to `/` (a TOML error
//   prints the offending line, so one that is a symlink could print a secret), and for the verbs that
//   resolve the package graph it may name `build.rustc`, a wrapper or a credential provider: those
//   verbs need no such file at all, the user's own `$HOME/.cargo` aside; they (and locate-project,
//   whose --workspace loads the workspace) also read every Cargo.toml / Cargo.lock of the workspace,
//   so none in the repository or above it may be a symlink;
// - npm reads the project .npmrc for every verb (see npmrcProblem): none may exist from the cwd up;
// - terraform and packer `fmt` print diffs and parse errors with source lines of every file they walk:
//   the walk must meet no secret and no symlink out, like a linter's. terraform keeps the last of
//   several `-chdir=`: only one is provable;
// - docker compose loads the project's compose files and `.env` (compose-files.ts);
// - `kubectl config view` prints a kubeconfig's passwords and provider tokens (kubeconfig.ts).
import { lstatSync, readdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { composeFilesProblem } from "./compose-files.ts";
import { goModuleFilesProblem } from "./go-files.ts";
import { commandName, DYNAMIC, type Invocation } from "./invocations.ts";
import { kubeconfigProblem } from "./kubeconfig.ts";
import { npmPackageFilesProblem } from "./npm-files.ts";
import { isInsideDir, physicalPath, repositoryWalk, walkProblem } from "./real-path.ts";
import { readRegularFile } from "./regular-file.ts";

/** Programs rustup installs as proxies (plus `cargo-*` subcommand binaries). */
const RUSTUP_PROXY =
  /^(cargo|rustc|rustup|rustdoc|rustfmt|clippy-driver|rust-analyzer|rust-gdb|rust-gdbgui|rust-lldb|rls)$|^cargo-/;
/** Shell builtins: no shim can stand in for them. */
const BUILTINS = new Set(["cd", "echo", "printf", "pwd", "true", "false", ":", "test", "["]);
const MAX_BYTES = 16 * 1024;

const CHANNEL = /^(stable|beta|nightly|\d+\.\d+(\.\d+)?)(-\d{4}-\d{2}-\d{2})?$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/;

type Read = { ok: true; text: string | null } | { ok: false; error: string };

/** The file's text, null when it does not exist; an error when it exists but cannot be inspected safely. */
function readSmall(path: string): Read {
  let st: ReturnType<typeof statSync> | undefined;
  try {
    st = statSync(path, { throwIfNoEntry: false });
  } catch {
    return { ok: false, error: `${path} cannot be inspected` };
  }
  if (st === undefined) return { ok: true, text: null };
  const text = st.isFile() ? readRegularFile(path, MAX_BYTES) : null;
  return text === null ? { ok: false, error: `${path} is not a small regular file` } : { ok: true, text };
}

/** lstat that reports an error instead of throwing (EACCES, ENOTDIR, ELOOP …): the caller fails closed. */
function lstatOrError(path: string): { ok: true; st: ReturnType<typeof lstatSync> | undefined } | { ok: false } {
  try {
    return { ok: true, st: lstatSync(path, { throwIfNoEntry: false }) };
  } catch {
    return { ok: false };
  }
}

const quoted = (v: string): string | null => {
  const m = /^"([^"\\]*)"$/.exec(v) ?? /^'([^']*)'$/.exec(v);
  return m ? (m[1] as string) : null;
};

/** A one-line array of quoted plain names: `["rustfmt", "clippy"]`. */
function nameArray(v: string): boolean {
  const m = /^\[(.*)\]$/.exec(v);
  if (!m) return false;
  const items = (m[1] as string)
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  return items.every((s) => {
    const name = quoted(s);
    return name !== null && NAME.test(name);
  });
}

/** The TOML form: only `[toolchain]` with a release channel, plain components/targets and a profile. */
function rustTomlProblem(text: string): string | null {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (line === "[toolchain]") continue;
    const m = /^([A-Za-z_-]+)\s*=\s*(.*?)\s*(#[^"']*)?$/.exec(line);
    if (!m) return "a line that is not a plain setting";
    const key = m[1] as string;
    const value = m[2] as string;
    if (key === "channel") {
      const channel = quoted(value);
      if (channel === null || !CHANNEL.test(channel)) return "a channel that is not a release name";
    } else if (key === "profile") {
      if (!/^(minimal|default|complete)$/.test(quoted(value) ?? "")) return "an unknown profile";
    } else if (key === "components" || key === "targets") {
      if (!nameArray(value)) return `${key} that is not a one-line list of names`;
    } else return "a key other than channel, components, targets or profile";
  }
  return null;
}

function rustFileProblem(text: string, legacy: boolean): string | null {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  // The legacy file may hold only a toolchain name on one line.
  if (legacy && lines.length === 1 && !/[=[]/.test(lines[0] as string))
    return CHANNEL.test((lines[0] as string).trim()) ? null : "a toolchain that is not a release name";
  return rustTomlProblem(text);
}

/** `.tool-versions`: `tool version…` lines with plain version words only (no path:, ref:, /, ..). */
function toolVersionsProblem(text: string): string | null {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, "").trim();
    if (line === "") continue;
    const words = line.split(/\s+/);
    if (words.length < 2) return "a tool without a version";
    // Never quote the word: the file may be a symlink to a secret, and notes reach the classifier's prompt.
    for (const w of words) if (!NAME.test(w) || w.includes("..")) return "an entry that is not a plain tool version";
  }
  return null;
}

/**
 * mise's shims read its config files from the cwd up like `.tool-versions`, and a `mise.toml` can do
 * far more: `[env]` (`_.source` runs a script), `path:` versions, templates (`exec()`), hooks, settings.
 * mise's trust check covers some of it, but it is skipped in CI and has had bypasses. Accepted: only
 * `min_version` and a `[tools]` table of plain tool names with plain version words (as in .tool-versions).
 */
function miseTomlProblem(text: string): string | null {
  let section = "";
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#[^"']*$/, "").trim();
    if (line === "") continue;
    const header = /^\[([^\]]*)\]$/.exec(line);
    if (header) {
      section = header[1] as string;
      if (section !== "tools") return "a section other than [tools]";
      continue;
    }
    const m = /^([A-Za-z0-9_-]+)\s*=\s*(.*)$/.exec(line);
    if (!m) return "a line that is not a plain setting";
    const value = m[2] as string;
    const words = /^\[(.*)\]$/
      .exec(value)?.[1]
      ?.split(",")
      .map((w) => w.trim())
      .filter((w) => w !== "") ?? [value];
    const plain = words.every((w) => {
      const v = quoted(w);
      return v !== null && NAME.test(v) && !v.includes("..");
    });
    if (!plain || (section === "" && m[1] !== "min_version")) return "an entry that is not a plain tool version";
  }
  return null;
}
const MISE_FILES = [
  "mise.toml",
  ".mise.toml",
  "mise.local.toml",
  ".mise.local.toml",
  ".rtx.toml",
  ".rtx.local.toml",
  "mise/config.toml",
  ".mise/config.toml",
  ".config/mise.toml",
  ".config/mise/config.toml",
  ".config/mise/config.local.toml",
];
/** Directories of extra mise config files (any *.toml in them is read). */
const MISE_DIRS = [".config/mise/conf.d", "mise/conf.d", ".mise/conf.d"];

/**
 * tfenv's `terraform` runs `$TFENV_CONFIG_DIR/versions/<file content>/terraform`: a version such as
 * `../../../../proc/self/cwd/bin` runs the repository's `bin/terraform`. One release-like word only.
 */
function terraformVersionProblem(text: string): string | null {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const word = lines.length === 1 ? (lines[0] as string).trim() : "";
  const plain =
    /^(min-required|latest-allowed|latest(:[0-9A-Za-z.^*+-]*)?|\d+\.\d+\.\d+(-[A-Za-z0-9.]+)?)$/.test(word) &&
    !word.includes("..");
  return plain ? null : "a version that is not a release name";
}

/**
 * The *env managers (pyenv, rbenv, nodenv, goenv, jenv) run `versions/<word>/bin/<program>` for the
 * word in these files; the older ones take `../..` or `/` as they are. Plain words only, for the
 * programs such a manager shims (pyenv also shims every console script of its Pythons).
 */
const VERSION_FILES: [string, RegExp][] = [
  [".python-version", /^(python[0-9.]*|pip[0-9.]*|ansible.*|pre-commit|ruff|black|isort|cdk)$/],
  [".ruby-version", /^(ruby|gem|bundle|bundler|rake)$/],
  [".node-version", /^(node|npm|npx|cdk)$/],
  [".go-version", /^(go|gofmt)$/],
  [".java-version", /^(java|javac|jar)$/],
  // pkenv, tfenv's sibling: versions/<word>/packer
  [".packer-version", /^packer$/],
];

function versionWordsProblem(text: string): string | null {
  for (const w of text.replace(/#.*$/gm, "").split(/\s+/))
    if (w !== "" && (!NAME.test(w) || w.includes(".."))) return "a version that is not a plain name";
  return null;
}

/** Cargo verbs that resolve the package graph (and so may run what a repository cargo config names). */
const CARGO_RESOLVING = new Set(["tree", "metadata", "pkgid", "verify-project", "read-manifest", "search", "info"]);
/** Cargo verbs that parse the workspace manifests (a TOML error prints the offending line). */
const readsManifests = (verb: string): boolean =>
  verb === "locate-project" || (CARGO_RESOLVING.has(verb) && verb !== "search");

/**
 * A project .npmrc changes every npm verb, not only the registry reads: `registry=` plus
 * `//host/:_authToken=${ENV}` reaches any host from the update check any verb may make, `viewer=browser`
 * with `browser=CMD` makes `npm help` run CMD, and `logs-dir=` / `cache=` make any call (--version too)
 * create directories and a log file wherever it says. (The verb cannot be told from the first word
 * either: `npm --loglevel silent view x`.)
 */
function npmrcProblem(inv: Invocation, dir: string): string | null {
  if (inv.argv.some((a) => /^--(prefix|userconfig|globalconfig|registry)/.test(a)))
    return "npm reads the settings of another directory or host";
  if (dir === homedir()) return null; // the user's own ~/.npmrc
  const path = join(dir, ".npmrc");
  const got = lstatOrError(path);
  if (!got.ok) return `${path} cannot be inspected`;
  return got.st === undefined ? null : `${path} may run a program, reach any host or write outside the repository`;
}

/** The first word after the options: the verb. */
function verbOf(argv: string[]): string {
  return argv.slice(1).find((a) => !a.startsWith("-")) ?? "";
}

const CARGO_FILES = new Set(["Cargo.toml", "Cargo.lock"]);

/**
 * The resolving verbs read every workspace member's Cargo.toml and the Cargo.lock, and a TOML error
 * prints the offending line: none of those names anywhere in the repository may be a symlink (one to
 * `~/.aws/credentials` would print a key). The walk is bounded; a bigger tree is not provable.
 */
function cargoManifestProblem(edge: string): string | null {
  return repositoryWalk(edge, "the Cargo manifests", (p, e) =>
    CARGO_FILES.has(e.name) && !e.isFile() ? `${p} is not a regular file` : null,
  );
}

const UV_CONFIG = new Set(["pyproject.toml", "uv.toml"]);

/**
 * uv (but for `--version` and `self`, which read only the user's config) loads uv.toml and the
 * workspace's pyproject.toml files, and a TOML error prints the offending line: none of those names in
 * the repository may be a symlink (one to `~/.aws/credentials` would print a key).
 */
function uvConfigProblem(inv: Invocation, edge: string): string | null {
  const verb = verbOf(inv.argv);
  if (verb === "" || verb === "self") return null;
  return repositoryWalk(edge, "the uv configuration", (p, e) =>
    UV_CONFIG.has(e.name) && !e.isFile() ? `${p} is not a regular file (uv prints what fails to parse)` : null,
  );
}

function cargoConfigProblem(inv: Invocation, dir: string): string | null {
  if (dir === homedir()) return null; // $HOME/.cargo is the user's own CARGO_HOME
  // `cargo help X` follows a one-word `[alias] X = "Y"` to the external `cargo-Y --help`.
  const verb = verbOf(inv.argv);
  const helpOf = verb === "help" && inv.argv.slice(inv.argv.indexOf("help") + 1).some((a) => !a.startsWith("-"));
  const resolving = CARGO_RESOLVING.has(verb) || helpOf;
  // The workspace root may sit above the repository: its manifest is read as well (not by search).
  if (readsManifests(verb))
    for (const file of CARGO_FILES) {
      const got = lstatOrError(join(dir, file));
      if (!got.ok || (got.st !== undefined && !got.st.isFile())) return `${join(dir, file)} is not a regular file`;
    }
  for (const file of ["config", "config.toml"]) {
    const path = join(dir, ".cargo", file);
    const got = lstatOrError(path);
    if (!got.ok) return `${path} cannot be inspected`;
    const st = got.st;
    if (st === undefined) continue;
    if (!st.isFile()) return `${path} is not a regular file`;
    if (resolving) return `${path} may name the rustc, wrapper, credential provider or alias cargo runs`;
  }
  return null;
}

/**
 * `terraform workspace show` prints the text of `.terraform/environment` (the selected workspace) as it
 * is, whatever it holds: a symlink there (or a `.terraform` symlink) to `~/.aws/credentials` prints
 * the key. Its real location must be a regular file in the repository, not a secret (or absent).
 */
function terraformWorkspaceFileProblem(
  base: string | null,
  edge: string,
  isSecret: (p: string) => boolean,
): string | null {
  const file = base === null || base.includes(DYNAMIC) ? null : physicalPath(".terraform/environment", base);
  if (file === null || !isInsideDir(file, edge) || isSecret(file))
    return "terraform prints .terraform/environment, which is not a file of the repository";
  const got = lstatOrError(file);
  if (!got.ok || (got.st !== undefined && !got.st.isFile()))
    return `terraform prints ${file}, which is not a regular file`;
  return null;
}

/** What a tool reads from the directory it runs in (not its ancestors). */
function workingDirProblem(
  inv: Invocation,
  name: string,
  cwd: string,
  edge: string,
  isSecret: (p: string) => boolean,
): string | null {
  if (name === "packer") {
    let names: string[] = [];
    try {
      names = readdirSync(cwd);
    } catch {
      // packer's glob finds nothing in a directory it cannot list either
    }
    const plugin = names.find((n) => n.startsWith("packer-plugin-"));
    if (plugin) return `packer runs ${join(cwd, plugin)} (a plugin in the working directory)`;
  }
  if (name.startsWith("ansible")) {
    const cfg = join(cwd, "ansible.cfg");
    const got = lstatOrError(cfg);
    if (!got.ok || got.st !== undefined) return `ansible reads ${cfg}`;
  }
  if (name === "docker" || name === "podman" || name === "docker-compose" || name === "podman-compose") {
    const compose = composeFilesProblem(inv, cwd, edge);
    if (compose) return compose;
  }
  if (name === "kubectl") {
    const kube = kubeconfigProblem(inv);
    if (kube) return kube;
  }
  const chdirs = inv.argv.filter((a) => a.startsWith("-chdir"));
  if (name === "terraform" && chdirs.length > 1) return "terraform: several -chdir (the last one wins)";
  const chdir = chdirs[0];
  if (name === "terraform" && inv.argv.includes("workspace")) {
    const workspace = terraformWorkspaceFileProblem(physicalPath(chdir ? chdir.slice(7) : ".", cwd), edge, isSecret);
    if (workspace) return workspace;
  }
  if ((name === "terraform" || name === "packer") && inv.argv.includes("fmt")) {
    const base = physicalPath(chdir ? chdir.slice(7) : ".", cwd);
    if (base === null || base.includes(DYNAMIC)) return `${name} fmt: the directory it walks cannot be resolved`;
    // Directories (and the default, the working directory) are walked. File arguments are checked as
    // paths from the working directory, but terraform opens them from the -chdir one: check them there.
    const words = inv.argv.slice(inv.argv.indexOf("fmt") + 1).filter((a) => !a.startsWith("-"));
    for (const word of words.length ? words : ["."]) {
      const root = physicalPath(word, base);
      if (root === null) return `${name} fmt: ${word} cannot be resolved`;
      let dir = false;
      try {
        dir = statSync(root, { throwIfNoEntry: false })?.isDirectory() ?? false;
      } catch {
        return `${name} fmt: ${word} cannot be inspected`;
      }
      if (!dir) {
        if (chdir !== undefined && (!isInsideDir(root, edge) || isSecret(root)))
          return `${name} fmt: ${word} (from the -chdir directory) is outside the repository or a secret`;
        continue;
      }
      const problem = walkProblem(root, edge, isSecret, true);
      if (problem) return `${name} fmt prints the files it walks: ${problem}`;
    }
  }
  return null;
}

/**
 * Every directory from `cwd` up to `/`, along the path as given (asdf walks `$PWD`) and along its
 * real location (rustup and cargo walk getcwd()), without repeats.
 */
export function ancestors(cwd: string): string[] {
  const out = new Set<string>();
  const real = physicalPath(".", cwd);
  for (const start of real === null || real === cwd ? [cwd] : [cwd, real])
    for (let dir = start; ; dir = dirname(dir)) {
      out.add(dir);
      if (dirname(dir) === dir) break;
    }
  return [...out];
}

/** Null when no version-manager file from `cwd` up to `/` can make `inv` run a repository-chosen program. */
export function toolchainFileProblem(
  inv: Invocation,
  cwd: string,
  edge: string,
  isSecret: (p: string) => boolean,
): string | null {
  const name = commandName(inv.argv[0] ?? "");
  if (BUILTINS.has(name)) return null;
  const here = workingDirProblem(inv, name, cwd, edge, isSecret);
  if (here) return here;
  const rust = RUSTUP_PROXY.test(name);
  if (name === "cargo" && readsManifests(verbOf(inv.argv))) {
    const manifests = cargoManifestProblem(edge);
    if (manifests) return manifests;
  }
  if (name === "npm") {
    const packages = npmPackageFilesProblem(inv, cwd, edge, isSecret);
    if (packages) return packages;
  }
  if (name === "uv") {
    const uv = uvConfigProblem(inv, edge);
    if (uv) return uv;
  }
  if (name === "go") {
    const modules = goModuleFilesProblem(inv, cwd, edge);
    if (modules) return modules;
  }
  for (const dir of ancestors(cwd)) {
    if (name === "cargo") {
      const cargo = cargoConfigProblem(inv, dir);
      if (cargo) return cargo;
    }
    if (name === "npm") {
      const npmrc = npmrcProblem(inv, dir);
      if (npmrc) return npmrc;
    }
    const files: [string, (t: string) => string | null][] = [[".tool-versions", toolVersionsProblem]];
    // The user's own global mise config (~/.config/mise/…) is theirs.
    const env = process.env.MISE_ENV ? [`mise.${process.env.MISE_ENV}.toml`, `.mise.${process.env.MISE_ENV}.toml`] : [];
    for (const file of [...MISE_FILES, ...env])
      if (!(dir === homedir() && file.startsWith(".config/"))) files.push([file, miseTomlProblem]);
    for (const sub of MISE_DIRS) {
      if (dir === homedir() && sub.startsWith(".config/")) continue;
      const got = lstatOrError(join(dir, sub));
      if (!got.ok || got.st !== undefined)
        return `${join(dir, sub)} may hold mise config that picks the program that runs`;
    }
    if (rust)
      files.push(
        ["rust-toolchain", (t) => rustFileProblem(t, true)],
        ["rust-toolchain.toml", (t) => rustFileProblem(t, false)],
      );
    if (name === "terraform") files.push([".terraform-version", terraformVersionProblem]);
    for (const [file, programs] of VERSION_FILES) if (programs.test(name)) files.push([file, versionWordsProblem]);
    for (const [file, check] of files) {
      const path = join(dir, file);
      const read = readSmall(path);
      if (!read.ok) return read.error;
      const problem = read.text === null ? null : check(read.text);
      if (problem) return `${path} may pick the program that runs: ${problem}`;
    }
  }
  return null;
}
