// For files whose absence is an answer (no settings file = no hooks registered): their text, or "".
// Not for attacker-controlled paths on the hook path; those go through state/safe-read.ts.
import { readFileSync } from "node:fs";

export function readTextOrEmpty(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}
