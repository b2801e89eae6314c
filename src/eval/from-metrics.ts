// Why: the best corpus is the user's own traffic. `eval --from-metrics` turns metrics.jsonl (commands
// and paths, already capped and redacted when logged) into unlabelled corpus rows, one per distinct
// request, with what the gate decided then in the note so labelling starts from a hint.
import type { MetricsEntry } from "../state/metrics.ts";
import { parseLines } from "../state/report.ts";

export function metricsCorpus(text: string): string[] {
  const { entries } = parseLines(text);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of entries as MetricsEntry[]) {
    if (!e.tool_input || e.ft_kind === "user_interaction") continue;
    const input: Record<string, unknown> = { ...e.tool_input };
    const key = JSON.stringify([e.tool, input]);
    if (seen.has(key)) continue;
    seen.add(key);
    const note = `${e.ts} ${e.decision} via ${e.source}${e.cwd ? ` in ${e.cwd}` : ""}`;
    out.push(
      JSON.stringify(
        e.tool === "Bash" && typeof input.command === "string" && Object.keys(input).length === 1
          ? { command: input.command, note }
          : { tool_name: e.tool, tool_input: input, note },
      ),
    );
  }
  return out;
}
