// The two answer shapes Claude Code and Codex share: `hookSpecificOutput` for PermissionRequest
// (`decision.behavior`) and for PreToolUse (`permissionDecision`). Each host's `output.ts` decides
// which verdicts it answers at all; nothing is printed for a fallthrough (the host then asks the
// human, or in Claude's auto mode lets its own classifier decide).
import type { Verdict } from "../core/types.ts";

export function permissionRequestAnswer(verdict: Verdict): string | null {
  if (verdict.decision !== "allow" && verdict.decision !== "deny") return null;
  const decision: Record<string, string> = { behavior: verdict.decision };
  if (verdict.message) decision.message = verdict.message;
  return JSON.stringify({ hookSpecificOutput: { hookEventName: "PermissionRequest", decision } });
}

/** `permissionDecision` with its reason (Copilot reads these at the top level). */
export function permissionDecisionFields(decision: "allow" | "deny" | "ask", verdict: Verdict): Record<string, string> {
  const out: Record<string, string> = { permissionDecision: decision };
  if (decision === "ask") out.permissionDecisionReason = "ccgate: repeated denials; asking you instead";
  else if (verdict.message || verdict.reason) out.permissionDecisionReason = verdict.message || verdict.reason || "";
  return out;
}

export function preToolUseAnswer(decision: "allow" | "deny" | "ask", verdict: Verdict): string {
  return JSON.stringify({
    hookSpecificOutput: { hookEventName: "PreToolUse", ...permissionDecisionFields(decision, verdict) },
  });
}
