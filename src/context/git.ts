// Git facts about the request's working directory, with ABSOLUTE paths. Read straight from the
// repository's files (.git dir or file, commondir, HEAD): no git process on the hook's critical path
// (spawning git costs more than the whole rest of a fast-path decision; see bench/hook). Falls back
// to `git rev-parse` for layouts the reader does not know (GIT_DIR set, bare or unusual repos).
// A linked worktree is recognised by its git dir differing from the common dir, compared as
// absolute paths, so a subdirectory of the main checkout is never mistaken for a worktree.
import { dirname, isAbsolute, join, resolve } from "node:path";
import { pathKind } from "../state/paths.ts";
import { readRegularFileSync } from "../state/safe-read.ts";

export interface GitFacts {
  repoRoot: string;
  gitDir: string;
  gitCommonDir: string;
  /** The main checkout's root (parent of the common dir) when the common dir is `<root>/.git`. */
  primaryCheckoutRoot: string;
  isWorktree: boolean;
  /** Current branch; "HEAD" when detached; "" when unknown. */
  branch: string;
}

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

function run(args: string[], cwd: string, env: Record<string, string | undefined>): string[] | null {
  const git = Bun.which("git", { PATH: env.PATH ?? "" });
  if (!git) return null;
  try {
    const r = Bun.spawnSync([git, ...args], {
      cwd,
      stdin: "ignore",
      stdout: "pipe",
      stderr: "ignore",
      env: { ...env, GIT_OPTIONAL_LOCKS: "0" } as Record<string, string>,
    });
    return r.exitCode === 0 ? r.stdout.toString().trimEnd().split("\n") : null;
  } catch {
    return null; // git missing or cwd gone
  }
}

function fromGit(cwd: string, env: Record<string, string | undefined>): GitFacts | null {
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

export function gitFacts(cwd: string, env: Record<string, string | undefined> = process.env): GitFacts | null {
  if (!cwd || !isAbsolute(cwd)) return null;
  if (env.GIT_DIR || env.GIT_WORK_TREE) return fromGit(cwd, env);
  return fromFiles(cwd) ?? fromGit(cwd, env);
}
