// What leaves the machine, through the compiled binary: a Bash or Write request carrying each
// secret family reaches a loopback Anthropic server; neither the body it receives nor the metrics
// line nor the log holds the secret. The key ccgate uses, echoed back in an error body, reaches
// neither stderr nor the log nor metrics; rule texts built from the environment or an imported key
// file are redacted in the system prompt.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AnthropicMock, startAnthropicMock } from "../support/anthropic-mock.ts";
import { SECRET_FAMILIES } from "../support/secret-corpus.ts";

const root = join(import.meta.dir, "..", "..");
const bin = join(root, "dist", "ccgate");
let mock: AnthropicMock;

beforeAll(() => {
  if (!existsSync(bin)) Bun.spawnSync([process.execPath, "build.ts"], { cwd: root });
  mock = startAnthropicMock({ kind: "verdict", behavior: "deny", deny_message: "no" });
});
afterAll(() => mock.stop());

function sandbox() {
  const work = mkdtempSync(join(tmpdir(), "ccgate-redact-"));
  const home = join(work, "home");
  const repo = join(work, "repo");
  mkdirSync(join(home, ".claude"), { recursive: true });
  Bun.spawnSync(["git", "init", "-q", "-b", "feature/x", repo]);
  const state = join(work, "state");
  return {
    work,
    home,
    repo,
    state,
    metrics: () => readIf(join(state, "ccgate", "claude", "metrics.jsonl")),
    log: () => readIf(join(state, "ccgate", "claude", "ccgate.log")),
  };
}
type Box = ReturnType<typeof sandbox>;

const readIf = (p: string) => (existsSync(p) ? readFileSync(p, "utf8") : "");

async function run(box: Box, toolName: string, toolInput: Record<string, unknown>, env: Record<string, string> = {}) {
  const p = Bun.spawn([bin, "claude"], {
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: box.home,
      XDG_STATE_HOME: box.state,
      XDG_CACHE_HOME: join(box.work, "cache"),
      CCGATE_ANTHROPIC_API_KEY: "sk-ant-test-key-for-the-loopback-mock-000",
      ANTHROPIC_BASE_URL: mock.url,
      ...env,
    },
    cwd: box.repo,
    stdin: Buffer.from(
      JSON.stringify({
        session_id: "s-redact",
        transcript_path: null,
        cwd: box.repo,
        hook_event_name: "PermissionRequest",
        permission_mode: "default",
        tool_name: toolName,
        tool_input: toolInput,
      }),
    ),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([
    new Response(p.stdout).text(),
    new Response(p.stderr).text(),
    p.exited,
  ]);
  return { stdout, stderr, code };
}

/** Everything the mock received, raw and decoded (so a JSON escape cannot hide a secret). */
function received(): string {
  return mock.requests.map((r) => `${r.raw}\n${JSON.stringify(r.body, null, 0)}\n${decode(r.body)}`).join("\n");
}
function decode(body: Record<string, unknown>): string {
  const parts: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") parts.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(body);
  return parts.join("\n");
}

for (const [family, cases] of Object.entries(SECRET_FAMILIES)) {
  describe(`binary redaction: ${family}`, () => {
    test(`${cases.length} Bash requests and one Write request: nothing secret reaches the provider, metrics or log`, async () => {
      const box = sandbox();
      for (const { text, secrets } of cases) {
        mock.requests.length = 0;
        // `./run.sh` is unknown to the fast path, so every request goes to the classifier.
        const r = await run(box, "Bash", { command: `./run.sh && ${text}`, description: "set up" });
        expect(r.code).toBe(0);
        expect(mock.requests).toHaveLength(1);
        const wire = received();
        expect(wire).toContain("./run.sh");
        for (const s of secrets) expect(wire).not.toContain(s);
      }
      mock.requests.length = 0;
      const content = cases.map((c) => c.text).join("\n\n");
      const w = await run(box, "Write", { file_path: join(box.repo, "notes", "setup.md"), content });
      expect(w.code).toBe(0);
      expect(mock.requests).toHaveLength(1);
      const wire = received();
      const metrics = box.metrics();
      const log = box.log();
      expect(metrics.trim().split("\n")).toHaveLength(cases.length + 1);
      expect(metrics).toContain("./run.sh");
      for (const { secrets } of cases)
        for (const s of secrets) {
          expect(wire).not.toContain(s);
          expect(metrics).not.toContain(s);
          expect(log).not.toContain(s);
        }
    });
  });
}

describe("binary redaction: the key in use, by exact value", () => {
  // No known token format: only exact-value redaction can find it.
  const KEY = "loopback.Key~0042/zz+custom-format";
  for (const [status, type] of [
    [401, "authentication_error"],
    [400, "invalid_request_error"],
  ] as const) {
    test(`a ${status} body that echoes the key: stderr, log and metrics do not hold it`, async () => {
      const box = sandbox();
      mock.requests.length = 0;
      mock.script.push({
        kind: "error",
        status,
        type,
        message: `invalid x-api-key: ${KEY} (base64 ${Buffer.from(KEY).toString("base64")}, url ${encodeURIComponent(KEY)})`,
      });
      const r = await run(box, "Bash", { command: "./run.sh" }, { CCGATE_ANTHROPIC_API_KEY: KEY });
      expect(mock.requests[0]?.headers["x-api-key"]).toBe(KEY);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`status ${status}`);
      expect(r.stderr).toContain("[REDACTED]");
      const sinks = `${r.stderr}\n${r.stdout}\n${box.log()}\n${box.metrics()}`;
      expect(box.metrics()).toContain(`status ${status}`);
      for (const form of [KEY, encodeURIComponent(KEY), Buffer.from(KEY).toString("base64").replace(/=+$/, "")])
        expect(sinks).not.toContain(form);
    });
  }

  test("a request that carries the key itself does not send it back to the provider", async () => {
    const box = sandbox();
    mock.requests.length = 0;
    const r = await run(box, "Bash", { command: `./run.sh --key '${KEY}'` }, { CCGATE_ANTHROPIC_API_KEY: KEY });
    expect(r.code).toBe(0);
    const body = mock.requests[0]?.raw ?? "";
    expect(body).toContain("./run.sh");
    expect(body).not.toContain(KEY);
    expect(box.metrics()).not.toContain(KEY);
  });
});

describe("binary redaction: the system prompt", () => {
  test("rule texts from std.native('env') and importstr of a key file are redacted; the rest is sent as written", async () => {
    const box = sandbox();
    const token = "opaque-deploy-value-9c1e77";
    const pem = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW";
    writeFileSync(
      join(box.home, ".claude", "deploy.key"),
      `-----BEGIN OPENSSH PRIVATE KEY-----\n${pem}\n-----END OPENSSH PRIVATE KEY-----\n`,
    );
    writeFileSync(
      join(box.home, ".claude", "ccgate.jsonnet"),
      [
        "{",
        "  append_deny: ['Never deploy with the token ' + std.native('env')('DEPLOY_TOKEN') + ' from a feature branch.'],",
        "  append_environment: ['The deploy key is ' + importstr 'deploy.key', 'Staging runs at ' + std.native('env')('STAGING_HOST') + '.'],",
        "}",
      ].join("\n"),
    );
    mock.requests.length = 0;
    const env = { DEPLOY_TOKEN: token, STAGING_HOST: "staging.internal.example" };
    for (let i = 0; i < 2; i++) {
      const r = await run(box, "Bash", { command: `./run.sh ${i}` }, env);
      expect(r.code).toBe(0);
    }
    expect(mock.requests).toHaveLength(2);
    for (const req of mock.requests) {
      const system = String(req.body.system ?? JSON.stringify(req.body));
      expect(req.raw).not.toContain(token);
      expect(req.raw).not.toContain(pem);
      expect(decode(req.body)).toContain("Never deploy with the token [REDACTED] from a feature branch.");
      expect(decode(req.body)).toContain("Staging runs at staging.internal.example.");
      expect(decode(req.body)).toContain("You are ccgate, the permission classifier");
      expect(system.length).toBeGreaterThan(0);
    }
    // Without the key file, every run (whether or not the layer cache serves it) still redacts.
    writeFileSync(
      join(box.home, ".claude", "ccgate.jsonnet"),
      "{ append_deny: ['Never deploy with the token ' + std.native('env')('DEPLOY_TOKEN') + ' from a feature branch.'] }",
    );
    mock.requests.length = 0;
    for (let i = 0; i < 3; i++) expect((await run(box, "Bash", { command: `./run.sh ${i}` }, env)).code).toBe(0);
    expect(mock.requests).toHaveLength(3);
    for (const req of mock.requests) {
      expect(req.raw).not.toContain(token);
      expect(decode(req.body)).toContain("Never deploy with the token [REDACTED] from a feature branch.");
    }
    // nothing of the layers was written to the layer cache in clear
    const cacheText = Bun.spawnSync([
      "sh",
      "-c",
      `cat ${join(box.work, "cache")}/ccgate/claude/config/* 2>/dev/null`,
    ]).stdout.toString();
    expect(cacheText).not.toContain(token);
    expect(cacheText).not.toContain(pem);
  });
});
