// Other hosts' tools, seen by the fast path as the Claude Code tool that does the same thing, so one
// set of rules (hard deny, provable allow, in-repo reads, self-protection) covers every host. Only
// the names and argument keys are mapped; the classifier still sees what the host sent.
import type { DecisionRequest } from "../core/types.ts";

type Mapping = { tool: string; keys?: Record<string, string> };

const MAPPINGS: Record<string, Mapping> = {
  // Gemini CLI 0.61
  run_shell_command: { tool: "Bash" },
  read_file: { tool: "Read" },
  list_directory: { tool: "LS", keys: { dir_path: "path" } },
  glob: { tool: "Glob", keys: { dir_path: "path" } },
  grep_search: { tool: "Grep", keys: { dir_path: "path", include_pattern: "glob" } },
  write_file: { tool: "Write" },
  replace: { tool: "Edit" },
  // GitHub Copilot CLI
  view: { tool: "Read" },
  create: { tool: "Write" },
};

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** The request as the fast path reads it (the same object when the tool needs no mapping). */
export function fastPathView(request: DecisionRequest): DecisionRequest {
  const m = MAPPINGS[request.toolName];
  if (!m || (request.target !== "gemini" && request.target !== "copilot")) return request;
  const input: Record<string, unknown> = { ...request.toolInput };
  for (const [from, to] of Object.entries(m.keys ?? {}))
    if (from in input) {
      // a tool that names the same thing twice is not guessed at: the classifier decides
      if (to in input) return { ...request, toolName: `${request.toolName} (ambiguous)` };
      input[to] = input[from];
      delete input[from];
    }
  // Gemini runs a command in dir_path when given: analyse it as a cd there first.
  if (m.tool === "Bash" && input.dir_path !== undefined) {
    if (typeof input.dir_path !== "string" || typeof input.command !== "string")
      return { ...request, toolName: `${request.toolName} (unreadable dir_path)` };
    input.command = `cd ${quote(input.dir_path)} && ${input.command}`;
  }
  return { ...request, toolName: m.tool, toolInput: input };
}
