// `provider.auth` resolution (exec helper, rotator file, Anthropic profile).
import type { AuthConfig } from "../config/schema.ts";
import type { ResolveOptions } from "./resolve.ts";
import type { CredentialResult } from "./types.ts";

export async function resolveAuth(auth: AuthConfig, _options: ResolveOptions): Promise<CredentialResult> {
  return { ok: false, kind: "credential_unavailable", reason: "unsupported", source: auth.type, detail: `provider.auth type ${auth.type} is not available in this build` };
}
