// Recursive content readers (grep -r, rg, ag, ack, git grep, helm template|lint|show of a local chart)
// print what is in every file they walk.
// Checking the words is not enough: `grep -r KEY .` in a repository holding `.env` prints the secret,
// and a walk that follows a symlink leaves the repository. So the roots of the walk are found and
// walked here (readdir only), and any secret name below them, or an outside symlink the reader would
// follow, sends the command to the LLM.

import { readFileSync, statSync } from "node:fs";
import { commandName, type Invocation } from "./invocations.ts";
import { boundedWalk, physicalPath, walkProblem } from "./real-path.ts";

const GREPS = new Set(["grep", "egrep", "fgrep", "zgrep"]);
/** grep options that take the next word as their value. */
const GREP_VALUED = new Set([
  "-e",
  "-f",
  "-m",
  "-A",
  "-B",
  "-C",
  "-d",
  "-D",
  "--regexp",
  "--file",
  "--max-count",
  "--after-context",
  "--before-context",
  "--context",
  "--include",
  "--exclude",
  "--exclude-dir",
  "--exclude-from",
  "--label",
  "--binary-files",
  "--devices",
  "--directories",
  "--group-separator",
]);
const RG_VALUED = new Set([
  "-e",
  "-f",
  "-g",
  "-t",
  "-T",
  "-m",
  "-A",
  "-B",
  "-C",
  "-j",
  "-M",
  "--regexp",
  "--file",
  "--glob",
  "--iglob",
  "--type",
  "--type-not",
  "--max-count",
  "--after-context",
  "--before-context",
  "--context",
  "--threads",
  "--max-columns",
  "--max-depth",
  "--maxdepth",
  "--max-filesize",
  "--sort",
  "--sortr",
  "--color",
  "--colors",
  "--encoding",
  "-E",
  "--context-separator",
  "--field-match-separator",
  "--path-separator",
  "--replace",
  "-r",
  "--type-add",
  "--engine",
  "--dfa-size-limit",
  "--regex-size-limit",
]);

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A `$ref` / `$dynamicRef` naming anything but a place in the same document, or a foreign `$schema`. */
function externalRef(value: unknown, depth = 0): boolean {
  if (depth > 200) return true;
  if (Array.isArray(value)) return value.some((v) => externalRef(v, depth + 1));
  if (value === null || typeof value !== "object") return false;
  for (const [k, v] of Object.entries(value)) {
    if ((k === "$ref" || k === "$dynamicRef" || k === "$recursiveRef") && !(typeof v === "string" && v.startsWith("#")))
      return true;
    // A meta-schema other than json-schema.org's (which helm has built in) is loaded too.
    if (k === "$schema" && !(typeof v === "string" && /^https?:\/\/json-schema\.org\/[A-Za-z0-9/_#.-]*$/.test(v)))
      return true;
    if (externalRef(v, depth + 1)) return true;
  }
  return false;
}

/** Why a local chart's schemas could make helm read another file, or null. */
function chartSchemaProblem(root: string): string | null {
  return boundedWalk(root, 20_000, "too many files in the chart to check its schemas", (p, e) => {
    if (/\.(tgz|tar\.gz)$/.test(e.name)) return `helm would unpack ${p}, whose schema is not checked`;
    // helm follows symlinks: a linked directory (walkProblem proved it inside) is a chart too.
    if (e.isDirectory() || (e.isSymbolicLink() && isDir(p))) return { into: physicalPath(p, "/") ?? p };
    if (e.name !== "values.schema.json") return null;
    let schema: unknown;
    try {
      schema = JSON.parse(readFileSync(p, "utf8"));
    } catch {
      return `${p} cannot be read as JSON`;
    }
    return externalRef(schema) ? `${p} has a $ref helm would load from outside the document` : null;
  });
}

export function recursiveReadProblem(
  inv: Invocation,
  cwd: string,
  edge: string,
  isSecret: (path: string) => boolean,
): string | null {
  const name = commandName(inv.argv[0] ?? "");
  const args = inv.argv.slice(1);
  let valued: Set<string>;
  let recursive: boolean;
  let follow: boolean;
  if (GREPS.has(name)) {
    valued = GREP_VALUED;
    follow = args.some((a) => a === "-R" || a === "--dereference-recursive" || /^-[a-zA-Z]*R/.test(a));
    recursive =
      follow ||
      args.some(
        (a) => a === "-r" || a === "--recursive" || /^-[a-zA-Z]*r/.test(a) || /^(-d|--directories)=?recurse$/.test(a),
      ) ||
      args.some((a, i) => (a === "-d" || a === "--directories") && args[i + 1] === "recurse");
  } else if (name === "rg") {
    valued = RG_VALUED;
    recursive = true;
    follow = args.some((a) => a === "-L" || a === "--follow" || /^-[a-zA-Z]*L/.test(a));
  } else if (name === "ag" || name === "ack") {
    valued = new Set(["-G", "-g", "-A", "-B", "-C", "-m", "--ignore", "--ignore-dir", "--type", "--depth"]);
    recursive = true;
    follow = true; // ag follows with -f, ack by default: treat both as following
  } else if (name === "diff" && args.some((a) => a === "-r" || a === "--recursive" || /^-[a-zA-Z]*r/.test(a))) {
    // diff -r prints the lines of every differing file and dereferences symlinks by default.
    for (const a of args) {
      if (a.startsWith("-")) continue;
      const root = physicalPath(a, cwd);
      if (root !== null && isDir(root)) {
        const problem = walkProblem(root, edge, isSecret, true);
        if (problem) return problem;
      }
    }
    return null;
  } else if (name === "helm" && ["template", "lint", "show", "inspect"].some((v) => args.includes(v))) {
    // A local chart's files are all read (.Files.Get prints any of them) and its symlinks followed:
    // every word naming a directory is walked as a chart. A values.schema.json `$ref` makes helm load
    // that file or URL (file:///home/u/.docker/config.json), so unless schema validation is off, the
    // schemas must hold no external `$ref`, and charts helm would unpack (a packed chart or subchart,
    // a chart from a URL or --repo) cannot be looked into.
    // show / inspect print the chart's values, README and CRDs as they are, and validate no schema.
    const schemas = !args.includes("--skip-schema-validation") && !args.includes("show") && !args.includes("inspect");
    for (const a of args) {
      if (schemas && (a.includes("://") || /^--repo(=|$)/.test(a)))
        return `helm ${a}: a remote chart's values.schema.json is not checked (add --skip-schema-validation)`;
      const root = a.startsWith("-") ? null : physicalPath(a, cwd);
      if (root === null) continue;
      if (isDir(root)) {
        const problem = walkProblem(root, edge, isSecret, true) ?? (schemas ? chartSchemaProblem(root) : null);
        if (problem) return problem;
      } else if (schemas && /\.(tgz|tar\.gz)$/.test(root)) return `helm: the schema inside ${a} is not checked`;
    }
    return null;
  } else if (name === "git" && args.includes("grep")) {
    // git grep reads tracked files of the work tree (and with --no-index, any file below).
    return walkProblem(cwd, edge, isSecret, false);
  } else return null;
  if (!recursive) return null;
  const positional: string[] = [];
  let explicitPattern = false;
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (options && a === "--") {
      options = false;
      continue;
    }
    if (options && a.startsWith("-") && a.length > 1) {
      if (/^(-e|-f|--regexp|--file)(=|$)/.test(a) || /^-[a-zA-Z]*[ef]$/.test(a)) explicitPattern = true;
      if (valued.has(a)) i++;
      else if (/^-[a-zA-Z]+$/.test(a) && valued.has(`-${a.slice(-1)}`)) i++;
      continue;
    }
    positional.push(a);
  }
  const paths = explicitPattern || (name === "rg" && args.includes("--files")) ? positional : positional.slice(1);
  const roots = paths.map((p) => physicalPath(p, cwd)).filter((p): p is string => p !== null && isDir(p));
  if (paths.length === 0 || roots.length === 0) roots.push(physicalPath(".", cwd) ?? cwd);
  for (const root of roots) {
    const problem = walkProblem(root, edge, isSecret, follow);
    if (problem) return problem;
  }
  return null;
}
