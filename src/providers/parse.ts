// Parse a model's answer into a ClassifierOutput. The answer must be exactly the schema: one JSON
// object (whitespace around it allowed), `behavior` one of the lower-case enum values, no prose, no
// code fence, no trailing text, no unknown fields. Anything else is not an answer and falls through.
// The text is capped before parsing so a huge answer costs nothing.
import type { ClassifierOutput } from "../core/types.ts";

export type ParsedAnswer = { ok: true; output: ClassifierOutput } | { ok: false; error: string };

export const MAX_ANSWER_CHARS = 64 * 1024;
const BEHAVIORS = new Set(["allow", "deny", "fallthrough"]);
const FIELDS = new Set(["reason", "behavior", "deny_message"]);

function asAnswer(value: unknown): ClassifierOutput | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  for (const k of Object.keys(v)) if (!FIELDS.has(k)) return null;
  if (typeof v.behavior !== "string" || !BEHAVIORS.has(v.behavior)) return null;
  if (v.reason !== undefined && typeof v.reason !== "string") return null;
  if (v.deny_message !== undefined && v.deny_message !== null && typeof v.deny_message !== "string") return null;
  return {
    reason: String(v.reason ?? "").trim(),
    behavior: v.behavior,
    deny_message: String(v.deny_message ?? "").trim(),
  };
}

export function parseAnswer(text: string): ParsedAnswer {
  const bad = { ok: false as const, error: `the classifier's answer is not the expected JSON (${text.length} chars)` };
  if (text.length > MAX_ANSWER_CHARS) return bad;
  const t = text.trim();
  if (!t.startsWith("{") || !t.endsWith("}")) return bad;
  try {
    const answer = asAnswer(JSON.parse(t));
    return answer ? { ok: true, output: answer } : bad;
  } catch {
    return bad;
  }
}
