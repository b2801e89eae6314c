// The contracts core works against, owned by core so the modules that implement them point down at
// it: a classifier provider (providers/), the credential it is given (credentials/), and the facts
// context gathering supplies for the prompt (context/). Types only; nothing here does I/O.
import type { ClassifierOutput, PhaseTimings, Usage } from "./types.ts";

// ── Provider ──────────────────────────────────────────────────────────────────────────────────────

export interface ClassifierPrompt {
  system: string;
  /** The user payload: JSON text, already redacted and fenced. */
  user: string;
  model: string;
  /** undefined = unset (ask for the least reasoning the API can express); "" = send nothing. */
  reasoningEffort: string | undefined;
  /** Working directory of the request (codex-oauth passes it to the thread). */
  cwd: string;
}

export type ProviderFailure =
  /** Truncated, refused, filtered or empty: falls through as api_unusable. */
  | { type: "unusable"; detail: string }
  /** 401/403 from the vendor; the core decides whether that is credential_unavailable or an error. */
  | { type: "auth_rejected"; status: number; message: string }
  /** The provider could not obtain a credential of its own (codex-oauth: no ChatGPT login, …). */
  | { type: "credential_unavailable"; reason: string; source: string; detail: string }
  /** Anything else: network, 5xx after retries, 400, timeout, parse failure. Message is redacted. */
  | { type: "error"; message: string; hint?: string; status?: number };

export type ProviderResult =
  | { ok: true; output: ClassifierOutput; usage?: Usage; timings?: PhaseTimings; raw?: string }
  | { ok: false; failure: ProviderFailure; timings?: PhaseTimings };

/** A provider gets a finished prompt and a deadline; it returns a parsed verdict or a typed failure,
 * never throws for expected failures, never logs secrets, and never decides policy. */
export interface Provider {
  readonly name: string;
  classify(prompt: ClassifierPrompt, signal: AbortSignal): Promise<ProviderResult>;
}

// ── Credential ────────────────────────────────────────────────────────────────────────────────────

/** Where a key came from (metrics `credential_source`). */
export type CredentialSource = "env" | "exec" | "file" | "cache" | "lock" | "profile";

/** A resolved API credential. The key travels only to the provider that asked for it. */
export interface Credential {
  key: string;
  source: CredentialSource;
  /** Name of the environment variable, for env keys (never the value). */
  envVar?: string;
  /** True when the key came from `provider.auth` (401/403 then falls through instead of erroring). */
  fromAuth: boolean;
  /** Drop any cached copy (exec cache) after the vendor rejected the key. */
  invalidate?: () => Promise<void>;
  /** How the key is presented: an API key header (default) or an OAuth bearer token (profiles). */
  scheme?: "api-key" | "bearer";
  /** Base URL that comes with the credential (a profile's base_url); provider.base_url still wins. */
  baseUrl?: string;
  /** Extra request headers that come with the credential (a profile's workspace id). */
  headers?: Record<string, string>;
}

// ── Context ───────────────────────────────────────────────────────────────────────────────────────

export interface GitFacts {
  repoRoot: string;
  gitDir: string;
  gitCommonDir: string;
  /** The main checkout's root (parent of the common dir) when the common dir is `<root>/.git`. */
  primaryCheckoutRoot: string;
  isWorktree: boolean;
  /** Current branch; "HEAD" when detached; "" when unknown. */
  branch: string;
}

/** The host's static permission rules (Claude Code's settings), shown to the classifier as background. */
export interface SettingsPermissions {
  allow?: string[];
  deny?: string[];
}

/** Recent intent from the host's transcript: the user's last messages, the tools called last. */
export interface RecentTranscript {
  user_messages?: string[];
  recent_tool_calls?: string[];
}
