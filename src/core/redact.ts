// Secret redaction, applied to everything that leaves the machine (the classifier prompt) and to
// everything we persist (log, metrics). Patterns favour recall: redacting a harmless string costs
// the classifier a little context; leaking a key costs the user the key.

/** Right-hand sides that are code or references, not secret values. */
const NOT_A_VALUE =
  /^(\[REDACTED|new\b|true\b|false\b|null\b|none\b|undefined\b|this\b|self\b|await\b|function\b|\$\{?[A-Za-z_]|process\.env|os\.environ|getenv|env\()/i;

const RULES: Array<[RegExp, string | ((...m: string[]) => string)]> = [
  [/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, "[REDACTED PRIVATE KEY]"],
  [/\bsk-ant-[A-Za-z0-9_-]{16,}/g, "[REDACTED]"],
  [/\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g, "[REDACTED]"],
  [/\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})/g, "[REDACTED]"],
  [/\bglpat-[A-Za-z0-9_-]{20,}/g, "[REDACTED]"],
  [/\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b/g, "[REDACTED]"],
  [/\bAIza[0-9A-Za-z_-]{35}\b/g, "[REDACTED]"],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/g, "[REDACTED]"],
  [/\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}/g, "[REDACTED]"],
  [/\bnpm_[A-Za-z0-9]{36}\b/g, "[REDACTED]"],
  [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, "[REDACTED JWT]"],
  // Authorization headers and bearer tokens.
  [
    /\b(authorization\s*[:=]\s*(?:bearer|basic|token)?\s*)["']?[A-Za-z0-9._~+/=-]{8,}/gi,
    (_m, p: string) => `${p}[REDACTED]`,
  ],
  [/\b(bearer\s+)[A-Za-z0-9._~+/=-]{16,}/gi, (_m, p: string) => `${p}[REDACTED]`],
  // user:password@ in URLs.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^/\s:@'"]*:)[^@\s/'"]+(@)/gi, (_m, a: string, b: string) => `${a}[REDACTED]${b}`],
  // NAME=value where the name says it is secret (.env files, export lines, env prefixes, JSON-ish).
  [
    /\b([A-Za-z0-9_.-]*(?:SECRET|TOKEN|PASSWORD|PASSWD|PASSPHRASE|API[_-]?KEY|ACCESS[_-]?KEY|PRIVATE[_-]?KEY|CLIENT[_-]?SECRET|CREDENTIALS?)[A-Za-z0-9_.-]*)(\s*[=:]\s*)("[^"\n]*"|'[^'\n]*'|[^\s'",;&|)}]+)/gi,
    (m: string, name: string, sep: string, value: string) =>
      NOT_A_VALUE.test(value.replace(/^["']/, "")) ? m : `${name}${sep}[REDACTED]`,
  ],
  // --password=x, --token x, -p'x' style flags.
  [
    /(--(?:password|passwd|token|api-key|apikey|secret|client-secret|access-token)(?:=|\s+))("[^"]*"|'[^']*'|\S+)/gi,
    (_m, f: string) => `${f}[REDACTED]`,
  ],
];

export function redact(text: string): string {
  let out = text;
  for (const [re, replacement] of RULES) out = out.replace(re, replacement as string);
  return out;
}

/** Redact every string inside a JSON-like value (keys kept). */
export function redactValue<T>(value: T): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map(redactValue) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] =
        /^(api[_-]?key|token|secret|password|authorization)$/i.test(k) && typeof v === "string"
          ? "[REDACTED]"
          : redactValue(v);
    return out as T;
  }
  return value;
}

/** Truncate to at most `max` characters without splitting a surrogate pair, adding `...`. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join("")}...`;
}
