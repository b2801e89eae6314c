// Codex CLI's PermissionRequest hook input (verified with Codex 0.169.0; see
// shared/reference/codex-app-server.md §9). Parsed leniently: unknown fields are kept, so a newer
// Codex that adds fields still gets a decision; `tool_input` is classified as a whole because
// Codex's hook surfaces (shell, network, apply_patch, MCP tools) grow between releases.
import { z } from "zod";
import type { DecisionRequest } from "../../core/types.ts";

export const codexHookInputSchema = z
  .object({
    session_id: z.string().optional().default(""),
    turn_id: z.string().nullish(),
    transcript_path: z.string().nullish(),
    cwd: z.string().optional().default(""),
    hook_event_name: z.string().optional().default(""),
    model: z.string().nullish(),
    permission_mode: z.string().nullish(),
    tool_name: z.string().min(1, "tool_name is missing"),
    tool_input: z.unknown().optional(),
  })
  .passthrough();

export type CodexHookInput = z.infer<typeof codexHookInputSchema>;

export type ParsedInput = { ok: true; request: DecisionRequest } | { ok: false; error: string };

function asObject(value: unknown): Record<string, unknown> {
  if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  if (typeof value === "string") return { command: value };
  return {};
}

export function parseCodexInput(value: unknown): ParsedInput {
  const parsed = codexHookInputSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: issue ? `${issue.path.join(".") || "input"}: ${issue.message}` : "invalid input" };
  }
  const input = parsed.data;
  return {
    ok: true,
    request: {
      target: "codex",
      hookEventName: input.hook_event_name,
      sessionId: input.session_id,
      toolName: input.tool_name,
      toolInput: asObject(input.tool_input),
      cwd: input.cwd,
      permissionMode: input.permission_mode ?? "",
      transcriptPath: input.transcript_path ?? null,
      ...(input.turn_id ? { turnId: input.turn_id } : {}),
      ...(input.model ? { agentModel: input.model } : {}),
    },
  };
}
