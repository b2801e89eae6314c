// Why: the README shows one real `eval` report, produced by the binary, not typed. The classifier is
// the loopback Anthropic mock: it answers each built-in row with its label (ask → fallthrough),
// except every 7th classifier call, which it gets wrong on purpose, after a fixed 40 ms.
// `bun scripts/eval-readme.ts` prints the report.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bindRepo, builtinCorpus } from "../src/eval/corpus.ts";
import { startAnthropicMock } from "../tests/support/anthropic-mock.ts";

const rows = builtinCorpus();
let n = 0;
const mock = startAnthropicMock({
  kind: "fn",
  fn: (body) => {
    const user = String((body.messages as Array<{ content: Array<{ text: string }> }>)[0]?.content[0]?.text ?? "");
    const req = JSON.parse(user.slice(user.indexOf("{"), user.lastIndexOf("}") + 1)) as {
      tool_name: string;
      tool_input: unknown;
      context: { cwd: string };
    };
    const repo = req.context.cwd.replace(/\/repo(\/.*)?$/, "/repo");
    const seen = JSON.stringify(req.tool_input);
    const row = rows.find((r) => r.toolName === req.tool_name && JSON.stringify(bindRepo(r.toolInput, repo)) === seen);
    const label = row?.expect ?? "ask";
    const right = label === "ask" ? "fallthrough" : label;
    const wrong = label === "allow" ? "deny" : "allow";
    n++;
    return {
      kind: "delay",
      ms: 40,
      ["then" as string]: { kind: "verdict", behavior: n % 7 === 0 ? wrong : right },
    } as never;
  },
});
const work = mkdtempSync(join(tmpdir(), "ccgate-eval-readme-"));
mkdirSync(join(work, "home", ".claude"), { recursive: true });
const p = Bun.spawn([join(import.meta.dir, "..", "dist", "ccgate"), "claude", "eval", ...process.argv.slice(2)], {
  env: {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: join(work, "home"),
    XDG_STATE_HOME: join(work, "state"),
    XDG_CACHE_HOME: join(work, "cache"),
    CCGATE_ANTHROPIC_API_KEY: "sk-ant-test-key-for-the-loopback-mock-000",
    ANTHROPIC_BASE_URL: mock.url,
  },
  cwd: work,
  stdout: "pipe",
  stderr: "inherit",
});
const out = await new Response(p.stdout).text();
await p.exited;
mock.stop();
writeFileSync(1, out);
