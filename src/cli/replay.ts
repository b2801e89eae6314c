// `ccgate <target> replay [--days N] [--live] [--json]`: re-decide logged requests (from the metrics
// file) with the current configuration and show which verdicts would change — the safe way to edit
// rules. Without --live only the fast path and the cache are consulted (no model calls, no cost);
// requests they cannot decide are reported as "LLM". Inputs come from the metrics lines (commands
// and paths, capped and redacted), so a replay is close to, not identical with, the original call.
import { readFileSync } from "node:fs";
import { defineCommand } from "citty";
import { loadConfigAt } from "../app/config.ts";
import { prepare } from "../app/prepare.ts";
import { decide } from "../core/decide.ts";
import type { DecisionRequest, Target } from "../core/types.ts";
import type { MetricsEntry } from "../state/metrics.ts";
import { cutoff, parseLines } from "../state/report.ts";
import { ExitCode } from "./exit-code.ts";

const read = (p: string) => {
  try {
    return readFileSync(p, "utf8");
  } catch {
    return "";
  }
};

export interface ReplayRow {
  ts: string;
  tool: string;
  input: string;
  before: string;
  after: string;
  source: string;
  reason: string;
}

export function replayCommand(target: Target) {
  return defineCommand({
    meta: {
      name: "replay",
      description: "Re-decide logged requests with the current rules and show which verdicts would change",
    },
    args: {
      days: { type: "string", description: "How far back (local days, default 7)", default: "7" },
      live: {
        type: "boolean",
        description: "Also ask the classifier for requests the fast path and cache cannot decide (costs model calls)",
      },
      json: { type: "boolean", description: "Machine-readable output" },
      all: { type: "boolean", description: "List unchanged verdicts too" },
    },
    run: async ({ args }) => {
      const days = Math.max(1, Number.parseInt(String(args.days), 10) || 7);
      const loaded = loadConfigAt(target, { cwd: process.cwd(), env: process.env });
      if (!loaded.ok) {
        process.stderr.write(`failed to load config: ${loaded.error.message}\n`);
        throw new ExitCode(1);
      }
      const path = loaded.config.metrics_path;
      const { entries } = parseLines(read(`${path}.1`) + read(path));
      const from = cutoff(new Date(), days).getTime();
      const candidates = entries.filter(
        (e: MetricsEntry) =>
          Date.parse(e.ts) >= from && e.tool_input && e.ft_kind !== "user_interaction" && e.decision !== "error",
      );
      const rows: ReplayRow[] = [];
      for (const e of candidates) {
        const cwd = e.cwd ?? process.cwd();
        const request: DecisionRequest = {
          target,
          hookEventName: "PermissionRequest",
          sessionId: e.sid ?? "",
          toolName: e.tool,
          toolInput: { ...e.tool_input },
          cwd,
          permissionMode: e.perm_mode,
          transcriptPath: null,
        };
        const here = prepare(target, request, process.env);
        if (!here.ok) continue;
        const deps = args.live
          ? here.deps
          : {
              ...here.deps,
              resolveProvider: async () => ({
                ok: false as const,
                kind: "no_apikey" as const,
                detail: "replay without --live",
              }),
            };
        const v = await decide(request, here.config, deps);
        const after = v.decision === "fallthrough" && v.kind === "no_apikey" && !args.live ? "LLM" : v.decision;
        rows.push({
          ts: e.ts,
          tool: e.tool,
          input: e.tool_input?.command ?? e.tool_input?.file_path ?? e.tool_input?.path ?? e.tool_input?.pattern ?? "",
          before: e.decision,
          after,
          source: v.source,
          reason: v.reason ?? "",
        });
      }
      const changed = rows.filter((r) => r.after !== "LLM" && r.after !== r.before);
      const toLlm = rows.filter((r) => r.after === "LLM");
      if (args.json) {
        process.stdout.write(
          `${JSON.stringify({ replayed: rows.length, changed: changed.length, needs_llm: toLlm.length, rows: args.all ? rows : changed }, null, 2)}\n`,
        );
        return;
      }
      const w = (s = "") => process.stdout.write(`${s}\n`);
      w(
        `ccgate ${target} replay: ${rows.length} logged request(s) from the last ${days} day(s), current rules${args.live ? ", classifier asked" : ", fast path and cache only"}`,
      );
      w(
        `  changed: ${changed.length}   unchanged: ${rows.length - changed.length - toLlm.length}   would go to the LLM: ${toLlm.length}`,
      );
      const list = args.all ? rows : changed;
      if (list.length) w();
      for (const r of list)
        w(
          `  ${r.before.padEnd(11)} → ${r.after.padEnd(11)} ${r.tool.padEnd(8)} ${r.input.slice(0, 90)}${r.after !== r.before && r.reason ? `\n${" ".repeat(27)}${r.source}: ${r.reason.slice(0, 120)}` : ""}`,
        );
    },
  });
}
