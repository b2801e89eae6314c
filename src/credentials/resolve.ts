// Resolve the credential for the configured provider. `provider.auth` (exec / file / profile)
// never falls back to environment variables: a failure is `credential_unavailable`.
import { registerSecret } from "../core/redact.ts";
import { providerSpec } from "../providers/registry.ts";
import { envCredential, envKeyNames } from "./env.ts";
import type { CredentialResult, ResolveOptions } from "./types.ts";

export async function resolveCredential(options: ResolveOptions): Promise<CredentialResult> {
  const result = await resolveUnregistered(options);
  // The key in use is removed by exact value from everything redacted from now on (log, metrics,
  // stderr, provider error texts that echo it), whatever its format.
  if (result.ok) registerSecret(result.credential?.key);
  return result;
}

async function resolveUnregistered(options: ResolveOptions): Promise<CredentialResult> {
  const name = options.providerName;
  if (providerSpec(name)?.selfAuthenticating) return { ok: true, credential: null };
  const auth = options.provider.auth;
  if (auth) {
    const { resolveAuth } = await import("./auth.ts");
    return resolveAuth(auth, options);
  }
  if (envKeyNames(name).length === 0) {
    return {
      ok: false,
      kind: "credential_unavailable",
      reason: "unknown_provider",
      source: "env",
      detail: `no credential scheme for provider ${name}`,
    };
  }
  const credential = envCredential(name, options.env);
  if (!credential) return { ok: false, kind: "no_apikey", detail: `set ${envKeyNames(name).join(" or ")}` };
  return { ok: true, credential };
}
