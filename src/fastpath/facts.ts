// What the fast path knows about where a command runs, and path questions answered from it.
import { isAbsolute, relative, resolve, sep } from "node:path";
import { DYNAMIC } from "./invocations.ts";

export interface PathFacts {
  /** Absolute working directory of the request. */
  cwd: string;
  /** The repository root (or cwd outside a repository): the edge paths must stay inside. */
  boundary: string;
  home: string;
  /** Current branch, or null when unknown/detached. */
  branch: string | null;
  /** Branch names (glob `*` allowed) that must never be force-pushed or rewritten. */
  protectedBranches: string[];
  /** System temp dirs whose sub-paths may be deleted (`/tmp`, `$TMPDIR`). */
  tempDirs: string[];
}

export const DEFAULT_PROTECTED_BRANCHES = [
  "main",
  "master",
  "trunk",
  "develop",
  "development",
  "production",
  "prod",
  "staging",
  "release",
  "release/*",
  "releases/*",
  "stable",
];

export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel) && rel.split(sep)[0] !== "..");
}

/**
 * Resolve a literal path argument. `~` and `$HOME`/`${HOME}` prefixes go to the home dir; other
 * expansions make the path unknown (null). Globs are cut at their first wildcard.
 */
export function resolveArg(arg: string, raw: string, facts: PathFacts, cwd = facts.cwd): string | null {
  let value = arg;
  const homeVar = /^"?(\$HOME|\$\{HOME\})(?=[/"]|$)/.exec(raw);
  if (homeVar) {
    const rest = raw.slice(homeVar[0].length).replaceAll('"', "");
    if (/[$`]/.test(rest)) return null;
    value = facts.home + rest;
  } else if (value.includes(DYNAMIC)) return null;
  else if (value === "~" || value.startsWith("~/")) value = facts.home + value.slice(1);
  else if (value.startsWith("~")) return null; // ~user
  const wild = value.search(/[*?[]/);
  if (wild !== -1) {
    const head = value.slice(0, wild);
    value = head.endsWith("/") ? head : head.slice(0, head.lastIndexOf("/") + 1) || ".";
  }
  return resolve(cwd, value);
}

export function matchesBranch(branch: string, patterns: string[]): boolean {
  return patterns.some((p) => (p.includes("*") ? wildcardRegex(p).test(branch) : p === branch));
}

/** A pattern whose `*` matches any text (`/` included) and nothing else is special, as a regex. */
export function wildcardRegex(pattern: string): RegExp {
  return new RegExp(`^${pattern.split("*").map(escapeRe).join(".*")}$`);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
