// Chat Completions with strict structured output: the wire format shared by OpenAI, Gemini's
// OpenAI-compatible endpoint, and the gateways users put in front of them (LiteLLM, Azure-style,
// on-prem proxies).

import type { ClassifierPrompt, Provider, ProviderResult } from "../core/ports.ts";
import { DECISION_SCHEMA } from "../core/schema.ts";
import { postJson } from "./http.ts";
import { parseAnswer } from "./parse.ts";
import type { ProviderOptions } from "./types.ts";

export interface CompatFlavor {
  name: "openai" | "gemini";
  defaultBaseUrl: string;
  /** Environment variable that may override the base URL. */
  baseUrlEnv: string;
  /** reasoning_effort to send when the setting is unset ("least the API can express"). */
  leastEffort: string;
}

function compatBody(prompt: ClassifierPrompt, flavor: CompatFlavor): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: prompt.model,
    messages: [
      { role: "system", content: prompt.system },
      { role: "user", content: prompt.user },
    ],
    response_format: {
      type: "json_schema",
      json_schema: { name: "permission_decision", strict: true, schema: DECISION_SCHEMA },
    },
    max_completion_tokens: 4096,
  };
  const effort = prompt.reasoningEffort;
  if (effort === undefined) body.reasoning_effort = flavor.leastEffort;
  else if (effort === "none" && flavor.name === "gemini") body.reasoning_effort = "minimal";
  else if (effort !== "") body.reasoning_effort = effort;
  return body;
}

function compatBaseUrl(options: ProviderOptions, flavor: CompatFlavor): string {
  return (options.baseUrl || options.env[flavor.baseUrlEnv]?.trim() || flavor.defaultBaseUrl).replace(/\/+$/, "");
}

interface ChatResponse {
  choices?: Array<{ finish_reason?: string | null; message?: { content?: string | null; refusal?: string | null } }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

export function createCompat(options: ProviderOptions, flavor: CompatFlavor): Provider {
  return {
    name: flavor.name,
    async classify(prompt, signal): Promise<ProviderResult> {
      const res = await postJson({
        vendor: flavor.name,
        url: `${compatBaseUrl(options, flavor)}/chat/completions`,
        headers: { authorization: `Bearer ${options.credential?.key ?? ""}` },
        body: compatBody(prompt, flavor),
        signal,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      if (!res.ok) {
        if (res.status === 401 || res.status === 403)
          return { ok: false, failure: { type: "auth_rejected", status: res.status, message: res.message } };
        const sentEffort = prompt.reasoningEffort !== "";
        const hint =
          res.status === 400 && sentEffort && /reasoning|effort/i.test(res.message)
            ? `this model rejected reasoning_effort=${JSON.stringify(prompt.reasoningEffort ?? flavor.leastEffort)}; set provider.reasoning_effort to a value it accepts, or "" to send nothing`
            : undefined;
        return {
          ok: false,
          failure: { type: "error", message: res.message, status: res.status, ...(hint ? { hint } : {}) },
        };
      }
      const data = res.json as ChatResponse;
      const usage = { inputTokens: data.usage?.prompt_tokens ?? 0, outputTokens: data.usage?.completion_tokens ?? 0 };
      const choice = data.choices?.[0];
      if (!choice) return { ok: false, failure: { type: "unusable", detail: `${flavor.name} returned no choices` } };
      if (choice.finish_reason === "length" || choice.finish_reason === "content_filter")
        return {
          ok: false,
          failure: { type: "unusable", detail: `${flavor.name} finish_reason ${choice.finish_reason}` },
        };
      const text = choice.message?.content?.trim() ?? "";
      if (!text)
        return {
          ok: false,
          failure: {
            type: "unusable",
            detail: choice.message?.refusal ? `${flavor.name} refused` : `${flavor.name} returned empty content`,
          },
        };
      const parsed = parseAnswer(text);
      if (!parsed.ok) return { ok: false, failure: { type: "error", message: `${flavor.name}: ${parsed.error}` } };
      return { ok: true, output: parsed.output, usage, raw: text };
    },
  };
}
