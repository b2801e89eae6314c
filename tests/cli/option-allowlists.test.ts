// The compiled binary in a real git repository: commands whose every option is on the tool's
// known-safe list are allowed by the fast path without reaching the (always-allow) stand-in LLM;
// an option that writes, runs a program, reads a file outside, or is merely unknown reaches it.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeAllowFixture } from "../support/allow-fixture.ts";
import { type AnthropicMock, startAnthropicMock } from "../support/anthropic-mock.ts";

const root = join(import.meta.dir, "..", "..");
const bin = join(root, "dist", "ccgate");
const fx = makeAllowFixture();
const repo = fx.clean;
const state = join(fx.work, "state");
let mock: AnthropicMock;

function git(...args: string[]) {
  const r = Bun.spawnSync(["git", "-C", repo, ...args], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: fx.home, GIT_CONFIG_NOSYSTEM: "1" },
  });
  if (r.exitCode !== 0) throw new Error(`git ${args.join(" ")} failed`);
}

beforeAll(() => {
  if (!existsSync(bin)) Bun.spawnSync([process.execPath, "build.ts"], { cwd: root });
  writeFileSync(join(repo, "x.json"), '{"name":"x"}\n');
  writeFileSync(join(repo, "prog.jq"), ".name\n");
  writeFileSync(join(repo, "pats.txt"), "KEY\n");
  Bun.spawnSync(["git", "init", "-q", "-b", "feature/x", repo]);
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init");
  mkdirSync(state, { recursive: true });
  mock = startAnthropicMock({ kind: "verdict", behavior: "allow", reason: "stand-in allows everything" });
});
afterAll(() => {
  mock.stop();
  rmSync(fx.work, { recursive: true, force: true });
});

async function decide(command: string) {
  const p = Bun.spawn([bin, "claude"], {
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: fx.home,
      XDG_STATE_HOME: state,
      XDG_CACHE_HOME: join(fx.work, "cache"),
      CCGATE_ANTHROPIC_API_KEY: "sk-ant-test-key-for-the-loopback-mock-000",
      ANTHROPIC_BASE_URL: mock.url,
    },
    cwd: repo,
    stdin: Buffer.from(
      JSON.stringify({
        session_id: "s-opts",
        transcript_path: null,
        cwd: repo,
        hook_event_name: "PermissionRequest",
        permission_mode: "default",
        tool_name: "Bash",
        tool_input: { command },
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
  "git log --oneline -5",
  "git log -n 1 --stat --format=%s",
  "git diff --cached --name-only",
  "git show -s --format=%H HEAD",
  "git status -sb",
  "git branch -vv",
  "git grep -n -i KEY",
  "find . -name '*.ts' -type f -print0",
  "rg -n -i KEY src",
  "fd -t f -e ts",
  "grep -f pats.txt -rn src",
  "jq -r .name x.json",
  "jq --rawfile t README.md -n '$t'",
  "sed -ne 1p README.md",
  "sha256sum README.md src/a.ts",
  "date -u +%F",
];

const TO_LLM = [
  "git log --output=out.txt",
  "git log --outp=out.txt",
  "git diff --ext-diff",
  "git show --textconv HEAD:README.md",
  "git cat-file --batch",
  "git grep -O KEY",
  "git grep --open-files-in-pager=vim KEY",
  "git log --show-signature",
  "git -c core.pager=sh log",
  "git log --ccgate-unknown",
  "find . -fprint out.txt",
  "find . -exec rm {} +",
  "find . -files0-from list.txt",
  "rg --pre cat KEY",
  "rg -z KEY",
  "fd --exec rm",
  "ag --pager=less KEY",
  "grep -f ../outside.txt -rn src",
  "grep --file=../outside.txt README.md",
  "jq -f prog.jq x.json",
  'jq -n \'import "x" as $x {search: "/"}; $x\'',
  "jq --rawfile k ../outside.txt -n '$k'",
  "sed -ne'w out.txt' README.md",
  "xxd -r README.md",
  "strings @README.md",
  "date 010112002030",
  "printf -v x hello",
  "cmp --ccgate-unknown README.md src/a.ts",
];

describe("binary: per-tool option allowlists", () => {
  for (const command of FAST)
    test(`fast path allows: ${command}`, async () => {
      mock.requests.length = 0;
      const r = await decide(command);
      expect(r).toMatchObject({ code: 0, source: "fast_path", decision: "allow" });
      expect(mock.requests).toHaveLength(0);
    });
  for (const command of TO_LLM)
    test(`reaches the LLM: ${command}`, async () => {
      mock.requests.length = 0;
      const r = await decide(command);
      expect(r).toMatchObject({ code: 0, source: "llm", decision: "allow" });
      expect(mock.requests).toHaveLength(1);
    });
});
