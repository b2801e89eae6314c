// The metrics report: pure aggregation over metrics lines (the CLI reads the files and prints).
// User-interaction short-circuits (AskUserQuestion, ExitPlanMode) are excluded from everything:
// they are never a gate's decision to make.
import type { MetricsEntry, MetricsToolInput } from "./metrics.ts";

export interface DailyRow {
  date: string;
  total: number;
  allow: number;
  deny: number;
  fallthrough: number;
  forced_allow: number;
  forced_deny: number;
  errors: number;
  automation_rate: number;
  avg_elapsed_ms: number;
  p50_elapsed_ms: number;
  p95_elapsed_ms: number;
  total_input_tokens: number;
  total_output_tokens: number;
}

export interface CountRow {
  total: number;
  allow: number;
  deny: number;
  fallthrough: number;
}

export interface TopRow {
  tool: string;
  tool_input: MetricsToolInput;
  count: number;
}

export interface Report {
  period: string;
  data_range?: string;
  automation_rate: number;
  /** Lines that could not be parsed (skipped, counted). */
  skipped_lines: number;
  daily: DailyRow[];
  /** How decisions were made: short_circuit, fast_path, cache, llm (the saving of the first three). */
  sources: Array<CountRow & { source: string; avg_elapsed_ms: number }>;
  /** Decisions by hook event; `deferred` counts PreToolUse calls left to PermissionRequest. */
  events: Array<{ event: string; total: number; allow: number; deny: number; fallthrough: number; deferred: number }>;
  tools: Array<CountRow & { tool: string; forced_allow: number; forced_deny: number }>;
  fallthrough_top: TopRow[];
  deny_top: TopRow[];
  credential_failures?: Array<{ source: string; reason: string; count: number }>;
}

export interface ReportOptions {
  days: number;
  details: number;
  now: Date;
}

/** Local calendar date (YYYY-MM-DD) of a timestamp. */
export function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local midnight `days - 1` days before `now`: the first instant the report covers. */
export function cutoff(now: Date, days: number): Date {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  d.setDate(d.getDate() - (days - 1));
  return d;
}

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

const inputKey = (i: MetricsToolInput | undefined) =>
  JSON.stringify([i?.command ?? "", i?.file_path ?? "", i?.path ?? "", i?.pattern ?? ""]);

function top(entries: MetricsEntry[], limit: number): TopRow[] {
  if (limit <= 0) return [];
  const groups = new Map<string, TopRow>();
  for (const e of entries) {
    const key = `${e.tool}\u0000${inputKey(e.tool_input)}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { tool: e.tool, tool_input: e.tool_input ?? {}, count: 1 });
  }
  const cmp = (a: string | undefined, b: string | undefined) =>
    (a ?? "") < (b ?? "") ? -1 : (a ?? "") > (b ?? "") ? 1 : 0;
  return [...groups.values()]
    .sort(
      (a, b) =>
        b.count - a.count ||
        cmp(a.tool, b.tool) ||
        cmp(a.tool_input.command, b.tool_input.command) ||
        cmp(a.tool_input.file_path, b.tool_input.file_path) ||
        cmp(a.tool_input.path, b.tool_input.path) ||
        cmp(a.tool_input.pattern, b.tool_input.pattern),
    )
    .slice(0, limit);
}

/** Parse JSONL text into entries; malformed lines are counted, never fatal. */
export function parseLines(text: string): { entries: MetricsEntry[]; skipped: number } {
  const entries: MetricsEntry[] = [];
  let skipped = 0;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as MetricsEntry;
      if (typeof e.ts !== "string" || typeof e.decision !== "string" || !Number.isFinite(Date.parse(e.ts))) skipped++;
      else entries.push(e);
    } catch {
      skipped++;
    }
  }
  return { entries, skipped };
}

export function buildReport(all: MetricsEntry[], skipped: number, options: ReportOptions): Report {
  const from = cutoff(options.now, options.days).getTime();
  const inPeriod = all.filter((e) => Date.parse(e.ts) >= from && e.ft_kind !== "user_interaction");
  // A PreToolUse call left to PermissionRequest is not a decision: it is counted by event only.
  const entries = inPeriod.filter((e) => e.ft_kind !== "deferred");
  const eventMap = new Map<string, Report["events"][number]>();
  for (const e of inPeriod) {
    const event = e.event || "PermissionRequest";
    const row = eventMap.get(event) ?? { event, total: 0, allow: 0, deny: 0, fallthrough: 0, deferred: 0 };
    row.total += 1;
    if (e.ft_kind === "deferred") row.deferred += 1;
    else if (e.decision === "allow") row.allow += 1;
    else if (e.decision === "deny") row.deny += 1;
    else if (e.decision === "fallthrough") row.fallthrough += 1;
    eventMap.set(event, row);
  }
  const events = [...eventMap.values()].sort((a, b) => b.total - a.total);
  const byDay = new Map<string, MetricsEntry[]>();
  for (const e of entries) {
    const day = localDate(new Date(e.ts));
    const list = byDay.get(day);
    if (list) list.push(e);
    else byDay.set(day, [e]);
  }
  const daily: DailyRow[] = [...byDay.entries()]
    .sort((a, b) => (a[0] < b[0] ? 1 : -1))
    .map(([date, list]) => {
      const allow = list.filter((e) => e.decision === "allow").length;
      const deny = list.filter((e) => e.decision === "deny").length;
      const elapsed = list.map((e) => e.elapsed_ms ?? 0).sort((a, b) => a - b);
      return {
        date,
        total: list.length,
        allow,
        deny,
        fallthrough: list.filter((e) => e.decision === "fallthrough").length,
        forced_allow: list.filter((e) => e.forced && e.decision === "allow").length,
        forced_deny: list.filter((e) => e.forced && e.decision === "deny").length,
        errors: list.filter((e) => e.decision === "error" || e.error).length,
        automation_rate: list.length ? (allow + deny) / list.length : 0,
        avg_elapsed_ms: elapsed.reduce((s, x) => s + x, 0) / Math.max(1, elapsed.length),
        p50_elapsed_ms: quantile(elapsed, 0.5),
        p95_elapsed_ms: quantile(elapsed, 0.95),
        total_input_tokens: list.reduce((s, e) => s + (e.in_tok ?? 0), 0),
        total_output_tokens: list.reduce((s, e) => s + (e.out_tok ?? 0), 0),
      };
    });
  const decided = entries.filter((e) => e.decision === "allow" || e.decision === "deny").length;
  const count = (list: MetricsEntry[]): CountRow => ({
    total: list.length,
    allow: list.filter((e) => e.decision === "allow").length,
    deny: list.filter((e) => e.decision === "deny").length,
    fallthrough: list.filter((e) => e.decision === "fallthrough").length,
  });
  const group = <K extends string>(key: (e: MetricsEntry) => K) => {
    const m = new Map<K, MetricsEntry[]>();
    for (const e of entries) {
      const k = key(e);
      const l = m.get(k);
      if (l) l.push(e);
      else m.set(k, [e]);
    }
    return m;
  };
  const sources = [...group((e) => e.source ?? "llm").entries()]
    .map(([source, list]) => ({
      source,
      ...count(list),
      avg_elapsed_ms: list.reduce((s, e) => s + (e.elapsed_ms ?? 0), 0) / list.length,
    }))
    .sort((a, b) => b.total - a.total || (a.source < b.source ? -1 : 1));
  const tools = [...group((e) => e.tool).entries()]
    .map(([tool, list]) => ({
      tool,
      ...count(list),
      forced_allow: list.filter((e) => e.forced && e.decision === "allow").length,
      forced_deny: list.filter((e) => e.forced && e.decision === "deny").length,
    }))
    .sort((a, b) => b.total - a.total || (a.tool < b.tool ? -1 : 1));
  const credGroups = new Map<string, { source: string; reason: string; count: number }>();
  for (const e of entries.filter((x) => x.ft_kind === "credential_unavailable")) {
    const source = e.credential_source || "(unknown)";
    const reason = e.reason || "(unknown)";
    const k = `${source}\u0000${reason}`;
    const g = credGroups.get(k);
    if (g) g.count++;
    else credGroups.set(k, { source, reason, count: 1 });
  }
  const credential_failures = [...credGroups.values()].sort(
    (a, b) => b.count - a.count || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.reason < b.reason ? -1 : 1),
  );
  const dates = daily.map((d) => d.date);
  const report: Report = {
    period: `last ${options.days} days`,
    automation_rate: entries.length ? decided / entries.length : 0,
    skipped_lines: skipped,
    daily,
    sources,
    events,
    tools,
    fallthrough_top: top(
      entries.filter((e) => e.ft_kind === "llm"),
      options.details,
    ),
    deny_top: top(
      entries.filter((e) => e.decision === "deny" && !e.forced),
      options.details,
    ),
  };
  if (dates.length) report.data_range = `${dates[dates.length - 1]} ~ ${dates[0]}`;
  if (credential_failures.length) report.credential_failures = credential_failures;
  return report;
}

export function humanInt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

function formatInput(i: MetricsToolInput): string {
  const text =
    i.command ??
    i.file_path ??
    (i.pattern && i.path ? `${i.pattern} @ ${i.path}` : (i.path ?? i.pattern ?? "(no input)"));
  return Array.from(text.replace(/[\n\r\t]/g, " "))
    .slice(0, 200)
    .join("");
}

/** The human-readable report (plain text; the CLI adds colour on a TTY). */
export function renderReport(r: Report, options: ReportOptions): string {
  const out: string[] = [`ccgate metrics (${r.period})`];
  if (r.data_range) out.push(`Data range: ${r.data_range}`);
  out.push("");
  if (!r.daily.length) {
    out.push("No data.");
    if (r.skipped_lines) out.push(`(${r.skipped_lines} malformed line(s) skipped)`);
    return `${out.join("\n")}\n`;
  }
  const oldest = r.daily[r.daily.length - 1]?.date ?? "";
  if (oldest > localDate(cutoff(options.now, options.days)))
    out.push("Note: data limited by file rotation (or no earlier activity)", "");
  const headers = [
    "Date",
    "Total",
    "Allow",
    "Deny",
    "Fall",
    "F.Allow",
    "F.Deny",
    "Err",
    "Auto%",
    "p50(ms)",
    "p95(ms)",
    "Tokens(in",
    "out)",
  ];
  const rows = r.daily.map((d) => [
    d.date,
    humanInt(d.total),
    humanInt(d.allow),
    humanInt(d.deny),
    humanInt(d.fallthrough),
    humanInt(d.forced_allow),
    humanInt(d.forced_deny),
    humanInt(d.errors),
    `${(d.automation_rate * 100).toFixed(1)}%`,
    humanInt(d.p50_elapsed_ms),
    humanInt(d.p95_elapsed_ms),
    humanInt(d.total_input_tokens),
    humanInt(d.total_output_tokens),
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  // Date left-aligned, numbers right-aligned; the two token columns read "in / out".
  const line = (cells: string[]) => {
    const padded = cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)));
    return `${padded.slice(0, -1).join(" ")} / ${padded.at(-1)}`;
  };
  out.push(line(headers), ...rows.map(line), "");
  out.push(`Automation rate: ${(r.automation_rate * 100).toFixed(1)}% ((allow+deny) / total)`, "");
  out.push(
    `Decided by: ${r.sources.map((s) => `${s.source} ${humanInt(s.total)} (avg ${humanInt(s.avg_elapsed_ms)} ms)`).join(", ")}`,
    "",
  );
  if (r.events.length)
    out.push(
      `By event: ${r.events
        .map(
          (e) =>
            `${e.event} ${humanInt(e.total)} (allow ${humanInt(e.allow)}, deny ${humanInt(e.deny)}, fall ${humanInt(e.fallthrough)}${e.deferred ? `, deferred ${humanInt(e.deferred)}` : ""})`,
        )
        .join("; ")}`,
      "",
    );
  out.push(
    `Top tools: ${r.tools
      .slice(0, 10)
      .map((t) => `${t.tool}:${humanInt(t.total)}`)
      .join(" ")}`,
    "",
  );
  const topSection = (title: string, rows2: TopRow[]) => {
    if (options.details <= 0) return;
    out.push(`${title} (top ${options.details}):`);
    if (!rows2.length) out.push("  (none)");
    const tw = Math.max(4, ...rows2.map((x) => x.tool.length));
    const cw = Math.max(1, ...rows2.map((x) => humanInt(x.count).length));
    for (const x of rows2)
      out.push(`  ${x.tool.padEnd(tw)}  ${humanInt(x.count).padStart(cw)}  ${formatInput(x.tool_input)}`);
    out.push("");
  };
  topSection("Top fallthrough commands", r.fallthrough_top);
  topSection("Top deny commands", r.deny_top);
  if (r.credential_failures?.length) {
    out.push(`Credential failures (${r.credential_failures.reduce((s, c) => s + c.count, 0)}):`);
    const sw = Math.max(...r.credential_failures.map((c) => c.source.length));
    const rw = Math.max(...r.credential_failures.map((c) => c.reason.length));
    for (const c of r.credential_failures)
      out.push(`  ${c.source.padEnd(sw)}  ${c.reason.padEnd(rw)}  ${humanInt(c.count)}`);
    out.push("");
  }
  if (r.skipped_lines) out.push(`(${r.skipped_lines} malformed line(s) skipped)`);
  return `${out.join("\n").trimEnd()}\n`;
}
