// `ccgate <target> eval [--corpus FILE] [--compare OTHER_CONFIG] [--concurrency N] [--max-calls N] [--json]`
// and `eval --from-metrics`: how well the gate does on a labelled corpus, run through the whole
// pipeline (fast path, the user's rules, the configured provider) in a scratch repository.
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { defineCommand } from "citty";
import { loadConfigAt } from "../app/config.ts";
import type { Config } from "../config/schema.ts";
import type { Target } from "../core/types.ts";
import { builtinCorpus, type EvalRow, parseCorpus } from "../eval/corpus.ts";
import { metricsCorpus } from "../eval/from-metrics.ts";
import { buildReport, type EvalReport, inputText, renderCompare, renderReport } from "../eval/report.ts";
import { runCorpus } from "../eval/runner.ts";
import { createScratchRepo } from "../eval/scratch.ts";
import { ExitCode } from "./exit-code.ts";

const read = (p: string) => {
  try {
    return readFileSync(p, "utf8");
  } catch {
    return "";
  }
};

function fail(target: Target, message: string, code = 1): never {
  process.stderr.write(`ccgate ${target} eval: ${message}\n`);
  throw new ExitCode(code);
}

function count(target: Target, name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < (name === "max-calls" ? 0 : 1)) fail(target, `--${name} must be a whole number`, 2);
  return n;
}

function progressBar(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (done, total) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r  [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`);
    if (done === total) process.stderr.write("\r\x1b[2K");
  };
}

export function evalCommand(target: Target) {
  return defineCommand({
    meta: {
      name: "eval",
      description:
        "Measure the gate on a labelled corpus: confusion matrix, wrong verdicts, local share, latency, cost",
    },
    args: {
      corpus: { type: "string", description: "JSONL corpus to run (default: the built-in corpus)" },
      compare: { type: "string", description: "A second config file (in place of the global one) to run side by side" },
      concurrency: { type: "string", description: "Requests in flight at once (default 4)" },
      "max-calls": { type: "string", description: "Stop after this many classifier calls (cost guard)" },
      "from-metrics": {
        type: "boolean",
        description: "Print past requests from metrics.jsonl as an unlabelled corpus",
      },
      json: { type: "boolean", description: "Machine-readable output (JSON only on stdout)" },
    },
    run: async ({ args }) => {
      const cwd = process.cwd();
      const env = process.env;
      const load = (globalFile?: string): Config => {
        const loaded = loadConfigAt(target, { cwd, env, ...(globalFile ? { globalFile } : {}) });
        if (!loaded.ok) fail(target, `config error: ${loaded.error.message}`);
        return loaded.config;
      };
      const base = load();
      if (args["from-metrics"]) {
        const path = base.metrics_path;
        const lines = metricsCorpus(read(`${path}.1`) + read(path));
        if (!lines.length) fail(target, `no logged requests in ${path}`);
        process.stdout.write(`${lines.join("\n")}\n`);
        return;
      }
      const concurrency = count(target, "concurrency", args.concurrency, 4);
      const maxCalls = count(target, "max-calls", args["max-calls"], Number.POSITIVE_INFINITY);
      let rows: EvalRow[];
      if (args.corpus) {
        const text = read(resolve(cwd, args.corpus));
        if (!text) fail(target, `cannot read the corpus ${args.corpus}`);
        const parsed = parseCorpus(text);
        if (!parsed.ok) fail(target, `${args.corpus}: ${parsed.error}`);
        rows = parsed.rows;
      } else rows = builtinCorpus();
      const other = args.compare ? load(resolve(cwd, args.compare)) : null;

      const scratch = createScratchRepo();
      if (!scratch.ok) fail(target, scratch.error);
      try {
        const measure = async (config: Config): Promise<{ report: EvalReport; actual: Map<number, string> }> => {
          const run = await runCorpus(rows, {
            target,
            config,
            repo: scratch.repo,
            concurrency,
            maxCalls,
            env,
            ...(progressBar() ? { onProgress: progressBar() } : {}),
          });
          if (run.stopped)
            process.stderr.write(`ccgate ${target} eval: --max-calls ${maxCalls} reached; run stopped\n`);
          return {
            report: buildReport(run, config.provider.name, config.provider.model),
            actual: new Map(run.outcomes.map((o) => [o.row.line, o.actual])),
          };
        };
        const a = await measure(base);
        if (!other) {
          if (args.json) process.stdout.write(`${JSON.stringify(a.report, null, 2)}\n`);
          else process.stdout.write(`${renderReport(a.report, `ccgate ${target} eval`).join("\n")}\n`);
          return;
        }
        const b = await measure(other);
        const changed = rows
          .filter((r) => a.actual.has(r.line) && b.actual.has(r.line) && a.actual.get(r.line) !== b.actual.get(r.line))
          .map((r) => ({
            line: r.line,
            tool_name: r.toolName,
            input: inputText(r.toolInput),
            expect: r.expect ?? "unlabelled",
            base: a.actual.get(r.line) as string,
            compare: b.actual.get(r.line) as string,
          }));
        if (args.json) {
          process.stdout.write(
            `${JSON.stringify({ base: a.report, compare: { config: args.compare, ...b.report }, changed }, null, 2)}\n`,
          );
          return;
        }
        const w = (s: string) => process.stdout.write(`${s}\n`);
        w(`ccgate ${target} eval --compare: ${rows.length} request(s), same corpus, two configurations`);
        w("");
        for (const l of renderCompare(
          a.report,
          b.report,
          ["current", basename(args.compare as string)],
          changed.map(
            (c) => `#${c.line} (expect ${c.expect}) ${c.base} → ${c.compare}: ${c.tool_name} ${c.input.slice(0, 90)}`,
          ),
        ))
          w(l);
      } finally {
        scratch.remove();
      }
    },
  });
}
