// Known provider names and their lazily loaded modules. Adding a provider touches this map, its
// module, and the config schema's enum; nothing else. Modules load only when a request reaches
// the LLM stage, so short-circuits and fast-path decisions never pay for them.
import type { ProviderModule } from "./types.ts";

export const PROVIDERS = {
  anthropic: () => import("./anthropic.ts") as Promise<ProviderModule>,
  openai: () => import("./openai.ts") as Promise<ProviderModule>,
  gemini: () => import("./gemini.ts") as Promise<ProviderModule>,
  "codex-oauth": () => import("./codex-oauth/index.ts") as Promise<ProviderModule>,
} as const;

export type ProviderName = keyof typeof PROVIDERS;

export function isKnownProvider(name: string): name is ProviderName {
  return Object.hasOwn(PROVIDERS, name);
}
