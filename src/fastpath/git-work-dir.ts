// git's `-C DIR` options (each relative to the previous) move it before it reads any operand: a path
// operand is relative to the last one (`git -C .. diff --no-index ../x y` from a subdirectory reads
// the x beside the repository), so operands are checked there too.
import type { Invocation } from "./invocations.ts";
import { physicalPath } from "./real-path.ts";

/**
 * Where git runs after its `-C` options, and the invocation without them (their values are paths of
 * the directory before, checked there); undefined when there is no `-C`, null when a directory is unknown.
 */
export function gitMoved(inv: Invocation, cwd: string): { dir: string; inv: Invocation } | null | undefined {
  let dir = cwd;
  const drop = new Set<number>();
  for (let i = 1; i < inv.argv.length; i++) {
    const a = inv.argv[i] as string;
    if (a === "-C") {
      const value = inv.argv[i + 1];
      if (value === undefined || inv.dynamic[i + 1]) return null;
      const next = physicalPath(value, dir);
      if (next === null) return null;
      dir = next;
      drop.add(i).add(i + 1);
      i++;
    } else if (!a.startsWith("-")) break;
  }
  if (drop.size === 0) return undefined;
  const keep = (_: unknown, i: number) => !drop.has(i);
  return {
    dir,
    inv: {
      ...inv,
      argv: inv.argv.filter(keep),
      dynamic: inv.dynamic.filter(keep),
      raw: inv.raw.filter(keep),
      ...(inv.substitutions ? { substitutions: inv.substitutions.filter(keep) } : {}),
    },
  };
}
