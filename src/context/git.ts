// Git facts about the request's working directory, with ABSOLUTE paths, from one `git rev-parse`
// (a second call only in a repository without commits). A linked worktree is recognised by its git
// dir differing from the common dir, compared as absolute paths (so a subdirectory of the main
// checkout is never mistaken for a worktree).
import { dirname } from "node:path";

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

function run(args: string[], cwd: string): string[] | null {
  try {
    const r = Bun.spawnSync(["git", ...args], { cwd, stdin: "ignore", stdout: "pipe", stderr: "ignore", env: { ...process.env, GIT_OPTIONAL_LOCKS: "0" } });
    return r.exitCode === 0 ? r.stdout.toString().trimEnd().split("\n") : null;
  } catch {
    return null; // git missing or cwd gone
  }
}

export function gitFacts(cwd: string): GitFacts | null {
  if (!cwd) return null;
  const paths = ["rev-parse", "--path-format=absolute", "--show-toplevel", "--git-dir", "--git-common-dir"];
  let lines = run([...paths, "--abbrev-ref", "HEAD"], cwd);
  let branch: string | undefined;
  if (lines && lines.length >= 4) branch = lines[3];
  else {
    lines = run(paths, cwd);
    if (!lines || lines.length < 3) return null;
    branch = run(["symbolic-ref", "--short", "-q", "HEAD"], cwd)?.[0] ?? "";
  }
  const [repoRoot, gitDir, gitCommonDir] = lines as [string, string, string];
  const primaryCheckoutRoot = /[/\\]\.git$/.test(gitCommonDir) ? dirname(gitCommonDir) : "";
  return { repoRoot, gitDir, gitCommonDir, primaryCheckoutRoot, isWorktree: gitDir !== gitCommonDir, branch: branch ?? "" };
}
