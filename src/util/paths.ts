// XDG locations. XDG variables are honoured only when absolute (a relative value would make the
// state follow whatever directory the agent happens to run in).
import { statSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import type { Env } from "./env.ts";

/** What is at `path`: a regular file, a directory, or (anything else, or nothing) null. */
export function pathKind(path: string): "dir" | "file" | null {
  try {
    const s = statSync(path);
    return s.isDirectory() ? "dir" : s.isFile() ? "file" : null;
  } catch {
    return null;
  }
}

export function homeDir(env: Env = process.env): string {
  const home = env.HOME?.trim();
  // node:os only when HOME is unusable: loading it costs every hook call a fraction of a millisecond
  return home && isAbsolute(home) ? home : (require("node:os") as typeof import("node:os")).homedir();
}

function xdg(env: Env, name: string, fallback: string[]): string {
  const value = env[name]?.trim();
  return value && isAbsolute(value) ? value : join(homeDir(env), ...fallback);
}

/** `$XDG_STATE_HOME/ccgate`, else `~/.local/state/ccgate`. */
export function stateDir(env: Env = process.env): string {
  return join(xdg(env, "XDG_STATE_HOME", [".local", "state"]), "ccgate");
}

/** `$XDG_CACHE_HOME/ccgate`, else `~/.cache/ccgate`. */
export function cacheDir(env: Env = process.env): string {
  return join(xdg(env, "XDG_CACHE_HOME", [".cache"]), "ccgate");
}

export function targetStateDir(target: string, env: Env = process.env): string {
  return join(stateDir(env), target);
}

export function targetCacheDir(target: string, env: Env = process.env): string {
  return join(cacheDir(env), target);
}

/** Expand a leading `~/` (and bare `~`) to the home directory. */
export function expandHome(path: string, env: Env = process.env): string {
  if (path === "~") return homeDir(env);
  if (path.startsWith("~/")) return join(homeDir(env), path.slice(2));
  return path;
}
