// Gemini through its OpenAI-compatible endpoint. Base URL includes /v1beta/openai: provider.base_url,
// else $GEMINI_BASE_URL, else the public endpoint. Gemini cannot switch reasoning off, so the least
// effort it accepts ("minimal") is sent when the setting is unset or "none".

import type { Provider } from "../core/ports.ts";
import { type CompatFlavor, createCompat } from "./openai-compat.ts";
import type { ProviderOptions } from "./types.ts";

export const GEMINI: CompatFlavor = {
  name: "gemini",
  defaultBaseUrl: "https://generativelanguage.googleapis.com/v1beta/openai",
  baseUrlEnv: "GEMINI_BASE_URL",
  leastEffort: "minimal",
};

export function create(options: ProviderOptions): Provider {
  return createCompat(options, GEMINI);
}
