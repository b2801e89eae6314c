// Parse a model's answer into a ClassifierOutput. Structured output should give bare JSON; we still
// accept code fences and surrounding prose, and reject anything that does not have the fields with
// the right types. (Checked by hand: this runs on every LLM decision, see bench/hook.)
import type { ClassifierOutput } from "../core/types.ts";

export type ParsedAnswer = { ok: true; output: ClassifierOutput } | { ok: false; error: string };

function candidates(text: string): string[] {
  const out = [text.trim()];
  const fence = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  if (fence?.[1]) out.push(fence[1].trim());
  const first = text.indexOf("{");
  const last = text.lastIndexOf("}");
  if (first !== -1 && last > first) out.push(text.slice(first, last + 1));
  return out;
}

function asAnswer(value: unknown): ClassifierOutput | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.behavior !== "string") return null;
  if (v.reason !== undefined && typeof v.reason !== "string") return null;
  if (v.deny_message !== undefined && v.deny_message !== null && typeof v.deny_message !== "string") return null;
  return {
    reason: String(v.reason ?? "").trim(),
    behavior: v.behavior.trim().toLowerCase(),
    deny_message: String(v.deny_message ?? "").trim(),
  };
}

export function parseAnswer(text: string): ParsedAnswer {
  for (const candidate of candidates(text)) {
    try {
      const answer = asAnswer(JSON.parse(candidate));
      if (answer) return { ok: true, output: answer };
    } catch {
      // try the next candidate
    }
  }
  return { ok: false, error: `the classifier's answer is not the expected JSON (${text.length} chars)` };
}
