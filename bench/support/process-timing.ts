// Shared by the whole-process benchmarks: the stdin-echo floor binary, one timed process run, and
// the median / p90 / ratio lines they print.
import { join } from "node:path";
import { compileBinary } from "../../scripts/release/compile.ts";

export const ROOT = join(import.meta.dir, "..", "..");
// CCGATE_BIN measures another build (e.g. an older commit) against the same floor in the same run.
export const CCGATE = process.env.CCGATE_BIN || join(ROOT, "dist", "ccgate");

/** Compile a floor: a Bun binary with ccgate's compile options that reads stdin and prints an allow.
 * "node": written with process.stdout (the goals' floor); "bun": Bun.write, the cheapest I/O there is. */
export async function compileFloor(dir: string, io: "node" | "bun" = "node"): Promise<string> {
  const outfile = join(dir, io === "node" ? "floor" : "floor-bun-io");
  const built = await compileBinary({
    outfile,
    version: "bench",
    root: ROOT,
    entry: join(ROOT, "bench", "hook", io === "node" ? "floor.ts" : "floor-bun-io.ts"),
  });
  if (!built.ok) throw new Error(built.errors.join("\n"));
  return outfile;
}

export interface RunSpec {
  cmd: string[];
  /** Fixed input, or one per run (e.g. to defeat a cache). */
  stdin: Buffer | ((run: number) => Buffer);
  env: Record<string, string>;
  cwd: string;
  /** The run must print this (guards against timing a failure). */
  expect: string;
}

/** Wall time of one process from spawn to exit, stdout drained. */
export async function timeRun(spec: RunSpec, run = 0): Promise<number> {
  const stdin = typeof spec.stdin === "function" ? spec.stdin(run) : spec.stdin;
  const t0 = performance.now();
  const p = Bun.spawn(spec.cmd, { env: spec.env, cwd: spec.cwd, stdin, stdout: "pipe", stderr: "pipe" });
  const [out] = await Promise.all([new Response(p.stdout).text(), p.exited]);
  const ms = performance.now() - t0;
  if (!out.includes(spec.expect)) throw new Error(`unexpected output from ${spec.cmd.join(" ")}: ${out}`);
  return ms;
}

/** Run every spec `n` times, interleaved (after `warmup` untimed rounds), and return the samples. */
export async function interleave(
  specs: Record<string, RunSpec>,
  n: number,
  warmup = 3,
): Promise<Record<string, number[]>> {
  const series: Record<string, number[]> = Object.fromEntries(Object.keys(specs).map((k) => [k, []]));
  for (let i = 0; i < warmup + n; i++) {
    for (const [name, spec] of Object.entries(specs)) {
      const ms = await timeRun(spec, i);
      if (i >= warmup) series[name]?.push(ms);
    }
  }
  return series;
}

export const quantile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] as number;

/** "  name   median X ms   p90 Y ms   ratio to <base> Z×" */
export function ratioLine(name: string, xs: number[], base: number[], baseName = "floor", width = 38): string {
  return `  ${name.padEnd(width)} median ${quantile(xs, 0.5).toFixed(1).padStart(6)} ms   p90 ${quantile(xs, 0.9).toFixed(1).padStart(6)} ms   ratio to ${baseName} ${(quantile(xs, 0.5) / quantile(base, 0.5)).toFixed(2)}×`;
}
