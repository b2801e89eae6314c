// Secret redaction, applied to everything that leaves the machine (the classifier prompt, system
// prompt included) and to everything we persist or print (log, metrics, stderr). Two layers:
//   1. exact values: the key ccgate itself uses is registered when it is resolved, and every later
//      redact() removes it verbatim and in its URL-encoded, JSON-escaped and base64 forms;
//   2. patterns: known token formats (prefix + alphabet + length), then secrets known by where
//      they stand (NAME=value with a secret-sounding name, --password x, curl -u u:p, mysql -pX…).
// Patterns favour recall: redacting a harmless string costs the classifier a little context;
// leaking a key costs the user the key. Tests: tests/core/redact*.test.ts (corpus per family).

const R = "[REDACTED]";

/** Exact values (and encodings) removed from every redacted text, longest first. */
const known: string[] = [];

/** Register a secret (the API key in use) so every sink removes it by exact value. */
export function registerSecret(value: string | null | undefined): void {
  const v = value?.trim();
  if (!v || v.length < 8) return;
  const forms = [
    v,
    encodeURIComponent(v),
    JSON.stringify(v).slice(1, -1),
    Buffer.from(v).toString("base64"),
    Buffer.from(v).toString("base64url"),
    Buffer.from(v).toString("base64").replace(/=+$/, ""),
  ];
  for (const f of forms) if (f.length >= 8 && !known.includes(f)) known.push(f);
  known.sort((a, b) => b.length - a.length);
}

/** Forget registered secrets (tests). */
export function clearSecrets(): void {
  known.length = 0;
}

/** Right-hand sides that are code, references or shell syntax, not secret values. */
const NOT_A_VALUE =
  /^(\[REDACTED|new\b|true\b|false\b|null\b|nil\b|none\b|undefined\b|this\b|self\b|await\b|function\b|required\b|optional\b|\$\{?[A-Za-z_]|\$\(|process\.env|os\.environ|getenv|env\(|[<>|{[(-]|$)/i;

/** A quoted or bare value: what follows `=`, `:`, a flag or a keyword. */
const VALUE = String.raw`("[^"\n]*"|'[^'\n]*'|\x60[^\x60\n]*\x60|[^\s'"\x60,;&|)}]+)`;

const unquote = (v: string) => v.replace(/^["'\x60]/, "").replace(/["'\x60]$/, "");

/** Name words that say the value is an identifier, location or setting, not the secret itself. */
const NAME_TAIL_NOT_SECRET = new Set(
  "name names id ids path paths file files dir arn region type types url uri urls endpoint length ttl expiry expires expiration header field prefix version count enabled env location helper command cmd mode format policy scope scopes algorithm alg size ref kind store manager provider source reset limit usage budget".split(
    " ",
  ),
);
/** `<word>_key` names that are not secrets. */
const KEY_NOT_SECRET = new Set(
  "primary foreign sort partition hash range cache public idempotency unique composite object s3 row column lookup translation i18n data react map group route shortcut hot".split(
    " ",
  ),
);

/** Does a NAME (env var, JSON key, YAML key, header, query parameter) hold a secret? */
export function isSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[_.-]+/)
    .filter(Boolean);
  if (!words.length) return false;
  const last = words[words.length - 1] as string;
  if (NAME_TAIL_NOT_SECRET.has(last)) return false;
  if (name.startsWith("_") && last === "auth") return true; // .npmrc _auth
  return words.some((w, i) => {
    if (/^(tokens|tokeniz|tokenis)/.test(w)) return false;
    if (/secret|token|password|passwd|passphrase|credential|apikey|privatekey|accesskey|secretkey|authkey/.test(w))
      return true;
    if (w === "sig" || w === "signature" || w === "authorization" || w === "cookie" || w === "cookies") return true;
    if (words.length > 1 && (w === "pass" || w === "pwd" || w === "pw" || w === "auth")) return true;
    if (w === "key" && i > 0 && !KEY_NOT_SECRET.has(words[i - 1] as string)) return true;
    return false;
  });
}

type Rule = [RegExp, string | ((...m: string[]) => string)];

const keep = (prefix: string) => `${prefix}${R}`;

const RULES: Rule[] = [
  // Key material.
  [
    /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
    "[REDACTED PRIVATE KEY]",
  ],
  [/(Private-Lines:[ \t]*\d+[ \t]*\r?\n)[\s\S]*?(?=Private-MAC:|$)/g, (_m, p: string) => `${p}${R}\n`],
  // Known token formats.
  [/\b(?:AC|SK)[0-9a-f]{32}(\W{1,4})[0-9a-f]{32}\b/g, (_m, sep: string) => `${R}${sep}${R}`], // Twilio sid + token
  [/\bsk-ant-[A-Za-z0-9_-]{16,}/g, R],
  [/\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g, R],
  [/\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})/g, R],
  [/\bgl(?:pat|dt|rt|ptt|cbt|oas|soat|ffct|imt|agent)-[A-Za-z0-9_-]{20,}/g, R],
  [/\bGR1348941[A-Za-z0-9_-]{20,}/g, R],
  [/\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ABIA|ACCA)[0-9A-Z]{16}\b/g, R],
  [/\b(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9/+=]{20,}/g, R], // AWS session tokens
  [/\bAIza[0-9A-Za-z_-]{35}\b/g, R],
  [/\bya29\.[A-Za-z0-9_-]{20,}/g, R],
  [/\b1\/\/0[A-Za-z0-9_-]{30,}/g, R], // Google refresh tokens
  [/\bGOCSPX-[A-Za-z0-9_-]{20,}/g, R],
  [/\bxox[abposre]-[A-Za-z0-9-]{10,}/g, R],
  [/\bxapp-\d-[A-Za-z0-9-]{20,}/g, R],
  [/(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9/_-]+/g, (_m, p: string) => keep(p)],
  [/(discord(?:app)?\.com\/api\/webhooks\/)\d+\/[A-Za-z0-9_-]+/g, (_m, p: string) => keep(p)],
  [/(\.webhook\.office\.com\/webhookb2\/)[^\s'"]+/g, (_m, p: string) => keep(p)],
  [/\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}/g, R],
  [/\bwhsec_[A-Za-z0-9]{24,}/g, R],
  [/\bnpm_[A-Za-z0-9]{36}\b/g, R],
  [/\bpypi-[A-Za-z0-9_-]{50,}/g, R],
  [/\b(?:hf_|api_org_)[A-Za-z0-9]{30,}/g, R],
  [/\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, R],
  [/\b(?:AC|SK)[0-9a-f]{32}\b/g, R],
  [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, "[REDACTED JWT]"],
  // Headers.
  [
    /\b(authorization["']?\s*[:=]\s*["'\x60]?(?:bearer|basic|token|digest|negotiate)?\s*)["']?[A-Za-z0-9._~+/=-]{8,}/gi,
    (_m, p: string) => keep(p),
  ],
  [/\b(bearer\s+)[A-Za-z0-9._~+/=-]{16,}/gi, (_m, p: string) => keep(p)],
  [/\b((?:set-)?cookie["']?[ \t]*:[ \t]*)[^'"\n\x60]+/gi, (_m, p: string) => keep(p)],
  [/(\s(?:-b|--cookie)(?:=|\s+)["']?)[^\s'"=]+=[^\s'"]+/g, (_m, p: string) => keep(p)],
  // user:password@ in URLs.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^/\s:@'"]*:)[^@\s/'"]+(@)/gi, (_m, a: string, b: string) => `${a}${R}${b}`],
  // Secrets known by the command that takes them.
  [
    /(\b(?:curl|wget|http|https|xh)\b[^\n|;&]*?\s(?:-u|--user|--proxy-user|-U)(?:=|[ \t]*)["']?[^\s:'"@/]+:)([^\s'"]+)/g,
    (m: string, p: string, v: string) => (/^(\/\/|\d+$)/.test(v) || v.startsWith("[REDACTED") ? m : keep(p)),
  ],
  [
    /(\b(?:mysql|mysqldump|mysqladmin|mysqlsh|mysqlimport|mysqlcheck|mysqlpump|mariadb|mariadb-dump)\b[^\n|;&]*?\s-p)("[^"]*"|'[^']*'|[^\s'"]+)/g,
    (_m, p: string) => keep(p),
  ],
  [/(\bsshpass\b[^\n|;&]*?\s-p[ \t]*)("[^"]*"|'[^']*'|[^\s'"]+)/g, (_m, p: string) => keep(p)],
  [
    /(\b(?:docker|podman|nerdctl|buildah|skopeo|helm(?:\s+registry)?|oras|az|cf|oc|twine)\s+(?:login|upload)\b[^\n|;&]*?\s(?:-p|--password)(?:=|[ \t]+))("[^"]*"|'[^']*'|[^\s'"]+)/g,
    (_m, p: string) => keep(p),
  ],
  [/(\bsecret\s+set\b[^\n|;&]*?\s(?:--body|-b)(?:=|[ \t]+))("[^"]*"|'[^']*'|[^\s'"]+)/g, (_m, p: string) => keep(p)],
  // .netrc: `machine h login u password p`, or `password p` on its own line.
  [/(\blogin\s+\S+\s+password\s+)(\S+)/g, (_m, p: string) => keep(p)],
  [/((?:^|\n)[ \t]*password[ \t]+)([^\s=:]\S*)/g, (_m, p: string) => keep(p)],
];

/** `set <secret-name> <value>` (aws configure set, npm/yarn config set, claude config set). */
const SET_RULE = new RegExp(String.raw`(\bset[ \t]+["']?([\w./:@-]+)["']?[ \t]+)${VALUE}`, "g");
/** NAME=value, NAME: value, "name": "value", name => value, ?name=value. */
const ASSIGN_RULE = new RegExp(String.raw`\b([A-Za-z_][A-Za-z0-9_.-]*)(["']?[ \t]*(?::=|=>|[=:])[ \t]*)${VALUE}`, "g");
/** --password x, --api-key=x, --account-key x (flags whose name says secret). */
const FLAG_RULE = new RegExp(String.raw`(--[A-Za-z0-9][A-Za-z0-9-]*)(=|[ \t]+)${VALUE}`, "g");
const FLAG_NOT_SECRET =
  /-(stdin|file|path|env|name|id|type|dir|helper|command|cmd|url|uri|length|ttl|prompt|ref|from)$/;

/** Replace matches of `re` where `judge` says so; a match it declines consumes only its head. */
function scan(
  text: string,
  re: RegExp,
  judge: (m: RegExpExecArray) => { head: number; out: string; skip?: number } | null,
): string {
  let out = "";
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const verdict = judge(m);
    if (verdict) {
      out += text.slice(last, m.index) + verdict.out;
      last = m.index + m[0].length + (verdict.skip ?? 0);
      re.lastIndex = last;
    } else {
      // not a secret here: resume right after the name, so `a=password=x` is still seen
      re.lastIndex = m.index + Math.max(1, (m[1] ?? "").length);
    }
  }
  return out + text.slice(last);
}

const valueIsSecret = (v: string) => !NOT_A_VALUE.test(unquote(v)) && unquote(v) !== "";

/** Redact a bare 40-character AWS-style secret (mixed case, digits, at most a few `/` or `+`). */
function awsSecrets(text: string): string {
  return text.replace(/(?<![A-Za-z0-9/+=.\\-])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=.\\-])/g, (m) => {
    if (m.startsWith("/") || m.endsWith("/")) return m;
    if ((m.match(/[/+]/g)?.length ?? 0) > 4) return m;
    const upper = m.match(/[A-Z]/g)?.length ?? 0;
    const lower = m.match(/[a-z]/g)?.length ?? 0;
    const digit = m.match(/[0-9]/g)?.length ?? 0;
    return upper >= 3 && lower >= 3 && digit >= 2 ? R : m;
  });
}

export function redact(text: string): string {
  let out = text;
  for (const k of known) if (out.includes(k)) out = out.split(k).join(R);
  for (const [re, replacement] of RULES) out = out.replace(re, replacement as string);
  out = scan(out, SET_RULE, (m) => {
    const [, head = "", name = "", value = ""] = m;
    // "set CCGATE_ANTHROPIC_API_KEY or …" is prose (our own hint): a short plain word is not a value.
    const plainWord = /^[A-Za-z]{1,4}$/.test(unquote(value));
    return isSecretName(name) && valueIsSecret(value) && !plainWord ? { head: head.length, out: `${head}${R}` } : null;
  });
  out = scan(out, FLAG_RULE, (m) => {
    const [, flag = "", sep = "", value = ""] = m;
    if (FLAG_NOT_SECRET.test(flag) || !isSecretName(flag.slice(2)) || !valueIsSecret(value)) return null;
    return { head: flag.length, out: `${flag}${sep}${R}` };
  });
  out = scan(out, ASSIGN_RULE, (m) => {
    const [whole, name = "", sep = "", value = ""] = m;
    if (!isSecretName(name) || !valueIsSecret(value)) return null;
    if (/^[ \t]*:[ \t]*$/.test(sep) && !/^["'\x60]/.test(value)) {
      const after = m.input.slice(m.index + whole.length);
      const line = /^[^\n'"\x60,;}]*/.exec(after)?.[0] ?? "";
      // `secrets: printing or sending…` is prose, not a key: a bare word before more words.
      if (!/[_.-]|[a-z][A-Z]/.test(name) && /^[ \t]+[A-Za-z(]/.test(line)) return null;
      // `db_password: correct horse battery` (YAML): the value runs to the end of the line.
      if (/[_.-]|[a-z][A-Z]/.test(name)) return { head: name.length, out: `${name}${sep}${R}`, skip: line.length };
    }
    return { head: name.length, out: `${name}${sep}${R}` };
  });
  // Text that writes a .netrc: `password x` anywhere in it (echo "… password x" >> ~/.netrc).
  if (/[._]netrc\b/.test(out)) out = out.replace(/(\bpassword[ \t]+)([^\s"'[-][^\s"']*)/g, (_m, p: string) => keep(p));
  return awsSecrets(out);
}

/** Redact every string inside a JSON-like value (keys kept). */
export function redactValue<T>(value: T): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map(redactValue) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = typeof v === "string" && isSecretName(k) && valueIsSecret(v) ? R : redactValue(v);
    return out as T;
  }
  return value;
}

const WORD = /[^\s'"\x60=:;,()[\]{}<>|&]+/g;

/** Words of `sources` that redaction took out (a key's base64 line, a password after -p). */
function removedWords(sources: string[]): Set<string> {
  const removed = new Set<string>();
  for (const text of sources) {
    const kept = new Set(redact(text).match(WORD) ?? []);
    for (const w of text.match(WORD) ?? []) if (w.length >= 6 && !kept.has(w)) removed.add(w);
  }
  return removed;
}

/**
 * Redact a payload whose strings are pieces of `sources` (the fast path's per-part analysis of a
 * command, notes quoting it): a piece can lack the context that made it a secret (a private key's
 * middle line on its own), so every word redaction removed from the sources goes everywhere.
 */
export function redactDerived<T>(value: T, sources: string[]): T {
  const removed = removedWords(sources);
  const scrub = (v: unknown): unknown => {
    if (typeof v === "string") return removed.size ? v.replace(WORD, (w) => (removed.has(w) ? R : w)) : v;
    if (Array.isArray(v)) return v.map(scrub);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrub(x)]));
    return v;
  };
  return scrub(redactValue(value)) as T;
}

/** redact() for text lines that quote pieces of `sources` (see redactDerived). */
export function derivedRedactor(sources: string[]): (text: string) => string {
  const removed = removedWords(sources);
  return (text) => {
    const out = redact(text);
    return removed.size ? out.replace(WORD, (w) => (removed.has(w) ? R : w)) : out;
  };
}

/** Every string inside a JSON-like value. */
export function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) stringsOf(v, out);
  return out;
}

/** Truncate to at most `max` characters without splitting a surrogate pair, adding `...`. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join("")}...`;
}
