// The compiled binary in an attacker's repository: a sound allow comes from the fast path without
// reaching the (always-allow) stand-in LLM; every unsound case reaches it, so its allow has source
// "llm" in the metrics line.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { makeAllowFixture } from "../support/allow-fixture.ts";
import { type AnthropicMock, startAnthropicMock } from "../support/anthropic-mock.ts";

const root = join(import.meta.dir, "..", "..");
const bin = join(root, "dist", "ccgate");
const fx = makeAllowFixture();
let mock: AnthropicMock;
const state = join(fx.work, "state");

beforeAll(() => {
  if (!existsSync(bin)) Bun.spawnSync([process.execPath, "build.ts"], { cwd: root });
  Bun.spawnSync(["git", "init", "-q", "-b", "feature/x", fx.repo]);
  mkdirSync(state, { recursive: true });
  mock = startAnthropicMock({ kind: "verdict", behavior: "allow", reason: "stand-in allows everything" });
});
afterAll(() => {
  mock.stop();
  rmSync(fx.work, { recursive: true, force: true });
});

async function decide(toolName: string, toolInput: Record<string, unknown>, cwd = fx.repo) {
  const p = Bun.spawn([bin, "claude"], {
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: fx.home,
      XDG_STATE_HOME: state,
      XDG_CACHE_HOME: join(fx.work, "cache"),
      CCGATE_ANTHROPIC_API_KEY: "sk-ant-test-key-for-the-loopback-mock-000",
      ANTHROPIC_BASE_URL: mock.url,
    },
    cwd,
    stdin: Buffer.from(
      JSON.stringify({
        session_id: "s-1",
        transcript_path: null,
        cwd,
        hook_event_name: "PermissionRequest",
        permission_mode: "default",
        tool_name: toolName,
        tool_input: toolInput,
      }),
    ),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, code] = await Promise.all([new Response(p.stdout).text(), p.exited]);
  const lines = readFileSync(join(state, "ccgate", "claude", "metrics.jsonl"), "utf8")
    .trim()
    .split("\n");
  const last = JSON.parse(lines.at(-1) as string) as Record<string, unknown>;
  return { code, stdout, source: last.source, decision: last.decision };
}

const FAST = [
  "cat README.md",
  "cat src/*.ts",
  "grep -rn export src",
  "cd src && cat a.ts",
  "git show HEAD:README.md",
  "ls -la",
  "kubectl get pods -n web",
  "nice -n 5 cat README.md",
  "timeout 5 ls src",
  "gh pr list --state open",
];
const TO_LLM = [
  "cat s*/../../outside.txt",
  "cat {..,x}/outside.txt",
  "cat .en?",
  "cat *.pem",
  "cat **/.env",
  "cat notes.txt",
  "cat rootlink/etc/passwd",
  "cat outlink/../../outside.txt",
  "grep -r KEY .",
  "rg KEY",
  "awk -f prog.awk data.csv",
  "gawk -i inplace '{print}' data.csv",
  "gh auth status -t",
  "go env -w GOFLAGS=-x",
  "file -C -m magic",
  "cd - && ls",
  "cd rootlink && ls",
  "git show HEAD:.env",
  "git cat-file blob HEAD:.env",
  "cat .env~",
  "cat terraform.tfstate.backup",
  "docker -H ssh://-oProxyCommand=x ps",
  "gh -R evil.example/o/r pr view 1 --web",
  "aws ssm get-parameter --name db",
  "aws lambda get-function --function-name f",
  "kubectl get secret db -o yaml",
  "yarn --version",
  "cargo tree",
  "terraform plan",
  "uv pip list",
  "docker inspect api",
  // the fixture holds secrets and links out: a path list fed to xargs is not provable there
  "find . -name '*.ts' | xargs cat",
  "xargs cat",
];

describe("binary: provable allow is sound", () => {
  for (const command of FAST)
    test(`fast path allows: ${command}`, async () => {
      mock.requests.length = 0;
      const r = await decide("Bash", { command });
      expect(r).toMatchObject({ code: 0, source: "fast_path", decision: "allow" });
      expect(mock.requests).toHaveLength(0);
    });
  for (const command of TO_LLM)
    test(`reaches the LLM: ${command}`, async () => {
      mock.requests.length = 0;
      const r = await decide("Bash", { command });
      expect(r).toMatchObject({ code: 0, source: "llm", decision: "allow" });
      expect(mock.requests).toHaveLength(1);
    });
  const files: Array<[string, Record<string, unknown>]> = [
    ["Read", { file_path: join(fx.repo, "notes.txt") }],
    ["Read", { file_path: join(fx.repo, "rootlink", "etc", "shadow") }],
    ["Grep", { pattern: "root", path: join(fx.repo, "rootlink", "etc") }],
    ["Grep", { pattern: "KEY", path: fx.repo }],
    ["Grep", { pattern: "KEY", path: join(fx.repo, "src"), glob: "../*" }],
    ["Glob", { pattern: "**/.env" }],
  ];
  for (const [tool, input] of files)
    test(`reaches the LLM: ${tool} ${JSON.stringify(input)}`, async () => {
      mock.requests.length = 0;
      const r = await decide(tool, input);
      expect(r).toMatchObject({ code: 0, source: "llm" });
      expect(mock.requests).toHaveLength(1);
    });
  test("fast path allows Read of a real in-repo file", async () => {
    mock.requests.length = 0;
    const r = await decide("Read", { file_path: join(fx.repo, "src", "a.ts") });
    expect(r).toMatchObject({ source: "fast_path", decision: "allow" });
    expect(mock.requests).toHaveLength(0);
  });
  test("a repository whose git config names core.fsmonitor: git status reaches the LLM", async () => {
    const repo = join(fx.work, "fsmonitor-repo");
    Bun.spawnSync(["git", "init", "-q", "-b", "feature/x", repo]);
    Bun.spawnSync(["git", "-C", repo, "config", "core.fsmonitor", "touch /tmp/ccgate-should-not-run"]);
    mock.requests.length = 0;
    expect(await decide("Bash", { command: "git status" }, repo)).toMatchObject({ source: "llm" });
    expect(mock.requests).toHaveLength(1);
  });
  test("cwd = $HOME without a repository: nothing is provable", async () => {
    for (const command of ["cat .bash_history", "grep -r KEY ."]) {
      mock.requests.length = 0;
      const r = await decide("Bash", { command }, fx.home);
      expect(r).toMatchObject({ source: "llm" });
      expect(mock.requests).toHaveLength(1);
    }
  });
});
