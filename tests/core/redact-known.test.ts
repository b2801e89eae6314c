// Exact-value redaction of the key ccgate uses, and redaction of the system prompt's rule texts
// without touching ccgate's own wording or its default rules.
import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config/load.ts";
import type { Config } from "../../src/config/schema.ts";
import { buildSystemPrompt } from "../../src/core/prompt.ts";
import { clearSecrets, redact, redactValue, registerSecret } from "../../src/core/redact.ts";
import type { Target } from "../../src/core/types.ts";
import { resolveCredential } from "../../src/credentials/resolve.ts";
import { HOSTS } from "../../src/hosts/index.ts";
import { formatLine } from "../../src/state/log.ts";
import { metricsEntry } from "../../src/state/metrics.ts";

// A key in no known format: only its exact value can find it.
const KEY = "opaque.Key~value:0042/zz";

afterEach(() => clearSecrets());

function defaults(target: Target): Config {
  const home = mkdtempSync(join(tmpdir(), "ccgate-prompt-"));
  const r = loadConfig(target, { cwd: home, env: { HOME: home }, git: null, layerCache: null });
  if (!r.ok) throw new Error(r.error.message);
  return r.config;
}

describe("known secrets: exact value", () => {
  test("unknown-format key is kept before registration and removed after, in every encoding", () => {
    const texts = [
      `anthropic API error (status 401): invalid key ${KEY}`,
      `GET /v1?key=${encodeURIComponent(KEY)}`,
      `{"echo":${JSON.stringify(`k=${KEY}`)}}`,
      `Basic ${Buffer.from(KEY).toString("base64")}`,
      `token ${Buffer.from(KEY).toString("base64url")}.`,
    ];
    const before = texts.map(redact);
    expect(before[0]).toContain(KEY);
    registerSecret(KEY);
    for (const t of texts) {
      const out = redact(t);
      expect(out).not.toContain(KEY);
      expect(out).not.toContain(encodeURIComponent(KEY));
      expect(out).not.toContain(Buffer.from(KEY).toString("base64").replace(/=+$/, ""));
      expect(out).not.toContain(Buffer.from(KEY).toString("base64url"));
      expect(out).toContain("[REDACTED]");
    }
  });

  test("resolving the env credential registers it: log lines and metrics lose it", async () => {
    const r = await resolveCredential({
      target: "claude",
      providerName: "anthropic",
      provider: { name: "anthropic", model: "m" } as Config["provider"],
      env: { CCGATE_ANTHROPIC_API_KEY: KEY },
      cwd: "/",
    });
    expect(r.ok).toBe(true);
    const line = formatLine("error", "decide failed", { error: `vendor said: bad key ${KEY}` });
    expect(line).not.toContain(KEY);
    const entry = metricsEntry(
      { target: "claude", sessionId: "s", toolName: "Bash", permissionMode: "default", toolInput: { command: KEY } },
      { decision: "error", kind: "error", source: "llm", error: `echo ${KEY}`, timings: {} },
      new Date(),
      1,
    );
    expect(JSON.stringify(entry)).not.toContain(KEY);
  });

  test("short or blank values are not registered (they would redact ordinary words)", () => {
    registerSecret("abc");
    registerSecret("   ");
    registerSecret(undefined);
    expect(redact("abc def")).toBe("abc def");
  });
});

describe("system prompt redaction", () => {
  for (const target of ["claude", "codex"] as const) {
    test(`${target}: default rules and ccgate's own wording come through unchanged`, () => {
      const config = defaults(target);
      expect(config.allow.length + config.deny.length).toBeGreaterThan(0);
      for (const rule of [...config.allow, ...config.deny, ...config.environment]) expect(redact(rule)).toBe(rule);
      for (const plan of [false, true]) {
        const prompt = buildSystemPrompt(HOSTS[target].traits, config, plan);
        for (const rule of [...config.allow, ...config.deny, ...config.environment]) expect(prompt).toContain(rule);
        // the fixed wording has nothing redaction would touch
        const bare = buildSystemPrompt(HOSTS[target].traits, { ...config, allow: [], deny: [], environment: [] }, plan);
        expect(redact(bare)).toBe(bare);
        expect(prompt.startsWith(bare.split("\n\nAllow guidance")[0] as string)).toBe(true);
      }
    });

    test(`${target}: secrets inside the user's rule texts are redacted`, () => {
      const config = defaults(target);
      registerSecret("env-read-deploy-value-7f3a");
      const rules = {
        allow: [...config.allow, "pushing with ghp_0123456789abcdefghijABCDEFGHIJ012345 to the fork"],
        deny: [...config.deny, "never log in with DEPLOY_TOKEN=env-read-deploy-value-7f3a"],
        environment: [
          "deploy key: -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----",
          "staging db is postgres://app:stagingPass99@db.internal/app",
        ],
      };
      const prompt = buildSystemPrompt(HOSTS[target].traits, { ...config, ...rules }, false);
      for (const s of ["ghp_0123456789", "env-read-deploy-value-7f3a", "b3BlbnNzaC1rZXktdjEAAAAA", "stagingPass99"])
        expect(prompt).not.toContain(s);
      expect(prompt).toContain("pushing with [REDACTED] to the fork");
      expect(prompt).toContain("staging db is postgres://app:[REDACTED]@db.internal/app");
      for (const rule of config.deny) expect(prompt).toContain(rule);
    });
  }
});

test("redactValue blanks values under secret-named keys but keeps identifiers and references", () => {
  const v = redactValue({
    password: "x1",
    secret_name: "prod/db",
    token_file: "/run/t",
    api_key: "$API_KEY",
    headers: { Authorization: "Bearer abc", Cookie: "sid=1", "x-api-key": "k1", Accept: "text/html" },
  });
  expect(v).toEqual({
    password: "[REDACTED]",
    secret_name: "prod/db",
    token_file: "/run/t",
    api_key: "$API_KEY",
    headers: { Authorization: "[REDACTED]", Cookie: "[REDACTED]", "x-api-key": "[REDACTED]", Accept: "text/html" },
  });
});

test("pieces of a command lose what redaction removed from the whole command", async () => {
  const { redactDerived, stringsOf } = await import("../../src/core/redact.ts");
  const line = "MIIEowIBAAKCAQEAv3q9ZfA1x0Yh2kT8mLcQ7pN4sR6uW0yB5dE9gH1jK3lM";
  const command = `./run.sh && cat > k <<EOF\n-----BEGIN RSA PRIVATE KEY-----\n${line}\n-----END RSA PRIVATE KEY-----\nEOF\nmysql -uroot -pHunter2Pass db`;
  const payload = {
    tool_input: { command },
    shell_analysis: [
      { command: line, note: `runs ${line}` },
      { command: "mysql -uroot -pHunter2Pass db", note: "mysql" },
      { command: "./run.sh", note: "runs a program by path" },
    ],
  };
  const out = JSON.stringify(redactDerived(payload, stringsOf(payload.tool_input)));
  expect(out).not.toContain(line);
  expect(out).not.toContain("Hunter2Pass");
  expect(out).toContain("runs a program by path");
  expect(out).toContain("./run.sh");
});
