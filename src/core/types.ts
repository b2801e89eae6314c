// Contracts shared by every room of the pipeline (see docs/architecture.md).
// Host adapters produce a DecisionRequest; core.decide turns it into a Verdict; the shells render
// the verdict and record it. Nothing here does I/O.

/** A host whose hooks ccgate answers. Each has one descriptor in `hosts/index.ts` and a folder in `hosts/`. */
export type Target = "claude" | "codex" | "devin" | "gemini" | "copilot";

/** What core needs to know about the host that asked: the host descriptor's answer-independent facts. */
export interface HostTraits {
  /** Human name, used in the classifier's system prompt ("Claude Code"). */
  title: string;
  /** Host-specific guidance for the classifier (how this host asks, what its tool names mean); "" for none. */
  promptNotes: string;
  /** The host has static permission settings ccgate can show the classifier. */
  settingsPermissions: boolean;
  /** The host writes a transcript ccgate can excerpt for the classifier. */
  transcript: boolean;
  /** Permission modes in which PreToolUse is the only hook that fires, so it decides in full. */
  preToolUseDecidesIn: readonly string[];
  /** `pre_tool_use.codex_classifier_deny` applies: in PreToolUse the classifier may run, only its deny counts. */
  preToolUseClassifierDeny: boolean;
}

/** Everything a later step needs about one hook call, with nothing host-specific below it. */
export interface DecisionRequest {
  target: Target;
  /** `hook_event_name`: PermissionRequest or PreToolUse (the parser reads a missing name as PermissionRequest). */
  hookEventName: string;
  sessionId: string;
  toolName: string;
  /** The raw `tool_input` object, unknown keys kept. `{}` when the host sent none or a non-object. */
  toolInput: Record<string, unknown>;
  /** Absolute working directory of the agent ("" when the host sent none). */
  cwd: string;
  /** `permission_mode` as sent ("" when absent): default, plan, acceptEdits, bypassPermissions, dontAsk, … */
  permissionMode: string;
  transcriptPath: string | null;
  /** Claude only: forwarded verbatim to the classifier. */
  permissionSuggestions?: unknown[];
  /** Codex only. */
  turnId?: string;
  /** Codex only: the agent's model (not ours). */
  agentModel?: string;
}

/** Why a request was handed back to the human (metrics `ft_kind`). */
export type FallthroughKind =
  | "user_interaction"
  | "bypass"
  | "dontask"
  | "unknown_provider"
  | "no_apikey"
  | "credential_unavailable"
  | "api_unusable"
  | "llm"
  | "deferred"
  | "circuit_breaker"
  | "error";

/** Which stage produced the verdict (metrics `source`). */
export type VerdictSource = "short_circuit" | "fast_path" | "cache" | "llm";

export type Decision = "allow" | "deny" | "fallthrough" | "error";

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

/** Milliseconds per phase, e.g. { config: 3, context: 5, fast_path: 0.2, credential: 1, llm: 800 }. */
export type PhaseTimings = Record<string, number>;

export interface Verdict {
  decision: Decision;
  /** Deny message, or the forced-decision message (allow or deny). */
  message?: string;
  /** Set for every fallthrough, and "llm" on a forced decision. */
  kind?: FallthroughKind;
  forced?: boolean;
  source: VerdictSource;
  /** LLM reason, fast-path rule id/explanation, or the credential failure reason. */
  reason?: string;
  /** Only with kind credential_unavailable: env, exec, file, cache, lock, profile. */
  credentialSource?: string;
  /** Redacted error text, only with decision "error". */
  error?: string;
  /** Operator hint for an error (e.g. which setting to change). */
  hint?: string;
  provider?: string;
  /** Configured classifier model (not the agent's). */
  model?: string;
  usage?: Usage;
  timings: PhaseTimings;
}

/** The structured answer every classifier returns (property order matters on the wire). */
export interface ClassifierOutput {
  reason: string;
  behavior: string;
  deny_message: string;
}

export const DEFAULT_DENY_MESSAGE = "Automatically denied as potentially dangerous.";
