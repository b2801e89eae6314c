// Codex CLI's PermissionRequest hook input (verified with Codex 0.169.0; see
// shared/reference/codex-app-server.md §9). Lenient: unknown fields are kept, so a newer Codex that
// adds fields still gets a decision; `tool_input` is classified as a whole because Codex's hook
// surfaces (shell, network, apply_patch, MCP tools) grow between releases.
import type { ParsedInput } from "../types.ts";
import { checkEvent, checkFields, inputObjectOrCommand, str } from "../validate-input.ts";

export function parseCodexInput(value: unknown): ParsedInput {
  const checked = checkFields(
    value,
    {
      session_id: "string?",
      turn_id: "string?",
      transcript_path: "string?",
      cwd: "string?",
      hook_event_name: "string?",
      model: "string?",
      permission_mode: "string?",
      tool_name: "string",
      tool_input: "any",
    },
    ["tool_name"],
  );
  if (!checked.ok) return checked;
  const input = checked.value;
  const event = checkEvent(input.hook_event_name);
  if (!event.ok) return event;
  const turnId = str(input.turn_id);
  const model = str(input.model);
  return {
    ok: true,
    request: {
      target: "codex",
      hookEventName: event.value,
      sessionId: str(input.session_id),
      toolName: str(input.tool_name),
      toolInput: inputObjectOrCommand(input.tool_input),
      cwd: str(input.cwd),
      permissionMode: str(input.permission_mode),
      transcriptPath: str(input.transcript_path) || null,
      ...(turnId ? { turnId } : {}),
      ...(model ? { agentModel: model } : {}),
    },
  };
}
