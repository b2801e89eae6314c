// bench/config — what configuration files cost a hook call. Whole-process wall time of one
// fast-path decision (`git status`) by dist/ccgate, N interleaved runs each:
//   none          : no user files (embedded defaults only: no Jsonnet, no zod on the path)
//   global        : ~/.claude/ccgate.jsonnet (a realistic file with locals, std calls, appends),
//                   validated on an earlier run (served from the layer cache)
//   global+local  : plus an untracked <repo>/.claude/ccgate.local.jsonnet (cached, like the
//                   git ls-files answer that makes it count)
//   global, cold  : the global file with the layer cache emptied before every run (first run
//                   after an edit: Jsonnet evaluation and schema validation in the process)
// Prints medians and the ratio to `none`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CCGATE, interleave, ratioLine } from "../support/process-timing.ts";

const N = Number(process.env.N ?? 30);
const work = mkdtempSync(join(tmpdir(), "ccgate-bench-config-"));
const homes = {
  none: join(work, "h0"),
  global: join(work, "h1"),
  "global+local": join(work, "h2"),
  "global, cold": join(work, "h3"),
} as const;
const global = `local env = std.native('env');
{
  provider: { name: 'anthropic', model: 'claude-haiku-4-5', timeout_ms: 15 * 1000 },
  fallthrough_strategy: 'ask',
  append_allow: ['Running make targets of this repository.'] + ['Rule %d: reading generated docs under build/%d.' % [i, i] for i in std.range(1, 20)],
  append_deny: ['Publishing packages from an agent. deny_message: Ask the user to publish.'],
  append_environment: ['Host: ' + env('HOSTNAME')],
  fast_path: { append_hard_deny: [{ pattern: 'terraform (apply|destroy)', message: 'Infrastructure changes go through CI.' }] },
}`;
for (const [name, home] of Object.entries(homes)) {
  mkdirSync(join(home, ".claude"), { recursive: true });
  if (name !== "none") writeFileSync(join(home, ".claude", "ccgate.jsonnet"), global);
}
const repos = {
  none: join(work, "r0"),
  global: join(work, "r1"),
  "global+local": join(work, "r2"),
  "global, cold": join(work, "r3"),
} as const;
for (const [name, repo] of Object.entries(repos)) {
  Bun.spawnSync(["git", "init", "-q", "-b", "feature/b", repo]);
  if (name === "global+local") {
    mkdirSync(join(repo, ".claude"));
    writeFileSync(
      join(repo, ".claude", "ccgate.local.jsonnet"),
      "{ append_allow: ['Running the e2e suite with make e2e.'] }",
    );
  }
}
const specs = Object.fromEntries(
  (Object.keys(homes) as Array<keyof typeof homes>).map((name) => {
    const repo = repos[name];
    const env = { PATH: process.env.PATH ?? "", HOME: homes[name], XDG_STATE_HOME: join(work, "state") };
    // "global, cold" empties its layer cache before every run.
    const stdin = (_run: number) => {
      if (name === "global, cold") rmSync(join(homes[name], ".cache"), { recursive: true, force: true });
      return Buffer.from(JSON.stringify({ tool_name: "Bash", tool_input: { command: "git status" }, cwd: repo }));
    };
    return [name, { cmd: [CCGATE, "claude"], stdin, env, cwd: repo, expect: "allow" }];
  }),
);
const series = await interleave(specs, N, 1);
const base = series.none as number[];
console.log(`bench/config: whole-process time of one fast-path hook decision, ${N} interleaved runs each`);
for (const [k, xs] of Object.entries(series)) console.log(ratioLine(k, xs, base, "none", 13));
