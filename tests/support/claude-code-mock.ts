// A loopback Anthropic API for end-to-end runs of the real Claude Code CLI with ccgate as its hook.
// Claude Code's own requests (they offer `tools`) are answered as a streamed tool_use of the
// scenario's Bash command, then a closing text once a tool_result came back. Requests without tools
// are ccgate's classifier calls: answered (non-streaming) with the first matching classifier rule.
import type { Server } from "bun";

export interface ClassifierRule {
  /** Substring of the classifier's user message (the request JSON). */
  match: string;
  behavior: "allow" | "deny" | "fallthrough";
  deny_message?: string;
}

export interface ClaudeCodeMock {
  url: string;
  /** Command the model asks to run in the next session. */
  command: string;
  rules: ClassifierRule[];
  agentRequests: Array<Record<string, any>>;
  classifierRequests: Array<{ headers: Record<string, string>; body: Record<string, any> }>;
  /** tool_result blocks Claude Code sent back (content and is_error). */
  toolResults(): Array<{ content: string; is_error: boolean }>;
  reset(): void;
  stop(): void;
}

function sse(events: Array<Record<string, unknown>>): Response {
  const body = events.map((e) => `event: ${String(e.type)}\ndata: ${JSON.stringify(e)}\n\n`).join("");
  return new Response(body, { headers: { "content-type": "text/event-stream", "request-id": "req_e2e" } });
}

function streamMessage(
  content: Array<{ type: "text"; text: string } | { type: "tool_use"; id: string; name: string; input: unknown }>,
  stop: string,
): Response {
  const events: Array<Record<string, unknown>> = [
    {
      type: "message_start",
      message: {
        id: "msg_e2e",
        type: "message",
        role: "assistant",
        model: "claude-e2e",
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 10, output_tokens: 1 },
      },
    },
  ];
  content.forEach((block, index) => {
    if (block.type === "text") {
      events.push({ type: "content_block_start", index, content_block: { type: "text", text: "" } });
      events.push({ type: "content_block_delta", index, delta: { type: "text_delta", text: block.text } });
    } else {
      events.push({
        type: "content_block_start",
        index,
        content_block: { type: "tool_use", id: block.id, name: block.name, input: {} },
      });
      events.push({
        type: "content_block_delta",
        index,
        delta: { type: "input_json_delta", partial_json: JSON.stringify(block.input) },
      });
    }
    events.push({ type: "content_block_stop", index });
  });
  events.push({
    type: "message_delta",
    delta: { stop_reason: stop, stop_sequence: null },
    usage: { output_tokens: 5 },
  });
  events.push({ type: "message_stop" });
  return sse(events);
}

function toolResultsOf(body: Record<string, any>): Array<{ content: string; is_error: boolean }> {
  const out: Array<{ content: string; is_error: boolean }> = [];
  for (const m of body.messages ?? []) {
    if (m.role !== "user" || !Array.isArray(m.content)) continue;
    for (const b of m.content) {
      if (b?.type !== "tool_result") continue;
      const content =
        typeof b.content === "string"
          ? b.content
          : Array.isArray(b.content)
            ? b.content.map((c: { text?: string }) => c.text ?? "").join("")
            : "";
      out.push({ content, is_error: b.is_error === true });
    }
  }
  return out;
}

export function startClaudeCodeMock(): ClaudeCodeMock {
  const mock: ClaudeCodeMock = {
    url: "",
    command: "true",
    rules: [],
    agentRequests: [],
    classifierRequests: [],
    toolResults: () => mock.agentRequests.flatMap(toolResultsOf),
    reset: () => {
      mock.agentRequests.length = 0;
      mock.classifierRequests.length = 0;
    },
    stop: () => server.stop(true),
  };
  const server: Server<undefined> = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      if (req.method !== "POST" || url.pathname !== "/v1/messages") return new Response("not mocked", { status: 404 });
      const body = (await req.json()) as Record<string, any>;
      if (Array.isArray(body.tools) && body.tools.length > 0) {
        mock.agentRequests.push(body);
        if (toolResultsOf(body).length === 0) {
          return streamMessage(
            [
              {
                type: "tool_use",
                id: `toolu_${mock.agentRequests.length}`,
                name: "Bash",
                input: { command: mock.command, description: "Run the requested command" },
              },
            ],
            "tool_use",
          );
        }
        return streamMessage([{ type: "text", text: "Done." }], "end_turn");
      }
      mock.classifierRequests.push({ headers: Object.fromEntries(req.headers), body });
      const user = JSON.stringify(body.messages ?? []);
      const rule = mock.rules.find((r) => user.includes(r.match)) ?? { behavior: "fallthrough" as const, match: "" };
      const text = JSON.stringify({
        reason: `e2e rule for ${rule.match || "anything"}`,
        behavior: rule.behavior,
        deny_message: rule.deny_message ?? "",
      });
      if (body.stream) return streamMessage([{ type: "text", text }], "end_turn");
      return Response.json({
        id: "msg_cls",
        type: "message",
        role: "assistant",
        model: body.model,
        content: [{ type: "text", text }],
        stop_reason: "end_turn",
        usage: { input_tokens: 100, output_tokens: 10 },
      });
    },
  });
  mock.url = `http://127.0.0.1:${server.port}`;
  return mock;
}
