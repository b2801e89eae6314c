// The compiled binary's start-up shortcuts (bench/hook) keep their meaning: the hook is chosen by
// what stdin is (a pipe or /dev/null: the hook; a terminal: the help), and the repository's git
// config is read again on every call, so a config that turns hostile between two calls is refused.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AnthropicMock, startAnthropicMock } from "../support/anthropic-mock.ts";

const root = join(import.meta.dir, "..", "..");
const bin = join(root, "dist", "ccgate");
const work = mkdtempSync(join(tmpdir(), "ccgate-startup-"));
const repo = join(work, "repo");
let mock: AnthropicMock;
const env = () => ({
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  HOME: join(work, "home"),
  XDG_STATE_HOME: join(work, "state"),
  XDG_CACHE_HOME: join(work, "cache"),
  CCGATE_ANTHROPIC_API_KEY: "sk-ant-test-key-for-the-loopback-mock-000",
  ANTHROPIC_BASE_URL: mock.url,
});

beforeAll(() => {
  if (!existsSync(bin)) Bun.spawnSync([process.execPath, "build.ts"], { cwd: root });
  Bun.spawnSync(["git", "init", "-q", "-b", "feature/x", repo]);
  mock = startAnthropicMock({ kind: "verdict", behavior: "deny", deny_message: "stand-in denies" });
});
afterAll(() => {
  mock.stop();
  rmSync(work, { recursive: true, force: true });
});

async function hook(command: string, event = "PreToolUse") {
  const p = Bun.spawn([bin, "claude"], {
    env: env(),
    cwd: repo,
    stdin: Buffer.from(
      JSON.stringify({
        session_id: `s-${command}`, // one per command: the denial circuit breaker counts per session
        cwd: repo,
        hook_event_name: event,
        permission_mode: "auto",
        tool_name: "Bash",
        tool_input: { command },
      }),
    ),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, code] = await Promise.all([new Response(p.stdout).text(), p.exited]);
  return { stdout, code };
}

describe("hook start-up", () => {
  test("the git config is read on every call: it turns hostile between two calls, the second is refused", async () => {
    const config = join(repo, ".git", "config");
    const clean = "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n";
    // a different command each time: a classifier verdict is cached per command
    const hostile: Array<[string, string]> = [
      ["git status", "\tfsmonitor = ./evil.sh\n"],
      ["git status -s", "\tpager = ./evil.sh\n"],
      ["git log", '[remote "origin"]\n\turl = https://example.com/x.git\n\tuploadpack = ./evil.sh\n'],
      ["git diff", '[diff "x"]\n\ttextconv = ./evil.sh\n'],
      ["git show", "[include]\n\tpath = ../evil.config\n"],
    ];
    for (const [command, extra] of hostile) {
      writeFileSync(config, clean);
      mock.requests.length = 0;
      const first = await hook(command);
      expect(first.stdout).toContain('"permissionDecision":"allow"');
      expect(mock.requests).toHaveLength(0);
      writeFileSync(config, clean + extra);
      const second = await hook(command);
      expect(second.stdout).toContain('"permissionDecision":"deny"');
      expect(mock.requests).toHaveLength(1);
    }
  });

  test("a cloned repository's usual keys keep git status on the fast path", async () => {
    writeFileSync(
      join(repo, ".git", "config"),
      '[core]\n\tbare = false\n[remote "origin"]\n\turl = https://example.com/x.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[branch "main"]\n\tremote = origin\n\tmerge = refs/heads/main\n',
    );
    mock.requests.length = 0;
    expect((await hook("git status")).stdout).toContain('"permissionDecision":"allow"');
    expect(mock.requests).toHaveLength(0);
  });

  test("stdin from /dev/null (a character device, not a terminal) is a hook call", () => {
    const p = Bun.spawnSync([bin, "claude"], { env: env(), cwd: repo, stdin: Bun.file("/dev/null") });
    expect(p.exitCode).toBe(1);
    expect(p.stderr.toString()).toContain("empty hook input");
  });

  test("a terminal on stdin gets the help, not a hook waiting for input", async () => {
    let out = "";
    const p = Bun.spawn([bin, "claude"], {
      env: env(),
      cwd: repo,
      terminal: {
        cols: 100,
        rows: 30,
        data: (_t, chunk) => {
          out += Buffer.from(chunk).toString("utf8");
        },
      },
    });
    const code = await Promise.race([p.exited, Bun.sleep(20_000).then(() => "timeout")]);
    if (code === "timeout") p.kill();
    p.terminal?.close();
    expect(code).toBe(0);
    expect(out).toContain("reads the request JSON on stdin");
  }, 30_000);
});
