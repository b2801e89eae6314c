// A resolved API credential. The key travels only to the provider that asked for it.

/** Where a key came from (metrics `credential_source`). */
export type CredentialSource = "env" | "exec" | "file" | "cache" | "lock" | "profile";

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

export type CredentialResult =
  | { ok: true; credential: Credential | null }
  | { ok: false; kind: "no_apikey"; detail: string }
  | { ok: false; kind: "credential_unavailable"; reason: string; source: string; detail: string };
