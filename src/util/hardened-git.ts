// Every git process ccgate starts, hardened against the repository it looks at (its .git/config is
// attacker-written as far as we know): a minimal environment (PATH, HOME, XDG_CONFIG_HOME, locale;
// never API keys or other secrets, never GIT_* variables that point git at another index or
// directory), `-c` overrides that beat every config file and include for each setting that could
// start a program from the read-only plumbing we run, and never a git binary from inside the
// directory asked about. Used by context/git.ts (facts) and config/project-file.ts (is it tracked?).
import { realpathSync } from "node:fs";
import { delimiter, isAbsolute, relative, sep } from "node:path";

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
function absolutePath(path: string | undefined): string {
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
