// One descriptor per classifier provider: how its module loads (lazily, only when a request reaches
// the LLM stage), where its API key comes from, whether it authenticates itself, its default model
// and which settings it accepts. Credentials, config checks, config merge and doctor read this table;
// adding a provider is one module plus one entry here. A leaf: it imports only types, and the
// modules themselves only when `load` runs.
import type { ProviderModule } from "./types.ts";

export interface ProviderSpec {
  load(): Promise<ProviderModule>;
  /** Vendor prefix of the environment keys: CCGATE_<P>_API_KEY, then <P>_API_KEY. null: no API key. */
  envPrefix: string | null;
  /** Owns its authentication (the Codex login): no key is resolved, provider.auth and base_url are refused. */
  selfAuthenticating: boolean;
  /** The model when the config names none; null when the config must name one. */
  defaultModel: string | null;
  /** `provider.auth` types it accepts (beyond none). */
  authTypes: readonly string[];
  /** Takes codex_bin / codex_home. */
  codexSettings: boolean;
}

const KEYED = ["exec", "file"] as const;

export const PROVIDERS = {
  anthropic: {
    load: () => import("./anthropic.ts") as Promise<ProviderModule>,
    envPrefix: "ANTHROPIC",
    selfAuthenticating: false,
    defaultModel: null,
    authTypes: [...KEYED, "profile"],
    codexSettings: false,
  },
  openai: {
    load: () => import("./openai.ts") as Promise<ProviderModule>,
    envPrefix: "OPENAI",
    selfAuthenticating: false,
    defaultModel: null,
    authTypes: KEYED,
    codexSettings: false,
  },
  gemini: {
    load: () => import("./gemini.ts") as Promise<ProviderModule>,
    envPrefix: "GEMINI",
    selfAuthenticating: false,
    defaultModel: null,
    authTypes: KEYED,
    codexSettings: false,
  },
  "codex-oauth": {
    load: () => import("./codex-oauth/index.ts") as Promise<ProviderModule>,
    envPrefix: null,
    selfAuthenticating: true,
    // The Codex catalog's small model.
    defaultModel: "gpt-6-luna",
    authTypes: [],
    codexSettings: true,
  },
} as const satisfies Record<string, ProviderSpec>;

export type ProviderName = keyof typeof PROVIDERS;

export const PROVIDER_NAMES = Object.keys(PROVIDERS) as ProviderName[];

/** Provider names are matched without case or surrounding space ("Anthropic " is anthropic). */
export function normalizeProviderName(name: string): string {
  return name.trim().toLowerCase();
}

export function isKnownProvider(name: string): name is ProviderName {
  return Object.hasOwn(PROVIDERS, name);
}

/** The descriptor for a configured name (normalised here), or null for an unknown provider. */
export function providerSpec(name: string): ProviderSpec | null {
  const n = normalizeProviderName(name);
  return isKnownProvider(n) ? PROVIDERS[n] : null;
}
