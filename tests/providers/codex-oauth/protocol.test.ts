// codex-oauth against a scripted fake app-server: every failure path, and no process left behind.
import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ClassifierPrompt } from "../../../src/core/ports.ts";
import { DECISION_SCHEMA } from "../../../src/core/schema.ts";
import { codexChildEnv } from "../../../src/providers/codex-oauth/env.ts";
import { MANAGED_CONFIG } from "../../../src/providers/codex-oauth/home.ts";
import { create } from "../../../src/providers/codex-oauth/index.ts";

const fake = join(import.meta.dir, "fixtures", "fake-app-server.ts");

function setup(scenario: string, over: { codexHome?: string; env?: Record<string, string> } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "ccgate-codex-oauth-"));
  const record = join(dir, "record.json");
  const bin = join(dir, "codex");
  writeFileSync(
    bin,
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} --no-env-file ${JSON.stringify(fake)} ${scenario} ${JSON.stringify(record)} "$@"\n`,
    { mode: 0o755 },
  );
  const logs: string[] = [];
  const provider = create({
    target: "claude",
    baseUrl: "",
    timeoutMs: 5000,
    credential: null,
    config: { name: "codex-oauth", codex_bin: bin, ...(over.codexHome ? { codex_home: over.codexHome } : {}) },
    env: { PATH: process.env.PATH, HOME: dir, ...over.env },
    stateDir: join(dir, "state"),
    log: (m, f) => logs.push(`${m} ${JSON.stringify(f ?? {})}`),
  });
  const read = () =>
    JSON.parse(readFileSync(record, "utf8")) as {
      argv: string[];
      env: Record<string, string>;
      pid: number;
      received: Array<{ method?: string; params?: any; id?: number; result?: any; error?: any }>;
    };
  return { dir, provider, read, logs };
}

const prompt: ClassifierPrompt = {
  system: "SYSTEM PROMPT",
  user: "<permission_request>{}</permission_request>",
  model: "",
  reasoningEffort: undefined,
  cwd: "/tmp",
};

function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  return /\) Z /.test(existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, "utf8") : "");
}

async function classify(scenario: string, timeoutMs = 5000, over = {}) {
  const s = setup(scenario, over);
  const result = await s.provider.classify(prompt, AbortSignal.timeout(timeoutMs));
  const rec = s.read();
  for (let i = 0; i < 20 && !gone(rec.pid); i++) await Bun.sleep(50);
  return { result, rec, s };
}

describe("codex-oauth protocol", () => {
  test("happy path: the exact sequence and parameters, a verdict, phase timings, child gone", async () => {
    const { result, rec } = await classify("ok");
    expect(result).toMatchObject({ ok: true, output: { behavior: "allow", reason: "fake says fine" } });
    expect(Object.keys(result.timings ?? {})).toEqual(["spawn_init", "account", "thread", "turn"]);
    const calls = rec.received.filter((m) => m.method);
    expect(calls.map((m) => m.method)).toEqual([
      "initialize",
      "initialized",
      "account/read",
      "thread/start",
      "turn/start",
    ]);
    expect(calls[0]?.params.clientInfo.name).toBe("ccgate");
    expect(calls[2]?.params).toEqual({ refreshToken: false });
    expect(calls[3]?.params).toMatchObject({
      model: "gpt-6-luna",
      approvalPolicy: "never",
      sandbox: "read-only",
      ephemeral: true,
      baseInstructions: "SYSTEM PROMPT",
    });
    expect(calls.some((m) => m.method === "thread/archive")).toBe(false);
    expect(calls[4]?.params).toMatchObject({
      threadId: "thr-1",
      effort: "low",
      summary: "none",
      outputSchema: DECISION_SCHEMA,
      sandboxPolicy: { type: "readOnly", networkAccess: false },
      approvalPolicy: "never",
    });
    expect(calls[4]?.params.input).toEqual([{ type: "text", text: prompt.user, text_elements: [] }]);
    expect(rec.argv.slice(0, 5)).toEqual(["app-server", "--disable", "hooks", "-c", "project_doc_max_bytes=0"]);
    expect(rec.argv).toContain("features.shell_tool=false");
    expect(rec.argv).toContain("features.unified_exec=false");
    expect(gone(rec.pid)).toBe(true);
  });

  test("the child's environment holds only the allowlist plus CODEX_HOME", async () => {
    const { rec, s } = await classify("ok", 5000, {
      env: {
        CODEX_API_KEY: "sk-codex",
        OPENAI_API_KEY: "sk-openai",
        CCGATE_OPENAI_API_KEY: "sk-ccgate",
        AWS_SECRET_ACCESS_KEY: "aws",
        LANG: "C.UTF-8",
        LC_ALL: "C",
        HTTPS_PROXY: "http://proxy:3128",
      },
    });
    const names = Object.keys(rec.env)
      .filter((k) => !["PWD", "SHLVL", "_", "OLDPWD"].includes(k))
      .sort();
    expect(names).toEqual(["CODEX_HOME", "HOME", "HTTPS_PROXY", "LANG", "LC_ALL", "PATH"]);
    expect(rec.env.CODEX_HOME).toBe(join(s.dir, "state", "codex-oauth", "codex-home"));
    expect(codexChildEnv({ OPENAI_API_KEY: "x", CODEX_HOME: "/elsewhere" }, "/mine")).toEqual({ CODEX_HOME: "/mine" });
  });

  test("the managed home is 0700 with a 0600 config written once, never rewritten", async () => {
    const { s } = await classify("ok");
    const home = join(s.dir, "state", "codex-oauth", "codex-home");
    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(statSync(join(home, "config.toml")).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(home, "config.toml"), "utf8")).toBe(MANAGED_CONFIG);
    writeFileSync(join(home, "config.toml"), "# mine\n");
    await s.provider.classify(prompt, AbortSignal.timeout(5000));
    expect(readFileSync(join(home, "config.toml"), "utf8")).toBe("# mine\n");
  });

  test("a self-managed home is used as is, and its MCP servers are switched off by name", async () => {
    const own = mkdtempSync(join(tmpdir(), "ccgate-own-home-"));
    writeFileSync(
      join(own, "config.toml"),
      '[mcp_servers.github]\ncommand = "x"\n[mcp_servers."my server".env]\nA = "1"\n',
    );
    const { rec } = await classify("ok", 5000, { codexHome: own });
    expect(rec.env.CODEX_HOME).toBe(own);
    expect(rec.argv).toContain("mcp_servers.github.enabled=false");
    expect(rec.argv).toContain('mcp_servers."my server".enabled=false');
    expect(readFileSync(join(own, "config.toml"), "utf8")).toContain("[mcp_servers.github]");
  });

  const failures: Array<[string, Record<string, unknown>]> = [
    ["no-account", { type: "credential_unavailable", reason: "not_logged_in" }],
    ["apikey", { type: "credential_unavailable", reason: "wrong_auth_mode" }],
    ["routing", { type: "credential_unavailable", reason: "workspace_routing" }],
    ["leak", { type: "unusable" }],
    ["turn-401-string", { type: "credential_unavailable", reason: "provider_auth" }],
    ["turn-401-object", { type: "credential_unavailable", reason: "provider_auth" }],
    ["usage-limit", { type: "credential_unavailable", reason: "usage_limit" }],
    ["crash-mid-turn", { type: "error" }],
    ["non-json", { type: "error" }],
    ["huge-line", { type: "error" }],
    ["garbage-answer", { type: "error" }],
  ];
  for (const [scenario, failure] of failures) {
    test(`${scenario} → ${JSON.stringify(failure)}, and the child is gone`, async () => {
      const { result, rec } = await classify(scenario);
      expect(result).toMatchObject({ ok: false, failure });
      expect(gone(rec.pid)).toBe(true);
    }, 20_000);
  }

  test("no login: the detail and the log tell the user the exact login command", async () => {
    const { result, s } = await classify("no-account");
    const home = join(s.dir, "state", "codex-oauth", "codex-home");
    expect(!result.ok && result.failure.type === "credential_unavailable" && result.failure.detail).toContain(
      `CODEX_HOME=${home} codex login`,
    );
    expect(s.logs.join("\n")).toContain(`CODEX_HOME=${home} codex login`);
  });

  test("a hang past the deadline ends in a timeout error, child killed", async () => {
    // The scripted server never answers: only the deadline can end the call (else the test times out).
    const { result, rec } = await classify("hang", 800);
    expect(result).toMatchObject({
      ok: false,
      failure: { type: "error", message: expect.stringContaining("timeout_ms") },
    });
    expect(gone(rec.pid)).toBe(true);
  });

  test("server approval requests are declined; other server requests get an error", async () => {
    const { result, rec } = await classify("approval");
    expect(result.ok).toBe(true);
    const answers = rec.received.filter((m) => m.id === 900 || m.id === 901);
    expect(answers.find((m) => m.id === 900)?.result).toEqual({ decision: "decline" });
    expect(answers.find((m) => m.id === 901)?.error?.code).toBe(-32601);
  });

  test("codex missing: the message names provider.codex_bin", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ccgate-nocodex-"));
    mkdirSync(join(dir, "bin"));
    const p = create({
      target: "claude",
      baseUrl: "",
      timeoutMs: 1000,
      credential: null,
      config: { name: "codex-oauth" },
      env: { PATH: join(dir, "bin"), HOME: dir },
      stateDir: join(dir, "state"),
      log: () => {},
    });
    const r = await p.classify(prompt, AbortSignal.timeout(1000));
    expect(r).toMatchObject({
      ok: false,
      failure: { type: "error", message: expect.stringContaining("provider.codex_bin") },
    });
  });
});
