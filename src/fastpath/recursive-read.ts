// Recursive content readers (grep -r, rg, ag, ack, git grep, helm template|lint|show of a local chart)
// print what is in every file they walk.
// Checking the words is not enough: `grep -r KEY .` in a repository holding `.env` prints the secret,
// and a walk that follows a symlink leaves the repository. So the roots of the walk are found and
// walked here (readdir only), and any secret name below them, or an outside symlink the reader would
// follow, sends the command to the LLM.

import { commandName, type Invocation } from "./invocations.ts";
import { boundedWalk, expandedPaths, isDirectory, physicalPath, walkProblem } from "./real-path.ts";
import { readRegularFile } from "./regular-file.ts";

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

/**
 * The values of grep's `-d ACTION` / `--directories=ACTION` in every spelling (`-drecurse`, `-nd rec`).
 * grep takes any unambiguous prefix of an action (`-d rec` recurses), so only read and skip (and their
 * prefixes) do not recurse; a `d` in a bundle after a letter taking a value is counted too (over-careful).
 */
function directoriesActions(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") break;
    if (a === "--directories") out.push(args[i + 1] ?? "");
    else if (a.startsWith("--directories=")) out.push(a.slice(14));
    else if (/^-[a-zA-Z0-9]*d/.test(a)) {
      const rest = a.slice(a.indexOf("d") + 1);
      out.push(rest === "" ? (args[i + 1] ?? "") : rest);
    }
  }
  return out;
}

/** Whether grep recurses into directories: -r, -R and a -d / --directories action other than read or skip. */
export function grepRecurses(args: string[]): boolean {
  return (
    args.some((a) => /^--(recursive|dereference-recursive)$/.test(a) || /^-[a-zA-Z]*[rR]/.test(a)) ||
    directoriesActions(args).some((v) => !/^(s|sk|ski|skip|rea|read)$/.test(v))
  );
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
    if (e.isDirectory() || (e.isSymbolicLink() && isDirectory(p))) return { into: physicalPath(p, "/") ?? p };
    if (e.name !== "values.schema.json") return null;
    let schema: unknown;
    try {
      schema = JSON.parse(readRegularFile(p) ?? "");
    } catch {
      return `${p} cannot be read as JSON`;
    }
    return externalRef(schema) ? `${p} has a $ref helm would load from outside the document` : null;
  });
}

/**
 * A bundle of short options whose value is the next word, read as getopt does: the first value-taking
 * letter takes the rest of the word, so only when it is the last letter does it take the next word
 * (`-rA 2`, but not `-fpat`, whose `t` is part of the file name).
 */
function valueInNextWord(word: string, valued: Set<string>): boolean {
  if (!/^-[a-zA-Z]+$/.test(word)) return false;
  const at = [...word.slice(1)].findIndex((c) => valued.has(`-${c}`));
  return at === word.length - 2;
}

/** Every word naming a directory (after its wildcards) walked as a root; options are skipped. */
function dirOperandsProblem(
  words: string[],
  cwd: string,
  edge: string,
  isSecret: (path: string) => boolean,
  follow: boolean,
): string | null {
  for (const w of words) {
    if (w.startsWith("-")) continue;
    for (const root of expandedPaths(w, cwd).filter(isDirectory)) {
      const problem = walkProblem(root, edge, isSecret, follow);
      if (problem) return problem;
    }
  }
  return null;
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
    recursive = grepRecurses(args);
  } else if (name === "rg") {
    valued = RG_VALUED;
    recursive = true;
    follow = args.some((a) => a === "-L" || a === "--follow" || /^-[a-zA-Z]*L/.test(a));
  } else if (name === "ag" || name === "ack") {
    valued = new Set(["-G", "-g", "-A", "-B", "-C", "-m", "--ignore", "--ignore-dir", "--type", "--depth"]);
    recursive = true;
    follow = true; // ag follows with -f, ack by default: treat both as following
  } else if (/^7z[arz]?$/.test(name) && args[0] === "h") {
    // 7z h hashes a directory operand's files recursively, following symlinks: a hash of .env is enough
    // to test guesses of a short secret. Every directory operand is walked like a reader's root.
    return dirOperandsProblem(args.slice(1), cwd, edge, isSecret, true);
  } else if (name === "diff") {
    // diff -r prints the lines of every differing file and dereferences symlinks by default. Without -r
    // a directory operand is read one level down: `diff -N dir empty` prints every file in dir, and
    // `diff dir file` reads dir/file. Either way every directory operand is walked, following links.
    return dirOperandsProblem(args, cwd, edge, isSecret, true);
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
      for (const root of a.startsWith("-") ? [] : expandedPaths(a, cwd)) {
        if (isDirectory(root)) {
          const problem = walkProblem(root, edge, isSecret, true) ?? (schemas ? chartSchemaProblem(root) : null);
          if (problem) return problem;
        } else if (schemas && /\.(tgz|tar\.gz)$/.test(root)) return `helm: the schema inside ${a} is not checked`;
      }
    }
    return null;
  } else if (name === "git") return gitWalkProblem(args, cwd, edge, isSecret);
  else return null;
  if (!recursive) return null;
  // Every operand may be a root: the pattern word is one only without -e / -f / --match …, and those come
  // in too many spellings (`-eKEY`, `-reKEY`, `-fFILE`, `--match=KEY`) to tell reliably. A pattern that
  // happens to name a directory is walked too, which only refuses more.
  const paths: string[] = [];
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (options && a === "--") {
      options = false;
      continue;
    }
    if (options && a.startsWith("-") && a.length > 1) {
      if (valued.has(a) || valueInNextWord(a, valued)) i++;
      continue;
    }
    paths.push(a);
  }
  const roots = paths.flatMap((p) => expandedPaths(p, cwd)).filter(isDirectory);
  if (paths.length === 0 || roots.length === 0) roots.push(physicalPath(".", cwd) ?? cwd);
  for (const root of roots) {
    const problem = walkProblem(root, edge, isSecret, follow);
    if (problem) return problem;
  }
  return null;
}

/**
 * git grep reads the files below the directory git runs in (`-C DIR`), tracked ones (and with
 * --no-index, any file); a pathspec can widen that to the whole worktree (`:/`, `:(top)`, `..`, an
 * absolute path), and then the repository is walked. `git diff --no-index DIR1 DIR2` prints every
 * file of both trees. Neither follows symlinks below its roots.
 */
function gitWalkProblem(args: string[], cwd: string, edge: string, isSecret: (p: string) => boolean): string | null {
  let dir = cwd;
  let i = 0;
  for (; i < args.length && (args[i] as string).startsWith("-"); i++)
    if (args[i] === "-C" && args[i + 1] !== undefined) dir = physicalPath(args[++i] as string, dir) ?? dir;
  const sub = args[i];
  const rest = args.slice(i + 1);
  if (sub === "grep") {
    const wide = rest.some((w) => /^[:/]/.test(w) || w.split("/").includes(".."));
    return walkProblem(wide ? edge : dir, edge, isSecret, false);
  }
  // git diff --no-index DIR DIR prints every file below them (symlinks as their target's name).
  if (sub === "diff" && rest.includes("--no-index")) return dirOperandsProblem(rest, dir, edge, isSecret, false);
  return null;
}
