// Why: eval must judge each row exactly as the hook would (fast path, the user's rules, the configured
// provider) yet stay bounded: a fixed number of rows in flight, no decision cache, and a cost guard
// that refuses classifier calls past --max-calls and then stops starting rows.
import { join } from "node:path";
import { buildDeps } from "../app/deps.ts";
import type { Config } from "../config/schema.ts";
import { gitFacts } from "../context/git.ts";
import { decide } from "../core/decide.ts";
import type { GitFacts } from "../core/ports.ts";
import type { DecisionRequest, Target, Verdict } from "../core/types.ts";
import { nullLogger } from "../state/log.ts";
import { bindRepo, type EvalRow } from "./corpus.ts";

export type Actual = "allow" | "deny" | "fallthrough";

export interface RowOutcome {
  row: EvalRow;
  actual: Actual;
  verdict: Verdict;
  /** The classifier was called for this row. */
  llm: boolean;
}

export interface RunOptions {
  target: Target;
  config: Config;
  repo: string;
  concurrency: number;
  /** Classifier calls allowed in the whole run (Infinity = no limit). */
  maxCalls: number;
  env: Record<string, string | undefined>;
  onProgress?: (done: number, total: number) => void;
}

export interface RunResult {
  outcomes: RowOutcome[];
  /** Rows not decided because the cost guard stopped the run. */
  skipped: number;
  stopped: "max_calls" | null;
}

/** How the hook's answer looks to the agent: an error leaves the request to the host, like a fallthrough. */
function actualOf(v: Verdict): Actual {
  return v.decision === "allow" || v.decision === "deny" ? v.decision : "fallthrough";
}

export async function runCorpus(rows: EvalRow[], o: RunOptions): Promise<RunResult> {
  const outcomes: Array<RowOutcome | null> = rows.map(() => null);
  const gits = new Map<string, GitFacts | null>();
  const config: Config = { ...o.config, cache: { ...o.config.cache, enabled: false } };
  let calls = 0;
  let stopped: RunResult["stopped"] = null;
  let next = 0;
  let done = 0;

  const one = async (row: EvalRow): Promise<RowOutcome | null> => {
    const cwd = row.cwd ? join(o.repo, row.cwd) : o.repo;
    if (!gits.has(cwd)) gits.set(cwd, gitFacts(cwd, o.env));
    const git = gits.get(cwd) ?? null;
    const request: DecisionRequest = {
      target: o.target,
      hookEventName: "PermissionRequest",
      sessionId: "ccgate-eval",
      toolName: row.toolName,
      toolInput: bindRepo(row.toolInput, o.repo),
      cwd,
      permissionMode: row.mode,
      transcriptPath: null,
    };
    const pipeline = buildDeps(o.target, request, config, git, o.env, nullLogger, { cache: false });
    let called = false;
    let refused = false;
    const deps = {
      ...pipeline.deps,
      cache: undefined,
      resolveProvider: async () => {
        if (calls >= o.maxCalls) {
          refused = true;
          stopped = "max_calls";
          return { ok: false as const, kind: "no_apikey" as const, detail: "eval --max-calls reached" };
        }
        calls++;
        const r = await pipeline.deps.resolveProvider();
        if (!r.ok) return r;
        const provider = r.handle.provider;
        return {
          ok: true as const,
          handle: {
            ...r.handle,
            provider: {
              name: provider.name,
              classify: (p: Parameters<typeof provider.classify>[0], s: AbortSignal) => {
                called = true;
                return provider.classify(p, s);
              },
            },
          },
        };
      },
    };
    const verdict = await decide(request, config, deps);
    if (refused) return null;
    return { row, actual: actualOf(verdict), verdict, llm: called };
  };

  const worker = async () => {
    while (next < rows.length && !stopped) {
      const i = next++;
      outcomes[i] = await one(rows[i] as EvalRow);
      done++;
      o.onProgress?.(done, rows.length);
    }
  };
  const n = Math.max(1, Math.min(o.concurrency, rows.length));
  await Promise.all(Array.from({ length: n }, worker));
  const decided = outcomes.filter((x): x is RowOutcome => x !== null);
  return { outcomes: decided, skipped: rows.length - decided.length, stopped };
}
