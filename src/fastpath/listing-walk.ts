// Listing walkers (find, tree, du, ls -R, fd) print names, sizes and dates, not contents, so their walk
// is not checked for secret names. When they follow symlinks (`find -L`, `tree -l`, `du -L`, `ls -RL`,
// `fd -L`) a link in the repository that points out of it (`lnk -> /etc`, `-> ~`) makes them list the
// directory it points to, which `ls lnk/` is refused for: their roots are walked for such links.

import { commandName, type Invocation } from "./invocations.ts";
import { expandedPaths, isDirectory, physicalPath, walkProblem } from "./real-path.ts";

/** Whether the listing walker follows symlinks below its roots. */
function follows(name: string, args: string[]): boolean {
  const short = (letter: string) =>
    args.some((a) => new RegExp(`^-[a-zA-Z0-9]*${letter}`).test(a) && !a.startsWith("--"));
  switch (name) {
    case "find":
      return args.includes("-L") || args.includes("-follow");
    case "tree":
      return short("l");
    case "du":
      return short("L") || args.includes("--dereference");
    case "ls":
    case "dir":
    case "vdir":
      return (short("R") || args.includes("--recursive")) && (short("L") || args.includes("--dereference"));
    case "fd":
      return short("L") || args.includes("--follow");
    default:
      return false;
  }
}

/** Why a following listing walk would leave the repository, or null. */
export function listingWalkProblem(inv: Invocation, cwd: string, edge: string): string | null {
  const name = commandName(inv.argv[0] ?? "");
  const args = inv.argv.slice(1);
  if (!follows(name, args)) return null;
  // Every word (and `--opt=value` value) naming a directory may be a root. The working directory is one
  // when no operand names a directory, and always for fd unless it has a path operand after its pattern
  // (its first operand) and no --base-directory.
  const words = args.map((a) => (a.startsWith("-") && a.includes("=") ? a.slice(a.indexOf("=") + 1) : a));
  const roots = new Set<string>();
  for (const w of words)
    for (const p of w.startsWith("-") ? [] : expandedPaths(w, cwd)) if (isDirectory(p)) roots.add(p);
  const operands = args.filter((a) => !a.startsWith("-"));
  const fdInCwd = name === "fd" && (operands.length < 2 || args.some((a) => a.startsWith("--base-directory")));
  if (roots.size === 0 || fdInCwd) roots.add(physicalPath(".", cwd) ?? cwd);
  for (const root of roots) {
    const problem = walkProblem(root, edge, () => false, true);
    if (problem) return problem;
  }
  return null;
}
