// Claude Code reads allow, deny and ask from PreToolUse. The circuit breaker hands the request to the
// human: in PreToolUse that is an explicit `ask` (in PermissionRequest, saying nothing asks).
import type { Verdict } from "../../core/types.ts";
import { permissionRequestAnswer, preToolUseAnswer } from "../render.ts";

export function renderClaude(verdict: Verdict, hookEventName: string): string | null {
  if (hookEventName !== "PreToolUse") return permissionRequestAnswer(verdict);
  const decision = verdict.kind === "circuit_breaker" ? "ask" : verdict.decision;
  return decision === "allow" || decision === "deny" || decision === "ask" ? preToolUseAnswer(decision, verdict) : null;
}
