// The fast path for one hook request: hard deny and provable allow for shell commands, local
// allow for read-only file tools inside the repository. Anything else returns `llm`.
import { isAbsolute, resolve } from "node:path";
import type { DecisionRequest } from "../core/types.ts";
import { analyzeCommand, type CommandAnalysis, isSensitivePath, type UserRule } from "./analyze.ts";
import { isInside, type PathFacts } from "./facts.ts";

export interface FastPathSettings {
  enabled: boolean;
  /** User hard-deny patterns (global and project layers; a project can only add). */
  hardDeny: UserRule[];
}

export interface FastPathResult {
  verdict: "allow" | "deny" | "llm";
  /** Rule id (`read-only`, `file-tool-in-repo`, `download-exec`, …). */
  rule?: string;
  /** Message for the agent when denying. */
  message?: string;
  /** One line for logs, metrics and `explain`. */
  reason: string;
  /** Shell analysis, for commands. */
  analysis?: CommandAnalysis;
}

const SHELL_TOOLS = new Set(["Bash", "bash", "shell", "exec_command", "local_shell", "unified_exec"]);
const READ_TOOLS = new Set(["Read", "Glob", "Grep", "LS", "NotebookRead"]);

/** The shell command of a request, or null when the tool is not a shell. */
export function shellCommandOf(request: DecisionRequest): string | null {
  if (!SHELL_TOOLS.has(request.toolName)) return null;
  const command = request.toolInput.command;
  if (typeof command === "string") return command;
  if (Array.isArray(command) && command.every((c) => typeof c === "string")) {
    const argv = command as string[];
    // ["bash", "-lc", "<script>"] is how Codex wraps commands; analyse the script itself.
    if (argv.length === 3 && /(^|\/)(ba|z|da)?sh$/.test(argv[0] as string) && /^-[a-z]*c$/.test(argv[1] as string))
      return argv[2] as string;
    return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`)).join(" ");
  }
  return null;
}

function fileToolPaths(request: DecisionRequest, cwd: string): string[] | null {
  const input = request.toolInput;
  const paths: string[] = [];
  for (const key of ["file_path", "path", "notebook_path"]) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== "string") return null;
    paths.push(value);
  }
  if (request.toolName === "Glob" && typeof input.pattern === "string") {
    const pattern = input.pattern;
    if (isAbsolute(pattern) || pattern.split("/").includes("..") || pattern.startsWith("~")) return null;
  }
  if (paths.length === 0) paths.push(cwd);
  return paths.map((p) => (p.startsWith("~") ? "~" : resolve(cwd, p)));
}

/** Commands longer than this are not analysed by the fast path. */
export const MAX_ANALYZED_COMMAND = 64 * 1024;

export function fastPathDecide(request: DecisionRequest, facts: PathFacts, settings: FastPathSettings): FastPathResult {
  if (!settings.enabled) return { verdict: "llm", reason: "fast path disabled" };
  const command = shellCommandOf(request);
  // Past this size a command is never analysed, so it can be neither proven harmless nor cleared of a
  // hard-deny pattern hidden past any cut; a classifier shown a truncated view could still allow it.
  // Denying it outright is the only outcome that never allows what nobody read.
  if (command !== null && command.length > MAX_ANALYZED_COMMAND) {
    const reason = `command is ${command.length} characters, longer than the ${MAX_ANALYZED_COMMAND} ccgate analyses`;
    return {
      verdict: "deny",
      rule: "oversized-command",
      message: `${reason}; split it or write a script file`,
      reason,
    };
  }
  if (command !== null) {
    const analysis = analyzeCommand(command, facts, settings.hardDeny);
    if (analysis.verdict === "deny")
      return { verdict: "deny", rule: analysis.rule, message: analysis.message, reason: analysis.reason, analysis };
    if (analysis.verdict === "allow") return { verdict: "allow", rule: "read-only", reason: analysis.reason, analysis };
    return { verdict: "llm", reason: analysis.reason, analysis };
  }
  if (READ_TOOLS.has(request.toolName)) {
    const paths = fileToolPaths(request, facts.cwd);
    if (!paths) return { verdict: "llm", reason: `${request.toolName} — path or pattern leaves the repository` };
    for (const path of paths) {
      if (path === "~" || !isInside(path, facts.boundary))
        return { verdict: "llm", reason: `${request.toolName} — ${path} is outside the repository` };
      if (isSensitivePath(path)) return { verdict: "llm", reason: `${request.toolName} — ${path} may hold secrets` };
    }
    return { verdict: "allow", rule: "file-tool-in-repo", reason: `${request.toolName} inside the repository` };
  }
  return { verdict: "llm", reason: `${request.toolName} is decided by the rules` };
}
