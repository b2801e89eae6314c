import { describe, expect, test } from "bun:test";
import { embeddedDefaults } from "../../src/config/defaults.ts";
import { defaultConfig } from "../../src/config/load.ts";
import type { Config } from "../../src/config/schema.ts";
import { type DecideDeps, decide, type ProviderResolution } from "../../src/core/decide.ts";
import type { Credential, ProviderResult } from "../../src/core/ports.ts";
import type { DecisionRequest } from "../../src/core/types.ts";
import { HOSTS } from "../../src/hosts/index.ts";

const d = embeddedDefaults("claude");
const config = (over: Partial<Config> = {}): Config => ({
  ...defaultConfig(),
  provider: { name: "anthropic", model: "m" },
  log_disabled: true,
  metrics_disabled: true,
  allow: d.allow ?? [],
  deny: d.deny ?? [],
  environment: d.environment ?? [],
  cache: { enabled: true, ttl_ms: 1000 },
  ...over,
});
const request = (over: Partial<DecisionRequest> = {}): DecisionRequest => ({
  target: "claude",
  hookEventName: "PermissionRequest",
  sessionId: "s",
  toolName: "Bash",
  toolInput: { command: "make" },
  cwd: "/r",
  permissionMode: "default",
  transcriptPath: null,
  ...over,
});

function deps(
  result: ProviderResult | (() => ProviderResult),
  credential: Credential | null = { key: "k", source: "env", fromAuth: false },
  over: Partial<DecideDeps> = {},
) {
  const calls = { classify: 0, invalidated: 0, resolved: 0 };
  const cred = credential ? { ...credential, invalidate: async () => void calls.invalidated++ } : null;
  const d: DecideDeps = {
    host: HOSTS.claude.traits,
    now: () => performance.now(),
    log: () => {},
    gatherContext: () => ({ git: null, referencedPaths: [], settingsPermissions: null, transcript: null }),
    resolveProvider: async (): Promise<ProviderResolution> => {
      calls.resolved++;
      const classify = async () => {
        calls.classify++;
        return typeof result === "function" ? result() : result;
      };
      return { ok: true, handle: { credential: cred, provider: { name: "fake", classify } } };
    },
    ...over,
  };
  return { d, calls };
}

const verdict = (behavior: string, extra: Record<string, string> = {}): ProviderResult => ({
  ok: true,
  output: { reason: "because", behavior, deny_message: "", ...extra },
});

describe("decide", () => {
  test("short-circuits come first and never resolve a credential", async () => {
    for (const [req, kind] of [
      [request({ toolName: "AskUserQuestion" }), "user_interaction"],
      [request({ toolName: "ExitPlanMode", permissionMode: "plan" }), "user_interaction"],
      [request({ permissionMode: "bypassPermissions" }), "bypass"],
      [request({ permissionMode: "dontAsk" }), "dontask"],
    ] as const) {
      const { d: dp, calls } = deps(verdict("allow"));
      expect(await decide(req, config(), dp)).toMatchObject({ decision: "fallthrough", kind, source: "short_circuit" });
      expect(calls.resolved).toBe(0);
    }
  });

  test("a fast-path verdict wins over the provider; 'llm' continues", async () => {
    const { d: dp, calls } = deps(verdict("allow"), undefined, {
      fastPath: () => ({ verdict: "deny", rule: "r", message: "m", reason: "x" }),
    });
    expect(await decide(request(), config(), dp)).toMatchObject({
      decision: "deny",
      message: "m",
      source: "fast_path",
    });
    expect(calls.resolved).toBe(0);
    const { d: dp2, calls: c2 } = deps(verdict("allow"), undefined, {
      fastPath: () => ({ verdict: "llm", reason: "unknown" }),
    });
    expect(await decide(request(), config(), dp2)).toMatchObject({ decision: "allow", source: "llm" });
    expect(c2.classify).toBe(1);
  });

  test("fallthrough_strategy promotes only the classifier's own doubt", async () => {
    for (const s of ["allow", "deny"] as const) {
      const v = await decide(request(), config({ fallthrough_strategy: s }), deps(verdict("fallthrough")).d);
      expect(v).toMatchObject({ decision: s, forced: true, kind: "llm" });
      expect(v.message).toContain('"because"');
      expect(
        await decide(
          request(),
          config({ fallthrough_strategy: s }),
          deps({ ok: false, failure: { type: "unusable", detail: "x" } }).d,
        ),
      ).toMatchObject({ decision: "fallthrough", kind: "api_unusable" });
    }
    expect(await decide(request(), config(), deps(verdict("perhaps")).d)).toMatchObject({
      decision: "fallthrough",
      kind: "llm",
    });
  });

  describe("status × credential source", () => {
    const rejected = (status: number): ProviderResult => ({
      ok: false,
      failure: { type: "auth_rejected", status, message: `status ${status}` },
    });
    const failed = (status: number): ProviderResult => ({
      ok: false,
      failure: { type: "error", status, message: `status ${status}` },
    });
    for (const status of [401, 403]) {
      test(`${status}: env key → error; auth key → invalidate and credential_unavailable/provider_auth`, async () => {
        expect(await decide(request(), config(), deps(rejected(status)).d)).toMatchObject({ decision: "error" });
        for (const source of ["exec", "cache", "file", "lock"] as const) {
          const { d: dp, calls } = deps(rejected(status), { key: "k", source, fromAuth: true });
          expect(await decide(request(), config(), dp)).toMatchObject({
            decision: "fallthrough",
            kind: "credential_unavailable",
            reason: "provider_auth",
            credentialSource: source,
          });
          expect(calls.invalidated).toBe(1);
        }
      });
    }
    for (const status of [429, 500, 503]) {
      test(`${status} after retries is an error for every source`, async () => {
        for (const cred of [
          { key: "k", source: "env", fromAuth: false },
          { key: "k", source: "exec", fromAuth: true },
        ] as const) {
          expect(await decide(request(), config(), deps(failed(status), cred).d)).toMatchObject({ decision: "error" });
        }
      });
    }
  });

  test("credential failures fall through with reason and source; unknown providers never resolve", async () => {
    const dp = deps(verdict("allow"), undefined, {
      resolveProvider: async () => ({
        ok: false,
        kind: "credential_unavailable",
        reason: "timeout",
        source: "exec",
        detail: "slow",
      }),
    }).d;
    expect(await decide(request(), config(), dp)).toMatchObject({
      decision: "fallthrough",
      kind: "credential_unavailable",
      reason: "timeout",
      credentialSource: "exec",
    });
  });

  test("deny verdicts are not cached when the transcript was part of the prompt", async () => {
    const put: unknown[] = [];
    const cache = { get: () => null, put: (o: unknown) => void put.push(o) };
    const withTranscript = {
      gatherContext: () => ({
        git: null,
        referencedPaths: [],
        settingsPermissions: null,
        transcript: { user_messages: ["please"] },
      }),
      cache,
    };
    await decide(request(), config(), deps(verdict("deny"), undefined, withTranscript).d);
    expect(put).toHaveLength(0);
    await decide(request(), config(), deps(verdict("allow"), undefined, withTranscript).d);
    await decide(request(), config(), deps(verdict("deny"), undefined, { cache }).d);
    expect(put).toHaveLength(2);
  });

  test("the deadline is enforced around the provider call", async () => {
    const slow = deps(verdict("allow"), undefined, {
      resolveProvider: async () => ({
        ok: true,
        handle: {
          credential: null,
          provider: {
            name: "slow",
            classify: (_p, signal) =>
              new Promise((res) =>
                signal.addEventListener("abort", () =>
                  res({ ok: false, failure: { type: "error", message: "aborted by deadline" } }),
                ),
              ),
          },
        },
      }),
    }).d;
    // The provider resolves only on abort: without the deadline this never returns (the test timeout catches it).
    expect(
      await decide(request(), config({ provider: { name: "anthropic", model: "m", timeout_ms: 100 } }), slow),
    ).toMatchObject({ decision: "error" });
  });
});
