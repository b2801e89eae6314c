// Claude Code's PermissionRequest hook input (observed with Claude Code 2.1.328; see
// shared/reference/claude-code-hooks.md §2.4). Parsed leniently: unknown fields are kept and
// optional ones (`permission_suggestions`, `prompt_id`, `effort`) may be absent.
import { z } from "zod";
import type { DecisionRequest } from "../../core/types.ts";

export const claudeHookInputSchema = z
  .object({
    session_id: z.string().optional().default(""),
    transcript_path: z.string().nullish(),
    cwd: z.string().optional().default(""),
    hook_event_name: z.string().optional().default(""),
    permission_mode: z.string().nullish(),
    tool_name: z.string().min(1, "tool_name is missing"),
    tool_input: z.unknown().optional(),
    permission_suggestions: z.array(z.unknown()).nullish(),
    prompt_id: z.string().nullish(),
    effort: z.unknown().optional(),
  })
  .passthrough();

export type ParsedInput = { ok: true; request: DecisionRequest } | { ok: false; error: string };

export function parseClaudeInput(value: unknown): ParsedInput {
  const parsed = claudeHookInputSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: issue ? `${issue.path.join(".") || "input"}: ${issue.message}` : "invalid input" };
  }
  const input = parsed.data;
  const toolInput = input.tool_input && typeof input.tool_input === "object" && !Array.isArray(input.tool_input) ? (input.tool_input as Record<string, unknown>) : {};
  return {
    ok: true,
    request: {
      target: "claude",
      hookEventName: input.hook_event_name,
      sessionId: input.session_id,
      toolName: input.tool_name,
      toolInput,
      cwd: input.cwd,
      permissionMode: input.permission_mode ?? "",
      transcriptPath: input.transcript_path || null,
      ...(input.permission_suggestions?.length ? { permissionSuggestions: input.permission_suggestions } : {}),
    },
  };
}
