// Where a repository's git data really is, and what a "read-only" git command reaches beyond the
// config keys (git-config.ts). All of it is written by whoever made the repository:
// - a `.git` file (`gitdir: …`), a `.git` symlink, a `commondir`, `objects/info/alternates` or
//   `core.worktree` can point git at another repository of the user's (`git log -p`, `git show`,
//   `git ls-files -o` then print its files): outside the edge only a linked worktree or a submodule
//   that the other side names back is accepted;
// - hooks: `git status` / `git diff` refresh and write the index, which runs `post-index-change`;
// - submodules: `git status` / `git diff` run `git status` in every populated gitlink of the index,
//   with the submodule's own config and hooks (a gitlink needs no .gitmodules).
import { existsSync, lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { isInsideDir } from "./real-path.ts";
import { readRegularBytes, readRegularFile } from "./regular-file.ts";

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** A git repository found for a directory: its git dirs and the worktree holding its `.git` (null: bare). */
export interface GitLayout {
  dirs: string[];
  worktree: string | null;
}

/** What git's discovery takes for a git dir (a superset: git also checks that HEAD is valid). */
function looksLikeGitDir(d: string): boolean {
  return existsSync(join(d, "HEAD")) && existsSync(join(d, "objects")) && existsSync(join(d, "refs"));
}

/** `core.worktree` of one config file (last one wins), "" when unset, null when not plain. */
function coreWorktree(text: string): string | null {
  let section = "";
  let value = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const head = /^\[\s*([A-Za-z0-9.-]+)(\s+"[^"]*")?\s*\]/.exec(line);
    if (head) {
      section = head[2] === undefined ? (head[1] as string).toLowerCase() : "";
      continue;
    }
    const kv = /^worktree\s*=\s*(.*)$/i.exec(line);
    if (section !== "core" || !kv) continue;
    const v = (kv[1] as string).replace(/^"(.*)"$/, "$1");
    if (/["\\#;]/.test(v) || v === "") return null;
    value = v;
  }
  return value;
}

/**
 * A linked worktree's git dir lives in another checkout's `.git/worktrees/ID` and names this `.git`
 * file back in its `gitdir` file; a submodule's lives in the superproject's `.git/modules/NAME`, whose
 * core.worktree names this directory. Either way the other side says this checkout is its own.
 */
function namesBack(gitdir: string, dotgit: string, holder: string): boolean {
  const back = readRegularFile(join(gitdir, "gitdir"))?.trim();
  if (back && real(resolve(gitdir, back)) === real(dotgit)) return true;
  const wt = coreWorktree(readRegularFile(join(gitdir, "config")) ?? "");
  return Boolean(wt) && real(resolve(gitdir, wt as string)) === real(holder);
}

/** The git dirs of the `.git` in `holder`, or why they are not provably this repository's. */
function fromDotGit(holder: string, edge: string): string[] | string {
  const dotgit = join(holder, ".git");
  const st = lstatSync(dotgit);
  if (st.isSymbolicLink()) return `${dotgit} is a symlink: git would use the repository it points to`;
  if (st.isDirectory()) return withCommonDir(dotgit, edge);
  const m = /^gitdir:\s*(.+?)\s*$/m.exec(readRegularFile(dotgit) ?? "");
  if (!m) return `${dotgit} is not understood`;
  const gitdir = resolve(holder, m[1] as string);
  if (!isInsideDir(real(gitdir), edge) && !namesBack(gitdir, dotgit, holder))
    return `${dotgit} points at ${gitdir}, another repository`;
  return withCommonDir(gitdir, edge);
}

/**
 * A git dir and the common dir its `commondir` file names (git reads one in any git dir, a `.git`
 * directory or a bare one too): outside the edge only as the common dir of this worktree's git
 * dir (COMMON/worktrees/ID).
 */
function withCommonDir(gitdir: string, edge: string): string[] | string {
  const c = readRegularFile(join(gitdir, "commondir"))?.trim();
  if (!c) return [gitdir];
  const common = isAbsolute(c) ? c : resolve(gitdir, c);
  const own = real(dirname(dirname(real(gitdir)))) === real(common) && basename(dirname(real(gitdir))) === "worktrees";
  if (!isInsideDir(real(common), edge) && !own) return `${gitdir}/commondir points at ${common}, another repository`;
  return [gitdir, common];
}

/** The repository a git command run in `dir` uses (nearest `.git` up to and incl. `edge`), or why not provable. */
export function gitLayoutFor(dir: string, edge: string): GitLayout | string {
  let d = dir;
  for (;;) {
    if (lstatSync(join(d, ".git"), { throwIfNoEntry: false })) {
      const dirs = fromDotGit(d, edge);
      if (typeof dirs === "string") return dirs;
      return layoutProblem(dirs, d, edge) ?? { dirs, worktree: d };
    }
    // A directory holding HEAD, objects/ and refs/ is a (bare) git dir of its own: git uses it and
    // its config (a bare repository committed or unpacked into the worktree, `git -C evil log`).
    if (looksLikeGitDir(d)) {
      const dirs = withCommonDir(d, edge);
      if (typeof dirs === "string") return dirs;
      return layoutProblem(dirs, null, edge) ?? { dirs, worktree: null };
    }
    if (d === edge || !isInsideDir(d, edge) || dirname(d) === d) return { dirs: [], worktree: null };
    d = dirname(d);
  }
}

/** Alternates and core.worktree: both make git read another directory's objects or files. */
function layoutProblem(dirs: string[], holder: string | null, edge: string): string | null {
  for (const g of dirs) {
    const alt = readRegularFile(join(g, "objects", "info", "alternates"));
    if (alt?.trim()) return `${g}/objects/info/alternates borrows objects from another repository`;
    for (const f of ["config", "config.worktree"]) {
      const wt = coreWorktree(readRegularFile(join(g, f)) ?? "");
      if (wt === "") continue;
      if (wt === null) return `core.worktree in ${g}/${f} is not plain enough to check`;
      const target = real(resolve(g, wt));
      if (holder === null || target !== real(holder)) return `core.worktree in ${g}/${f} makes ${target} the worktree`;
    }
  }
  if (holder !== null && !isInsideDir(real(holder), edge)) return `${holder} is outside the repository`;
  return null;
}

/**
 * Hooks only commands that write run (commit, merge, rebase, am, checkout, push, receive, ref
 * updates): no read-only command but fetch (which refuses every live hook) runs them. Any other live
 * hook (post-index-change: status and diff write the index; pre-auto-gc; a name git may add later)
 * makes git not provable.
 */
const WRITE_HOOKS = new Set([
  "applypatch-msg",
  "pre-applypatch",
  "post-applypatch",
  "pre-commit",
  "pre-merge-commit",
  "prepare-commit-msg",
  "commit-msg",
  "post-commit",
  "pre-rebase",
  "post-checkout",
  "post-merge",
  "pre-push",
  "pre-receive",
  "update",
  "proc-receive",
  "post-receive",
  "post-update",
  "push-to-checkout",
  "post-rewrite",
  "sendemail-validate",
  "reference-transaction",
]);

/** A live hook a command could run (every live hook when `all`), or null. */
export function hooksProblem(dirs: string[], all: boolean): string | null {
  for (const g of dirs) {
    const hooks = join(g, "hooks");
    if (!existsSync(hooks)) continue;
    let names: string[];
    try {
      names = readdirSync(hooks);
    } catch {
      return `${hooks} cannot be listed`;
    }
    const live = names.find((n) => !n.endsWith(".sample") && (all || !WRITE_HOOKS.has(n)));
    if (live) return `git can run the hook ${live}`;
  }
  return null;
}

/** Indexes larger than this are not parsed (the command goes to the classifier). */
const INDEX_LIMIT = 256 << 20;
const GITLINK_MODE = Buffer.from([0, 0, 0xe0, 0]);

/** Paths of the gitlinks (submodules) in an index file; null without an index; a string when not understood. */
function indexGitlinks(indexPath: string, sha256: boolean): string[] | string | null {
  const buf = readRegularBytes(indexPath, INDEX_LIMIT);
  if (buf === null) return existsSync(indexPath) ? `${indexPath} is not a regular file of at most 256 MB` : null;
  const hash = sha256 ? 32 : 20;
  if (buf.length < 12 || buf.toString("latin1", 0, 4) !== "DIRC") return `${indexPath} is not an index`;
  // Fast answer for large indexes: a gitlink entry holds its mode (0o160000) as these four bytes,
  // and a split index names its shared part in a `link` extension.
  if (buf.indexOf(GITLINK_MODE, 12) === -1 && buf.indexOf("link", 12, "latin1") === -1) return [];
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) return `index version ${version} is not understood`;
  const count = buf.readUInt32BE(8);
  const links: string[] = [];
  let at = 12;
  let previous = "";
  for (let n = 0; n < count; n++) {
    if (at + 40 + hash + 2 > buf.length) return `${indexPath} is truncated`;
    const mode = buf.readUInt32BE(at + 24);
    const flags = buf.readUInt16BE(at + 40 + hash);
    let p = at + 40 + hash + 2 + (version >= 3 && flags & 0x4000 ? 2 : 0);
    let path: string;
    if (version === 4) {
      let strip = 0;
      for (let b = 0x80, shift = 0; b & 0x80; shift++) {
        b = buf[p++] ?? 0;
        strip = shift === 0 ? b & 0x7f : ((strip + 1) << 7) | (b & 0x7f);
      }
      const end = buf.indexOf(0, p);
      if (end === -1 || strip > previous.length) return `${indexPath} is not understood`;
      path = previous.slice(0, previous.length - strip) + buf.toString("utf8", p, end);
      at = end + 1;
    } else {
      const end = buf.indexOf(0, p);
      if (end === -1) return `${indexPath} is truncated`;
      path = buf.toString("utf8", p, end);
      // Entries are NUL-padded to a multiple of 8 bytes, counted from the entry's start.
      const len = end - at;
      at += (len + 8) & ~7;
    }
    previous = path;
    if ((mode & 0o170000) === 0o160000) links.push(path);
  }
  // A split index keeps its entries in another file: not modelled.
  for (; at + 8 <= buf.length - hash; at += 8 + buf.readUInt32BE(at + 4))
    if (buf.toString("latin1", at, at + 4) === "link") return "a split index is not modelled";
  return links;
}

/** Most submodule levels followed; deeper nesting is not provable. */
const MAX_SUBMODULE_DEPTH = 4;

/**
 * Why a populated submodule of the repository (a gitlink in the index with a `.git` at its path)
 * could run something, as judged by `check` on the submodule's directory, or null.
 */
export function submodulesProblem(
  layout: GitLayout,
  sha256: boolean,
  depth: number,
  check: (dir: string, depth: number) => string | null,
): string | null {
  if (layout.worktree === null) return null;
  const links = indexGitlinks(join(layout.dirs[0] as string, "index"), sha256);
  if (typeof links === "string") return links;
  for (const link of links ?? []) {
    const sub = join(layout.worktree, link);
    if (!lstatSync(join(sub, ".git"), { throwIfNoEntry: false })) continue;
    if (depth >= MAX_SUBMODULE_DEPTH) return `submodule ${link} is nested too deeply to check`;
    if (!statSync(sub).isDirectory()) return `submodule ${link} is not a directory`;
    const problem = check(sub, depth + 1);
    if (problem) return `submodule ${link}: ${problem}`;
  }
  return null;
}
