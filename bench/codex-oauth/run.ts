// bench/codex-oauth — decision latency through ccgate vs the bare `codex app-server` flow.
// Same loopback ChatGPT backend (answers instantly), same codex binary and same hardening flags:
//   bare   : a minimal client: spawn → initialize → account/read → thread/start → turn/start →
//            turn/completed → close (what any codex-oauth classifier must do at least)
//   ccgate : the whole hook process, dist/ccgate claude with provider codex-oauth (config, prompt,
//            fast path miss, the same flow, verdict, log and metrics)
// N interleaved runs each; prints medians and the ratio. Goal: ccgate ≤ 1.2× bare.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveCodexBinary } from "../../src/providers/codex-oauth/binary.ts";
import { hardeningArgs } from "../../src/providers/codex-oauth/index.ts";
import { initialize, startAppServer } from "../../tests/support/app-server.ts";
import { startChatgptBackend } from "../../tests/support/chatgpt-backend.ts";
import { makeCodexHome } from "../../tests/support/codex-home.ts";
import { installNpmTool } from "../../tests/support/npm-tool.ts";
import { CODEX_VERSION } from "../../tests/support/versions.ts";

const N = Number(process.env.N ?? 10);
const root = join(import.meta.dir, "..", "..");
const ccgate = join(root, "dist", "ccgate");
const wrapper = await installNpmTool("@openai/codex", CODEX_VERSION, "codex");
const native = resolveCodexBinary(wrapper, process.env);
if (!native.ok) throw new Error(native.error);
const backend = startChatgptBackend({
  fallback: { kind: "text", text: JSON.stringify({ reason: "ok", behavior: "allow", deny_message: "" }) },
});
const work = mkdtempSync(join(tmpdir(), "ccgate-bench-codex-"));
const state = join(work, "state");
const home = makeCodexHome(join(state, "ccgate", "codex-oauth", "codex-home"), backend.url);
const userHome = join(work, "home");
mkdirSync(join(userHome, ".claude"), { recursive: true });
writeFileSync(
  join(userHome, ".claude", "ccgate.jsonnet"),
  `{ provider: { name: 'codex-oauth', codex_bin: ${JSON.stringify(wrapper)} }, cache: { enabled: false } }`,
);
const repo = join(work, "repo");
Bun.spawnSync(["git", "init", "-q", repo]);
const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: userHome, XDG_STATE_HOME: state, CODEX_HOME: home };

async function bare(): Promise<number> {
  const t0 = performance.now();
  const s = startAppServer(native.ok ? native.path : wrapper, env, hardeningArgs([]).slice(1));
  await initialize(s, "bench");
  await s.call("account/read", { refreshToken: false });
  const th = (await s.call("thread/start", {
    model: "gpt-6-luna",
    cwd: repo,
    approvalPolicy: "never",
    sandbox: "read-only",
    ephemeral: true,
    baseInstructions: "Classify.",
  })) as { thread: { id: string } };
  await s.call("turn/start", {
    threadId: th.thread.id,
    input: [{ type: "text", text: "{}", text_elements: [] }],
    effort: "low",
    summary: "none",
  });
  await s.waitFor((m) => m.method === "turn/completed", 30_000);
  await s.close();
  return performance.now() - t0;
}

async function viaCcgate(i: number): Promise<number> {
  const payload = Buffer.from(
    JSON.stringify({
      session_id: "b",
      cwd: repo,
      hook_event_name: "PermissionRequest",
      tool_name: "Bash",
      tool_input: { command: `make bench-${i}` },
    }),
  );
  const t0 = performance.now();
  const p = Bun.spawn([ccgate, "claude"], { env, cwd: repo, stdin: payload, stdout: "pipe", stderr: "pipe" });
  const [out] = await Promise.all([new Response(p.stdout).text(), p.exited]);
  const ms = performance.now() - t0;
  if (!out.includes('"allow"')) throw new Error(`ccgate did not allow: ${out} ${await new Response(p.stderr).text()}`);
  return ms;
}

await bare();
await viaCcgate(-1);
const a: number[] = [];
const b: number[] = [];
for (let i = 0; i < N; i++) {
  a.push(await bare());
  b.push(await viaCcgate(i));
}
backend.stop();
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
console.log(
  `bench/codex-oauth: one classification against an instant loopback ChatGPT backend, ${N} interleaved runs each (codex ${native.ok && native.native ? "native binary" : "npm wrapper"})`,
);
console.log(`  bare app-server flow (minimal client)   median ${median(a).toFixed(1)} ms`);
console.log(
  `  ccgate hook process, provider codex-oauth median ${median(b).toFixed(1)} ms   ratio ${(median(b) / median(a)).toFixed(2)}×`,
);
