// Anthropic Messages API with structured output.

import type { ClassifierPrompt, Provider, ProviderResult } from "../core/ports.ts";
import { DECISION_SCHEMA } from "../core/schema.ts";
import { ANTHROPIC_DEFAULT_BASE_URL, OAUTH_BETA } from "../util/anthropic-api.ts";
import { postJson } from "./http.ts";
import { parseAnswer } from "./parse.ts";
import type { ProviderOptions } from "./types.ts";

function anthropicBaseUrl(options: ProviderOptions): string {
  const base =
    options.baseUrl ||
    options.credential?.baseUrl ||
    options.env.ANTHROPIC_BASE_URL?.trim() ||
    ANTHROPIC_DEFAULT_BASE_URL;
  return base.replace(/\/+$/, "").replace(/\/v1$/, "");
}

function anthropicBody(prompt: ClassifierPrompt): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: prompt.model,
    max_tokens: 4096,
    system: [{ type: "text", text: prompt.system }],
    messages: [{ role: "user", content: [{ type: "text", text: prompt.user }] }],
  };
  const effort = prompt.reasoningEffort;
  const outputConfig: Record<string, unknown> = { format: { type: "json_schema", schema: DECISION_SCHEMA } };
  if (effort === undefined || effort === "none") body.thinking = { type: "disabled" };
  else if (effort !== "") {
    body.thinking = { type: "adaptive" };
    outputConfig.effort = effort;
  }
  body.output_config = outputConfig;
  return body;
}

interface MessagesResponse {
  content?: Array<{ type?: string; text?: string }>;
  stop_reason?: string | null;
  usage?: { input_tokens?: number; output_tokens?: number };
}

export function create(options: ProviderOptions): Provider {
  return {
    name: "anthropic",
    async classify(prompt, signal): Promise<ProviderResult> {
      const cred = options.credential;
      const key = cred?.key ?? "";
      // Profiles carry an OAuth access token: bearer auth plus the OAuth beta, never x-api-key.
      const auth: Record<string, string> =
        cred?.scheme === "bearer"
          ? { authorization: `Bearer ${key}`, "anthropic-beta": OAUTH_BETA }
          : { "x-api-key": key };
      const res = await postJson({
        vendor: "anthropic",
        url: `${anthropicBaseUrl(options)}/v1/messages`,
        headers: { ...cred?.headers, ...auth, "anthropic-version": "2023-06-01" },
        body: anthropicBody(prompt),
        signal,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      if (!res.ok) {
        if (res.status === 401 || res.status === 403)
          return { ok: false, failure: { type: "auth_rejected", status: res.status, message: res.message } };
        const effortHint =
          res.status === 400 && prompt.reasoningEffort !== "" && /effort|thinking|reasoning/i.test(res.message)
            ? `this model rejected reasoning_effort=${JSON.stringify(prompt.reasoningEffort ?? "none")}; set provider.reasoning_effort to a value it accepts, or "" to send nothing`
            : undefined;
        return {
          ok: false,
          failure: {
            type: "error",
            message: res.message,
            status: res.status,
            ...(effortHint ? { hint: effortHint } : {}),
          },
        };
      }
      const data = res.json as MessagesResponse;
      const usage = { inputTokens: data.usage?.input_tokens ?? 0, outputTokens: data.usage?.output_tokens ?? 0 };
      if (data.stop_reason === "max_tokens" || data.stop_reason === "refusal") {
        return { ok: false, failure: { type: "unusable", detail: `anthropic stop_reason ${data.stop_reason}` } };
      }
      const text = (data.content ?? [])
        .filter((b) => b.type === "text")
        .map((b) => b.text ?? "")
        .join("")
        .trim();
      if (!text) return { ok: false, failure: { type: "unusable", detail: "anthropic returned no text" } };
      const parsed = parseAnswer(text);
      if (!parsed.ok) return { ok: false, failure: { type: "error", message: `anthropic: ${parsed.error}` } };
      return { ok: true, output: parsed.output, usage, raw: text };
    },
  };
}
