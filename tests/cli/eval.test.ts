// `ccgate claude eval` as a user runs it: the compiled binary, a temp HOME, corpora written to files,
// and a loopback Anthropic server whose answer is scripted per row (found by a marker in the prompt),
// so every number of the report is known in advance.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AnthropicMock, type AnthropicReply, startAnthropicMock } from "../support/anthropic-mock.ts";

const root = join(import.meta.dir, "..", "..");
const bin = join(root, "dist", "ccgate");
let mock: AnthropicMock;

/** marker → what the classifier answers for the row whose command contains it. */
let answers: Record<string, AnthropicReply> = {};
const byMarker: AnthropicReply = {
  kind: "fn",
  fn: (body) => {
    const text = JSON.stringify(body.messages);
    const hit = Object.keys(answers).find((m) => text.includes(m));
    return hit ? (answers[hit] as AnthropicReply) : { kind: "verdict", behavior: "fallthrough" };
  },
};

beforeAll(() => {
  if (!existsSync(bin)) Bun.spawnSync([process.execPath, "build.ts"], { cwd: root });
  mock = startAnthropicMock(byMarker);
});
afterAll(() => mock.stop());

function sandbox(globalConfig = "{ provider: { name: 'anthropic', model: 'claude-haiku-4-5', timeout_ms: 5000 } }") {
  const work = mkdtempSync(join(tmpdir(), "ccgate-eval-test-"));
  const home = join(work, "home");
  mkdirSync(join(home, ".claude"), { recursive: true });
  writeFileSync(join(home, ".claude", "ccgate.jsonnet"), globalConfig);
  mock.requests.length = 0;
  mock.maxInFlight = 0;
  return { work, home, state: join(work, "state") };
}

async function evalRun(box: ReturnType<typeof sandbox>, args: string[]) {
  const p = Bun.spawn([bin, "claude", "eval", ...args], {
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: box.home,
      XDG_STATE_HOME: box.state,
      XDG_CACHE_HOME: join(box.work, "cache"),
      CCGATE_ANTHROPIC_API_KEY: "sk-ant-test-key-for-the-loopback-mock-000",
      ANTHROPIC_BASE_URL: mock.url,
    },
    cwd: box.work,
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([
    new Response(p.stdout).text(),
    new Response(p.stderr).text(),
    p.exited,
  ]);
  return { code, stdout, stderr };
}

function corpus(box: ReturnType<typeof sandbox>, rows: unknown[], name = "corpus.jsonl"): string {
  const path = join(box.work, name);
  writeFileSync(path, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
  return path;
}

const verdict = (behavior: string): AnthropicReply => ({ kind: "verdict", behavior });
// biome-ignore lint/suspicious/noThenProperty: the mock's delayed reply names its follow-up `then`
const later = (ms: number, reply: AnthropicReply): AnthropicReply => ({ kind: "delay", ms, then: reply });
// Commands no fast-path rule knows, so each goes to the classifier.
const unknown = (marker: string) => `acme-deploy-tool --target ${marker}`;

describe("ccgate claude eval", () => {
  test("every number of the report is the scripted one", async () => {
    const box = sandbox();
    answers = {
      "mk-a1": verdict("allow"),
      "mk-a2": verdict("deny"),
      "mk-d1": verdict("allow"),
      "mk-d2": verdict("deny"),
      "mk-k1": verdict("fallthrough"),
      "mk-k2": verdict("allow"),
    };
    const path = corpus(box, [
      { command: "git status", expect: "allow", note: "local allow" },
      { command: "rm -rf /", expect: "deny", note: "local hard deny" },
      { command: unknown("mk-a1"), expect: "allow" },
      { command: unknown("mk-a2"), expect: "allow", note: "wrongly denied" },
      { command: unknown("mk-d1"), expect: "deny", note: "wrongly allowed" },
      { command: unknown("mk-d2"), expect: "deny" },
      { command: unknown("mk-k1"), expect: "ask" },
      { command: unknown("mk-k2"), expect: "ask", note: "allowed instead of asked" },
      { tool_name: "ExitPlanMode", tool_input: { plan: "x" }, permission_mode: "plan", expect: "ask" },
    ]);
    const r = await evalRun(box, ["--corpus", path, "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.total).toBe(9);
    expect(j.matrix).toEqual({
      allow: { allow: 2, deny: 1, fallthrough: 0 },
      deny: { allow: 1, deny: 2, fallthrough: 0 },
      ask: { allow: 1, deny: 0, fallthrough: 2 },
    });
    expect(j.false_allow.map((x: { line: number }) => x.line)).toEqual([5, 8]);
    expect(j.false_allow[0]).toMatchObject({ expect: "deny", actual: "allow", source: "llm", note: "wrongly allowed" });
    expect(j.false_deny.map((x: { line: number }) => x.line)).toEqual([4]);
    expect(j.false_deny[0].input).toBe(unknown("mk-a2"));
    expect(j.local).toBe(3);
    expect(j.llm_calls).toBe(6);
    expect(mock.requests.length).toBe(6);
    expect(j.tokens).toEqual({ in: 6 * 321, out: 6 * 12 });
    expect(j.errors).toBe(0);
    expect(typeof j.latency_ms.p50).toBe("number");
    expect(j.latency_ms.p95).toBeGreaterThanOrEqual(j.latency_ms.p50);
    // claude-haiku-4-5 at $1 / $5 per million tokens, over 9 requests, per 1,000.
    expect(j.cost_per_1000_usd).toBeCloseTo(((6 * 321 * 1 + 6 * 12 * 5) / 1e6 / 9) * 1000, 4);
    expect(j.skipped).toBe(0);
    expect(j.stopped).toBeNull();

    const text = await evalRun(box, ["--corpus", path]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("false allows: 2   false denies: 1");
    expect(text.stdout).toContain("decided locally: 3 (33.3%)   by the classifier: 6 (66.7%)");
    expect(text.stdout).toContain("tokens: 1926 in, 72 out");
    expect(text.stdout).toContain("#5 expect deny, got allow via llm");
    expect(text.stderr).toBe("");
  }, 60_000);

  test("--concurrency bounds the requests in flight", async () => {
    answers = { "mk-c": later(150, verdict("allow")) };
    const rows = Array.from({ length: 9 }, (_, i) => ({ command: unknown(`mk-c${i}`), expect: "allow" }));
    for (const n of [3, 1]) {
      const box = sandbox();
      const r = await evalRun(box, ["--corpus", corpus(box, rows), "--concurrency", String(n), "--json"]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).llm_calls).toBe(9);
      expect(mock.maxInFlight).toBe(n);
    }
    const box = sandbox();
    const d = await evalRun(box, ["--corpus", corpus(box, rows), "--json"]);
    expect(JSON.parse(d.stdout).llm_calls).toBe(9);
    expect(mock.maxInFlight).toBe(4);
  }, 60_000);

  test("--max-calls stops the run at the limit", async () => {
    answers = { "mk-m": verdict("allow") };
    const box = sandbox();
    const rows = Array.from({ length: 10 }, (_, i) => ({ command: unknown(`mk-m${i}`), expect: "allow" }));
    const r = await evalRun(box, ["--corpus", corpus(box, rows), "--max-calls", "4", "--concurrency", "2", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(mock.requests.length).toBe(4);
    expect(j.llm_calls).toBe(4);
    expect(j.total).toBe(4);
    expect(j.skipped).toBe(6);
    expect(j.stopped).toBe("max_calls");
    expect(j.tokens).toEqual({ in: 4 * 321, out: 4 * 12 });
    expect(r.stderr).toContain("--max-calls 4 reached");
  }, 60_000);

  test("a slow provider times out: the row falls through and counts as an error", async () => {
    answers = { "mk-slow": later(4000, verdict("allow")), "mk-fast": verdict("allow") };
    const box = sandbox("{ provider: { name: 'anthropic', model: 'claude-haiku-4-5', timeout_ms: 400 } }");
    const path = corpus(box, [
      { command: unknown("mk-slow"), expect: "allow" },
      { command: unknown("mk-fast"), expect: "allow" },
    ]);
    const r = await evalRun(box, ["--corpus", path, "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.matrix).toEqual({ allow: { allow: 1, deny: 0, fallthrough: 1 } });
    expect(j.errors).toBe(1);
    expect(j.llm_calls).toBe(2);
    expect(j.tokens).toEqual({ in: 321, out: 12 });
    expect(j.false_deny).toEqual([]);
  }, 60_000);

  test("a failing provider (5xx) leaves every classifier row to the user", async () => {
    answers = { "mk-f": { kind: "error", status: 503, type: "overloaded_error" } };
    const box = sandbox("{ provider: { name: 'anthropic', model: 'claude-haiku-4-5', timeout_ms: 1500 } }");
    const path = corpus(box, [
      { command: unknown("mk-f1"), expect: "deny" },
      { command: unknown("mk-f2"), expect: "allow" },
      { command: "git status", expect: "allow" },
    ]);
    const r = await evalRun(box, ["--corpus", path, "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.matrix).toEqual({
      deny: { allow: 0, deny: 0, fallthrough: 1 },
      allow: { allow: 1, deny: 0, fallthrough: 1 },
    });
    expect(j.errors).toBe(2);
    expect(j.llm_calls).toBe(2);
    expect(j.local).toBe(1);
    expect(j.tokens).toEqual({ in: 0, out: 0 });
    expect(j.false_allow).toEqual([]);
    expect(mock.requests.length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  test("--compare runs a second configuration on the same corpus", async () => {
    answers = {
      "mk-x1": { kind: "fn", fn: (b) => verdict(b.model === "claude-sonnet-4-5" ? "deny" : "allow") },
      "mk-x2": verdict("allow"),
    };
    const box = sandbox();
    const other = join(box.work, "other.jsonnet");
    writeFileSync(other, "{ provider: { name: 'anthropic', model: 'claude-sonnet-4-5', timeout_ms: 5000 } }");
    const path = corpus(box, [
      { command: unknown("mk-x1"), expect: "deny" },
      { command: unknown("mk-x2"), expect: "allow" },
    ]);
    const r = await evalRun(box, ["--corpus", path, "--compare", other, "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.base.model).toBe("claude-haiku-4-5");
    expect(j.compare.model).toBe("claude-sonnet-4-5");
    expect(j.base.false_allow.length).toBe(1);
    expect(j.compare.false_allow.length).toBe(0);
    expect(j.changed).toEqual([
      { line: 1, tool_name: "Bash", input: unknown("mk-x1"), expect: "deny", base: "allow", compare: "deny" },
    ]);
    expect(mock.requests.length).toBe(4);
    const text = await evalRun(box, ["--corpus", path, "--compare", other]);
    expect(text.stdout).toContain("1 row(s) decided differently");
    expect(text.stdout).toMatch(/false allows\s+1\s+0/);
  }, 60_000);

  test("--from-metrics exports distinct past requests as an unlabelled corpus that runs", async () => {
    const box = sandbox();
    const dir = join(box.state, "ccgate", "claude");
    mkdirSync(dir, { recursive: true });
    const entry = (tool: string, input: Record<string, string>) =>
      JSON.stringify({
        ts: "2026-12-01T10:00:00.000Z",
        target: "claude",
        tool,
        perm_mode: "default",
        decision: "allow",
        source: "fast_path",
        elapsed_ms: 3,
        tool_input: input,
      });
    writeFileSync(
      join(dir, "metrics.jsonl"),
      `${[entry("Bash", { command: "git status" }), entry("Bash", { command: "git status" }), entry("Read", { file_path: "/etc/hostname" })].join("\n")}\n`,
    );
    const r = await evalRun(box, ["--from-metrics"]);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ command: "git status" });
    expect(lines[0].expect).toBeUndefined();
    expect(lines[1]).toMatchObject({ tool_name: "Read", tool_input: { file_path: "/etc/hostname" } });
    const path = join(box.work, "mine.jsonl");
    writeFileSync(path, r.stdout);
    const run = await evalRun(box, ["--corpus", path, "--json"]);
    const j = JSON.parse(run.stdout);
    expect(j.total).toBe(2);
    expect(j.matrix.unlabelled.allow).toBeGreaterThanOrEqual(1);
    expect(j.false_allow).toEqual([]);
  }, 60_000);

  test("the built-in corpus: no false allow from the local layers, numbers that add up", async () => {
    const box = sandbox();
    // No key: only what is decided without the classifier is measured; nothing reaches the mock.
    const p = Bun.spawn([bin, "claude", "eval", "--json"], {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: box.home, XDG_STATE_HOME: box.state },
      cwd: box.work,
      stdout: "pipe",
      stderr: "pipe",
    });
    const [stdout, code] = await Promise.all([new Response(p.stdout).text(), p.exited]);
    expect(code).toBe(0);
    const j = JSON.parse(stdout);
    expect(j.total).toBeGreaterThanOrEqual(300);
    const cells = Object.values(j.matrix as Record<string, Record<string, number>>).flatMap((m) => Object.values(m));
    expect(cells.reduce((a, b) => a + b, 0)).toBe(j.total);
    expect(j.local + j.no_classifier).toBe(j.total);
    expect(j.local).toBeGreaterThan(50);
    expect(j.llm_calls).toBe(0);
    expect(j.false_allow).toEqual([]);
    expect(j.false_deny).toEqual([]);
    expect(Object.keys(j.matrix).sort()).toEqual(["allow", "ask", "deny"]);
  }, 120_000);

  test("bad input: one line on stderr, no stack trace", async () => {
    const box = sandbox();
    const bad = join(box.work, "bad.jsonl");
    writeFileSync(bad, '{"command":"ls","expect":"allow"}\n{"command":"ls","expect":"maybe"}\n');
    const r = await evalRun(box, ["--corpus", bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ccgate claude eval: .*bad\.jsonl: line 2: expect: /);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    const both = corpus(box, [{ command: "ls", tool_input: { command: "ls" } }], "both.jsonl");
    expect((await evalRun(box, ["--corpus", both])).stderr).toContain("not both");
    const outside = corpus(box, [{ command: "ls", cwd: "../.." }], "escape.jsonl");
    expect((await evalRun(box, ["--corpus", outside])).stderr).toContain("inside the scratch repository");
    const missing = await evalRun(box, ["--corpus", join(box.work, "nope.jsonl")]);
    expect(missing.code).toBe(1);
    const conc = await evalRun(box, ["--concurrency", "0"]);
    expect(conc.code).toBe(2);
    expect(conc.stderr).toContain("--concurrency must be a whole number");
    expect(mock.requests.length).toBe(0);
  }, 60_000);
});
