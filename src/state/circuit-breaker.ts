// Denial circuit breaker, per agent session. An agent that keeps getting the classifier's "no" can
// get stuck in a loop of retries; after N consecutive classifier denials, or M in one session,
// ccgate stops denying on the classifier's word and hands the request to the human instead.
// Hard denies (fast path) never pass through here and are never softened.
// State: one small 0600 JSON file per session under <state>/sessions/, bounded by pruneOldest.
import { join } from "node:path";
import type { Verdict } from "../core/types.ts";
import { digestFields } from "../util/digest.ts";
import { pruneOldest, writePrivateFile } from "./private-files.ts";
import { readRegularFileSync } from "./safe-read.ts";

export const DEFAULT_MAX_CONSECUTIVE_DENIALS = 3;
export const DEFAULT_MAX_SESSION_DENIALS = 20;
const MAX_SESSIONS = 200;

interface SessionState {
  consecutive: number;
  total: number;
}

export interface BreakerLimits {
  consecutive: number;
  total: number;
}

function read(path: string): SessionState {
  try {
    const v = JSON.parse(readRegularFileSync(path, "utf8")) as Partial<SessionState>;
    return {
      consecutive: Number.isInteger(v.consecutive) ? (v.consecutive as number) : 0,
      total: Number.isInteger(v.total) ? (v.total as number) : 0,
    };
  } catch {
    return { consecutive: 0, total: 0 };
  }
}

/**
 * Apply the breaker to a verdict: a classifier deny (llm or cache) past the limits becomes a
 * fallthrough of kind `circuit_breaker`; a classifier allow resets the consecutive count.
 * Returns the verdict to answer with. State errors never block a decision (the deny stands).
 */
export function applyCircuitBreaker(
  verdict: Verdict,
  sessionId: string,
  stateDir: string,
  limits: BreakerLimits = { consecutive: DEFAULT_MAX_CONSECUTIVE_DENIALS, total: DEFAULT_MAX_SESSION_DENIALS },
): Verdict {
  const fromClassifier = verdict.source === "llm" || verdict.source === "cache";
  if (!sessionId || !fromClassifier || (verdict.decision !== "deny" && verdict.decision !== "allow")) return verdict;
  if (verdict.forced) return verdict; // fallthrough_strategy is the user's own choice, not the classifier's word
  const dir = join(stateDir, "sessions");
  const name = `${digestFields(["breaker", sessionId])}.json`;
  const state = read(join(dir, name));
  let out = verdict;
  if (verdict.decision === "allow") state.consecutive = 0;
  else if (state.consecutive >= limits.consecutive || state.total >= limits.total) {
    out = {
      ...verdict,
      decision: "fallthrough",
      kind: "circuit_breaker",
      reason: `circuit breaker: ${state.consecutive} consecutive / ${state.total} session classifier denials; asking the human (classifier said: ${verdict.reason ?? ""})`,
    };
    delete out.message;
  } else {
    state.consecutive += 1;
    state.total += 1;
  }
  try {
    writePrivateFile(dir, name, JSON.stringify(state));
    pruneOldest(dir, MAX_SESSIONS);
  } catch {
    // unwritable state dir: the verdict stands as decided
  }
  return out;
}
