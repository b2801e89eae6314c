// Every file the hook opens must be a regular file: a FIFO as transcript, log, metrics or settings
// file blocked the hook until the host's own timeout. Through the compiled binary; a process still
// running when the test times out is the hang this guards against (no speed budget is asserted).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AnthropicMock, startAnthropicMock } from "../support/anthropic-mock.ts";

const bin = join(import.meta.dir, "..", "..", "dist", "ccgate");
let mock: AnthropicMock;
beforeAll(() => {
  mock = startAnthropicMock({ kind: "verdict", behavior: "fallthrough" });
});
afterAll(() => mock.stop());

function box() {
  const dir = mkdtempSync(join(tmpdir(), "ccgate-files-"));
  const home = join(dir, "home");
  const repo = join(dir, "repo");
  mkdirSync(join(home, ".claude"), { recursive: true });
  Bun.spawnSync(["git", "init", "-q", "-b", "main", repo]);
  const fifo = join(dir, "fifo");
  expect(Bun.spawnSync(["mkfifo", fifo]).exitCode).toBe(0);
  return { dir, home, repo, fifo, state: join(dir, "state") };
}
type Box = ReturnType<typeof box>;

async function hook(b: Box, request: Record<string, unknown>, env: Record<string, string> = {}) {
  const p = Bun.spawn([bin, "claude"], {
    cwd: b.repo,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: b.home,
      XDG_STATE_HOME: b.state,
      XDG_CACHE_HOME: join(b.dir, "cache"),
      ...env,
    },
    stdin: Buffer.from(
      JSON.stringify({ hook_event_name: "PermissionRequest", cwd: b.repo, tool_name: "Bash", ...request }),
    ),
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
const config = (b: Box, text: string) => writeFileSync(join(b.home, ".claude", "ccgate.jsonnet"), text);

describe("non-regular files are refused, never waited on", () => {
  for (const key of ["log_path", "metrics_path"]) {
    test(`${key} a FIFO: config error naming file and field`, async () => {
      const b = box();
      config(b, `{ ${key}: '${b.fifo}' }`);
      const r = await hook(b, { tool_input: { command: "git status" } });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(`ccgate.jsonnet: ${key}: expected a regular file, found a FIFO`);
    });
    for (const dev of ["/dev/stdout", "/dev/stderr", "/proc/self/fd/1", "/dev/null", "/dev/tty"]) {
      test(`${key} ${dev}: config error`, async () => {
        const b = box();
        config(b, `{ ${key}: '${dev}' }`);
        const r = await hook(b, { tool_input: { command: "git status" } });
        expect(r.code).toBe(1);
        expect(r.stdout).toBe("");
        expect(r.stderr).toContain(`${key}: expected a regular file, found a device or process path`);
      });
    }
    test(`${key} a directory: config error`, async () => {
      const b = box();
      config(b, `{ ${key}: '${b.dir}' }`);
      expect((await hook(b, { tool_input: { command: "git status" } })).stderr).toContain("found a directory");
    });
  }

  test("a FIFO as transcript_path is skipped; the request is still decided", async () => {
    const b = box();
    const r = await hook(
      b,
      { transcript_path: b.fifo, tool_input: { command: "make build" } },
      { CCGATE_ANTHROPIC_API_KEY: "sk-ant-x", ANTHROPIC_BASE_URL: mock.url },
    );
    expect(r.code).toBe(0);
    expect(mock.requests.length).toBeGreaterThan(0);
    expect(r.stdout).toBe("");
  });

  test("a FIFO as the project's .claude/settings.json is skipped", async () => {
    const b = box();
    mkdirSync(join(b.repo, ".claude"));
    expect(Bun.spawnSync(["mkfifo", join(b.repo, ".claude", "settings.json")]).exitCode).toBe(0);
    const r = await hook(
      b,
      { tool_input: { command: "make build" } },
      { CCGATE_ANTHROPIC_API_KEY: "sk-ant-x", ANTHROPIC_BASE_URL: mock.url },
    );
    expect(r.code).toBe(0);
    expect(mock.requests.length).toBeGreaterThan(0);
  });

  test("a FIFO replacing the default metrics file is a config error, not a hang", async () => {
    const b = box();
    const dir = join(b.state, "ccgate", "claude");
    mkdirSync(dir, { recursive: true });
    expect(Bun.spawnSync(["mkfifo", join(dir, "metrics.jsonl")]).exitCode).toBe(0);
    const r = await hook(b, { tool_input: { command: "git status" } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("(defaults): metrics_path: expected a regular file, found a FIFO");
  });
});

describe("loose modes are tightened", () => {
  test("0644 log and metrics files become 0600; 0755 state and cache dirs become 0700", async () => {
    const b = box();
    const dir = join(b.state, "ccgate", "claude");
    mkdirSync(dir, { recursive: true });
    mkdirSync(join(b.dir, "cache", "ccgate", "claude"), { recursive: true });
    for (const f of ["ccgate.log", "metrics.jsonl"]) writeFileSync(join(dir, f), "", { mode: 0o644 });
    for (const d of [
      join(b.state, "ccgate"),
      dir,
      join(b.dir, "cache", "ccgate"),
      join(b.dir, "cache", "ccgate", "claude"),
    ])
      chmodSync(d, 0o755);
    chmodSync(join(dir, "ccgate.log"), 0o644);
    chmodSync(join(dir, "metrics.jsonl"), 0o666);
    await hook(b, { tool_input: { command: "git status" } });
    const mode = (p: string) => statSync(p).mode & 0o777;
    expect(mode(join(dir, "ccgate.log"))).toBe(0o600);
    expect(mode(join(dir, "metrics.jsonl"))).toBe(0o600);
    for (const d of [
      join(b.state, "ccgate"),
      dir,
      join(b.dir, "cache", "ccgate"),
      join(b.dir, "cache", "ccgate", "claude"),
    ])
      expect(mode(d)).toBe(0o700);
    expect(existsSync(join(dir, "metrics.jsonl"))).toBe(true);
  });
});
