// What a provider module is given and exports. The contract it implements (Provider, its prompt and
// result) belongs to core: see core/ports.ts.
import type { Credential, Provider } from "../core/ports.ts";
import type { Target } from "../core/types.ts";
import type { Env } from "../util/env.ts";

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
  env: Env;
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
