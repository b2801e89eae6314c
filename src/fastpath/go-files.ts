// Why: go list / go mod why|graph|verify read the module files and the headers of every .go file of
// the packages they load, and print what fails to parse: `expected 'package', found TOKEN` quotes the
// first word of a .go file, `go.mod:1: unknown directive: WORD` a line of go.mod. go opens them by name,
// so a `x.go` symlinked to a token file (`ghp_…` is one identifier) prints the token. A go.mod
// `replace … => ../../dir` or a go.work `use /dir` loads modules outside the repository, and with no
// go.mod or go.work from the working directory up to the repository root go takes one above it.
// So these verbs are provable only when, in the repository, every .go and module file is a regular
// file, every local replace and use stays inside it, and the module go finds is the repository's.
import { dirname, join, resolve } from "node:path";
import type { Invocation } from "./invocations.ts";
import { isInsideDir, physicalPath, present, repositoryWalk } from "./real-path.ts";
import { readRegularFile } from "./regular-file.ts";

const MODULE_FILES = new Set(["go.mod", "go.sum", "go.work", "go.work.sum"]);

/** go verbs that load the module (go version, env NAME and help do not print its files). */
function loadsGoModule(argv: string[]): boolean {
  const words = argv.slice(1).filter((a) => !a.startsWith("-"));
  return words[0] === "list" || (words[0] === "mod" && ["why", "graph", "verify"].includes(words[1] ?? ""));
}

/** The local directories a go.mod `replace … => DIR` or a go.work `use DIR` names. */
function localDirs(text: string, work: boolean): string[] {
  const out: string[] = [];
  let block = "";
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, "").trim();
    if (line === ")") block = "";
    const open = /^(\w+)\s*\($/.exec(line);
    if (open) block = open[1] as string;
    const arrow = line.indexOf("=>");
    const target =
      arrow !== -1
        ? line
            .slice(arrow + 2)
            .trim()
            .split(/\s+/)[0]
        : undefined;
    const used = work && (block === "use" || line.startsWith("use ")) ? line.replace(/^use\s+/, "") : undefined;
    for (const w of [target, used]) {
      const dir = w?.replace(/^"(.*)"$/, "$1");
      if (dir && (dir.startsWith(".") || dir.startsWith("/"))) out.push(dir);
    }
  }
  return out;
}

function treeProblem(edge: string): string | null {
  return repositoryWalk(edge, "the Go sources", (p, e) => {
    const go = e.name.endsWith(".go") || MODULE_FILES.has(e.name);
    if (go && !e.isFile()) return `${p} is not a regular file (go prints what fails to parse)`;
    if (e.name !== "go.mod" && e.name !== "go.work") return null;
    const text = readRegularFile(p);
    if (text === null) return `${p} cannot be read as a small plain file`;
    for (const dir of localDirs(text, e.name === "go.work")) {
      const real = physicalPath(resolve(dirname(p), dir), "/");
      if (real === null || !isInsideDir(real, edge)) return `${p} loads ${dir}, outside the repository`;
    }
    return null;
  });
}

/** Null unless `inv` is a go verb that loads module or source files some of which are not the repository's own. */
export function goModuleFilesProblem(inv: Invocation, cwd: string, edge: string): string | null {
  if (!loadsGoModule(inv.argv)) return null;
  const start = physicalPath(".", cwd);
  if (start === null || !isInsideDir(start, edge)) return "go: the working directory cannot be resolved";
  const mark = (dir: string) => ["go.work", "go.mod"].map((n) => join(dir, n)).find(present);
  let inside = false;
  for (let dir = start; isInsideDir(dir, edge) && !inside; dir = dirname(dir)) {
    inside = mark(dir) !== undefined;
    if (dir === edge) break;
  }
  if (!inside)
    for (let dir = dirname(edge); ; dir = dirname(dir)) {
      const found = mark(dir);
      if (found) return `go takes ${found}, above the repository, for the module`;
      if (dirname(dir) === dir) break;
    }
  return treeProblem(edge);
}
