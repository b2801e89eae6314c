// A loopback server speaking the OpenAI Chat Completions wire format (also what Gemini's
// OpenAI-compatible endpoint and gateways speak): POST {base}/chat/completions with a bearer token.
import type { Server } from "bun";

export type OpenAIReply =
  | { kind: "verdict"; behavior: string; reason?: string; deny_message?: string; finish_reason?: string }
  | { kind: "raw"; body: unknown }
  | { kind: "error"; status: number; message?: string; type?: string };

export interface OpenAIMock {
  url: string;
  requests: Array<{ path: string; headers: Record<string, string>; body: Record<string, any> }>;
  script: OpenAIReply[];
  fallback: OpenAIReply;
  stop(): void;
}

export function startOpenAIMock(fallback: OpenAIReply = { kind: "verdict", behavior: "allow" }): OpenAIMock {
  const mock: OpenAIMock = { url: "", requests: [], script: [], fallback, stop: () => server.stop(true) };
  const server: Server<undefined> = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      const body = (await req.json()) as Record<string, any>;
      mock.requests.push({ path: url.pathname, headers: Object.fromEntries(req.headers), body });
      const reply = mock.script.shift() ?? mock.fallback;
      if (reply.kind === "error")
        return Response.json(
          {
            error: { message: reply.message ?? "mock error", type: reply.type ?? "invalid_request_error", code: null },
          },
          { status: reply.status, headers: { "x-request-id": "req_oai" } },
        );
      if (reply.kind === "raw") return Response.json(reply.body);
      const content = JSON.stringify({
        reason: reply.reason ?? "mock",
        behavior: reply.behavior,
        deny_message: reply.deny_message ?? "",
      });
      return Response.json({
        id: "chatcmpl-mock",
        object: "chat.completion",
        model: body.model,
        choices: [
          {
            index: 0,
            finish_reason: reply.finish_reason ?? "stop",
            message: { role: "assistant", content, refusal: null },
          },
        ],
        usage: { prompt_tokens: 200, completion_tokens: 9, total_tokens: 209 },
      });
    },
  });
  mock.url = `http://127.0.0.1:${server.port}`;
  return mock;
}
