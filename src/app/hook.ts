// The hook itself: stdin → host adapter → config → decide → stdout, log and metrics.
// Exit codes: 0 for a decision or a fallthrough (nothing printed); 1 for bad input, a broken config
// or a provider error (the host then asks the human). Never a stack trace; one line on stderr.
import { DEFAULT_LOG_MAX_SIZE, DEFAULT_METRICS_MAX_SIZE, defaultStatePaths } from "../config/load.ts";
import type { Config } from "../config/schema.ts";
import { decide } from "../core/decide.ts";
import { redact } from "../core/redact.ts";
import type { DecisionRequest, Target, Verdict } from "../core/types.ts";
import { HOSTS } from "../hosts/index.ts";
import { jsonDepth } from "../hosts/json-depth.ts";
import {
  applyCircuitBreaker,
  DEFAULT_MAX_CONSECUTIVE_DENIALS,
  DEFAULT_MAX_SESSION_DENIALS,
} from "../state/circuit-breaker.ts";
import { nullLogger, openLog } from "../state/log.ts";
import { appendMetrics, metricsEntry } from "../state/metrics.ts";
import { tightenDir } from "../state/private-files.ts";
import type { Env } from "../util/env.ts";
import { cacheDir, stateDir, targetCacheDir, targetStateDir } from "../util/paths.ts";
import { prepare } from "./prepare.ts";

const MAX_STDIN_BYTES = 8 * 1024 * 1024;
/** Real requests nest a dozen levels; far beyond that is an attack on the stack, not a request. */
const MAX_JSON_DEPTH = 512;

export interface HookIO {
  stdin: ReadableStream<Uint8Array>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Env;
  cwd: string;
}

async function readInput(
  stream: ReadableStream<Uint8Array>,
): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > MAX_STDIN_BYTES) return { ok: false, error: `hook input is larger than ${MAX_STDIN_BYTES} bytes` };
    chunks.push(chunk);
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}

/** Record a hook run that ended before a decision (bad input, broken config). */
function recordFailure(
  target: Target,
  io: HookIO,
  request: Partial<DecisionRequest>,
  message: string,
  started: Date,
  config?: Config,
): void {
  const defaults = defaultStatePaths(target, io.env);
  const logPath = config?.log_path ?? defaults.log;
  const metricsPath = config?.metrics_path ?? defaults.metrics;
  if (!config?.log_disabled) {
    const log = openLog(logPath, {
      maxSize: config?.log_max_size ?? DEFAULT_LOG_MAX_SIZE,
      disabled: false,
      stderr: io.stderr,
    });
    log.error("hook failed before a decision", { error: message });
    log.flush();
  }
  if (config?.metrics_disabled) return;
  const verdict: Verdict = { decision: "error", kind: "error", source: "short_circuit", error: message, timings: {} };
  const entry = metricsEntry(
    {
      target,
      sessionId: request.sessionId ?? "",
      toolName: request.toolName ?? "",
      permissionMode: request.permissionMode ?? "",
      toolInput: request.toolInput ?? {},
    },
    verdict,
    started,
    Date.now() - started.getTime(),
  );
  appendMetrics(metricsPath, config?.metrics_max_size ?? DEFAULT_METRICS_MAX_SIZE, entry);
}

export async function runHook(target: Target, rawIO: HookIO): Promise<number> {
  // stderr is redacted like the log: a message may quote input, config or a provider's reply.
  const io: HookIO = { ...rawIO, stderr: (text) => rawIO.stderr(redact(text)) };
  const started = new Date();
  const t0 = performance.now();
  const fail = (message: string, request: Partial<DecisionRequest> = {}, config?: Config) => {
    io.stderr(`ccgate ${target}: ${message}`);
    recordFailure(target, io, request, message, started, config);
    return 1;
  };

  const input = await readInput(io.stdin);
  if (!input.ok) return fail(input.error);
  if (!input.text.trim()) return fail("empty hook input on stdin (expected the PermissionRequest or PreToolUse JSON)");
  if (jsonDepth(input.text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    return fail(`hook input is nested deeper than ${MAX_JSON_DEPTH} levels`);
  let json: unknown;
  try {
    json = JSON.parse(input.text);
  } catch (e) {
    return fail(`hook input is not valid JSON: ${(e as Error).message}`);
  }
  const host = HOSTS[target];
  const parsed = host.parse(json, io.env);
  if (!parsed.ok) return fail(`hook input rejected: ${parsed.error}`);
  const request = parsed.request;
  const cwd = request.cwd || io.cwd;

  const tConfig = performance.now();
  const ready = prepare(target, { ...request, cwd }, io.env, {
    openLog: (config) =>
      config.log_disabled
        ? nullLogger
        : openLog(config.log_path, { maxSize: config.log_max_size, disabled: false, stderr: io.stderr }),
  });
  if (!ready.ok) return fail(`config error: ${ready.loaded.error.message}`, request);
  const { config, loaded, log, deps } = ready;
  // State and cache dirs left open to others (older versions, a loose umask) are closed again.
  for (const dir of [
    stateDir(io.env),
    targetStateDir(target, io.env),
    cacheDir(io.env),
    targetCacheDir(target, io.env),
  ])
    tightenDir(dir);
  const configMs = performance.now() - tConfig;
  log.info("hook invoked", {
    target,
    tool: request.toolName,
    permission_mode: request.permissionMode,
    config_layers: loaded.layers
      .filter((l) => l.status === "loaded")
      .map((l) => l.layer)
      .join(","),
  });
  for (const l of loaded.layers) {
    if (l.status.startsWith("skipped-") && l.status !== "skipped-disabled")
      log.warn("project config skipped", { path: l.path, status: l.status, detail: l.detail ?? "" });
    if (l.trust?.gated.length && l.trust.state !== "trusted")
      log.warn("project config settings not applied", {
        path: l.path,
        trust: l.trust.state,
        not_applied: l.trust.gated.join(","),
      });
  }

  let decided: Verdict;
  try {
    decided = await decide({ ...request, cwd }, config, deps);
  } catch (e) {
    // decide() returns typed failures; reaching here is a bug, and still never an allow.
    decided = {
      decision: "error",
      kind: "error",
      source: "llm",
      error: `internal error: ${(e as Error).message}`,
      timings: {},
    };
  }
  const broken = applyCircuitBreaker(decided, request.sessionId, targetStateDir(target, io.env), {
    consecutive: config.circuit_breaker?.consecutive_denials ?? DEFAULT_MAX_CONSECUTIVE_DENIALS,
    total: config.circuit_breaker?.session_denials ?? DEFAULT_MAX_SESSION_DENIALS,
  });
  // A new verdict with the config phase added; decide's own is left as it returned it.
  const verdict: Verdict = { ...broken, timings: { ...broken.timings, config: Math.round(configMs * 100) / 100 } };
  const elapsed = performance.now() - t0;

  const out = host.render(verdict, request.hookEventName);
  if (verdict.decision === "error") {
    io.stderr(`ccgate ${target}: ${verdict.error}${verdict.hint ? ` (hint: ${verdict.hint})` : ""}`);
    log.error("decide failed", { error: verdict.error, hint: verdict.hint });
  } else if (out)
    log.info("decision made", {
      behavior: verdict.decision,
      source: verdict.source,
      reason: verdict.reason,
      message: verdict.message,
      elapsed_ms: Math.round(elapsed),
    });
  else log.info("no decision (fallthrough)", { kind: verdict.kind, reason: verdict.reason, source: verdict.source });

  if (!config.metrics_disabled) {
    const result = appendMetrics(
      config.metrics_path,
      config.metrics_max_size,
      metricsEntry({ ...request, cwd }, verdict, started, elapsed),
    );
    if (!result.ok) log.warn("cannot write metrics", { error: result.error });
  }
  if (out) io.stdout(`${out}\n`);
  log.flush();
  return verdict.decision === "error" ? 1 : 0;
}
