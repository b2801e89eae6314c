// The hook answer. Claude Code and Codex CLI read the same envelope: exactly one JSON line for a
// decision, nothing at all for a fallthrough (the host then asks the human).
import type { Verdict } from "../core/types.ts";

export function renderVerdict(verdict: Verdict, hookEventName: string): string | null {
  if (verdict.decision !== "allow" && verdict.decision !== "deny") return null;
  const decision: Record<string, string> = { behavior: verdict.decision };
  if (verdict.message) decision.message = verdict.message;
  return JSON.stringify({ hookSpecificOutput: { hookEventName: hookEventName || "PermissionRequest", decision } });
}
