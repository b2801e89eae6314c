// Codex 0.169 honours only deny from PreToolUse, so there an allow is left unsaid.
import type { Verdict } from "../../core/types.ts";
import { permissionRequestAnswer, preToolUseAnswer } from "../render.ts";

export function renderCodex(verdict: Verdict, hookEventName: string): string | null {
  if (hookEventName !== "PreToolUse") return permissionRequestAnswer(verdict);
  return verdict.decision === "deny" ? preToolUseAnswer("deny", verdict) : null;
}
