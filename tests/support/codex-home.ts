// Build a CODEX_HOME that points the real `codex` binary at a loopback ChatGPT backend, with a
// fake ChatGPT login (unsigned JWTs: the mock never checks signatures).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const b64url = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const jwt = (payload: Record<string, unknown>) =>
  `${b64url({ alg: "none", typ: "JWT" })}.${b64url(payload)}.${b64url("sig")}`;

export type AuthMode = "chatgpt" | "apikey" | "none";

export function writeFakeAuth(home: string, mode: AuthMode = "chatgpt"): void {
  if (mode === "none") return;
  const claims = {
    email: "user@example.test",
    exp: Math.floor(Date.now() / 1000) + 10 * 86400,
    "https://api.openai.com/auth": {
      chatgpt_plan_type: "plus",
      chatgpt_user_id: "user-123",
      chatgpt_account_id: "acct-123",
      user_id: "user-123",
    },
  };
  const auth =
    mode === "apikey"
      ? { auth_mode: "apikey", OPENAI_API_KEY: "sk-test-not-real" }
      : {
          auth_mode: "chatgpt",
          OPENAI_API_KEY: null,
          tokens: {
            id_token: jwt(claims),
            access_token: jwt({ ...claims, aud: ["https://api.openai.com/v1"] }),
            refresh_token: "rt-fake",
            account_id: "acct-123",
          },
          last_refresh: new Date().toISOString(),
        };
  writeFileSync(join(home, "auth.json"), JSON.stringify(auth, null, 2), { mode: 0o600 });
}

/** Config lines that route every backend call of `codex` to the mock at `backendUrl`. */
export function mockProviderToml(backendUrl: string): string {
  return [
    `chatgpt_base_url = "${backendUrl}/backend-api/"`,
    `model_provider = "mock"`,
    ``,
    `[model_providers.mock]`,
    `name = "mock"`,
    `base_url = "${backendUrl}/backend-api/codex"`,
    `wire_api = "responses"`,
    `requires_openai_auth = true`,
    `request_max_retries = 0`,
    `stream_max_retries = 0`,
    ``,
  ].join("\n");
}

export function makeCodexHome(
  dir: string,
  backendUrl: string,
  options: { auth?: AuthMode; extraToml?: string } = {},
): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(
    join(dir, "config.toml"),
    [
      `cli_auth_credentials_store = "file"`,
      `project_doc_max_bytes = 0`,
      options.extraToml ?? "",
      mockProviderToml(backendUrl),
    ].join("\n"),
  );
  writeFakeAuth(dir, options.auth ?? "chatgpt");
  return dir;
}
