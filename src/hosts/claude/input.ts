// Claude Code's PermissionRequest hook input (observed with Claude Code 2.1.328; see
// shared/reference/claude-code-hooks.md §2.4). Lenient: unknown fields are kept and optional ones
// (`permission_suggestions`, `prompt_id`, `effort`, `transcript_path`) may be absent or null.
import type { ParsedInput } from "../types.ts";
import { checkEvent, checkFields, inputObject, str } from "../validate-input.ts";

export function parseClaudeInput(value: unknown): ParsedInput {
  const checked = checkFields(
    value,
    {
      session_id: "string?",
      transcript_path: "string?",
      cwd: "string?",
      hook_event_name: "string?",
      permission_mode: "string?",
      tool_name: "string",
      tool_input: "any",
      permission_suggestions: "array?",
      prompt_id: "string?",
      effort: "any",
    },
    ["tool_name"],
  );
  if (!checked.ok) return checked;
  const input = checked.value;
  const event = checkEvent(input.hook_event_name);
  if (!event.ok) return event;
  const toolInput = inputObject(input.tool_input);
  const suggestions = input.permission_suggestions as unknown[] | null | undefined;
  return {
    ok: true,
    request: {
      target: "claude",
      hookEventName: event.value,
      sessionId: str(input.session_id),
      toolName: str(input.tool_name),
      toolInput,
      cwd: str(input.cwd),
      permissionMode: str(input.permission_mode),
      transcriptPath: str(input.transcript_path) || null,
      ...(suggestions?.length ? { permissionSuggestions: suggestions } : {}),
    },
  };
}
