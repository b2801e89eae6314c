// Devin CLI's hook input, built to its documented protocol (no Devin CLI runs here): `session_id`,
// `prompt_id`, `tool_use_id`, `hook_event_name`, `tool_name` (exec, read, write, edit, glob, grep,
// apply_patch, mcp__<server>__<tool>, exit_plan_mode, ask_user_question) and `tool_input`. Devin sends
// no `cwd`: the project is `DEVIN_PROJECT_DIR` (which Devin sets for every hook), else the hook's own
// working directory (the caller fills that in for an empty cwd). Lenient like the other hosts.
import type { Env } from "../../util/env.ts";
import type { ParsedInput } from "../types.ts";
import { checkEvent, checkFields, inputObjectOrCommand, str } from "../validate-input.ts";

/** The project directory: a `cwd` Devin may send one day, else `DEVIN_PROJECT_DIR`; absolute paths only. */
function projectDir(sent: string, env: Env): string {
  if (sent.startsWith("/")) return sent;
  const dir = env.DEVIN_PROJECT_DIR?.trim() ?? "";
  return dir.startsWith("/") || /^[A-Za-z]:[\\/]/.test(dir) ? dir : "";
}

export function parseDevinInput(value: unknown, env: Env): ParsedInput {
  const checked = checkFields(
    value,
    {
      session_id: "string?",
      prompt_id: "string?",
      tool_use_id: "string?",
      transcript_path: "string?",
      cwd: "string?",
      hook_event_name: "string?",
      tool_name: "string",
      tool_input: "any",
    },
    ["tool_name"],
  );
  if (!checked.ok) return checked;
  const input = checked.value;
  const event = checkEvent(input.hook_event_name);
  if (!event.ok) return event;
  return {
    ok: true,
    request: {
      target: "devin",
      hookEventName: event.value,
      sessionId: str(input.session_id),
      toolName: str(input.tool_name),
      toolInput: inputObjectOrCommand(input.tool_input),
      cwd: projectDir(str(input.cwd), env),
      permissionMode: "",
      transcriptPath: str(input.transcript_path) || null,
    },
  };
}
