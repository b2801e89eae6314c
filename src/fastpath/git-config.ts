// A repository's own git config is written by whoever made the repository: keys such as
// core.fsmonitor, diff.external, diff.<driver>.textconv, filter.<x>.clean, core.pager, gpg.program
// or include.path make "read-only" git commands (status, diff, log -p, blame …) run programs.
// Before a git command is provable, every config file git would read from the repository is read
// here (file reads only) and every key must be on a short list of keys that never run anything.
// `git fetch` also updates refs (the reference-transaction hook) and may run `gc --auto` (the
// pre-auto-gc hook), fetches initialized submodules with their own config, and copies the objects of
// a local-path remote into this repository: it is provable only with no live hook and no submodule
// git dirs. fetch, ls-remote and request-pull reach every remote of the config: only https / git
// URLs and ssh to a known forge (ssh elsewhere may forward the user's agent). extensions.partialClone
// is not a safe key: with it any command that meets a missing object fetches from the remote.
// Where the git data is, hooks and submodules: git-layout.ts.
import { existsSync, lstatSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type GitLayout, gitLayoutFor, hooksProblem, submodulesProblem } from "./git-layout.ts";
import { isInsideDir } from "./real-path.ts";
import { readRegularFile } from "./regular-file.ts";

/** Keys that never run a program (matched case-insensitively against the full key). */
export const SAFE_KEY =
  /^(core\.(repositoryformatversion|filemode|bare|logallrefupdates|ignorecase|precomposeunicode|symlinks|autocrlf|eol|safecrlf|quotepath|abbrev|checkstat|trustctime|untrackedcache|splitindex|commitgraph|multipackindex|sharedrepository|compression|looseCompression|packedgitlimit|packedgitwindowsize|bigfilethreshold|preloadindex|fscache|longpaths|worktree)|remote\.[^.]+(\.[^.]+)*\.(url|fetch|pushurl|tagopt|prune|mirror|skipdefaultupdate)|branch\.[^.]+(\.[^.]+)*\.(remote|merge|rebase|pushremote|description)|user\.(name|email)|init\.defaultbranch|extensions\.(objectformat|worktreeconfig|refstorage|preciousobjects)|pull\.(rebase|ff)|push\.(default|autosetupremote)|fetch\.(prune|prunetags|writecommitgraph)|gc\.[a-z]+|submodule\.[^.]+(\.[^.]+)*\.(url|active|branch|update)|lfs\.[^.]+(\.[^.]+)*\.(access|locksverify)|lfs\.repositoryformatversion|index\.(version|threads)|maintenance\.(auto|strategy)|advice\.[a-z]+|color\.[a-z.]+|status\.[a-z]+|log\.(date|decorate|follow|abbrevcommit|showroot)|rerere\.(enabled|autoupdate)|merge\.(conflictstyle|ff)|diff\.(renames|algorithm|mnemonicprefix|noprefix|context|indentheuristic|colormoved)|feature\.[a-z]+|protocol\.version|commit\.(verbose|cleanup))$/i;

// The common keys, looked up without SAFE_KEY: compiling that expression costs a hook call ~0.4 ms,
// more than the rest of a git command's check. Only a key SAFE_KEY accepts may be listed here
// (tests/fastpath/git-config.test.ts checks that); any other key still goes through SAFE_KEY.
const COMMON_KEYS = new Set([
  "core.repositoryformatversion",
  "core.filemode",
  "core.bare",
  "core.logallrefupdates",
  "core.ignorecase",
  "core.precomposeunicode",
  "core.symlinks",
  "core.autocrlf",
  "core.eol",
  "core.worktree",
  "user.name",
  "user.email",
  "init.defaultbranch",
  "extensions.objectformat",
  "extensions.worktreeconfig",
  "extensions.refstorage",
  "pull.rebase",
  "pull.ff",
  "push.default",
  "push.autosetupremote",
  "fetch.prune",
  "lfs.repositoryformatversion",
  "index.version",
  "protocol.version",
]);
/** `section.<one or more non-empty parts>.name` keys: section → names. */
const COMMON_NESTED = new Map([
  ["remote", new Set(["url", "fetch", "pushurl", "tagopt", "prune", "mirror"])],
  ["branch", new Set(["remote", "merge", "rebase", "pushremote", "description"])],
  ["submodule", new Set(["url", "active", "branch", "update"])],
]);

/** SAFE_KEY.test(key), answered without compiling SAFE_KEY for the keys repositories usually hold. */
export function isSafeConfigKey(key: string): boolean {
  if (COMMON_KEYS.has(key)) return true;
  const first = key.indexOf(".");
  const last = key.lastIndexOf(".");
  const names = first > 0 && last > first + 1 ? COMMON_NESTED.get(key.slice(0, first)) : undefined;
  const middle = key.slice(first + 1, last);
  if (names?.has(key.slice(last + 1)) && !middle.split(".").includes("")) return true;
  return SAFE_KEY.test(key);
}

/** Full keys (`section.sub.name`, lower-cased section and name) of one config file; null if unparsable. */
function configKeys(text: string): string[] | null {
  const keys: string[] = [];
  let section: string | null = null;
  for (const rawLine of text.split("\n")) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const head = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\](.*)$/.exec(line);
    if (head) {
      section =
        head[2] === undefined ? (head[1] as string).toLowerCase() : `${(head[1] as string).toLowerCase()}.${head[2]}`;
      const rest = (head[3] as string).trim();
      if (rest === "" || rest.startsWith("#") || rest.startsWith(";")) continue;
      return null; // a key on the header line: unusual, not modelled
    }
    const kv = /^([A-Za-z][A-Za-z0-9-]*)\s*(=|$)/.exec(line);
    if (!kv || section === null) return null;
    keys.push(`${section}.${(kv[1] as string).toLowerCase()}`);
    if (line.endsWith("\\")) return null; // continued values: not modelled
  }
  return keys;
}

function fileProblem(path: string, printsConfig: boolean): string | null {
  if (!existsSync(path)) return null;
  const text = readRegularFile(path);
  if (text === null) return `cannot read ${path} as a small plain file`;
  // `git remote -v`, `git config -l` … print remote URLs, and a URL can carry `user:token@`.
  if (printsConfig && /:\/\/[^\s/@]+:[^\s/@]+@/.test(text))
    return "a remote URL in the git config holds a password or token";
  const keys = configKeys(text);
  if (keys === null) return `${path} is not plain enough to check`;
  const bad = keys.find((k) => !isSafeConfigKey(k));
  return bad ? `the repository's git config sets ${bad}, which can run a program` : null;
}

/** Subcommands that show the remote URL as configured (a password in it would be printed). */
const SHOWS_URL = new Set(["ls-remote", "fetch", "request-pull"]);

/**
 * A network remote: an https / git URL, or ssh (URL or scp-like `git@host:path`) to a known forge
 * only — ssh to a host the repository names could receive a forwarded agent (`ForwardAgent yes` in
 * the user's ssh config). Never a local path or file:// (another repository's data).
 */
const NETWORK_URL =
  /^((https?|git):\/\/[A-Za-z0-9_]|(ssh:\/\/)?([A-Za-z0-9_.-]+@)?(github\.com|gitlab\.com|bitbucket\.org|ssh\.dev\.azure\.com)[:/][^/])/;

/** What one config file says about remotes, or why it cannot be read plainly. */
interface RemoteFacts {
  urls: string[];
  /** Remotes configured as `[remote "NAME"]` with a url. */
  names: string[];
  /** `branch.*.remote` / `branch.*.pushremote` values: a remote name, or a URL or path used as one. */
  branchRemotes: string[];
  /** `remote.*.fetch` refspecs. */
  fetchSpecs: string[];
  mirror: boolean;
}

function remoteFacts(text: string): RemoteFacts | string {
  const facts: RemoteFacts = { urls: [], names: [], branchRemotes: [], fetchSpecs: [], mirror: false };
  let kind = "";
  let name: string | undefined;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const head = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"([^"\\]*)")?/.exec(line);
    if (head) {
      // The legacy `[remote.NAME]` spelling is a remote section too (git lower-cases its name).
      const section = (head[1] as string).toLowerCase();
      kind = section.split(".")[0] as string;
      name = kind === "remote" && section === "remote" ? head[2] : undefined;
      continue;
    }
    const kv = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/.exec(line);
    if (!kv) continue;
    const key = (kv[1] as string).toLowerCase();
    const value = (kv[2] ?? "").replace(/^"(.*)"$/, "$1");
    const listed =
      kind === "remote" && (key === "url" || key === "pushurl" || key === "fetch" || key === "mirror")
        ? key
        : kind === "branch" && (key === "remote" || key === "pushremote")
          ? "branch"
          : "";
    if (listed === "") continue;
    if (/["\\\s#;]/.test(value)) return "a remote setting is not plain enough to check";
    if (listed === "url" || listed === "pushurl") facts.urls.push(value);
    // A remote without a url is its name used as one: a path (`./NAME`).
    if (listed === "url" && name !== undefined) facts.names.push(name);
    else if (listed === "fetch") facts.fetchSpecs.push(value);
    else if (listed === "mirror") facts.mirror = true;
    else facts.branchRemotes.push(value);
  }
  return facts;
}

/**
 * Why the remotes git would reach are not all network URLs, or null. A remote word git does not find
 * as `[remote "NAME"]` is a path or URL to it (`git fetch evil` fetches from the directory ./evil, a
 * bare repository the repository can hold) or is read from the legacy .git/remotes/NAME and
 * .git/branches/NAME files; `branch.*.remote` may be a URL or path too. `git fetch` also writes where
 * the configured refspecs say: only into refs/remotes/ (a `+refs/heads/*:refs/heads/*` or mirror
 * remote would move local branches).
 */
function remotesProblem(gitDirs: string[], subcommand: string, remote: string | undefined, dir: string): string | null {
  const names = new Set<string>();
  const branchRemotes: string[] = [];
  for (const g of gitDirs) {
    for (const legacy of ["remotes", "branches"]) {
      const d = join(g, legacy);
      if (existsSync(d) && readdirSync(d).length > 0) return `${d} names remotes git reads without the config`;
    }
    for (const f of ["config", "config.worktree"]) {
      const path = join(g, f);
      if (!existsSync(path)) continue;
      const text = readRegularFile(path);
      if (text === null) return `cannot read ${path} as a small plain file`;
      const facts = remoteFacts(text);
      if (typeof facts === "string") return facts;
      const local = facts.urls.find((u) => !NETWORK_URL.test(u));
      if (local) return `remote ${local} is not an https URL or a known forge`;
      if (subcommand === "fetch" && facts.mirror) return "a mirror remote: git fetch would overwrite local refs";
      const spec = facts.fetchSpecs.find(
        (s) => !/^\+?refs\/[A-Za-z0-9._/*-]*:refs\/remotes\/[A-Za-z0-9._/*-]+$/.test(s),
      );
      if (subcommand === "fetch" && spec) return `git fetch with the refspec ${spec} writes outside refs/remotes/`;
      for (const n of facts.names) names.add(n);
      branchRemotes.push(...facts.branchRemotes);
    }
  }
  const unnamed = branchRemotes.find((b) => !names.has(b));
  if (unnamed) return `branch.*.remote ${unnamed} is not a configured remote`;
  // An unconfigured word is a path: refused when git would find a repository there (NAME or NAME.git);
  // with neither, git stops at "does not appear to be a git repository".
  if (remote !== undefined && !remote.includes(":") && !names.has(remote))
    for (const p of [remote, `${remote}.git`])
      if (lstatSync(resolve(dir, p), { throwIfNoEntry: false }) !== undefined)
        return `${remote} is not a configured remote: git reads the path ${p}`;
  return null;
}

/** The directory holding the `.git` a command run in `dir` uses (up to `edge`), or null. */
function worktreeOf(dir: string, edge: string): string | null {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, ".git"))) return d;
    if (d === edge || !isInsideDir(d, edge) || dirname(d) === d) return null;
  }
}

/** Most entries a `git fetch` check walks looking for nested repositories. */
const MAX_FETCH_WALK = 20000;

/**
 * A `.git` below the worktree root, or null. `git fetch` runs a `git fetch` of its own in a
 * populated submodule (with the user's fetch.recurseSubmodules=yes or submodule.recurse, or on
 * demand when fetched commits move its gitlink): a hostile index can hold the gitlink, the config
 * `submodule.NAME.active`, and a nested `.git` (files the repository can hold) brings its own
 * hooks and config (core.sshCommand …). Without --no-recurse-submodules no nested `.git` may exist.
 */
function nestedGitDir(root: string): string | null {
  const stack = [root];
  let seen = 0;
  while (stack.length) {
    const d = stack.pop() as string;
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return d;
    }
    for (const e of entries) {
      if (++seen > MAX_FETCH_WALK) return "(too many files to check)";
      const p = join(d, e.name);
      if (e.name === ".git") {
        if (d !== root) return p;
        continue;
      }
      if (e.isDirectory()) stack.push(p);
    }
  }
  return null;
}

/** Why `git fetch` could run a program or fetch submodules with their own config, or null. */
function fetchProblem(gitDirs: string[], dir: string, edge: string, recurses: boolean): string | null {
  const hook = hooksProblem(gitDirs, true);
  if (hook) return hook;
  for (const g of gitDirs)
    if (existsSync(join(g, "modules"))) return "git fetch also fetches submodules, with their own config";
  if (!recurses) return null;
  const root = worktreeOf(dir, edge);
  const nested = root === null ? null : nestedGitDir(root);
  return nested ? `git fetch may recurse into the nested repository ${nested}` : null;
}

/**
 * Null when every git config file of the repository holds only keys that never run a program, its
 * git data is its own (git-layout.ts), no hook a read-only command runs is live, and every populated
 * submodule passes the same check.
 */
export function gitConfigProblem(
  dir: string,
  edge: string,
  printsConfig = false,
  subcommand = "",
  remote: string | undefined = undefined,
  recursesSubmodules = true,
  depth = 0,
): string | null {
  let layout: GitLayout | string;
  try {
    layout = gitLayoutFor(dir, edge);
  } catch {
    return "the repository's .git cannot be read";
  }
  if (typeof layout === "string") return layout;
  const dirs = layout.dirs;
  const prints = printsConfig || SHOWS_URL.has(subcommand);
  let sha256 = false;
  for (const g of dirs) {
    for (const f of ["config", "config.worktree"]) {
      const problem = fileProblem(join(g, f), prints);
      if (problem) return problem;
    }
    sha256 ||= /objectformat\s*=\s*sha256/i.test(readRegularFile(join(g, "config")) ?? "");
  }
  try {
    const problem =
      hooksProblem(dirs, false) ??
      submodulesProblem(layout, sha256, depth, (sub, d) => gitConfigProblem(sub, edge, false, "", undefined, true, d));
    if (problem) return problem;
    if (!SHOWS_URL.has(subcommand)) return null;
    return (
      remotesProblem(dirs, subcommand, remote, dir) ??
      (subcommand === "fetch" ? fetchProblem(dirs, dir, edge, recursesSubmodules) : null)
    );
  } catch {
    return "the repository's .git cannot be read";
  }
}
