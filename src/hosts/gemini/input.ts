// Gemini CLI's BeforeTool hook input (read from @google/gemini-cli 0.61.0, hookEventHandler.ts):
// session_id, transcript_path, cwd, hook_event_name, timestamp, tool_name, tool_input, and for MCP
// tools mcp_context. BeforeTool is Gemini's only hook before a tool runs, so ccgate decides there
// in full; the event name is kept as "BeforeTool" (core's PreToolUse scoping does not apply).
import type { ParsedInput } from "../types.ts";
import { checkFields, inputObject, str } from "../validate-input.ts";

export function parseGeminiInput(value: unknown): ParsedInput {
  const checked = checkFields(
    value,
    {
      session_id: "string?",
      transcript_path: "string?",
      cwd: "string?",
      hook_event_name: "string?",
      timestamp: "string?",
      tool_name: "string",
      tool_input: "any",
      original_request_name: "string?",
    },
    ["tool_name"],
  );
  if (!checked.ok) return checked;
  const input = checked.value;
  const event = input.hook_event_name;
  if (event !== undefined && event !== null && event !== "" && event !== "BeforeTool")
    return { ok: false, error: `hook_event_name: expected BeforeTool, got ${JSON.stringify(event)}` };
  const toolInput = inputObject(input.tool_input);
  return {
    ok: true,
    request: {
      target: "gemini",
      hookEventName: "BeforeTool",
      sessionId: str(input.session_id),
      toolName: str(input.tool_name),
      toolInput,
      cwd: str(input.cwd),
      permissionMode: "",
      // Gemini's transcript is its own JSONL format, not Claude's: never excerpted.
      transcriptPath: null,
    },
  };
}
