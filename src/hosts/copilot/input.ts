// GitHub Copilot CLI's preToolUse hook input, as @github/copilot 1.0.102 sends it: `sessionId`,
// `timestamp`, `cwd`, `toolName`, `toolArgs` (an object; the hooks reference describes it as a JSON
// string, which is read too). Lenient about the spelling: snake_case `session_id` / `tool_name` /
// `tool_input` are read the same way.
import type { ParsedInput } from "../types.ts";
import { checkFields, str } from "../validate-input.ts";

function argsObject(value: unknown): Record<string, unknown> | null {
  if (value === undefined || value === null || value === "") return {};
  if (typeof value === "string") {
    try {
      return argsObject(JSON.parse(value));
    } catch {
      return null;
    }
  }
  if (typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  return null;
}

export function parseCopilotInput(value: unknown): ParsedInput {
  const checked = checkFields(value, { cwd: "string?", toolName: "string?", tool_name: "string?" }, []);
  if (!checked.ok) return checked;
  const input = checked.value;
  const toolName = str(input.toolName) || str(input.tool_name);
  if (!toolName) return { ok: false, error: "toolName: expected a non-empty string, got nothing" };
  const args = argsObject(input.toolArgs ?? input.tool_input);
  if (args === null) return { ok: false, error: "toolArgs: expected a JSON object or a string holding one" };
  return {
    ok: true,
    request: {
      target: "copilot",
      hookEventName: "preToolUse",
      sessionId: str(input.sessionId) || str(input.session_id),
      toolName,
      toolInput: args,
      cwd: str(input.cwd),
      permissionMode: "",
      transcriptPath: null,
    },
  };
}
