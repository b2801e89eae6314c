// A loopback server speaking the Anthropic Messages API wire format: POST /v1/messages with
// x-api-key, answering structured output as a text block, with usage and stop_reason; errors use
// the {type:"error", error:{type, message}} envelope and a request-id header.
import type { Server } from "bun";

export type AnthropicReply =
  | { kind: "verdict"; behavior: string; reason?: string; deny_message?: string; stop_reason?: string }
  | { kind: "text"; text: string; stop_reason?: string }
  | { kind: "error"; status: number; type?: string; message?: string; retryAfter?: string }
  /** Decide from the request body (e.g. by the command inside the prompt). */
  | { kind: "fn"; fn: (body: Record<string, unknown>) => AnthropicReply }
  /** Answer only after `ms` milliseconds. */
  | { kind: "delay"; ms: number; then: AnthropicReply };

export interface CapturedMessagesRequest {
  headers: Record<string, string>;
  body: Record<string, unknown>;
  raw: string;
}

export interface AnthropicMock {
  url: string;
  requests: CapturedMessagesRequest[];
  script: AnthropicReply[];
  fallback: AnthropicReply;
  stop(): void;
}

async function respond(reply: AnthropicReply, body: Record<string, unknown>): Promise<Response> {
  if (reply.kind === "fn") return respond(reply.fn(body), body);
  if (reply.kind === "delay") {
    await Bun.sleep(reply.ms);
    return respond(reply.then, body);
  }
  if (reply.kind === "error") {
    return Response.json({ type: "error", error: { type: reply.type ?? "api_error", message: reply.message ?? "mock failure" } }, { status: reply.status, headers: { "request-id": "req_mock_1", ...(reply.retryAfter ? { "retry-after": reply.retryAfter } : {}) } });
  }
  const text = reply.kind === "text" ? reply.text : JSON.stringify({ reason: reply.reason ?? "mock reason", behavior: reply.behavior, deny_message: reply.deny_message ?? "" });
  return Response.json(
    {
      id: "msg_mock",
      type: "message",
      role: "assistant",
      model: String(body.model ?? ""),
      content: text ? [{ type: "text", text }] : [],
      stop_reason: reply.stop_reason ?? "end_turn",
      stop_sequence: null,
      usage: { input_tokens: 321, output_tokens: 12 },
    },
    { headers: { "request-id": "req_mock_ok" } },
  );
}

export function startAnthropicMock(fallback: AnthropicReply = { kind: "verdict", behavior: "allow" }): AnthropicMock {
  const mock: AnthropicMock = { url: "", requests: [], script: [], fallback, stop: () => server.stop(true) };
  const server: Server<undefined> = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      if (req.method !== "POST" || url.pathname !== "/v1/messages") return Response.json({ type: "error", error: { type: "not_found_error", message: url.pathname } }, { status: 404 });
      const raw = await req.text();
      const body = JSON.parse(raw) as Record<string, unknown>;
      mock.requests.push({ headers: Object.fromEntries(req.headers), body, raw });
      return respond(mock.script.shift() ?? mock.fallback, body);
    },
  });
  mock.url = `http://127.0.0.1:${server.port}`;
  return mock;
}
