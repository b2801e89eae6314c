// A repository's own git config is written by whoever made the repository: keys such as
// core.fsmonitor, diff.external, diff.<driver>.textconv, filter.<x>.clean, core.pager, gpg.program
// or include.path make "read-only" git commands (status, diff, log -p, blame …) run programs.
// Before a git command is provable, every config file git would read from the repository is read
// here (file reads only) and every key must be on a short list of keys that never run anything.
// `git fetch` also updates refs (the reference-transaction hook) and may run `gc --auto` (the
// pre-auto-gc hook), fetches initialized submodules with their own config, and copies the objects of
// a local-path remote into this repository: it is provable only with no live hook and no submodule
// git dirs. fetch, ls-remote and request-pull reach every remote of the config: only https / git
// URLs and ssh to a known forge (ssh elsewhere may forward the user's agent).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { isInsideDir } from "./real-path.ts";

/** Keys that never run a program (matched case-insensitively against the full key). */
export const SAFE_KEY =
  /^(core\.(repositoryformatversion|filemode|bare|logallrefupdates|ignorecase|precomposeunicode|symlinks|autocrlf|eol|safecrlf|quotepath|abbrev|checkstat|trustctime|untrackedcache|splitindex|commitgraph|multipackindex|sharedrepository|compression|looseCompression|packedgitlimit|packedgitwindowsize|bigfilethreshold|preloadindex|fscache|longpaths|worktree)|remote\.[^.]+(\.[^.]+)*\.(url|fetch|pushurl|tagopt|prune|mirror|skipdefaultupdate)|branch\.[^.]+(\.[^.]+)*\.(remote|merge|rebase|pushremote|description)|user\.(name|email)|init\.defaultbranch|extensions\.(objectformat|worktreeconfig|refstorage|preciousobjects|partialclone)|pull\.(rebase|ff)|push\.(default|autosetupremote)|fetch\.(prune|prunetags|writecommitgraph)|gc\.[a-z]+|submodule\.[^.]+(\.[^.]+)*\.(url|active|branch|update)|lfs\.[^.]+(\.[^.]+)*\.(access|locksverify)|lfs\.repositoryformatversion|index\.(version|threads)|maintenance\.(auto|strategy)|advice\.[a-z]+|color\.[a-z.]+|status\.[a-z]+|log\.(date|decorate|follow|abbrevcommit|showroot)|rerere\.(enabled|autoupdate)|merge\.(conflictstyle|ff)|diff\.(renames|algorithm|mnemonicprefix|noprefix|context|indentheuristic|colormoved)|feature\.[a-z]+|protocol\.version|commit\.(verbose|cleanup))$/i;

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
  "extensions.partialclone",
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
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return `cannot read ${path}`;
  }
  // `git remote -v`, `git config -l` … print remote URLs, and a URL can carry `user:token@`.
  if (printsConfig && /:\/\/[^\s/@]+:[^\s/@]+@/.test(text))
    return "a remote URL in the git config holds a password or token";
  const keys = configKeys(text);
  if (keys === null) return `${path} is not plain enough to check`;
  const bad = keys.find((k) => !isSafeConfigKey(k));
  return bad ? `the repository's git config sets ${bad}, which can run a program` : null;
}

/** The git dirs whose config a git command run in `dir` reads (nearest `.git` up to and incl. `edge`). */
function gitDirsFor(dir: string, edge: string): string[] | string {
  let d = dir;
  for (;;) {
    const dotgit = join(d, ".git");
    if (existsSync(dotgit)) {
      if (statSync(dotgit).isDirectory()) return [dotgit];
      const m = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotgit, "utf8"));
      if (!m) return `${dotgit} is not understood`;
      const gitdir = resolve(d, m[1] as string);
      const dirs = [gitdir];
      const common = join(gitdir, "commondir");
      if (existsSync(common)) {
        const c = readFileSync(common, "utf8").trim();
        dirs.push(isAbsolute(c) ? c : resolve(gitdir, c));
      }
      return dirs;
    }
    if (d === edge || !isInsideDir(d, edge) || dirname(d) === d) return [];
    d = dirname(d);
  }
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

/** The remote URLs of one config file, or why they cannot be read plainly. */
function remoteUrls(text: string): string[] | string {
  const urls: string[] = [];
  let remote = false;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const head = /^\[\s*([A-Za-z0-9.-]+)/.exec(line);
    if (head) {
      remote = (head[1] as string).toLowerCase() === "remote";
      continue;
    }
    const kv = /^(url|pushurl)\s*=\s*(.*)$/i.exec(line);
    if (!remote || !kv) continue;
    const value = (kv[2] as string).replace(/^"(.*)"$/, "$1");
    if (/["\\\s#;]/.test(value)) return "a remote URL is not plain enough to check";
    urls.push(value);
  }
  return urls;
}

/** Why a remote of the config is not a network URL, or null. */
function remotesProblem(gitDirs: string[]): string | null {
  for (const g of gitDirs)
    for (const f of ["config", "config.worktree"]) {
      const path = join(g, f);
      if (!existsSync(path)) continue;
      const urls = remoteUrls(readFileSync(path, "utf8"));
      if (typeof urls === "string") return urls;
      const local = urls.find((u) => !NETWORK_URL.test(u));
      if (local) return `remote ${local} is not an https URL or a known forge`;
    }
  return null;
}

/** Why `git fetch` could run a program or fetch submodules with their own config, or null. */
function fetchProblem(gitDirs: string[]): string | null {
  for (const g of gitDirs) {
    const hooks = join(g, "hooks");
    if (existsSync(hooks)) {
      let names: string[];
      try {
        names = readdirSync(hooks);
      } catch {
        return `${hooks} cannot be listed`;
      }
      const live = names.find((n) => !n.endsWith(".sample"));
      if (live) return `git fetch can run the hook ${live}`;
    }
    if (existsSync(join(g, "modules"))) return "git fetch also fetches submodules, with their own config";
  }
  return null;
}

/** Null when every git config file of the repository holds only keys that never run a program. */
export function gitConfigProblem(dir: string, edge: string, printsConfig = false, subcommand = ""): string | null {
  let dirs: string[] | string;
  try {
    dirs = gitDirsFor(dir, edge);
  } catch {
    return "the repository's .git cannot be read";
  }
  if (typeof dirs === "string") return dirs;
  const prints = printsConfig || SHOWS_URL.has(subcommand);
  for (const g of dirs) {
    for (const f of ["config", "config.worktree"]) {
      const problem = fileProblem(join(g, f), prints);
      if (problem) return problem;
    }
  }
  if (!SHOWS_URL.has(subcommand)) return null;
  try {
    return remotesProblem(dirs) ?? (subcommand === "fetch" ? fetchProblem(dirs) : null);
  } catch {
    return "the repository's .git cannot be read";
  }
}
