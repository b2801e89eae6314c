// Parse a model's answer into a ClassifierOutput. Structured output should give bare JSON; we still
// accept code fences and surrounding prose, and reject anything that does not validate.
import { z } from "zod";
import type { ClassifierOutput } from "../core/types.ts";

const answerSchema = z.object({
  reason: z.string().default(""),
  behavior: z.string(),
  deny_message: z.string().default(""),
});

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

export function parseAnswer(text: string): ParsedAnswer {
  for (const candidate of candidates(text)) {
    let value: unknown;
    try {
      value = JSON.parse(candidate);
    } catch {
      continue;
    }
    const parsed = answerSchema.safeParse(value);
    if (parsed.success) return { ok: true, output: { reason: parsed.data.reason.trim(), behavior: parsed.data.behavior.trim().toLowerCase(), deny_message: parsed.data.deny_message.trim() } };
  }
  return { ok: false, error: `the classifier's answer is not the expected JSON (${text.length} chars)` };
}
