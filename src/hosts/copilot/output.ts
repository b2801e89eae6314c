// Copilot CLI documents only `permissionDecision: "deny"` (with `permissionDecisionReason`) as
// processed from preToolUse, so that is all ccgate says; every other verdict prints nothing and
// Copilot's own permission prompt decides.
import type { Verdict } from "../../core/types.ts";

export function renderCopilot(verdict: Verdict, _hookEventName: string): string | null {
  if (verdict.decision !== "deny") return null;
  return JSON.stringify({
    permissionDecision: "deny",
    permissionDecisionReason: verdict.message || verdict.reason || "denied by ccgate",
  });
}
