// The hook's log: logfmt-style lines (`time=… level=… msg="…" key=value`), 0600 in a 0700 dir,
// rotated by size. Values are redacted; the log never fails the hook (errors go to stderr once).
import { redact } from "../core/redact.ts";
import { appendLine } from "./atomic-append.ts";

export type LogLevel = "info" | "warn" | "error";

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** Write buffered lines (one write for the whole hook run). */
  flush(): void;
}

function quote(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return /^[\w.,:/@+-]+$/.test(text) ? text : JSON.stringify(text);
}

export function formatLine(
  level: LogLevel,
  msg: string,
  fields: Record<string, unknown> = {},
  now = new Date(),
): string {
  const parts = [`time=${now.toISOString()}`, `level=${level.toUpperCase()}`, `msg=${JSON.stringify(msg)}`];
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) parts.push(`${k}=${quote(v)}`);
  return redact(parts.join(" "));
}

/**
 * A log for one hook run. Lines are buffered and written together by flush() (or at process exit),
 * in a single append: a run's lines stay together even when hooks run in parallel.
 */
export function openLog(
  path: string,
  options: { maxSize: number; disabled: boolean; stderr?: (line: string) => void },
): Logger {
  const buffer: string[] = [];
  const flush = () => {
    if (!buffer.length || options.disabled || !path) return;
    const result = appendLine(path, `${buffer.join("\n")}\n`, options.maxSize);
    buffer.length = 0;
    if (!result.ok)
      (options.stderr ?? ((l) => process.stderr.write(`${l}\n`)))(`ccgate: cannot write log ${path}: ${result.error}`);
  };
  process.once("exit", flush);
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (!options.disabled && path) buffer.push(formatLine(level, msg, fields));
  };
  return {
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
    flush,
  };
}

export const nullLogger: Logger = { info() {}, warn() {}, error() {}, flush() {} };
