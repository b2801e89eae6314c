// bench/jsonnet — our evaluator vs libjsonnet (the C++ reference, npm @hanazuki/node-jsonnet, a
// native addon installed on demand outside the project's dependencies) in one run, same inputs:
//   ccgate config   : the embedded Claude defaults plus a realistic global file
//   2,000 rules     : a generated config with 2,000 append_deny rules built by a comprehension
//   benchmarks/*    : the programs in google/jsonnet's benchmarks/ (pass its path as argument)
// Each: median wall time of one evaluation to a JSON string, and our time / libjsonnet's.
// Goal: no slower than libjsonnet on config-sized inputs.
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { evaluateSnippet, renderJson } from "../../src/jsonnet/index.ts";
import { e2eCacheDir } from "../../tests/support/npm-tool.ts";

const benchDir = process.argv[2];
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const prefix = join(e2eCacheDir(), "libjsonnet-node-jsonnet-2.1.0");
const modPath = join(prefix, "node_modules", "@hanazuki", "node-jsonnet");
const addon = join(modPath, "build", "Release", "node-jsonnet.node");
const run = (cmd: string[]) => Bun.spawnSync(cmd, { cwd: prefix, stdout: "inherit", stderr: "inherit" }).exitCode;
if (!existsSync(addon)) {
  mkdirSync(prefix, { recursive: true });
  console.log(
    "installing @hanazuki/node-jsonnet@2.1.0 for this benchmark only (outside the project's dependencies)...",
  );
  if (!existsSync(modPath))
    run([
      "npm",
      "install",
      "--prefix",
      prefix,
      "--no-save",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      "@hanazuki/node-jsonnet@2.1.0",
    ]);
  run(["npm", "rebuild", "--prefix", prefix, "@hanazuki/node-jsonnet", "--foreground-scripts"]);
}
if (!existsSync(addon)) {
  console.error(`bench/jsonnet: libjsonnet addon not built at ${addon} (needs python3, make and a C++ compiler)`);
  process.exit(1);
}
interface LibJsonnet {
  evaluateSnippet(src: string, file?: string): Promise<string>;
  nativeCallback(name: string, fn: (...a: unknown[]) => unknown, ...params: string[]): LibJsonnet;
  setMaxStack(n: number): LibJsonnet;
}
const { Jsonnet } = require(modPath) as { Jsonnet: new () => LibJsonnet };

const defaults = readFileSync(join(import.meta.dir, "..", "..", "src", "hosts", "claude", "defaults.jsonnet"), "utf8");
const userGlobal = `local base = ${defaults};\nbase + { append_allow: ['Rule %d: reading docs under build/%d.' % [i, i] for i in std.range(1, 20)], fallthrough_strategy: 'ask', provider+: { timeout_ms: 15 * 1000 } }`;
const manyRules = `{ provider: { name: 'anthropic', model: 'm' }, append_deny: ['Rule %d: never touch /srv/app-%d or its %s data. deny_message: use app-%d-staging.' % [i, i, std.asciiUpper('prod'), i] for i in std.range(1, 2000)] }`;
const cases: Array<[string, string]> = [
  ["ccgate config (defaults + global)", userGlobal],
  ["2,000-rule config", manyRules],
];
if (benchDir && existsSync(benchDir)) {
  for (const f of readdirSync(benchDir)
    .filter((x) => x.endsWith(".jsonnet"))
    .sort())
    cases.push([`benchmarks/${f}`, readFileSync(join(benchDir, f), "utf8")]);
  // bench.05 is generated (regen_benchmarks.sh: `jsonnet -S gen_big_object.jsonnet`); generate it here.
  const gen = cases.find(([n]) => n.endsWith("gen_big_object.jsonnet"));
  const generated = gen ? evaluateSnippet("gen_big_object.jsonnet", gen[1]) : null;
  if (generated?.ok && typeof generated.value === "string")
    cases.push(["benchmarks/bench.05.gen.jsonnet (generated)", generated.value]);
}

async function median(fn: () => unknown | Promise<unknown>): Promise<number> {
  await fn();
  const xs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
}

const OPTIONS = { nativeFunctions: { env: () => "" }, limits: { maxStack: 100_000 } };
console.log(
  `bench/jsonnet: wall time of one evaluation to JSON text (median of ${ROUNDS} after a warm-up), in this process:`,
);
console.log(
  "  ours (src/jsonnet) vs libjsonnet 0.20 (C++, @hanazuki/node-jsonnet), both with a 100,000-frame stack limit",
);
console.log("  ratio = ours / libjsonnet (below 1: we are faster). Goal: ratio ≤ 1 on the two config-sized inputs.\n");
const configRatios: number[] = [];
for (const [name, src] of cases) {
  const ours = evaluateSnippet(name, src, OPTIONS);
  const tOurs = await median(() => {
    const r = evaluateSnippet(name, src, OPTIONS);
    return r.ok ? renderJson(r.value) : null;
  });
  const lib = new Jsonnet().setMaxStack(100_000);
  lib.nativeCallback("env", () => "", "name");
  let libError = "";
  try {
    await lib.evaluateSnippet(src, name);
  } catch (e) {
    libError = String((e as Error).message ?? e).split("\n")[0] as string;
  }
  const tLib = libError ? NaN : await median(() => lib.evaluateSnippet(src, name));
  const oursText = ours.ok ? `${tOurs.toFixed(2).padStart(9)} ms` : `failed (${ours.error.message.slice(0, 60)})`;
  const libText = libError ? `failed (${libError.slice(0, 60)})` : `${tLib.toFixed(2).padStart(9)} ms`;
  const ratio = ours.ok && !libError ? tOurs / tLib : NaN;
  if (!name.startsWith("benchmarks/")) configRatios.push(ratio);
  console.log(
    `  ${name.padEnd(46)} ours ${oursText}   libjsonnet ${libText}${Number.isNaN(ratio) ? "" : `   ratio ${ratio.toPrecision(2)}×`}`,
  );
}
const met = configRatios.every((r) => r <= 1);
console.log(
  `\nconfig-sized inputs: ${met ? "goal met" : "GOAL MISSED"} (ratios ${configRatios.map((r) => `${r.toPrecision(2)}×`).join(", ")})`,
);
