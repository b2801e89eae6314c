// May this project file be read at all? A project layer (`.claude/ccgate.local.jsonnet`, the
// main worktree's copy) is meant to be the user's own untracked file; a cloned repository must
// never be able to supply it. A clone can plant one in many shapes: a committed symlink `.claude ->
// docs` (git then answers "untracked" for `.claude/ccgate.local.jsonnet` while the read follows the
// link to a committed file), a symlinked file, a submodule or nested repository named `.claude`, a
// tracked path differing only in letter case (one file on a case-insensitive disk). So a file is
// read only when every component from the repository root down is a real directory (lstat, no
// symlink, no `.git` inside), the file itself is a regular file opened without following links,
// its real path lies inside the repository's real path, and git lists neither the file nor any of
// its parent directories (case-insensitively). The bytes checked are the bytes evaluated.
//
// Hard links cannot be told from an ordinary file by any of this: a link to a tracked file is two
// names for one inode. A checkout never creates one (git writes every file afresh), so only the
// user's own actions can; they are accepted, and trust (trust.ts) still gates what can move the key.
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, realpathSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
import type { Env } from "../util/env.ts";
import { runGit } from "../util/hardened-git.ts";

export type ProjectSkip =
  | "skipped-symlink"
  | "skipped-not-regular"
  | "skipped-outside"
  | "skipped-nested-repo"
  | "skipped-tracked"
  | "skipped-unknown";

export type ProjectFileCheck =
  | { ok: true; bytes: Buffer }
  | { ok: false; status: ProjectSkip | "absent"; detail?: string };

function lkind(path: string): "dir" | "file" | "symlink" | "other" | null {
  try {
    const s = lstatSync(path);
    return s.isSymbolicLink() ? "symlink" : s.isDirectory() ? "dir" : s.isFile() ? "file" : "other";
  } catch {
    return null;
  }
}

/** The path components of `file` below `root`, or null when it is not strictly inside. */
function components(root: string, file: string): string[] | null {
  const rel = relative(root, file);
  if (!rel || isAbsolute(rel) || rel === ".." || rel.startsWith(`..${sep}`)) return null;
  return rel.split(sep);
}

/** Filesystem checks (no git): every parent a real directory, the file regular, inside the root. */
export function readProjectFile(root: string, file: string): ProjectFileCheck {
  const parts = components(root, file);
  if (!parts) return { ok: false, status: "skipped-outside", detail: `not inside the repository ${root}` };
  let dir = root;
  for (const part of parts.slice(0, -1)) {
    dir = join(dir, part);
    const k = lkind(dir);
    if (k === null) return { ok: false, status: "absent" };
    if (k === "symlink")
      return {
        ok: false,
        status: "skipped-symlink",
        detail: `${dir} is a symbolic link: project files are never read through links`,
      };
    if (k !== "dir") return { ok: false, status: "skipped-not-regular", detail: `${dir} is not a directory` };
    if (lkind(join(dir, ".git")) !== null)
      return {
        ok: false,
        status: "skipped-nested-repo",
        detail: `${dir} is a submodule or nested repository (it has a .git): its files belong to another repository`,
      };
  }
  const k = lkind(file);
  if (k === null) return { ok: false, status: "absent" };
  if (k === "symlink")
    return {
      ok: false,
      status: "skipped-symlink",
      detail: "the file is a symbolic link: project files are never read through links",
    };
  if (k !== "file") return { ok: false, status: "skipped-not-regular", detail: "not a regular file" };
  let realRoot: string;
  let realFile: string;
  try {
    realRoot = realpathSync(root);
    realFile = realpathSync(file);
  } catch {
    return { ok: false, status: "absent" };
  }
  if (!components(realRoot, realFile))
    return {
      ok: false,
      status: "skipped-outside",
      detail: `its real path ${realFile} is outside the repository ${realRoot}`,
    };
  // Open without following a link and without blocking on a FIFO swapped in after the lstat, then
  // make sure the descriptor is the very regular file that was checked.
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ELOOP" || code === "EMLINK")
      return {
        ok: false,
        status: "skipped-symlink",
        detail: "the file is a symbolic link: project files are never read through links",
      };
    return { ok: false, status: "absent" };
  }
  try {
    const before = lstatSync(file);
    const s = fstatSync(fd);
    if (!s.isFile() || s.ino !== before.ino || s.dev !== before.dev)
      return { ok: false, status: "skipped-not-regular", detail: "the file changed while it was being checked" };
    return { ok: true, bytes: readFileSync(fd) };
  } catch {
    return { ok: false, status: "absent" };
  } finally {
    closeSync(fd);
  }
}

/**
 * Does git at `root` know the file or any directory on its way (as a gitlink, symlink or file),
 * compared without regard to letter case? true = untracked, false = tracked, null = cannot tell.
 */
export function isUntracked(root: string, file: string, env: Env = process.env): boolean | null {
  const parts = components(root, file);
  if (!parts) return null;
  const paths = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
  const r = runGit(
    ["-c", `core.worktree=${root}`, "ls-files", "-z", "--", ...paths.map((p) => `:(icase,literal)${p}`)],
    root,
    env,
  );
  if (r?.code !== 0) return null; // git missing, not a repository, or refused
  const rel = (paths.at(-1) as string).toLowerCase();
  const prefixes = new Set(paths.map((p) => p.toLowerCase()));
  for (const entry of r.stdout.split("\0")) {
    const e = entry.toLowerCase();
    if (!e) continue;
    if (prefixes.has(e) || e.startsWith(`${rel}/`)) return false;
  }
  return true;
}
