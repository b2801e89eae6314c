// The command `setup` writes into a host's settings, and how it recognises ccgate's own entries.
// The running binary by its absolute path, unless `ccgate` on PATH is that very file (then the short
// `ccgate <target>` keeps the settings readable and survives a reinstall to the same place).
import { realpathSync } from "node:fs";
import type { Target } from "../core/types.ts";

type Env = Record<string, string | undefined>;

function real(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/** A word the shell reads back as itself, quoted only when it must be. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

export function hookCommand(target: Target, execPath: string, env: Env): string {
  const onPath = Bun.which("ccgate", { PATH: env.PATH ?? "" });
  const self = real(execPath);
  if (onPath && self && real(onPath) === self) return `ccgate ${target}`;
  return `${shellWord(execPath)} ${target}`;
}

/** The words of a hook command as a POSIX shell would split a simple one (quotes, no expansion). */
function words(command: string): string[] {
  const out: string[] = [];
  for (const m of command.trim().matchAll(/'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g))
    out.push(m[1] ?? (m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] as string)));
  return out;
}

/** Is this hook command ccgate answering for `target` (`ccgate codex`, `/opt/bin/ccgate codex hook`, …)? */
export function isCcgateCommand(command: unknown, target: Target): boolean {
  if (typeof command !== "string") return false;
  const [bin, ...rest] = words(command);
  if (bin?.slice(bin.lastIndexOf("/") + 1) !== "ccgate") return false;
  if (rest.length === 0) return target === "claude"; // bare `ccgate` is the Claude hook
  return rest[0] === target && (rest.length === 1 || (rest.length === 2 && rest[1] === "hook"));
}
