// The fast path for one hook request: hard deny and provable allow for shell commands, local
// allow for read-only file tools inside the repository. Anything else returns `llm`.
import { isAbsolute, resolve } from "node:path";
import type { DecisionRequest } from "../core/types.ts";
import { analyzeCommand, type CommandAnalysis, isSensitivePath, type UserRule } from "./analyze.ts";
import type { PathFacts } from "./facts.ts";
import { analyzeStructure } from "./invocations.ts";
import { isInsideDir, physicalPath, realBoundary, unsafeBoundary, walkProblem } from "./real-path.ts";
import { commandFinding, fileToolFinding, type ProtectedSet } from "./self-protect.ts";
import { fastPathView } from "./tool-names.ts";

export interface FastPathSettings {
  enabled: boolean;
  /** User hard-deny patterns (global and project layers; a project can only add). */
  hardDeny: UserRule[];
  /** What the gate protects of itself (self-protect.ts); null when the user turned it off. */
  selfProtect?: ProtectedSet | null;
  /** Built-in hard-deny rule ids switched off (`fast_path.disable`). */
  disable?: readonly string[];
  /** false: nothing is allowed locally (`fast_path.read_only_allow`); denies still apply. */
  readOnlyAllow?: boolean;
  /** Only a deny is wanted (PreToolUse outside auto mode): no allow is proved, so no file is read for one. */
  denyOnly?: boolean;
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

/** Why a file tool's paths and patterns are not provably inside the repository (null when they are). */
function fileToolProblem(request: DecisionRequest, facts: PathFacts): string | null {
  const input = request.toolInput;
  const cwd = facts.cwd;
  const edge = realBoundary(facts.boundary);
  if (unsafeBoundary(facts.boundary, facts.home)) return "no repository: the edge would be / or the home dir";
  const paths: string[] = [];
  for (const key of ["file_path", "path", "notebook_path"]) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== "string") return `${key} is not a string`;
    paths.push(value);
  }
  // Glob's pattern and Grep's glob select files below the searched path: no absolute, `~` or `..`,
  // no dot-file or secret-matching wildcard, no braces (ripgrep expands them).
  for (const key of request.toolName === "Glob" ? ["pattern"] : request.toolName === "Grep" ? ["glob"] : []) {
    const pattern = input[key];
    if (pattern === undefined) continue;
    if (typeof pattern !== "string") return `${key} is not a string`;
    if (isAbsolute(pattern) || pattern.startsWith("~") || pattern.split("/").includes("..") || /[{}]/.test(pattern))
      return `${key} ${pattern} can leave the repository`;
    if (
      pattern.split("/").some((c) => c.startsWith(".") && c !== "." && c !== "..") ||
      (/(^|\/)[*?[]/.test(pattern) === false && isSensitivePath(pattern))
    )
      return `${key} ${pattern} names dot-files or secrets`;
  }
  if (paths.length === 0) paths.push(cwd);
  for (const p of paths) {
    if (p.startsWith("~")) return `${p} is outside the repository`;
    const abs = resolve(cwd, p);
    if (isSensitivePath(abs)) return `${abs} may hold secrets`;
    const real = physicalPath(abs, "/");
    if (real === null || !isInsideDir(real, edge)) return `${abs} is outside the repository`;
    if (isSensitivePath(real)) return `${abs} resolves to a file that may hold secrets`;
  }
  // Grep reads every file below (ripgrep underneath: symlinks below are not followed, but a
  // committed secret name is read): the same walk as for `grep -r`. Glob and LS print names only.
  if (request.toolName === "Grep") {
    for (const p of paths) {
      const problem = walkProblem(physicalPath(resolve(cwd, p), "/") as string, edge, isSensitivePath, false);
      if (problem) return problem;
    }
  }
  return null;
}

/** Commands longer than this are not analysed by the fast path. */
const MAX_ANALYZED_COMMAND = 64 * 1024;

export function fastPathDecide(
  original: DecisionRequest,
  facts: PathFacts,
  settings: FastPathSettings,
): FastPathResult {
  // Other hosts' tools under the Claude tool names they are analysed like (tool-names.ts); a read tool
  // with keys the fast path cannot judge keeps its own name, so it is not a read tool here.
  const request = fastPathView(original);
  const command = shellCommandOf(request);
  // Past this size a command is never analysed, so it can be neither proven harmless nor cleared of a
  // hard-deny pattern hidden past any cut; a classifier shown a truncated view could still allow it.
  // Denying it outright (even with the fast path off) is the only outcome that never allows what
  // nobody read.
  if (command !== null && command.length > MAX_ANALYZED_COMMAND) {
    const reason = `command is ${command.length} characters, longer than the ${MAX_ANALYZED_COMMAND} ccgate analyses`;
    return {
      verdict: "deny",
      rule: "oversized-command",
      message: `${reason}; split it or write a script file`,
      reason,
    };
  }
  const guard = settings.selfProtect ?? null;
  // self-protection holds even with the rest of the fast path switched off
  if (guard && (command === null || !settings.enabled)) {
    const f =
      command === null
        ? fileToolFinding(request.toolName, request.toolInput, facts.cwd, guard)
        : commandFinding(analyzeStructure(command), command, facts.cwd, guard);
    if (f) return { verdict: "deny", rule: f.rule, message: f.message, reason: f.detail };
  }
  if (!settings.enabled) return { verdict: "llm", reason: "fast path disabled" };
  if (command !== null) {
    const analysis = analyzeCommand(command, facts, settings.hardDeny, guard, settings.disable, settings.denyOnly);
    if (analysis.verdict === "deny")
      return { verdict: "deny", rule: analysis.rule, message: analysis.message, reason: analysis.reason, analysis };
    if (analysis.verdict === "allow" && settings.readOnlyAllow !== false)
      return { verdict: "allow", rule: "read-only", reason: analysis.reason, analysis };
    if (analysis.verdict === "allow")
      return { verdict: "llm", reason: "read-only, but fast_path.read_only_allow is off", analysis };
    return { verdict: "llm", reason: analysis.reason, analysis };
  }
  if (READ_TOOLS.has(request.toolName) && settings.readOnlyAllow !== false) {
    const problem = fileToolProblem(request, facts);
    if (problem) return { verdict: "llm", reason: `${request.toolName} — ${problem}` };
    return { verdict: "allow", rule: "file-tool-in-repo", reason: `${request.toolName} inside the repository` };
  }
  return { verdict: "llm", reason: `${request.toolName} is decided by the rules` };
}
