// A loopback OpenAI-compatible chat completions endpoint for agent CLIs in BYOK mode (Copilot CLI's
// COPILOT_PROVIDER_BASE_URL): POST /v1/chat/completions answers a scripted tool call, or a final
// text once the last message is a tool result; streaming (SSE chunks, then [DONE]) or plain JSON
// as the request asks. Every request body is kept so a test can read what the model was told.
import type { Server } from "bun";

export interface OpenAiChatMock {
  url: string;
  script: Array<{ name: string; args: Record<string, unknown> }>;
  bodies: Array<Record<string, unknown>>;
  stop(): void;
}

export function startOpenAiChatMock(): OpenAiChatMock {
  const mock: OpenAiChatMock = { url: "", script: [], bodies: [], stop: () => server.stop(true) };
  const server: Server<undefined> = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      if (url.pathname.endsWith("/models")) return Response.json({ object: "list", data: [{ id: "gpt-4.1" }] });
      if (req.method !== "POST" || !url.pathname.endsWith("/chat/completions"))
        return Response.json({ error: { message: url.pathname } }, { status: 404 });
      const body = JSON.parse((await req.text()) || "{}") as Record<string, unknown>;
      mock.bodies.push(body);
      const last = (body.messages as Array<{ role?: string }> | undefined)?.at(-1);
      const call = last?.role === "tool" ? undefined : mock.script.shift();
      const toolCalls = call
        ? [
            {
              index: 0,
              id: `call_${mock.bodies.length}`,
              type: "function",
              function: { name: call.name, arguments: JSON.stringify(call.args) },
            },
          ]
        : undefined;
      const finish = call ? "tool_calls" : "stop";
      const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
      const base = { id: "chatcmpl-mock", created: 1, model: String(body.model ?? "") };
      if (!body.stream) {
        const message = call
          ? { role: "assistant", content: null, tool_calls: toolCalls }
          : { role: "assistant", content: "Done." };
        return Response.json({
          ...base,
          object: "chat.completion",
          choices: [{ index: 0, message, finish_reason: finish }],
          usage,
        });
      }
      const delta = call ? { role: "assistant", tool_calls: toolCalls } : { role: "assistant", content: "Done." };
      const chunks = [
        { ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: null }] },
        { ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta: {}, finish_reason: finish }], usage },
      ];
      return new Response(`${chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join("")}data: [DONE]\n\n`, {
        headers: { "content-type": "text/event-stream" },
      });
    },
  });
  mock.url = `http://127.0.0.1:${server.port}`;
  return mock;
}
