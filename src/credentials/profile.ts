// `provider.auth: { type: 'profile' }` (Anthropic): the profiles `ant auth login` writes, read the
// way Anthropic's SDKs read them.
//   config dir : $ANTHROPIC_CONFIG_DIR, else $XDG_CONFIG_HOME/anthropic, else ~/.config/anthropic
//                (%APPDATA%\Anthropic on Windows)
//   profile    : auth.profile, else $ANTHROPIC_PROFILE, else the `active_config` file, else "default"
//   config     : configs/<profile>.json  { authentication: { type, client_id?, credentials_path? },
//                                          base_url?, workspace_id? }
//   credentials: credentials/<profile>.json (or credentials_path)
//                { access_token, expires_at? (unix seconds), refresh_token? }
// Only `user_oauth` profiles are supported. An access token that expires within 30 s is refreshed
// with the profile's client_id and refresh token (https only, or loopback http), once for all
// parallel hooks (a lock in our cache dir), and written back atomically as a 0600 file. Requests
// then carry `Authorization: Bearer` and the OAuth beta header instead of x-api-key.
// Credentials files that are symlinks or readable by group or others are refused, as the SDKs do.
import { lstatSync } from "node:fs";
import { basename, dirname, isAbsolute, join } from "node:path";
import { writeFileAtomic } from "../state/private-files.ts";
import { ANTHROPIC_DEFAULT_BASE_URL, OAUTH_BETA } from "../util/anthropic-api.ts";
import type { Env } from "../util/env.ts";
import { cacheDir as defaultCacheDir, expandHome, homeDir } from "../util/paths.ts";
import { fingerprint, KeyCache } from "./cache.ts";
import { readKeyFile } from "./file.ts";
import type { CredentialResult, ResolveOptions } from "./types.ts";

const REFRESH_THRESHOLD_MS = 30_000;
const REFRESH_TIMEOUT_MS = 15_000;
const NAME = /^[A-Za-z0-9_.-]+$/;

const unavailable = (reason: string, detail: string): CredentialResult => ({
  ok: false,
  kind: "credential_unavailable",
  reason,
  source: "profile",
  detail,
});

export function anthropicConfigDir(env: Env): string {
  if (env.ANTHROPIC_CONFIG_DIR !== undefined) return env.ANTHROPIC_CONFIG_DIR;
  if (process.platform === "win32") return env.APPDATA ? join(env.APPDATA, "Anthropic") : "";
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, "anthropic");
  return join(homeDir(env), ".config", "anthropic");
}

/** A small regular file's text (never blocks on a FIFO), or null. */
function readSmall(path: string): string | null {
  const read = readKeyFile(path);
  return read.ok ? read.text : null;
}

function profileName(requested: string | undefined, dir: string, env: Env): string {
  if (requested?.trim()) return requested.trim();
  if (env.ANTHROPIC_PROFILE) return env.ANTHROPIC_PROFILE;
  return readSmall(join(dir, "active_config"))?.trim() || "default";
}

interface ProfileConfig {
  name: string;
  clientId: string;
  credentialsPath: string;
  baseUrl?: string;
  workspaceId?: string;
}

type Loaded<T> = { ok: true; value: T } | { ok: false; result: CredentialResult };

/** The profile `requested` (or the default one) and its config file. */
function loadProfileConfig(requested: string | undefined, env: Env): Loaded<ProfileConfig> {
  const dir = anthropicConfigDir(env);
  const name = profileName(requested, dir, env);
  const fail = (detail: string): Loaded<ProfileConfig> => ({ ok: false, result: unavailable("profile_load", detail) });
  if (!NAME.test(name) || name === "." || name === "..")
    return fail(`invalid profile name ${JSON.stringify(name)} (letters, digits, '_', '.', '-')`);
  if (!dir) return fail("no Anthropic config directory (set ANTHROPIC_CONFIG_DIR)");
  const path = join(dir, "configs", `${name}.json`);
  const text = readSmall(path);
  if (text === null)
    return fail(`profile "${name}" not found: ${path} (run \`ant auth login\`, or set provider.auth.profile)`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail(`${path} is not valid JSON`);
  }
  const cfg = raw as { authentication?: Record<string, unknown>; base_url?: unknown; workspace_id?: unknown } | null;
  const auth = cfg?.authentication;
  if (!auth || typeof auth !== "object") return fail(`${path} has no "authentication" object`);
  if (auth.type === "oidc_federation")
    return fail(
      `profile "${name}" uses oidc_federation, which ccgate does not support; use provider.auth type "exec" with a helper that prints a key`,
    );
  if (auth.type !== "user_oauth")
    return fail(`profile "${name}" has authentication.type ${JSON.stringify(auth.type)}; ccgate supports "user_oauth"`);
  const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
  const given = str(auth.credentials_path);
  const credentialsPath = given
    ? isAbsolute(expandHome(given, env))
      ? expandHome(given, env)
      : join(dir, given)
    : join(dir, "credentials", `${name}.json`);
  const baseUrl = str(cfg?.base_url) ?? str(env.ANTHROPIC_BASE_URL);
  const workspaceId = str(cfg?.workspace_id) ?? str(env.ANTHROPIC_WORKSPACE_ID);
  return {
    ok: true,
    value: {
      name,
      clientId: str(auth.client_id) ?? "",
      credentialsPath,
      ...(baseUrl ? { baseUrl } : {}),
      ...(workspaceId ? { workspaceId } : {}),
    },
  };
}

interface Tokens {
  raw: Record<string, unknown>;
  accessToken: string;
  refreshToken: string;
  /** Epoch ms, or null when the token does not expire. */
  expiresAt: number | null;
}

function readTokens(path: string): Loaded<Tokens> {
  const fail = (detail: string): Loaded<Tokens> => ({ ok: false, result: unavailable("profile_load", detail) });
  let st: ReturnType<typeof lstatSync>;
  try {
    st = lstatSync(path);
  } catch {
    return fail(`credentials file ${path} does not exist (run \`ant auth login\`)`);
  }
  if (st.isSymbolicLink()) return fail(`credentials file ${path} is a symlink; refusing to read it`);
  if (process.platform !== "win32" && (st.mode & 0o077) !== 0)
    return fail(`credentials file ${path} is readable by group or others; refusing to read it (chmod 600 ${path})`);
  const text = readSmall(path);
  if (text === null) return fail(`cannot read credentials file ${path}`);
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new Error("not an object");
  } catch {
    return fail(`credentials file ${path} is not a JSON object`);
  }
  const accessToken = typeof raw.access_token === "string" ? raw.access_token : "";
  if (!accessToken) return fail(`credentials file ${path} has no access_token (run \`ant auth login\`)`);
  const exp = raw.expires_at;
  if (exp !== undefined && exp !== null && typeof exp !== "number")
    return fail(`credentials file ${path}: expires_at must be unix seconds`);
  return {
    ok: true,
    value: {
      raw,
      accessToken,
      refreshToken: typeof raw.refresh_token === "string" ? raw.refresh_token : "",
      expiresAt: typeof exp === "number" ? exp * 1000 : null,
    },
  };
}

const fresh = (t: Tokens, now: number) => t.expiresAt === null || t.expiresAt - now > REFRESH_THRESHOLD_MS;
const canRefresh = (cfg: ProfileConfig, t: Tokens) => !!cfg.clientId && !!t.refreshToken;

function isLoopback(host: string): boolean {
  return ["localhost", "127.0.0.1", "::1", "[::1]"].includes(host.toLowerCase());
}

async function refresh(
  cfg: ProfileConfig,
  tokens: Tokens,
  options: ResolveOptions,
  now: number,
): Promise<Loaded<Tokens>> {
  const fail = (reason: string, detail: string): Loaded<Tokens> => ({ ok: false, result: unavailable(reason, detail) });
  const base = (options.provider.base_url?.trim() || cfg.baseUrl || ANTHROPIC_DEFAULT_BASE_URL)
    .replace(/\/+$/, "")
    .replace(/\/v1$/, "");
  let url: URL;
  try {
    url = new URL(`${base}/v1/oauth/token`);
  } catch {
    return fail("profile_load", `invalid token endpoint base URL ${base}`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname)))
    return fail("profile_load", `refusing to send a refresh token to a non-https endpoint (${base})`);
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "anthropic-beta": OAUTH_BETA },
      body: JSON.stringify({
        grant_type: "refresh_token",
        refresh_token: tokens.refreshToken,
        client_id: cfg.clientId,
      }),
      signal: AbortSignal.timeout(REFRESH_TIMEOUT_MS),
    });
  } catch (e) {
    return fail("provider_auth", `token refresh failed: ${(e as Error).message}`);
  }
  const body = (await res.json().catch(() => null)) as {
    access_token?: unknown;
    refresh_token?: unknown;
    expires_in?: unknown;
    token_type?: unknown;
  } | null;
  if (!res.ok || !body || typeof body.access_token !== "string" || !body.access_token) {
    return fail("provider_auth", `token refresh was refused (HTTP ${res.status}); run \`ant auth login\` again`);
  }
  if (typeof body.token_type === "string" && body.token_type.toLowerCase() !== "bearer")
    return fail("provider_auth", `token refresh returned token_type ${body.token_type}`);
  const expiresAt = typeof body.expires_in === "number" ? now + body.expires_in * 1000 : null;
  const refreshToken =
    typeof body.refresh_token === "string" && body.refresh_token ? body.refresh_token : tokens.refreshToken;
  const raw: Record<string, unknown> = { ...tokens.raw, access_token: body.access_token, refresh_token: refreshToken };
  if (expiresAt === null) delete raw.expires_at;
  else raw.expires_at = Math.floor(expiresAt / 1000);
  // Rotated refresh tokens invalidate the old one: the new pair must reach the file. The user's
  // credentials directory is theirs: written into, never re-permissioned.
  try {
    writeFileAtomic(dirname(cfg.credentialsPath), basename(cfg.credentialsPath), `${JSON.stringify(raw, null, 2)}\n`);
  } catch (e) {
    return fail("profile_load", `refreshed, but cannot write ${cfg.credentialsPath}: ${(e as Error).message}`);
  }
  return { ok: true, value: { raw, accessToken: body.access_token, refreshToken, expiresAt } };
}

/** Read-only check for `ccgate doctor`: the profile it would use and whether its token is usable. */
export function describeProfile(
  requested: string | undefined,
  env: Env,
  now = Date.now(),
): { ok: boolean; message: string } {
  const loaded = loadProfileConfig(requested, env);
  const detail = (r: CredentialResult) => (!r.ok && "detail" in r ? r.detail : "unusable");
  if (!loaded.ok) return { ok: false, message: detail(loaded.result) };
  const tokens = readTokens(loaded.value.credentialsPath);
  if (!tokens.ok) return { ok: false, message: detail(tokens.result) };
  const { name, credentialsPath } = loaded.value;
  const refreshable = canRefresh(loaded.value, tokens.value);
  const expiry =
    tokens.value.expiresAt === null ? "does not expire" : `expires ${new Date(tokens.value.expiresAt).toISOString()}`;
  if (!fresh(tokens.value, now) && !refreshable)
    return {
      ok: false,
      message: `profile "${name}": the token has expired and cannot be refreshed; run \`ant auth login\``,
    };
  return {
    ok: true,
    message: `profile "${name}" (${credentialsPath}): token ${expiry}${refreshable ? ", refreshable" : ""}`,
  };
}

export async function resolveProfileCredential(
  requested: string | undefined,
  options: ResolveOptions,
): Promise<CredentialResult> {
  const now = options.now ?? Date.now;
  const loaded = loadProfileConfig(requested, options.env);
  if (!loaded.ok) return loaded.result;
  const cfg = loaded.value;
  const ok = (t: Tokens): CredentialResult => ({
    ok: true,
    credential: {
      key: t.accessToken,
      source: "profile",
      fromAuth: true,
      scheme: "bearer",
      ...(cfg.baseUrl ? { baseUrl: cfg.baseUrl } : {}),
      ...(cfg.workspaceId ? { headers: { "anthropic-workspace-id": cfg.workspaceId } } : {}),
    },
  });
  const first = readTokens(cfg.credentialsPath);
  if (!first.ok) return first.result;
  if (fresh(first.value, now())) return ok(first.value);
  if (!canRefresh(cfg, first.value))
    return unavailable(
      "expired",
      `the access token of profile "${cfg.name}" has expired and the profile cannot refresh it (no client_id or refresh_token); run \`ant auth login\``,
    );
  // One refresh for all parallel hooks: the lock lives in our cache dir, never beside the user's file.
  const lockHolder = new KeyCache(
    join(options.cacheDir ?? defaultCacheDir(options.env), options.target),
    `profile.${fingerprint([cfg.credentialsPath])}`,
  );
  const dirProblem = lockHolder.ensureDir();
  if (dirProblem) return unavailable("cache_unavailable", `cannot prepare the lock directory: ${dirProblem}`);
  let release: (() => void) | null;
  try {
    release = await lockHolder.lock(REFRESH_TIMEOUT_MS + 1000, REFRESH_TIMEOUT_MS + 5000);
  } catch (e) {
    return unavailable("lock_error", (e as Error).message);
  }
  if (!release) return unavailable("lock_timeout", "another hook held the profile refresh lock past the deadline");
  try {
    const again = readTokens(cfg.credentialsPath);
    if (!again.ok) return again.result;
    if (fresh(again.value, now())) return ok(again.value);
    const refreshed = await refresh(cfg, again.value, options, now());
    return refreshed.ok ? ok(refreshed.value) : refreshed.result;
  } finally {
    release();
  }
}
