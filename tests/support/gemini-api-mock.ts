// A loopback server speaking the Gemini API as Gemini CLI uses it: POST
// /v1beta/models/<model>:streamGenerateContent?alt=sse answers one SSE chunk (a scripted
// functionCall, or a final text once the last turn carries a functionResponse); :generateContent
// and :countTokens answer plain JSON for the CLI's side calls. Every request body is kept, so a
// test can read what the model was told about its tool call.
import type { Server } from "bun";

export interface GeminiApiMock {
  url: string;
  /** Tool calls the model makes, one per turn that does not answer a tool call. */
  script: Array<{ name: string; args: Record<string, unknown> }>;
  bodies: Array<Record<string, unknown>>;
  stop(): void;
}

function chunk(part: Record<string, unknown>) {
  return {
    candidates: [{ content: { role: "model", parts: [part] }, finishReason: "STOP", index: 0 }],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 },
    modelVersion: "gemini-2.5-flash",
  };
}

export function startGeminiApiMock(): GeminiApiMock {
  const mock: GeminiApiMock = { url: "", script: [], bodies: [], stop: () => server.stop(true) };
  const server: Server<undefined> = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      if (req.method !== "POST") return Response.json({});
      const body = JSON.parse((await req.text()) || "{}") as Record<string, unknown>;
      if (url.pathname.endsWith(":countTokens")) return Response.json({ totalTokens: 10 });
      if (!url.pathname.endsWith(":streamGenerateContent")) return Response.json(chunk({ text: "{}" }));
      mock.bodies.push(body);
      const contents = (body.contents as unknown[]) ?? [];
      const answered = JSON.stringify(contents.at(-1) ?? {}).includes('"functionResponse"');
      const call = answered ? undefined : mock.script.shift();
      const part = call ? { functionCall: { name: call.name, args: call.args } } : { text: "Done." };
      return new Response(`data: ${JSON.stringify(chunk(part))}\r\n\r\n`, {
        headers: { "content-type": "text/event-stream" },
      });
    },
  });
  mock.url = `http://127.0.0.1:${server.port}`;
  return mock;
}
