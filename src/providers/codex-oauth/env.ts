import type { Env } from "../../util/env.ts";
// The environment the codex child gets: an explicit allowlist, nothing else. What Codex needs to
// run and to reach ChatGPT (PATH, home, user, locale, time zone, temp dir, TLS trust and proxy
// settings, Windows' system variables), plus CODEX_HOME set by us. CODEX_API_KEY, OPENAI_API_KEY,
// CCGATE_OPENAI_API_KEY and every other variable never reach it, so classification can never
// silently bill an API key instead of the user's ChatGPT subscription.
export const CODEX_ENV_ALLOWLIST: readonly string[] = [
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "LANG",
  "LANGUAGE",
  "TZ",
  "TMPDIR",
  "TEMP",
  "TMP",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "CODEX_CA_CERTIFICATE",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "ALL_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
  "all_proxy",
  "SYSTEMROOT",
  "SystemRoot",
  "WINDIR",
  "APPDATA",
  "LOCALAPPDATA",
  "USERPROFILE",
  "PROGRAMDATA",
];

/** Locale variables (LC_ALL, LC_CTYPE, …) are allowed by prefix. */
const ALLOWED_PREFIXES = ["LC_"];

export function codexChildEnv(env: Env, codexHome: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (CODEX_ENV_ALLOWLIST.includes(name) || ALLOWED_PREFIXES.some((p) => name.startsWith(p))) out[name] = value;
  }
  out.CODEX_HOME = codexHome;
  return out;
}
