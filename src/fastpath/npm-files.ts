// Why: most npm verbs read the project's package files and print them: `npm pkg get` prints the whole
// package.json, `npm query '*'` every package.json of the tree, ls/view/fund/sbom/run/explain their
// fields, and a JSON error quotes the text. npm opens them by name without looking at what they are, so
// a package.json (or lock file) that is a symlink to `~/.docker/config.json` prints a credential, and a
// symlink in node_modules (a "linked" package) or a `workspaces` entry with `..` makes npm read the
// package.json of a directory outside the repository. npm also takes the nearest directory above the
// working directory with a package.json or node_modules as the project: one above the repository
// is not the repository's. So these verbs are provable only when, in the repository, every such file is
// a regular file, every symlink in a node_modules resolves inside the repository (not into .git, not to
// a secret), no workspaces entry leaves it, and nothing above it could be taken for the project.
import { dirname, join, sep } from "node:path";
import type { Invocation } from "./invocations.ts";
import { isInsideDir, physicalPath, present, repositoryWalk } from "./real-path.ts";
import { readRegularFile } from "./regular-file.ts";

/** npm verbs (and aliases) that read no package file: help, config, the registry's user and search APIs. */
const READS_NO_PACKAGE = new Set([
  "",
  "help",
  "help-search",
  "completion",
  "config",
  "c",
  "get",
  "ping",
  "whoami",
  "search",
  "s",
  "find",
  "profile",
  "prefix",
  "root",
  "bin",
]);
const PACKAGE_FILES = new Set(["package.json", "package-lock.json", "npm-shrinkwrap.json", ".package-lock.json"]);

/** The verb: the first word after the options (npm's valued options are spelled `--opt=value` here or checked apart). */
function npmVerb(argv: string[]): string {
  const valued = new Set(["-w", "--workspace", "--loglevel", "--omit", "--include", "--color"]);
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (valued.has(a)) i++;
    else if (!a.startsWith("-")) return a;
  }
  return "";
}

/** A `workspaces` list (or `{packages: [...]}`) with an entry that leaves the package directory. */
function workspacesLeave(path: string): boolean {
  const text = readRegularFile(path, 16 << 20);
  if (text === null) return true; // not read (too large, or gone): not proved
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch {
    return false; // npm fails on it too; the text is the repository's own
  }
  const ws = (pkg as { workspaces?: unknown })?.workspaces;
  const list = Array.isArray(ws) ? ws : (ws as { packages?: unknown })?.packages;
  if (ws === undefined) return false;
  if (!Array.isArray(list)) return true;
  return list.some((w) => typeof w !== "string" || w.startsWith("/") || w.split(/[\\/]/).includes(".."));
}

function treeProblem(edge: string, isSecret: (p: string) => boolean): string | null {
  const git = join(edge, ".git");
  return repositoryWalk(edge, "the npm package files", (p, e) => {
    const inModules = p.split(sep).includes("node_modules");
    if (e.isSymbolicLink()) {
      if (PACKAGE_FILES.has(e.name)) return `${p} is a symlink npm reads as a package file`;
      const real = inModules ? physicalPath(p, "/") : edge;
      return real === null || !isInsideDir(real, edge) || isInsideDir(real, git) || isSecret(real)
        ? `${p} links a package outside the repository`
        : null;
    }
    if (PACKAGE_FILES.has(e.name) && !e.isFile()) return `${p} is not a regular file`;
    if (e.name === "package.json" && !inModules && workspacesLeave(p))
      return `${p} names workspaces outside the repository`;
    return null;
  });
}

/** npm's project: the nearest directory from `cwd` up with a package.json or node_modules. */
const projectMark = (dir: string): string | undefined =>
  ["package.json", "node_modules"].map((n) => join(dir, n)).find(present);

/** Null unless `inv` is an npm verb that reads package files some of which are not the repository's own. */
export function npmPackageFilesProblem(
  inv: Invocation,
  cwd: string,
  edge: string,
  isSecret: (p: string) => boolean,
): string | null {
  if (READS_NO_PACKAGE.has(npmVerb(inv.argv))) return null;
  const start = physicalPath(".", cwd);
  if (start === null || !isInsideDir(start, edge)) return "npm: the working directory cannot be resolved";
  let inside = false;
  for (let dir = start; isInsideDir(dir, edge) && !inside; dir = dirname(dir)) {
    inside = projectMark(dir) !== undefined;
    if (dir === edge) break;
  }
  if (!inside)
    for (let dir = dirname(edge); ; dir = dirname(dir)) {
      const mark = projectMark(dir);
      if (mark) return `npm takes ${mark}, above the repository, for the project`;
      if (dirname(dir) === dir) break;
    }
  return treeProblem(edge, isSecret);
}
