// `ccgate <target> metrics [--days N] [--json] [--details N]` (aliases: clm, com). Reads the
// metrics file and its rotated `.1` generation; malformed lines are counted and skipped.
import { defineCommand } from "citty";
import { loadConfigAt } from "../app/config.ts";
import type { Target } from "../core/types.ts";
import { buildReport, parseLines, renderReport } from "../state/report.ts";
import { readTextOrEmpty } from "../util/read-text.ts";
import { ExitCode } from "./exit-code.ts";

export function metricsCommand(target: Target) {
  return defineCommand({
    meta: {
      name: "metrics",
      description: "Report on recorded decisions: daily totals, automation rate, latency, top fallthroughs and denies",
    },
    args: {
      days: { type: "string", description: "Days to cover, counted in local days (default 7)", default: "7" },
      json: { type: "boolean", description: "Machine-readable output (stable shape, see docs/metrics.md)" },
      details: {
        type: "string",
        description: "Rows in the top fallthrough / deny sections (default 10, 0 hides them)",
        default: "10",
      },
      path: { type: "string", description: "Read this metrics file instead of the configured one" },
    },
    run: async ({ args }) => {
      let days = Number.parseInt(String(args.days), 10);
      if (!Number.isFinite(days) || days <= 0) days = 7;
      let details = Number.parseInt(String(args.details), 10);
      if (!Number.isFinite(details) || details < 0) details = 10;
      let path = args.path;
      if (!path) {
        const loaded = loadConfigAt(target, { cwd: process.cwd(), env: process.env });
        if (!loaded.ok) {
          process.stderr.write(`failed to load config: ${loaded.error.message}\n`);
          throw new ExitCode(1);
        }
        path = loaded.config.metrics_path;
      }
      const rotated = parseLines(readTextOrEmpty(`${path}.1`));
      const current = parseLines(readTextOrEmpty(path));
      const options = { days, details, now: new Date() };
      const report = buildReport([...rotated.entries, ...current.entries], rotated.skipped + current.skipped, options);
      if (args.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      let text = renderReport(report, options);
      if (process.stdout.isTTY) {
        const { colors } = await import("consola/utils");
        text = text
          .replace(/^(ccgate metrics.*)$/m, (m) => colors.bold(m))
          .replace(/^(Automation rate: .*)$/m, (m) => colors.cyan(m));
      }
      process.stdout.write(text);
    },
  });
}
