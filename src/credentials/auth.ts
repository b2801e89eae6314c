// `provider.auth` resolution. Never falls back to environment variables, never exits the hook: every
// failure is `credential_unavailable` with a reason and a source.
import { isAbsolute, join, resolve } from "node:path";
import type { AuthConfig } from "../config/schema.ts";
import { cacheDir as defaultCacheDir, stateDir as defaultStateDir, expandHome } from "../util/paths.ts";
import { fingerprint, KeyCache } from "./cache.ts";
import { runHelper } from "./exec.ts";
import { readKeyFile } from "./file.ts";
import { parseKeyOutput } from "./format.ts";
import type { CredentialResult, ResolveOptions } from "./types.ts";

const DEFAULT_MARGIN_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 30_000;

const unavailable = (reason: string, source: string, detail: string): CredentialResult => ({
  ok: false,
  kind: "credential_unavailable",
  reason,
  source,
  detail,
});

export async function resolveAuth(auth: AuthConfig, options: ResolveOptions): Promise<CredentialResult> {
  const now = options.now ?? Date.now;
  if (auth.type === "profile") {
    const { resolveProfileCredential } = await import("./profile.ts");
    return resolveProfileCredential(auth.profile, options);
  }
  const margin = auth.refresh_margin_ms ?? DEFAULT_MARGIN_MS;
  if (auth.type === "file") {
    const raw = auth.path ?? join(options.stateDir ?? defaultStateDir(options.env), options.target, "auth_key.json");
    const path = isAbsolute(expandHome(raw, options.env)) ? expandHome(raw, options.env) : resolve(options.cwd, raw);
    const read = readKeyFile(path);
    if (!read.ok) return unavailable(read.reason, "file", read.detail);
    if (read.insecure)
      options.warn?.(`key file ${path} is readable by other users or owned by someone else; chmod 600 it`);
    const parsed = parseKeyOutput(read.text, now(), margin);
    if (!parsed.ok) return unavailable(parsed.reason, "file", parsed.detail);
    return { ok: true, credential: { key: parsed.key, source: "file", fromAuth: true } };
  }
  // exec
  const timeoutMs = auth.timeout_ms ?? DEFAULT_TIMEOUT_MS;
  const shell = auth.shell ?? "bash";
  const fp = fingerprint([
    options.target,
    options.providerName,
    options.provider.base_url?.trim() ?? "",
    auth.command,
    auth.cache_key ?? "",
    shell,
  ]);
  const cache = new KeyCache(join(options.cacheDir ?? defaultCacheDir(options.env), options.target), fp);
  const cached = cache.read(now(), margin);
  if (cached.key)
    return {
      ok: true,
      credential: { key: cached.key.key, source: "cache", fromAuth: true, invalidate: async () => cache.invalidate() },
    };
  const dirProblem = cache.ensureDir();
  if (dirProblem) return unavailable("cache_unavailable", "exec", `cannot prepare the credential cache: ${dirProblem}`);
  let release: (() => void) | null;
  try {
    release = await cache.lock(timeoutMs + 1000, timeoutMs + 5000);
  } catch (e) {
    return unavailable("lock_error", "lock", (e as Error).message);
  }
  if (!release) {
    const last = cache.read(now(), margin);
    if (last.key)
      return {
        ok: true,
        credential: { key: last.key.key, source: "lock", fromAuth: true, invalidate: async () => cache.invalidate() },
      };
    return unavailable("lock_timeout", "lock", "another hook held the credential lock past the deadline");
  }
  try {
    const again = cache.read(now(), margin);
    if (again.key)
      return {
        ok: true,
        credential: { key: again.key.key, source: "lock", fromAuth: true, invalidate: async () => cache.invalidate() },
      };
    const run = await runHelper(auth.command, shell, timeoutMs, options.env);
    if (!run.ok) return unavailable(run.reason, "exec", `${run.detail} (stderr: ${run.stderrBytes} bytes, not shown)`);
    const parsed = parseKeyOutput(run.stdout, now(), margin);
    if (!parsed.ok) return unavailable(parsed.reason, "exec", parsed.detail);
    if (parsed.expiresAt !== null) cache.write({ key: parsed.key, expiresAt: parsed.expiresAt });
    return {
      ok: true,
      credential: { key: parsed.key, source: "exec", fromAuth: true, invalidate: async () => cache.invalidate() },
    };
  } finally {
    release();
  }
}
