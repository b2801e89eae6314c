// What credential resolution returns and takes. The credential itself is a core contract (core/ports.ts).
import type { ProviderConfig } from "../config/schema.ts";
import type { Credential } from "../core/ports.ts";
import type { Target } from "../core/types.ts";
import type { Env } from "../util/env.ts";

export type CredentialResult =
  | { ok: true; credential: Credential | null }
  | { ok: false; kind: "no_apikey"; detail: string }
  | { ok: false; kind: "credential_unavailable"; reason: string; source: string; detail: string };

export interface ResolveOptions {
  target: Target;
  providerName: string;
  provider: ProviderConfig;
  env: Env;
  cwd: string;
  stateDir?: string;
  cacheDir?: string;
  now?: () => number;
  /** Non-fatal findings (e.g. a key file readable by others). Never receives a key. */
  warn?: (message: string) => void;
}
