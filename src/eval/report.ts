// Why: the numbers of an eval run (confusion matrix, wrong verdicts, local share, latency, tokens,
// cost) are computed in one place so the text report, --json and --compare can never disagree.
import type { Actual, RowOutcome, RunResult } from "./runner.ts";

/**
 * USD per million tokens (input, output): list prices from the vendors' public pricing pages
 * (anthropic.com/pricing, openai.com/api/pricing, ai.google.dev/pricing) as of 2025. Estimates only:
 * no caching or batch discounts, and prices change. Models not listed get no cost.
 */
const PRICES: Record<string, { in: number; out: number }> = {
  "claude-haiku-4-5": { in: 1, out: 5 },
  "claude-3-5-haiku": { in: 0.8, out: 4 },
  "claude-sonnet-4-5": { in: 3, out: 15 },
  "claude-sonnet-4": { in: 3, out: 15 },
  "claude-opus-4-5": { in: 5, out: 25 },
  "claude-opus-4-1": { in: 15, out: 75 },
  "gpt-5": { in: 1.25, out: 10 },
  "gpt-5-mini": { in: 0.25, out: 2 },
  "gpt-5-nano": { in: 0.05, out: 0.4 },
  "gpt-4.1": { in: 2, out: 8 },
  "gpt-4.1-mini": { in: 0.4, out: 1.6 },
  "gpt-4.1-nano": { in: 0.1, out: 0.4 },
  "gpt-4o-mini": { in: 0.15, out: 0.6 },
  "gemini-2.5-pro": { in: 1.25, out: 10 },
  "gemini-2.5-flash": { in: 0.3, out: 2.5 },
  "gemini-2.5-flash-lite": { in: 0.1, out: 0.4 },
};

/** The price of a model name, ignoring a date suffix (claude-haiku-4-5-20251001) and a vendor prefix. */
export function priceOf(model: string): { in: number; out: number } | null {
  const m = model.trim().toLowerCase().replace(/^.*\//, "");
  return PRICES[m] ?? PRICES[m.replace(/-\d{8}$|-\d{4}-\d{2}-\d{2}$|-latest$/, "")] ?? null;
}

export interface ListedRow {
  line: number;
  tool_name: string;
  input: string;
  expect: string;
  actual: Actual;
  source: string;
  reason: string;
  note: string;
}

export interface EvalReport {
  total: number;
  matrix: Record<string, Record<Actual, number>>;
  false_allow: ListedRow[];
  false_deny: ListedRow[];
  local: number;
  llm_calls: number;
  /** Requests the classifier should have decided but could not be reached (no key, unknown provider). */
  no_classifier: number;
  errors: number;
  latency_ms: { p50: number | null; p95: number | null };
  tokens: { in: number; out: number };
  provider: string;
  model: string;
  cost_per_1000_usd: number | null;
  skipped: number;
  stopped: string | null;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export function inputText(input: Record<string, unknown>): string {
  for (const k of ["command", "file_path", "notebook_path", "path", "pattern", "url", "query"])
    if (typeof input[k] === "string") return input[k] as string;
  return JSON.stringify(input);
}

const listed = (o: RowOutcome): ListedRow => ({
  line: o.row.line,
  tool_name: o.row.toolName,
  input: inputText(o.row.toolInput),
  expect: o.row.expect ?? "unlabelled",
  actual: o.actual,
  source: o.verdict.source,
  reason: o.verdict.reason ?? o.verdict.error ?? "",
  note: o.row.note,
});

export function buildReport(run: RunResult, provider: string, model: string): EvalReport {
  const matrix: EvalReport["matrix"] = {};
  let local = 0;
  let llm = 0;
  let noClassifier = 0;
  let errors = 0;
  const tokens = { in: 0, out: 0 };
  const latencies: number[] = [];
  for (const o of run.outcomes) {
    const e = o.row.expect ?? "unlabelled";
    matrix[e] ??= { allow: 0, deny: 0, fallthrough: 0 };
    matrix[e][o.actual]++;
    if (o.verdict.decision === "error") errors++;
    if (o.llm) {
      llm++;
      const t = o.verdict.timings.llm;
      if (typeof t === "number") latencies.push(t);
      tokens.in += o.verdict.usage?.inputTokens ?? 0;
      tokens.out += o.verdict.usage?.outputTokens ?? 0;
    } else if (o.verdict.source === "fast_path" || o.verdict.source === "short_circuit") local++;
    else noClassifier++;
  }
  latencies.sort((a, b) => a - b);
  const price = priceOf(model);
  const total = run.outcomes.length;
  return {
    total,
    matrix,
    false_allow: run.outcomes
      .filter((o) => o.row.expect && o.row.expect !== "allow" && o.actual === "allow")
      .map(listed),
    false_deny: run.outcomes.filter((o) => o.row.expect === "allow" && o.actual === "deny").map(listed),
    local,
    llm_calls: llm,
    no_classifier: noClassifier,
    errors,
    latency_ms: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    tokens,
    provider,
    model,
    cost_per_1000_usd:
      price && total
        ? Math.round(((tokens.in * price.in + tokens.out * price.out) / 1e6 / total) * 1000 * 1e4) / 1e4
        : null,
    skipped: run.skipped,
    stopped: run.stopped,
  };
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : "-");
const ms = (v: number | null) => (v === null ? "-" : `${Math.round(v)} ms`);
const usd = (v: number | null) => (v === null ? "no price for this model" : `$${v.toFixed(4)}`);

/** The human report, as lines. */
export function renderReport(r: EvalReport, title: string): string[] {
  const out = [`${title}: ${r.total} request(s), ${r.provider} / ${r.model}`];
  if (r.stopped) out.push(`  stopped by --max-calls: ${r.skipped} row(s) not run`);
  out.push("", "  expect \\ actual     allow    deny  fallthrough");
  for (const e of ["allow", "deny", "ask", "unlabelled"]) {
    const m = r.matrix[e];
    if (!m) continue;
    out.push(
      `  ${e.padEnd(16)} ${String(m.allow).padStart(7)} ${String(m.deny).padStart(7)} ${String(m.fallthrough).padStart(12)}`,
    );
  }
  out.push(
    "",
    `  false allows: ${r.false_allow.length}   false denies: ${r.false_deny.length}`,
    `  decided locally: ${r.local} (${pct(r.local, r.total)})   by the classifier: ${r.llm_calls} (${pct(r.llm_calls, r.total)})${r.no_classifier ? `   classifier unreachable: ${r.no_classifier}` : ""}${r.errors ? `   errors: ${r.errors}` : ""}`,
    `  classifier latency: p50 ${ms(r.latency_ms.p50)}, p95 ${ms(r.latency_ms.p95)}`,
    `  tokens: ${r.tokens.in} in, ${r.tokens.out} out   estimated cost per 1,000 requests: ${usd(r.cost_per_1000_usd)}`,
  );
  for (const [label, rows] of [
    ["False allows", r.false_allow],
    ["False denies", r.false_deny],
  ] as const) {
    if (!rows.length) continue;
    out.push("", `  ${label}:`);
    for (const x of rows)
      out.push(
        `    #${x.line} expect ${x.expect}, got ${x.actual} via ${x.source}: ${x.tool_name} ${x.input.slice(0, 100)}${x.reason ? `\n        ${x.reason.slice(0, 140)}` : ""}`,
      );
  }
  return out;
}

/** Two runs of the same corpus side by side. */
export function renderCompare(a: EvalReport, b: EvalReport, names: [string, string], changed: string[]): string[] {
  const cell = (r: EvalReport, e: string, x: Actual) => String(r.matrix[e]?.[x] ?? 0);
  const line = (label: string, x: string, y: string) => `  ${label.padEnd(28)} ${x.padStart(16)} ${y.padStart(16)}`;
  const out = [line("", names[0].slice(-16), names[1].slice(-16))];
  out.push(line("model", a.model.slice(-16), b.model.slice(-16)));
  for (const e of ["allow", "deny", "ask", "unlabelled"])
    if (a.matrix[e] || b.matrix[e])
      for (const x of ["allow", "deny", "fallthrough"] as const)
        out.push(line(`${e} → ${x}`, cell(a, e, x), cell(b, e, x)));
  out.push(
    line("false allows", String(a.false_allow.length), String(b.false_allow.length)),
    line("false denies", String(a.false_deny.length), String(b.false_deny.length)),
    line("decided locally", String(a.local), String(b.local)),
    line("classifier calls", String(a.llm_calls), String(b.llm_calls)),
    line(
      "latency p50 / p95",
      `${ms(a.latency_ms.p50)}/${ms(a.latency_ms.p95)}`,
      `${ms(b.latency_ms.p50)}/${ms(b.latency_ms.p95)}`,
    ),
    line("tokens in / out", `${a.tokens.in}/${a.tokens.out}`, `${b.tokens.in}/${b.tokens.out}`),
    line(
      "cost per 1,000 requests",
      a.cost_per_1000_usd === null ? "-" : `$${a.cost_per_1000_usd.toFixed(4)}`,
      b.cost_per_1000_usd === null ? "-" : `$${b.cost_per_1000_usd.toFixed(4)}`,
    ),
  );
  if (changed.length)
    out.push("", `  ${changed.length} row(s) decided differently:`, ...changed.map((c) => `    ${c}`));
  return out;
}
