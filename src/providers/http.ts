// JSON over HTTP for the vendor providers: one deadline (the caller's AbortSignal) for the whole
// exchange, retries with jittered exponential backoff on 429 / 5xx / network errors (honouring
// Retry-After) while the deadline allows, and vendor error bodies reduced to status, type, message
// and request id, redacted.
import { redact, truncate } from "../core/redact.ts";

export interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal;
  fetch?: typeof fetch;
  /** Retries after the first attempt. */
  retries?: number;
  /** Vendor name for error messages. */
  vendor: string;
}

export type HttpResult =
  | { ok: true; status: number; json: unknown; requestId: string | null }
  | { ok: false; status: number; message: string; errorType: string | null; requestId: string | null }
  | { ok: false; status: 0; message: string; errorType: "network" | "timeout"; requestId: null };

const RETRYABLE = (status: number) => status === 429 || status === 408 || status >= 500;

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : null;
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Reduce a vendor error body to `vendor API error (status N), type=T: message (request-id R)`. */
function describeError(
  vendor: string,
  status: number,
  body: string,
  requestId: string | null,
): { message: string; errorType: string | null } {
  let type: string | null = null;
  let message: string | null = null;
  try {
    const json = JSON.parse(body) as {
      error?: { type?: unknown; message?: unknown; code?: unknown; status?: unknown } | string;
      message?: unknown;
    };
    const err = Array.isArray(json) ? (json[0] as typeof json)?.error : json.error;
    if (err && typeof err === "object") {
      type =
        typeof err.type === "string"
          ? err.type
          : typeof err.code === "string"
            ? err.code
            : typeof err.status === "string"
              ? err.status
              : null;
      message = typeof err.message === "string" ? err.message : null;
    } else if (typeof err === "string") message = err;
    else if (typeof json.message === "string") message = json.message;
  } catch {
    // not JSON: the body is not shown (it may be an HTML page or echo the request)
  }
  let text = `${vendor} API error (status ${status})`;
  if (type) text += `, type=${type}`;
  if (message) text += `: ${truncate(message, 300)}`;
  if (requestId) text += ` (request-id ${requestId})`;
  return { message: redact(text), errorType: type };
}

export async function postJson(req: HttpRequest): Promise<HttpResult> {
  const doFetch = req.fetch ?? fetch;
  const retries = req.retries ?? 4;
  let lastFailure: HttpResult | null = null;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (req.signal.aborted) break;
    let res: Response;
    try {
      res = await doFetch(req.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...req.headers },
        body: JSON.stringify(req.body),
        signal: req.signal,
      });
    } catch (e) {
      if (req.signal.aborted) break;
      lastFailure = {
        ok: false,
        status: 0,
        message: redact(`${req.vendor} API unreachable: ${(e as Error).message}`),
        errorType: "network",
        requestId: null,
      };
      if (!(await sleep(backoff(attempt, null), req.signal))) break;
      continue;
    }
    const requestId = res.headers.get("request-id") ?? res.headers.get("x-request-id");
    let text: string;
    try {
      text = await readCapped(res, MAX_RESPONSE_BYTES);
    } catch (e) {
      if (req.signal.aborted) break;
      lastFailure = {
        ok: false,
        status: 0,
        message: redact(`${req.vendor} API response broken: ${(e as Error).message}`),
        errorType: "network",
        requestId: null,
      };
      continue;
    }
    if (res.ok) {
      try {
        return { ok: true, status: res.status, json: JSON.parse(text), requestId };
      } catch {
        return {
          ok: false,
          status: res.status,
          message: `${req.vendor} API returned a non-JSON body (status ${res.status})`,
          errorType: "invalid_response",
          requestId,
        };
      }
    }
    const described = describeError(req.vendor, res.status, text, requestId);
    lastFailure = {
      ok: false,
      status: res.status,
      message: described.message,
      errorType: described.errorType,
      requestId,
    };
    if (!RETRYABLE(res.status) || attempt === retries) return lastFailure;
    if (!(await sleep(backoff(attempt, retryAfterMs(res.headers.get("retry-after"))), req.signal))) break;
  }
  if (req.signal.aborted) {
    const why = lastFailure ? ` after ${lastFailure.message}` : "";
    return {
      ok: false,
      status: 0,
      message: `${req.vendor} API call hit the provider.timeout_ms deadline${why}`,
      errorType: "timeout",
      requestId: null,
    };
  }
  return (
    lastFailure ?? {
      ok: false,
      status: 0,
      message: `${req.vendor} API call failed`,
      errorType: "network",
      requestId: null,
    }
  );
}

function backoff(attempt: number, retryAfter: number | null): number {
  if (retryAfter !== null) return Math.min(retryAfter, 30_000);
  const base = Math.min(4000, 250 * 2 ** attempt);
  return base / 2 + Math.random() * base;
}

/** Largest provider response body read; a longer (or endless) body is an error, not a wait. */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

async function readCapped(res: Response, max: number): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw new Error(`response body larger than ${max} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
