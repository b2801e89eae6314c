// OpenAI Chat Completions. Base URL includes /v1: provider.base_url, else $OPENAI_BASE_URL, else the
// public endpoint — so LiteLLM, Azure-style gateways and on-prem proxies work unchanged.

import type { Provider } from "../core/ports.ts";
import { type CompatFlavor, createCompat } from "./openai-compat.ts";
import type { ProviderOptions } from "./types.ts";

export const OPENAI: CompatFlavor = {
  name: "openai",
  defaultBaseUrl: "https://api.openai.com/v1",
  baseUrlEnv: "OPENAI_BASE_URL",
  leastEffort: "none",
};

export function create(options: ProviderOptions): Provider {
  return createCompat(options, OPENAI);
}
