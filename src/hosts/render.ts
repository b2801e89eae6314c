// The hook answer, in the format of the event that asked. PermissionRequest (both hosts): one JSON
// line with `decision.behavior`. PreToolUse: Claude reads `permissionDecision` allow/deny/ask; Codex
// 0.169 honours only deny there, so an allow is left unsaid. Nothing at all for a fallthrough (the
// host then asks the human, or in Claude's auto mode lets its own classifier decide).
import type { Target, Verdict } from "../core/types.ts";

export function renderVerdict(verdict: Verdict, hookEventName: string, target: Target = "claude"): string | null {
  if (hookEventName === "PreToolUse") {
    // The circuit breaker hands the request to the human: in PreToolUse that is an explicit `ask`.
    const decision = verdict.kind === "circuit_breaker" && target === "claude" ? "ask" : verdict.decision;
    if (decision !== "allow" && decision !== "deny" && decision !== "ask") return null;
    if (target === "codex" && decision !== "deny") return null;
    const out: Record<string, string> = { hookEventName: "PreToolUse", permissionDecision: decision };
    if (decision === "ask") out.permissionDecisionReason = "ccgate: repeated denials; asking you instead";
    else if (verdict.message || verdict.reason) out.permissionDecisionReason = verdict.message || verdict.reason || "";
    return JSON.stringify({ hookSpecificOutput: out });
  }
  if (verdict.decision !== "allow" && verdict.decision !== "deny") return null;
  const decision: Record<string, string> = { behavior: verdict.decision };
  if (verdict.message) decision.message = verdict.message;
  return JSON.stringify({ hookSpecificOutput: { hookEventName: "PermissionRequest", decision } });
}
