// The decision pipeline: short-circuits → fast path → cache → provider → fallthrough strategy.
// Pure apart from what `deps` does: the core never reads stdin, env or files itself.
import type { Config } from "../config/schema.ts";
import type { ClassifierPrompt, Credential, Provider } from "./ports.ts";
import { buildPrompt, type PromptContext } from "./prompt.ts";
import { redact, truncate } from "./redact.ts";
import {
  DEFAULT_DENY_MESSAGE,
  type DecisionRequest,
  type FallthroughKind,
  type HostTraits,
  type PhaseTimings,
  type Verdict,
} from "./types.ts";

/** Tools that ask the user something (Claude's, Devin's and Gemini's names): always the user's call. */
const USER_INTERACTION_TOOLS = new Set([
  "ExitPlanMode",
  "AskUserQuestion",
  "exit_plan_mode",
  "ask_user_question",
  "ask_user",
]);

export interface ProviderHandle {
  provider: Provider;
  credential: Credential | null;
}

export type ProviderResolution =
  | { ok: true; handle: ProviderHandle }
  | { ok: false; kind: "unknown_provider" | "no_apikey"; detail: string }
  | { ok: false; kind: "credential_unavailable"; reason: string; source: string; detail: string };

/** What the fast path concluded (see src/fastpath). */
export interface FastPathOutcome {
  verdict: "allow" | "deny" | "llm";
  rule?: string;
  message?: string;
  reason: string;
}

export interface CachedOutcome {
  decision: "allow" | "deny";
  message?: string;
  reason?: string;
}

export interface DecisionCachePort {
  get(): CachedOutcome | null;
  put(outcome: CachedOutcome): void;
}

/** `F`: the fast path's full result, handed back to context gathering as it came (parsed once). */
export interface DecideDeps<F extends FastPathOutcome = FastPathOutcome> {
  /** The asking host's traits (from its descriptor in hosts/index.ts). */
  host: HostTraits;
  now(): number;
  log(msg: string, fields?: Record<string, unknown>): void;
  /** `denyOnly`: only a deny can count (PreToolUse hard-deny only), so proving an allow is skipped. */
  fastPath?(options?: { denyOnly?: boolean }): F;
  cache?: DecisionCachePort;
  /** Context for the prompt; `fast` is the fast path's result (null when it did not run). */
  gatherContext(fast: F | null): Promise<PromptContext> | PromptContext;
  resolveProvider(): Promise<ProviderResolution>;
}

export const DEFAULT_TIMEOUT_MS = 20_000;

function forcedMessage(behavior: "allow" | "deny", reason: string): string {
  const head = reason
    ? `The LLM classifier could not decide (fallthrough); its reason: ${JSON.stringify(reason)}.`
    : "The LLM classifier could not decide (fallthrough).";
  return behavior === "allow"
    ? `${head} Approved automatically by fallthrough_strategy=allow so unattended work can continue; proceed with care.`
    : `${head} Denied automatically by fallthrough_strategy=deny for safety. Do not ask the user, and do not try to get around this decision with other commands or workarounds.`;
}

/**
 * What a PreToolUse call decides. Claude's auto mode never fires PermissionRequest, so there
 * PreToolUse makes the whole decision; in every other mode (and always for Codex) PreToolUse applies
 * only the hard-deny layer and leaves the rest to PermissionRequest, so a request that both hooks
 * see costs one classifier call at most.
 */
function preToolUseScope(request: DecisionRequest, host: HostTraits): "full" | "hard_deny" | "none" {
  if (request.hookEventName !== "PreToolUse") return "none";
  return host.preToolUseDecidesIn.includes(request.permissionMode) ? "full" : "hard_deny";
}

/** Codex PreToolUse with `pre_tool_use.codex_classifier_deny`: the classifier runs, only its deny counts. */
function codexClassifierDeny(request: DecisionRequest, config: Config, host: HostTraits): boolean {
  return (
    host.preToolUseClassifierDeny &&
    request.hookEventName === "PreToolUse" &&
    !!config.pre_tool_use?.codex_classifier_deny
  );
}

async function hardDenyOnly<F extends FastPathOutcome>(
  request: DecisionRequest,
  config: Config,
  deps: DecideDeps<F>,
  phase: <T>(name: string, fn: () => T | Promise<T>) => Promise<T>,
  fallthrough: (kind: FallthroughKind, source: Verdict["source"], extra?: Partial<Verdict>) => Verdict,
  timings: PhaseTimings,
): Promise<Verdict> {
  const mode = request.permissionMode || "default";
  if (request.permissionMode === "bypassPermissions" && config.pre_tool_use?.hard_deny_in_bypass === false)
    return fallthrough("bypass", "short_circuit", { reason: "permission mode bypassPermissions (hard deny off)" });
  if (deps.fastPath) {
    const fast = await phase("fast_path", () => deps.fastPath?.({ denyOnly: true }) as FastPathOutcome);
    // Only the deny counts here: a fast-path allow would answer for a request Claude may not even ask about.
    if (fast.verdict === "deny") return fastPathDeny(fast, timings);
  }
  return fallthrough("deferred", "short_circuit", {
    reason: `PreToolUse in mode ${mode}: hard deny only, PermissionRequest decides the rest`,
  });
}

/** The verdict of a fast-path hard deny, whichever event asked. */
function fastPathDeny(fast: FastPathOutcome, timings: PhaseTimings): Verdict {
  return {
    decision: "deny",
    message: fast.message || DEFAULT_DENY_MESSAGE,
    source: "fast_path",
    reason: `${fast.rule}: ${fast.reason}`,
    timings,
  };
}

export async function decide<F extends FastPathOutcome>(
  request: DecisionRequest,
  config: Config,
  deps: DecideDeps<F>,
): Promise<Verdict> {
  const timings: PhaseTimings = {};
  const phase = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const start = deps.now();
    try {
      return await fn();
    } finally {
      timings[name] = Math.round((deps.now() - start) * 100) / 100;
    }
  };
  const fallthrough = (kind: FallthroughKind, source: Verdict["source"], extra: Partial<Verdict> = {}): Verdict => ({
    decision: "fallthrough",
    kind,
    source,
    timings,
    ...extra,
  });

  if (USER_INTERACTION_TOOLS.has(request.toolName))
    return fallthrough("user_interaction", "short_circuit", { reason: `${request.toolName} needs the user` });
  if (preToolUseScope(request, deps.host) === "hard_deny" && !codexClassifierDeny(request, config, deps.host))
    return hardDenyOnly(request, config, deps, phase, fallthrough, timings);
  if (request.permissionMode === "bypassPermissions")
    return fallthrough("bypass", "short_circuit", { reason: "permission mode bypassPermissions" });
  if (request.permissionMode === "dontAsk")
    return fallthrough("dontask", "short_circuit", { reason: "permission mode dontAsk" });

  let fast: F | null = null;
  if (deps.fastPath) {
    const fastPath = deps.fastPath;
    fast = await phase("fast_path", () => fastPath());
    if (fast.verdict === "deny") return fastPathDeny(fast, timings);
    if (fast.verdict === "allow")
      return { decision: "allow", source: "fast_path", reason: `${fast.rule}: ${fast.reason}`, timings };
  }

  const providerName = config.provider.name;
  const model = config.provider.model;
  const cached = deps.cache ? await phase("cache", () => deps.cache?.get() ?? null) : null;
  if (cached) {
    return {
      decision: cached.decision,
      ...(cached.message ? { message: cached.message } : {}),
      source: "cache",
      reason: cached.reason ?? "cached verdict",
      provider: providerName,
      model,
      timings,
    };
  }

  const resolution = await phase("credential", () => deps.resolveProvider());
  if (!resolution.ok) {
    deps.log(
      resolution.kind === "credential_unavailable"
        ? "credential unavailable, falling through"
        : `${resolution.kind}, falling through`,
      { detail: resolution.detail },
    );
    if (resolution.kind === "credential_unavailable") {
      return fallthrough("credential_unavailable", "llm", {
        reason: resolution.reason,
        credentialSource: resolution.source,
        provider: providerName,
        model,
      });
    }
    return fallthrough(resolution.kind, "llm", { reason: resolution.detail, provider: providerName, model });
  }
  const { provider, credential } = resolution.handle;

  const known = fast;
  const context = await phase("context", () => deps.gatherContext(known));
  const prompt = buildPrompt(request, context, config, deps.host);
  const classifierPrompt: ClassifierPrompt = {
    ...prompt,
    model,
    reasoningEffort: config.provider.reasoning_effort,
    cwd: request.cwd,
  };
  deps.log("llm request", {
    provider: providerName,
    model,
    timeout_ms: config.provider.timeout_ms ?? DEFAULT_TIMEOUT_MS,
  });

  const timeoutMs = config.provider.timeout_ms ?? DEFAULT_TIMEOUT_MS;
  const signal = timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : new AbortController().signal;
  const result = await phase("llm", () => provider.classify(classifierPrompt, signal));
  for (const [k, v] of Object.entries(result.timings ?? {})) timings[`llm_${k}`] = v;
  const base = { provider: providerName, model, source: "llm" as const, timings };

  if (!result.ok) {
    const f = result.failure;
    switch (f.type) {
      case "unusable":
        deps.log("classifier answer unusable, falling through", { detail: f.detail });
        return { decision: "fallthrough", kind: "api_unusable", reason: f.detail, ...base };
      case "credential_unavailable":
        deps.log("provider credential unavailable, falling through", { reason: f.reason, detail: f.detail });
        return {
          decision: "fallthrough",
          kind: "credential_unavailable",
          reason: f.reason,
          credentialSource: f.source,
          ...base,
        };
      case "auth_rejected":
        if (credential?.fromAuth) {
          await credential.invalidate?.();
          deps.log("provider rejected credential, falling through", { status: f.status, source: credential.source });
          return {
            decision: "fallthrough",
            kind: "credential_unavailable",
            reason: "provider_auth",
            credentialSource: credential.source,
            ...base,
          };
        }
        return {
          decision: "error",
          kind: "error",
          error: truncate(redact(f.message), 200),
          hint: "check the API key in the environment variable for this provider",
          ...base,
        };
      case "error":
        return {
          decision: "error",
          kind: "error",
          error: truncate(redact(f.message), 200),
          ...(f.hint ? { hint: f.hint } : {}),
          ...base,
        };
    }
  }

  const out = result.output;
  const usage = result.usage ? { usage: result.usage } : {};
  const reason = out.reason;
  const cacheable = deps.cache && !(context.transcript && out.behavior === "deny");
  if (out.behavior === "allow") {
    if (cacheable) deps.cache?.put({ decision: "allow", reason });
    return { decision: "allow", reason, ...usage, ...base };
  }
  if (out.behavior === "deny") {
    const message = out.deny_message.trim() || DEFAULT_DENY_MESSAGE;
    if (cacheable) deps.cache?.put({ decision: "deny", message, reason });
    return { decision: "deny", message, reason, ...usage, ...base };
  }
  if (out.behavior !== "fallthrough")
    deps.log("classifier returned an unknown behavior; treating it as fallthrough", { behavior: out.behavior });
  const strategy = config.fallthrough_strategy;
  if (strategy === "allow" || strategy === "deny") {
    return {
      decision: strategy,
      message: forcedMessage(strategy, reason),
      kind: "llm",
      forced: true,
      reason,
      ...usage,
      ...base,
    };
  }
  return { decision: "fallthrough", kind: "llm", reason, ...usage, ...base };
}
