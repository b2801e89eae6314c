// Git facts about the request's working directory, with ABSOLUTE paths. Read straight from the
// repository's files (.git dir or file, commondir, HEAD): no git process on the hook's critical path
// (spawning git costs more than the whole rest of a fast-path decision; see bench/hook). Falls back
// to `git rev-parse` for layouts the reader does not know (bare or unusual repos).
//
// The git it runs is hardened (util/hardened-git.ts). The user's global and the system config stay
// on: they are the user's and the admin's own (safe.directory lives there), and nothing in them can
// be planted by a clone.
// A linked worktree is recognised by its git dir differing from the common dir, compared as
// absolute paths, so a subdirectory of the main checkout is never mistaken for a worktree.
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { GitFacts } from "../core/ports.ts";
import { readRegularFileSync } from "../state/safe-read.ts";
import type { Env } from "../util/env.ts";
import { runGit } from "../util/hardened-git.ts";
import { pathKind } from "../util/paths.ts";

function read(path: string): string | null {
  try {
    return readRegularFileSync(path, "utf8");
  } catch {
    return null;
  }
}

function fromFiles(cwd: string): GitFacts | null {
  let dir = resolve(cwd);
  for (;;) {
    const dotgit = join(dir, ".git");
    const k = pathKind(dotgit);
    if (k) {
      let gitDir = dotgit;
      if (k === "file") {
        const m = /^gitdir:\s*(.+?)\s*$/m.exec(read(dotgit) ?? "");
        if (!m) return null;
        gitDir = resolve(dir, m[1] as string);
      }
      if (pathKind(join(gitDir, "HEAD")) !== "file") return null;
      const common = read(join(gitDir, "commondir"))?.trim();
      const gitCommonDir = common ? resolve(gitDir, common) : gitDir;
      const head = read(join(gitDir, "HEAD"))?.trim() ?? "";
      const ref = /^ref:\s*refs\/heads\/(.+)$/.exec(head);
      const branch = ref ? (ref[1] as string) : head ? "HEAD" : "";
      const primaryCheckoutRoot = /[/\\]\.git$/.test(gitCommonDir) ? dirname(gitCommonDir) : "";
      return { repoRoot: dir, gitDir, gitCommonDir, primaryCheckoutRoot, isWorktree: gitDir !== gitCommonDir, branch };
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function run(args: string[], cwd: string, env: Env): string[] | null {
  const r = runGit(args, cwd, env);
  return r && r.code === 0 ? r.stdout.trimEnd().split("\n") : null;
}

function fromGit(cwd: string, env: Env): GitFacts | null {
  const paths = ["rev-parse", "--path-format=absolute", "--show-toplevel", "--git-dir", "--git-common-dir"];
  let lines = run([...paths, "--abbrev-ref", "HEAD"], cwd, env);
  let branch: string | undefined;
  if (lines && lines.length >= 4) branch = lines[3];
  else {
    lines = run(paths, cwd, env);
    if (!lines || lines.length < 3) return null;
    branch = run(["symbolic-ref", "--short", "-q", "HEAD"], cwd, env)?.[0] ?? "";
  }
  const [repoRoot, gitDir, gitCommonDir] = lines as [string, string, string];
  const primaryCheckoutRoot = /[/\\]\.git$/.test(gitCommonDir) ? dirname(gitCommonDir) : "";
  return {
    repoRoot,
    gitDir,
    gitCommonDir,
    primaryCheckoutRoot,
    isWorktree: gitDir !== gitCommonDir,
    branch: branch ?? "",
  };
}

export function gitFacts(cwd: string, env: Env = process.env): GitFacts | null {
  // GIT_DIR, GIT_WORK_TREE and friends in the hook's environment are ignored (gitEnv drops them):
  // the facts are those of the request's directory, the same whether read from files or from git.
  if (!cwd || !isAbsolute(cwd)) return null;
  return fromFiles(cwd) ?? fromGit(cwd, env);
}
