// Devin reads a flat object: `{"decision":"approve"}` or `{"decision":"block","reason":"…"}`; nothing
// printed leaves the request to Devin's own prompt. In PreToolUse only a block is said: an approve
// there would skip the permission prompt for a request that only the hard-deny rules looked at.
import type { Verdict } from "../../core/types.ts";

function answer(decision: "approve" | "block", verdict: Verdict): string {
  const out: Record<string, string> = { decision };
  if (verdict.message) out.reason = verdict.message;
  return JSON.stringify(out);
}

export function renderDevin(verdict: Verdict, hookEventName: string): string | null {
  if (verdict.decision === "deny") return answer("block", verdict);
  if (verdict.decision === "allow" && hookEventName !== "PreToolUse") return answer("approve", verdict);
  return null;
}
