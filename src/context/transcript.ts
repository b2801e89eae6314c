// Recent intent from a Claude Code transcript (JSONL): the user's last text messages and the names
// of the tools the assistant called last. Real transcripts keep both inside `message.content[]`
// (text / tool_use / tool_result blocks); tool results are not user intent and are skipped.
import { closeSync, constants, fstatSync, readSync } from "node:fs";
import type { RecentTranscript } from "../core/ports.ts";
import { truncate } from "../core/redact.ts";
import { openRegular } from "../state/safe-read.ts";

const TAIL_BYTES = 64 * 1024;
const MAX_USER_MESSAGES = 3;
const MAX_TOOL_CALLS = 5;
const MAX_MESSAGE_CHARS = 300;

function readTail(path: string): string | null {
  let fd: number | null = null;
  try {
    fd = openRegular(path, constants.O_RDONLY); // throws for a FIFO or device, which would block or never end
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - TAIL_BYTES);
    const buf = Buffer.alloc(size - start);
    readSync(fd, buf, 0, buf.length, start);
    let text = buf.toString("utf8");
    if (start > 0) text = text.slice(text.indexOf("\n") + 1); // drop the partial first line
    return text;
  } catch {
    return null; // missing or lagging transcript is normal
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function userText(content: unknown): string | null {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return null;
  const texts = content
    .filter((b) => b && typeof b === "object" && (b as { type?: string }).type === "text")
    .map((b) => String((b as { text?: unknown }).text ?? ""));
  return texts.length ? texts.join("\n") : null;
}

export function recentTranscript(path: string | null): RecentTranscript | null {
  if (!path) return null;
  const text = readTail(path);
  if (!text) return null;
  const users: string[] = [];
  const tools: string[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    let entry: { type?: string; isMeta?: boolean; message?: { role?: string; content?: unknown } };
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    const role = entry.message?.role ?? entry.type;
    if (role === "user" && !entry.isMeta) {
      const t = userText(entry.message?.content)?.trim();
      if (t && !t.startsWith("<system-reminder>") && !t.startsWith("[Request interrupted"))
        users.push(truncate(t, MAX_MESSAGE_CHARS));
    } else if (role === "assistant" && Array.isArray(entry.message?.content)) {
      for (const block of entry.message.content as Array<{ type?: string; name?: unknown }>) {
        if (block?.type === "tool_use" && typeof block.name === "string") tools.push(block.name);
      }
    }
  }
  const out: RecentTranscript = {};
  if (users.length) out.user_messages = users.slice(-MAX_USER_MESSAGES);
  if (tools.length) out.recent_tool_calls = tools.slice(-MAX_TOOL_CALLS);
  return out.user_messages || out.recent_tool_calls ? out : null;
}
