// API keys from the environment: CCGATE_<P>_API_KEY first (so ccgate can use a key the agent itself
// does not), then <P>_API_KEY. Blank or whitespace-only values count as unset.
import type { Credential } from "../core/ports.ts";
import { providerSpec } from "../providers/registry.ts";
import type { Env } from "../util/env.ts";

export function envKeyNames(provider: string): string[] {
  const prefix = providerSpec(provider)?.envPrefix;
  return prefix ? [`CCGATE_${prefix}_API_KEY`, `${prefix}_API_KEY`] : [];
}

export function envCredential(provider: string, env: Env): Credential | null {
  for (const name of envKeyNames(provider)) {
    const value = env[name]?.trim();
    if (value) return { key: value, source: "env", envVar: name, fromAuth: false };
  }
  return null;
}
