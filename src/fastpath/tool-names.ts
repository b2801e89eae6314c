// Other hosts' tools, seen by the fast path as the Claude Code tool that does the same thing, so one
// set of rules (hard deny, provable allow, in-repo reads, self-protection) covers every host. Only
// the names and argument keys are mapped; the classifier still sees what the host sent.
import type { DecisionRequest, Target } from "../core/types.ts";

type Mapping = {
  tool: string;
  /** Argument keys renamed to the Claude tool's. */
  keys?: Record<string, string>;
  /** The only argument keys allowed for a local decision (a host with no documented schema: an unknown
   * key may name a path); with any other key the tool keeps its own name and goes to the classifier. */
  only?: string[];
};

const MAPPINGS: Partial<Record<Target, Record<string, Mapping>>> = {
  gemini: {
    // Gemini CLI 0.61
    run_shell_command: { tool: "Bash" },
    read_file: { tool: "Read" },
    list_directory: { tool: "LS", keys: { dir_path: "path" } },
    glob: { tool: "Glob", keys: { dir_path: "path" } },
    grep_search: { tool: "Grep", keys: { dir_path: "path", include_pattern: "glob" } },
    write_file: { tool: "Write" },
    replace: { tool: "Edit" },
  },
  copilot: {
    view: { tool: "Read" },
    create: { tool: "Write" },
  },
  devin: {
    exec: { tool: "Bash" },
    read: { tool: "Read", only: ["file_path", "path", "offset", "limit"] },
    glob: { tool: "Glob", only: ["pattern", "path"] },
    grep: { tool: "Grep", only: ["pattern", "path", "glob", "output_mode", "case_insensitive", "head_limit"] },
    write: { tool: "Write" },
    edit: { tool: "Edit" },
  },
};

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** The request as the fast path reads it (the same object when the tool needs no mapping). */
export function fastPathView(request: DecisionRequest): DecisionRequest {
  const m = MAPPINGS[request.target]?.[request.toolName];
  if (!m) return request;
  if (m.only && Object.keys(request.toolInput).some((k) => !m.only?.includes(k))) return request;
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
