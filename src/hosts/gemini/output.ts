// Gemini CLI reads `decision` and `reason` from a hook's stdout (exit 0). A deny blocks the call and
// the model reads "Tool execution blocked: <reason>"; an allow changes nothing in 0.61 (its policy
// and confirmation still run), and saying nothing on a fallthrough leaves them in charge. The
// circuit breaker answers `ask`, which forces Gemini's confirmation even in YOLO mode.
import type { Verdict } from "../../core/types.ts";

export function renderGemini(verdict: Verdict, _hookEventName: string): string | null {
  if (verdict.kind === "circuit_breaker")
    return JSON.stringify({ decision: "ask", systemMessage: "ccgate: repeated denials; asking you instead" });
  if (verdict.decision === "deny")
    return JSON.stringify({ decision: "deny", reason: verdict.message || verdict.reason || "denied by ccgate" });
  if (verdict.decision === "allow") return JSON.stringify({ decision: "allow" });
  return null;
}
