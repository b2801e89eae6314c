// A loopback server speaking the Anthropic Messages API wire format: POST /v1/messages with
// x-api-key (or an OAuth bearer token), answering structured output as a text block, with usage
// and stop_reason; errors use the {type:"error", error:{type, message}} envelope and a request-id
// header. POST /v1/oauth/token answers refresh-token grants from `tokenScript` (OAuth 2 JSON).
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

/** A reply to a refresh-token grant: a token response, or an OAuth error with a status. */
export type TokenReply =
  | { access_token: string; refresh_token?: string; expires_in?: number; token_type?: string; delayMs?: number }
  | { status: number; error: string };

export interface AnthropicMock {
  url: string;
  requests: CapturedMessagesRequest[];
  tokenRequests: CapturedMessagesRequest[];
  tokenScript: TokenReply[];
  script: AnthropicReply[];
  fallback: AnthropicReply;
  /** Messages requests being answered right now, and the most seen at once. */
  inFlight: number;
  maxInFlight: number;
  stop(): void;
}

async function respond(reply: AnthropicReply, body: Record<string, unknown>): Promise<Response> {
  if (reply.kind === "fn") return respond(reply.fn(body), body);
  if (reply.kind === "delay") {
    await Bun.sleep(reply.ms);
    return respond(reply.then, body);
  }
  if (reply.kind === "error") {
    return Response.json(
      { type: "error", error: { type: reply.type ?? "api_error", message: reply.message ?? "mock failure" } },
      {
        status: reply.status,
        headers: { "request-id": "req_mock_1", ...(reply.retryAfter ? { "retry-after": reply.retryAfter } : {}) },
      },
    );
  }
  const text =
    reply.kind === "text"
      ? reply.text
      : JSON.stringify({
          reason: reply.reason ?? "mock reason",
          behavior: reply.behavior,
          deny_message: reply.deny_message ?? "",
        });
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
  const mock: AnthropicMock = {
    url: "",
    requests: [],
    tokenRequests: [],
    tokenScript: [],
    script: [],
    fallback,
    inFlight: 0,
    maxInFlight: 0,
    stop: () => server.stop(true),
  };
  const server: Server<undefined> = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      if (req.method === "POST" && url.pathname === "/v1/oauth/token") {
        const raw = await req.text();
        mock.tokenRequests.push({
          headers: Object.fromEntries(req.headers),
          body: JSON.parse(raw) as Record<string, unknown>,
          raw,
        });
        const reply = mock.tokenScript.shift() ?? { status: 400, error: "invalid_grant" };
        if ("error" in reply)
          return Response.json({ error: reply.error, error_description: "mock refusal" }, { status: reply.status });
        if (reply.delayMs) await Bun.sleep(reply.delayMs);
        const { delayMs: _delay, ...token } = reply;
        return Response.json({ token_type: "Bearer", ...token });
      }
      if (req.method !== "POST" || url.pathname !== "/v1/messages")
        return Response.json(
          { type: "error", error: { type: "not_found_error", message: url.pathname } },
          { status: 404 },
        );
      const raw = await req.text();
      const body = JSON.parse(raw) as Record<string, unknown>;
      mock.requests.push({ headers: Object.fromEntries(req.headers), body, raw });
      mock.inFlight++;
      mock.maxInFlight = Math.max(mock.maxInFlight, mock.inFlight);
      try {
        return await respond(mock.script.shift() ?? mock.fallback, body);
      } finally {
        mock.inFlight--;
      }
    },
  });
  mock.url = `http://127.0.0.1:${server.port}`;
  return mock;
}
