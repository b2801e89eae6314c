// Git facts about the request's working directory, with ABSOLUTE paths. Read straight from the
// repository's files (.git dir or file, commondir, HEAD): no git process on the hook's critical path
// (spawning git costs more than the whole rest of a fast-path decision; see bench/hook). Falls back
// to `git rev-parse` for layouts the reader does not know (bare or unusual repos).
//
// Every git process ccgate starts is hardened against the repository it looks at (its .git/config
// is attacker-written as far as we know): a minimal environment (PATH, HOME, XDG_CONFIG_HOME,
// locale; never API keys or other secrets of the hook's environment, never GIT_* variables that
// point git at another index or directory) and `-c` overrides, which beat every config file and
// include, for each setting that could start a program from the read-only plumbing we run
// (rev-parse, ls-files, symbolic-ref): fsmonitor, hooks, and embedded bare repositories. The user's
// global and the system config stay on: they are the user's and the admin's own (safe.directory
// lives there), and nothing in them can be planted by a clone.
// A linked worktree is recognised by its git dir differing from the common dir, compared as
// absolute paths, so a subdirectory of the main checkout is never mistaken for a worktree.
import { realpathSync } from "node:fs";
import { delimiter, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
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

/** `-c` overrides that keep a hostile repository config from running anything. */
export const GIT_HARDENING = [
  "-c",
  "core.fsmonitor=false",
  "-c",
  "core.hooksPath=/dev/null",
  "-c",
  "core.untrackedCache=false",
  "-c",
  "safe.bareRepository=explicit",
  "-c",
  "core.sshCommand=false",
  "-c",
  "credential.helper=",
  "-c",
  "protocol.allow=never",
];

/**
 * PATH with only absolute entries: a relative one ("", ".", "bin") would resolve against the
 * directory the agent runs in, where a repository could have committed its own `git`.
 */
export function absolutePath(path: string | undefined): string {
  return (path ?? "")
    .split(delimiter)
    .filter((p) => p && isAbsolute(p))
    .join(delimiter);
}

/** The whole environment a git child gets: nothing of the hook's environment beyond these. */
export function gitEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = { GIT_OPTIONAL_LOCKS: "0", GIT_TERMINAL_PROMPT: "0", GIT_PAGER: "cat" };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) continue;
    if (
      k === "PATH" ||
      k === "HOME" ||
      k === "XDG_CONFIG_HOME" ||
      k === "LANG" ||
      k === "LANGUAGE" ||
      k.startsWith("LC_")
    )
      out[k] = v;
  }
  if (out.PATH !== undefined) out.PATH = absolutePath(out.PATH);
  return out;
}

/** Run hardened git with `args` in `cwd`: exit code and stdout, or null when git cannot start. */
export function runGit(
  args: string[],
  cwd: string,
  env: Record<string, string | undefined>,
): { code: number; stdout: string } | null {
  // Never a git from the directory it is asked about (a repository's own bin/ on PATH).
  const search = absolutePath(env.PATH)
    .split(delimiter)
    .filter((d) => d && !isInside(d, cwd))
    .join(delimiter);
  const git = Bun.which("git", { PATH: search });
  if (!git || isInside(git, cwd)) return null;
  try {
    const r = Bun.spawnSync([git, "--no-pager", ...GIT_HARDENING, ...args], {
      cwd,
      stdin: "ignore",
      stdout: "pipe",
      stderr: "ignore",
      env: { ...gitEnv(env), PATH: search },
    });
    return { code: r.exitCode ?? -1, stdout: r.stdout.toString() };
  } catch {
    return null; // git missing or cwd gone
  }
}

/** Is `file` `dir` itself or anything below it (real paths)? */
function isInside(file: string, dir: string): boolean {
  try {
    const rel = relative(realpathSync(dir), realpathSync(file));
    return !isAbsolute(rel) && rel !== ".." && !rel.startsWith(`..${sep}`);
  } catch {
    return false;
  }
}

function run(args: string[], cwd: string, env: Record<string, string | undefined>): string[] | null {
  const r = runGit(args, cwd, env);
  return r && r.code === 0 ? r.stdout.trimEnd().split("\n") : null;
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
  // GIT_DIR, GIT_WORK_TREE and friends in the hook's environment are ignored (gitEnv drops them):
  // the facts are those of the request's directory, the same whether read from files or from git.
  if (!cwd || !isAbsolute(cwd)) return null;
  return fromFiles(cwd) ?? fromGit(cwd, env);
}
