// One metrics line per hook invocation (metrics.jsonl). Field names follow the reference tool so
// existing reports and habits carry over; `target`, `provider`, `source` and `phases` are ours.
import { redact, truncate } from "../core/redact.ts";
import type { DecisionRequest, Verdict } from "../core/types.ts";
import { type AppendResult, appendLine } from "./atomic-append.ts";

export interface MetricsToolInput {
  command?: string;
  file_path?: string;
  path?: string;
  pattern?: string;
}

export interface MetricsEntry {
  ts: string;
  sid?: string;
  target: string;
  /** Working directory of the request (ours; lets `replay` re-decide in the right repository). */
  cwd?: string;
  tool: string;
  /** Hook event (ours; upstream has only PermissionRequest): PermissionRequest or PreToolUse. */
  event?: string;
  perm_mode: string;
  decision: Verdict["decision"];
  ft_kind?: string;
  forced?: boolean;
  reason?: string;
  credential_source?: string;
  deny_msg?: string;
  provider?: string;
  model?: string;
  source: Verdict["source"] | "input";
  in_tok?: number;
  out_tok?: number;
  elapsed_ms: number;
  phases?: Record<string, number>;
  error?: string;
  tool_input?: MetricsToolInput;
}

const TEXT_CAP = 200;
const INPUT_CAP = 2000;

function capInput(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  return Array.from(redact(value)).slice(0, INPUT_CAP).join("");
}

function metricsToolInput(input: Record<string, unknown>): MetricsToolInput | undefined {
  const out: MetricsToolInput = {};
  for (const key of ["command", "file_path", "path", "pattern"] as const) {
    const v = capInput(input[key]);
    if (v !== undefined) out[key] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

const text = (v: string | undefined) => (v ? truncate(redact(v), TEXT_CAP) : undefined);

export function metricsEntry(
  request: Pick<DecisionRequest, "target" | "sessionId" | "toolName" | "permissionMode" | "toolInput"> & {
    cwd?: string;
    hookEventName?: string;
  },
  verdict: Verdict,
  startedAt: Date,
  elapsedMs: number,
): MetricsEntry {
  const entry: MetricsEntry = {
    ts: startedAt.toISOString(),
    ...(request.sessionId ? { sid: request.sessionId } : {}),
    target: request.target,
    ...(request.cwd ? { cwd: request.cwd } : {}),
    tool: request.toolName,
    ...(request.hookEventName ? { event: request.hookEventName } : {}),
    perm_mode: request.permissionMode,
    decision: verdict.decision,
    source: verdict.source,
    elapsed_ms: Math.round(elapsedMs),
  };
  if (verdict.kind && verdict.kind !== "error") entry.ft_kind = verdict.kind;
  if (verdict.forced) entry.forced = true;
  const reason = text(verdict.reason);
  if (reason) entry.reason = reason;
  if (verdict.kind === "credential_unavailable" && verdict.credentialSource)
    entry.credential_source = verdict.credentialSource;
  if (verdict.decision === "deny" && verdict.message) entry.deny_msg = text(verdict.message);
  if (verdict.provider) entry.provider = verdict.provider;
  if (verdict.model) entry.model = verdict.model;
  if (verdict.usage?.inputTokens) entry.in_tok = verdict.usage.inputTokens;
  if (verdict.usage?.outputTokens) entry.out_tok = verdict.usage.outputTokens;
  if (Object.keys(verdict.timings).length) entry.phases = verdict.timings;
  const error = text(verdict.error);
  if (error) entry.error = error;
  const input = metricsToolInput(request.toolInput);
  if (input) entry.tool_input = input;
  return entry;
}

export function appendMetrics(path: string, maxSize: number, entry: MetricsEntry): AppendResult {
  return appendLine(path, JSON.stringify(entry), maxSize);
}
