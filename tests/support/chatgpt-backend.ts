// A loopback stand-in for the ChatGPT backend that the real `codex` binary talks to (recipe A in
// shared/reference/codex-app-server.md §8.2): workspace routing, the model catalog, and the
// Responses API as server-sent events. Each POST to /responses takes the next scripted reply.
import type { Server } from "bun";

export type ScriptedReply =
  /** The model answers with this text as its final message. */
  | { kind: "text"; text: string }
  /** The model calls a tool (e.g. exec_command with sandbox escalation). */
  | { kind: "tool"; name: string; arguments: Record<string, unknown>; callId?: string }
  /** An HTTP error. */
  | { kind: "error"; status: number; body?: unknown };

export interface CapturedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  json: unknown;
}

export interface ChatgptBackend {
  url: string;
  port: number;
  requests: CapturedRequest[];
  /** Replies for the next /responses calls; when empty, `fallback` is used. */
  script: ScriptedReply[];
  fallback: ScriptedReply;
  /** Bodies of POST /responses requests, parsed. */
  responsesBodies(): Array<Record<string, unknown>>;
  stop(): void;
}

function sse(events: Array<Record<string, unknown>>): string {
  return events.map((e) => `event: ${String(e.type)}\ndata: ${JSON.stringify(e)}\n\n`).join("");
}

const USAGE = {
  input_tokens: 10,
  input_tokens_details: null,
  output_tokens: 5,
  output_tokens_details: null,
  total_tokens: 15,
};

function replyBody(reply: ScriptedReply, n: number): Response {
  if (reply.kind === "error") {
    return Response.json(reply.body ?? { error: { type: "invalid_request_error", message: "mock error" } }, {
      status: reply.status,
    });
  }
  const id = `resp-${n}`;
  const events: Array<Record<string, unknown>> = [{ type: "response.created", response: { id } }];
  if (reply.kind === "tool") {
    events.push({
      type: "response.output_item.done",
      item: {
        type: "function_call",
        call_id: reply.callId ?? `call-${n}`,
        name: reply.name,
        arguments: JSON.stringify(reply.arguments),
      },
    });
  } else {
    const msg = `msg-${n}`;
    events.push({
      type: "response.output_item.added",
      item: { type: "message", role: "assistant", id: msg, content: [] },
    });
    events.push({
      type: "response.output_text.delta",
      item_id: msg,
      output_index: 0,
      content_index: 0,
      delta: reply.text,
    });
    events.push({
      type: "response.output_item.done",
      item: { type: "message", role: "assistant", id: msg, content: [{ type: "output_text", text: reply.text }] },
    });
  }
  events.push({ type: "response.completed", response: { id, usage: USAGE } });
  return new Response(sse(events), { headers: { "content-type": "text/event-stream" } });
}

export function startChatgptBackend(options: { fallback?: ScriptedReply; accountId?: string } = {}): ChatgptBackend {
  const requests: CapturedRequest[] = [];
  let responsesCount = 0;
  const backend: ChatgptBackend = {
    url: "",
    port: 0,
    requests,
    script: [],
    fallback: options.fallback ?? { kind: "text", text: "done" },
    responsesBodies: () =>
      requests.filter((r) => r.path.endsWith("/responses")).map((r) => r.json as Record<string, unknown>),
    stop: () => server.stop(true),
  };
  const server: Server<undefined> = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      const body = await req.text();
      let json: unknown = null;
      try {
        json = body ? JSON.parse(body) : null;
      } catch {}
      requests.push({ method: req.method, path: url.pathname, headers: Object.fromEntries(req.headers), body, json });
      if (req.method === "POST" && url.pathname.endsWith("/responses")) {
        responsesCount++;
        return replyBody(backend.script.shift() ?? backend.fallback, responsesCount);
      }
      if (url.pathname.endsWith("/wham/accounts/check")) {
        const id = options.accountId ?? "acct-123";
        return Response.json({
          accounts: [
            { id, workspace_backend_origin: "https://chatgpt.com", account_routing_override: "NO_CONSTRAINT" },
          ],
          account_ordering: [id],
        });
      }
      if (/\/models$/.test(url.pathname)) return Response.json({ models: [] });
      return Response.json({ error: "not mocked" }, { status: 404 });
    },
  });
  backend.port = server.port as number;
  backend.url = `http://127.0.0.1:${backend.port}`;
  return backend;
}
