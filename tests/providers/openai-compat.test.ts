import { afterAll, describe, expect, test } from "bun:test";
import type { ClassifierPrompt } from "../../src/core/ports.ts";
import { create as createGemini } from "../../src/providers/gemini.ts";
import { create as createOpenAI } from "../../src/providers/openai.ts";
import type { ProviderOptions } from "../../src/providers/types.ts";
import { startOpenAIMock } from "../support/openai-mock.ts";

const mock = startOpenAIMock();
afterAll(() => mock.stop());

const prompt = (effort?: string): ClassifierPrompt => ({
  system: "SYS",
  user: "USER",
  model: "m-1",
  reasoningEffort: effort,
  cwd: "/r",
});
const opts = (over: Partial<ProviderOptions> = {}): ProviderOptions => ({
  target: "claude",
  baseUrl: `${mock.url}/v1`,
  timeoutMs: 5000,
  credential: { key: "sk-test-openai", source: "env", fromAuth: false },
  config: {},
  env: {},
  stateDir: "/tmp",
  log: () => {},
  ...over,
});
const signal = () => AbortSignal.timeout(5000);

describe("openai / gemini wire format", () => {
  test("openai: exact body — strict json_schema named permission_decision, max_completion_tokens, no temperature", async () => {
    mock.requests.length = 0;
    const r = await createOpenAI(opts()).classify(prompt(), signal());
    expect(r).toMatchObject({ ok: true, output: { behavior: "allow" }, usage: { inputTokens: 200, outputTokens: 9 } });
    const req = mock.requests[0];
    expect(req?.path).toBe("/v1/chat/completions");
    expect(req?.headers.authorization).toBe("Bearer sk-test-openai");
    expect(Object.keys(req?.body ?? {})).toEqual([
      "model",
      "messages",
      "response_format",
      "max_completion_tokens",
      "reasoning_effort",
    ]);
    expect(req?.body.messages).toEqual([
      { role: "system", content: "SYS" },
      { role: "user", content: "USER" },
    ]);
    expect(req?.body.response_format.type).toBe("json_schema");
    expect(req?.body.response_format.json_schema.name).toBe("permission_decision");
    expect(req?.body.response_format.json_schema.strict).toBe(true);
    expect(Object.keys(req?.body.response_format.json_schema.schema.properties)).toEqual([
      "reason",
      "behavior",
      "deny_message",
    ]);
    expect(req?.body.max_completion_tokens).toBe(4096);
    expect("temperature" in (req?.body ?? {})).toBe(false);
  });

  test("reasoning_effort table: unset → none (openai) / minimal (gemini); '' → omitted; other → verbatim", async () => {
    const sent: unknown[] = [];
    for (const [make, effort] of [
      [createOpenAI, undefined],
      [createOpenAI, ""],
      [createOpenAI, "high"],
      [createGemini, undefined],
      [createGemini, "none"],
      [createGemini, ""],
      [createGemini, "low"],
    ] as const) {
      mock.requests.length = 0;
      await make(opts()).classify(prompt(effort), signal());
      sent.push(mock.requests[0]?.body.reasoning_effort ?? "(omitted)");
    }
    expect(sent).toEqual(["none", "(omitted)", "high", "minimal", "minimal", "(omitted)", "low"]);
  });

  test("base URL: provider.base_url, else the env variable, else the public endpoint (with /v1)", async () => {
    mock.requests.length = 0;
    await createOpenAI(opts({ baseUrl: "", env: { OPENAI_BASE_URL: `${mock.url}/gw/v1/` } })).classify(
      prompt(),
      signal(),
    );
    await createGemini(opts({ baseUrl: "", env: { GEMINI_BASE_URL: `${mock.url}/v1beta/openai` } })).classify(
      prompt(),
      signal(),
    );
    expect(mock.requests.map((r) => r.path)).toEqual(["/gw/v1/chat/completions", "/v1beta/openai/chat/completions"]);
  });

  test("unusable answers: length, content_filter, no choices, empty content", async () => {
    mock.script.push(
      { kind: "verdict", behavior: "allow", finish_reason: "length" },
      { kind: "verdict", behavior: "allow", finish_reason: "content_filter" },
      { kind: "raw", body: { choices: [] } },
      { kind: "raw", body: { choices: [{ finish_reason: "stop", message: { content: "" } }] } },
    );
    const p = createOpenAI(opts());
    for (let i = 0; i < 4; i++)
      expect(await p.classify(prompt(), signal())).toMatchObject({ ok: false, failure: { type: "unusable" } });
  });

  test("401/403 are auth_rejected; 400 about reasoning carries a hint naming the setting", async () => {
    mock.script.push(
      { kind: "error", status: 401, message: "bad key" },
      { kind: "error", status: 403, message: "no access" },
      {
        kind: "error",
        status: 400,
        message: "Unsupported value: 'reasoning_effort' does not support 'none' with this model.",
      },
    );
    const p = createOpenAI(opts());
    expect(await p.classify(prompt(), signal())).toMatchObject({
      ok: false,
      failure: { type: "auth_rejected", status: 401 },
    });
    expect(await p.classify(prompt(), signal())).toMatchObject({
      ok: false,
      failure: { type: "auth_rejected", status: 403 },
    });
    const bad = await p.classify(prompt(), signal());
    expect(bad).toMatchObject({ ok: false, failure: { type: "error", status: 400 } });
    expect(!bad.ok && bad.failure.type === "error" && bad.failure.hint).toContain("provider.reasoning_effort");
  });
});
