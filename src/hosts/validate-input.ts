// Validation of hook input at the process boundary. Hand-written rather than zod because it runs on
// every hook call, where zod's import alone would double the process start-up time (measured in
// bench/hook). Lenient like the hosts themselves: unknown fields are kept, optional ones may be
// absent or null; what we read must have the right type.

import type { Result } from "../util/result.ts";

type FieldType = "string" | "string?" | "array?" | "any";

export function checkFields(
  value: unknown,
  fields: Record<string, FieldType>,
  required: string[],
): Result<Record<string, unknown>> {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return {
      ok: false,
      error: `input: expected a JSON object, got ${Array.isArray(value) ? "an array" : value === null ? "null" : typeof value}`,
    };
  const obj = value as Record<string, unknown>;
  for (const name of required) {
    const v = obj[name];
    if (typeof v !== "string" || v.length === 0)
      return {
        ok: false,
        error: `${name}: expected a non-empty string, got ${v === undefined ? "nothing" : JSON.stringify(v)}`,
      };
  }
  for (const [name, type] of Object.entries(fields)) {
    const v = obj[name];
    if (v === undefined || v === null || type === "any") continue;
    if ((type === "string" || type === "string?") && typeof v !== "string")
      return { ok: false, error: `${name}: expected a string, got ${typeof v}` };
    if (type === "array?" && !Array.isArray(v))
      return { ok: false, error: `${name}: expected an array, got ${typeof v}` };
  }
  return { ok: true, value: obj };
}

export const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** `tool_input` as an object; anything else is `{}` (unknown keys kept, classified as a whole). */
export function inputObject(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** As inputObject, but a bare string is the shell command (Codex and Devin may send one). */
export function inputObjectOrCommand(v: unknown): Record<string, unknown> {
  return typeof v === "string" ? { command: v } : inputObject(v);
}

/** The hook events ccgate answers. A missing name is read as PermissionRequest (older hosts and
 * hand-written test input omit it); any other name is an input error, never a guess. */
export const HOOK_EVENTS = ["PermissionRequest", "PreToolUse"] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

export function checkEvent(value: unknown): Result<HookEvent> {
  if (value === undefined || value === null || value === "") return { ok: true, value: "PermissionRequest" };
  if (value === "PermissionRequest" || value === "PreToolUse") return { ok: true, value };
  return {
    ok: false,
    error: `hook_event_name: expected PermissionRequest or PreToolUse, got ${JSON.stringify(value)}`,
  };
}
