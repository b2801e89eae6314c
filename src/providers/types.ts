// The one contract every classifier provider implements. A provider gets a finished prompt and an
// AbortSignal carrying the deadline; it returns a parsed verdict or a typed failure. It never
// throws for expected failures, never logs secrets, and never decides policy.
import type { ClassifierOutput, PhaseTimings, Target, Usage } from "../core/types.ts";
import type { Credential } from "../credentials/types.ts";

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

export interface Provider {
  readonly name: string;
  classify(prompt: ClassifierPrompt, signal: AbortSignal): Promise<ProviderResult>;
}

/** What a provider module's `create` receives. */
export interface ProviderOptions {
  target: Target;
  /** Trimmed `provider.base_url`, or "" for the provider's own default resolution. */
  baseUrl: string;
  timeoutMs: number;
  /** Resolved credential; null for providers that own their auth (codex-oauth). */
  credential: Credential | null;
  /** The `provider` block as configured (codex_bin, codex_home, …). */
  config: Record<string, unknown>;
  /** Process environment as the shell saw it (never forwarded wholesale to children). */
  env: Record<string, string | undefined>;
  /** Absolute ccgate state dir (`$XDG_STATE_HOME/ccgate`). */
  stateDir: string;
  /** Structured log sink; values must already be free of secrets. */
  log: (msg: string, fields?: Record<string, unknown>) => void;
  /** Injected for tests (loopback servers); defaults to global fetch. */
  fetch?: typeof fetch;
}

export interface ProviderModule {
  create(options: ProviderOptions): Provider;
}
