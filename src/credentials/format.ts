// The key format shared by `exec` helpers and rotator files: either strict JSON
// {"key": "...", "expires_at": "<RFC 3339>"} or a single plain line.

export type KeyParse =
  | { ok: true; key: string; expiresAt: number | null }
  | {
      ok: false;
      reason: "json_parse" | "invalid_expiration" | "empty_output" | "invalid_plain_output" | "expired";
      detail: string;
    };

export function parseKeyOutput(raw: string, now: number, refreshMarginMs: number): KeyParse {
  const text = raw.trim();
  if (!text) return { ok: false, reason: "empty_output", detail: "the credential source produced no output" };
  if (text.startsWith("{")) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, reason: "json_parse", detail: "output starts with { but is not valid JSON" };
    }
    const v = value as { key?: unknown; expires_at?: unknown };
    if (typeof v.key !== "string" || !v.key.trim())
      return { ok: false, reason: "json_parse", detail: 'JSON output has no non-empty "key" string' };
    let expiresAt: number | null = null;
    if (v.expires_at !== undefined && v.expires_at !== null) {
      const t =
        typeof v.expires_at === "string" &&
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(v.expires_at)
          ? Date.parse(v.expires_at)
          : NaN;
      if (!Number.isFinite(t))
        return { ok: false, reason: "invalid_expiration", detail: "expires_at is not an RFC 3339 timestamp" };
      expiresAt = t;
      if (now + refreshMarginMs >= t)
        return {
          ok: false,
          reason: "expired",
          detail: `the key expires at ${v.expires_at} (refresh margin ${refreshMarginMs} ms)`,
        };
    }
    if (!KEY_CHARS.test(v.key.trim()))
      return { ok: false, reason: "json_parse", detail: "key has spaces or control characters" };
    return { ok: true, key: v.key.trim(), expiresAt };
  }
  if (text.includes("\n"))
    return { ok: false, reason: "invalid_plain_output", detail: "plain output must be a single line" };
  if (!KEY_CHARS.test(text))
    return { ok: false, reason: "invalid_plain_output", detail: "key has spaces or control characters" };
  return { ok: true, key: text, expiresAt: null };
}

/** A key is one token of printable ASCII: never sent with spaces, tabs or control characters. */
const KEY_CHARS = /^[\x21-\x7e]+$/;
