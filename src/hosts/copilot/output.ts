// Copilot CLI 1.0.102 reads `permissionDecision` from preToolUse: deny blocks the call (the model
// reads "Denied by preToolUse hook: <reason>"), allow skips Copilot's own permission prompt (both
// verified end to end). A fallthrough prints nothing, leaving Copilot's permission flow in charge;
// the circuit breaker asks the human explicitly.
import type { Verdict } from "../../core/types.ts";
import { permissionDecisionFields } from "../render.ts";

export function renderCopilot(verdict: Verdict, _hookEventName: string): string | null {
  const decision = verdict.kind === "circuit_breaker" ? "ask" : verdict.decision;
  if (decision !== "allow" && decision !== "deny" && decision !== "ask") return null;
  // Copilot reads the fields at the top level, not under hookSpecificOutput.
  return JSON.stringify(permissionDecisionFields(decision, verdict));
}
