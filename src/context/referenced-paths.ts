// Paths a request touches, resolved to absolute form, for the classifier's context.
import { isAbsolute, resolve } from "node:path";
import type { DecisionRequest } from "../core/types.ts";
import { shellCommandOf } from "../fastpath/decide.ts";
import { analyzeStructure, DYNAMIC, type Structure } from "../fastpath/invocations.ts";
import { fastPathView } from "../fastpath/tool-names.ts";

const FILE_KEYS = ["file_path", "path", "notebook_path"];

function looksLikePath(arg: string): boolean {
  return arg === "." || arg === ".." || /^(\/|\.\/|\.\.\/|~\/)/.test(arg);
}

/** `parsed`: the command as the fast path already parsed it (parsed here only when it did not run). */
export function referencedPaths(original: DecisionRequest, home: string, parsed: Structure | null = null): string[] {
  const request = fastPathView(original);
  const cwd = request.cwd;
  const out: string[] = [];
  const add = (p: string) => {
    if (!p || p.includes(DYNAMIC)) return;
    const expanded = p === "~" ? home : p.startsWith("~/") ? home + p.slice(1) : p;
    const abs = isAbsolute(expanded) ? resolve(expanded) : cwd ? resolve(cwd, expanded) : expanded;
    if (!out.includes(abs)) out.push(abs);
  };
  for (const key of FILE_KEYS) {
    const v = request.toolInput[key];
    if (typeof v === "string") add(v);
  }
  if (request.toolName === "Glob" && typeof request.toolInput.pattern === "string") add(request.toolInput.pattern);
  const command = shellCommandOf(request);
  if (command !== null) {
    for (const inv of (parsed ?? analyzeStructure(command)).invocations) {
      for (let i = 1; i < inv.argv.length; i++) {
        const a = inv.argv[i] as string;
        const value = a.startsWith("-") && a.includes("=") ? a.slice(a.indexOf("=") + 1) : a;
        if (looksLikePath(value)) add(value);
        if (a === "-C" && inv.argv[0] === "git" && inv.argv[i + 1]) add(inv.argv[i + 1] as string);
      }
      for (const r of inv.redirects) if (looksLikePath(r.target.raw)) add(r.target.raw);
    }
  }
  return out.slice(0, 50);
}
