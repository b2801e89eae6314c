import { describe, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MetricsEntry } from "../../src/state/metrics.ts";
import { buildReport, cutoff, humanInt, localDate, parseLines, renderReport } from "../../src/state/report.ts";

const now = new Date(2026, 10, 25, 10, 0, 0); // local time
const at = (daysAgo: number, hour = 12) =>
  new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysAgo, hour).toISOString();
const e = (over: Partial<MetricsEntry>): MetricsEntry => ({
  ts: at(0),
  target: "claude",
  tool: "Bash",
  perm_mode: "default",
  decision: "allow",
  source: "llm",
  elapsed_ms: 10,
  ...over,
});

describe("metrics report", () => {
  test("cut-off is local midnight days-1 ago; older entries are dropped", () => {
    expect(localDate(cutoff(now, 1))).toBe(localDate(now));
    const r = buildReport([e({ ts: at(0) }), e({ ts: at(6, 0) }), e({ ts: at(7, 23) })], 0, {
      days: 7,
      details: 10,
      now,
    });
    expect(r.daily.map((d) => d.total).reduce((a, b) => a + b, 0)).toBe(2);
    expect(r.daily.map((d) => d.date)).toEqual([localDate(new Date(at(0))), localDate(new Date(at(6)))]);
    expect(r.data_range).toBe(`${localDate(new Date(at(6)))} ~ ${localDate(new Date(at(0)))}`);
  });

  test("user-interaction short-circuits are excluded; rates, forced and errors are counted", () => {
    const entries = [
      e({ decision: "allow" }),
      e({ decision: "deny", deny_msg: "no" }),
      e({ decision: "deny", forced: true, ft_kind: "llm" }),
      e({ decision: "fallthrough", ft_kind: "llm" }),
      e({ decision: "fallthrough", ft_kind: "user_interaction", tool: "AskUserQuestion" }),
      e({ decision: "error", error: "boom" }),
    ];
    const r = buildReport(entries, 0, { days: 7, details: 10, now });
    expect(r.daily[0]).toMatchObject({
      total: 5,
      allow: 1,
      deny: 2,
      fallthrough: 1,
      forced_deny: 1,
      errors: 1,
      automation_rate: 3 / 5,
    });
    expect(r.automation_rate).toBe(3 / 5);
    expect(r.tools.map((t) => t.tool)).toEqual(["Bash"]);
  });

  test("p50/p95 latency, tokens, sources", () => {
    const entries = Array.from({ length: 20 }, (_, i) =>
      e({ elapsed_ms: i + 1, in_tok: 100, out_tok: 5, source: i < 15 ? "fast_path" : "llm" }),
    );
    const r = buildReport(entries, 0, { days: 1, details: 0, now });
    expect(r.daily[0]).toMatchObject({
      p50_elapsed_ms: 10,
      p95_elapsed_ms: 19,
      total_input_tokens: 2000,
      total_output_tokens: 100,
    });
    expect(r.sources.map((s) => [s.source, s.total])).toEqual([
      ["fast_path", 15],
      ["llm", 5],
    ]);
    expect(r.fallthrough_top).toEqual([]);
  });

  test("top lists: grouped by tool and input, count desc then tool/command asc, truncated to details", () => {
    const entries = [
      ...Array.from({ length: 3 }, () =>
        e({ decision: "fallthrough", ft_kind: "llm", tool_input: { command: "make b" } }),
      ),
      ...Array.from({ length: 3 }, () =>
        e({ decision: "fallthrough", ft_kind: "llm", tool_input: { command: "make a" } }),
      ),
      e({ decision: "fallthrough", ft_kind: "llm", tool: "Write", tool_input: { file_path: "/x" } }),
      e({ decision: "fallthrough", ft_kind: "no_apikey", tool_input: { command: "ignored" } }),
      e({ decision: "deny", tool_input: { command: "rm -rf x" } }),
      e({ decision: "deny", forced: true, tool_input: { command: "forced, not listed" } }),
    ];
    const r = buildReport(entries, 0, { days: 1, details: 2, now });
    expect(r.fallthrough_top).toEqual([
      { tool: "Bash", tool_input: { command: "make a" }, count: 3 },
      { tool: "Bash", tool_input: { command: "make b" }, count: 3 },
    ]);
    expect(r.deny_top).toEqual([{ tool: "Bash", tool_input: { command: "rm -rf x" }, count: 1 }]);
  });

  test("credential failures grouped by source and reason", () => {
    const entries = [
      e({ decision: "fallthrough", ft_kind: "credential_unavailable", credential_source: "exec", reason: "timeout" }),
      e({ decision: "fallthrough", ft_kind: "credential_unavailable", credential_source: "exec", reason: "timeout" }),
      e({ decision: "fallthrough", ft_kind: "credential_unavailable", reason: "x" }),
    ];
    expect(buildReport(entries, 0, { days: 1, details: 1, now }).credential_failures).toEqual([
      { source: "exec", reason: "timeout", count: 2 },
      { source: "(unknown)", reason: "x", count: 1 },
    ]);
  });

  test("malformed lines are counted and skipped, never fatal", () => {
    const text = [
      JSON.stringify(e({})),
      "{not json",
      '{"ts":"nope","decision":"allow"}',
      "",
      JSON.stringify(e({})),
    ].join("\n");
    expect(parseLines(text)).toMatchObject({ skipped: 2 });
    expect(parseLines(text).entries).toHaveLength(2);
  });

  test("the rendered table: right-aligned numbers with thousands separators, Auto%, in / out tokens", () => {
    const r = buildReport(
      Array.from({ length: 1234 }, () => e({ in_tok: 1000 })),
      3,
      { days: 1, details: 0, now },
    );
    const text = renderReport(r, { days: 1, details: 0, now });
    expect(text).toContain(
      "Date       Total Allow Deny Fall F.Allow F.Deny Err  Auto% p50(ms) p95(ms) Tokens(in / out)",
    );
    expect(text).toContain(
      `${localDate(now)} 1,234 1,234    0    0       0      0   0 100.0%      10      10 1,234,000 /    0`,
    );
    expect(text).toContain("(3 malformed line(s) skipped)");
    expect(humanInt(-1000)).toBe("-1,000");
  });

  test("the CLI reads the rotated file too and prints a stable JSON shape", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ccgate-report-"));
    const path = join(dir, "metrics.jsonl");
    writeFileSync(`${path}.1`, `${JSON.stringify(e({ ts: new Date().toISOString(), tool: "Read" }))}\n`);
    writeFileSync(path, `${JSON.stringify(e({ ts: new Date().toISOString() }))}\nbroken\n`);
    const bin = join(import.meta.dir, "..", "..", "dist", "ccgate");
    const p = Bun.spawn([bin, "clm", "--json", "--path", path], { stdout: "pipe", stderr: "pipe" });
    const [out, code] = await Promise.all([new Response(p.stdout).text(), p.exited]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual([
      "period",
      "automation_rate",
      "skipped_lines",
      "daily",
      "sources",
      "events",
      "tools",
      "fallthrough_top",
      "deny_top",
      "data_range",
    ]);
    expect(json.skipped_lines).toBe(1);
    expect(json.events).toEqual([
      { event: "PermissionRequest", total: 2, allow: 2, deny: 0, fallthrough: 0, deferred: 0 },
    ]);
    expect(json.tools.map((t: { tool: string }) => t.tool).sort()).toEqual(["Bash", "Read"]);
  });
});

describe("timestamps: written in UTC, grouped by local day when read", () => {
  test("the metrics line's ts is UTC with milliseconds", async () => {
    const { metricsEntry } = await import("../../src/state/metrics.ts");
    const started = new Date(Date.UTC(2026, 11, 2, 3, 4, 5, 678));
    const line = metricsEntry(
      { target: "claude", sessionId: "s", toolName: "Bash", permissionMode: "default", toolInput: {} },
      { decision: "allow", source: "fast_path", timings: {} } as never,
      started,
      1,
    );
    expect(line.ts).toBe("2026-12-02T03:04:05.678Z");
  });

  test("the binary's report puts UTC and upstream local-offset lines on the reader's local day", () => {
    const dir = mkdtempSync(join(tmpdir(), "ccgate-tz-"));
    const file = join(dir, "metrics.jsonl");
    const line = (ts: string) =>
      JSON.stringify({
        ts,
        target: "claude",
        tool: "Bash",
        perm_mode: "default",
        decision: "allow",
        source: "llm",
        elapsed_ms: 5,
      });
    // 2026-11-24T23:30Z is already 25 November in Tokyo (+09:00); the Go version wrote offsets like the second line.
    writeFileSync(
      file,
      `${[line("2026-11-24T23:30:00.000Z"), line("2026-11-25T08:45:00.000+09:00"), line("2026-11-24T12:00:00.000Z")].join("\n")}\n`,
    );
    const run = (tz: string) => {
      const r = Bun.spawnSync(
        [join(import.meta.dir, "../../dist/ccgate"), "claude", "metrics", "--json", "--days", "36500", "--path", file],
        { env: { PATH: process.env.PATH ?? "", HOME: dir, TZ: tz }, stdout: "pipe", stderr: "pipe" },
      );
      expect(r.exitCode).toBe(0);
      return (JSON.parse(r.stdout.toString()) as { daily: Array<{ date: string; total: number }> }).daily.map((d) => [
        d.date,
        d.total,
      ]);
    };
    expect(run("Asia/Tokyo")).toEqual([
      ["2026-11-25", 2],
      ["2026-11-24", 1],
    ]);
    expect(run("UTC")).toEqual([["2026-11-24", 3]]);
  });
});

describe("metrics report by event", () => {
  const entries = [
    e({}),
    e({ event: "PermissionRequest", decision: "deny" }),
    e({ event: "PreToolUse", decision: "allow", perm_mode: "auto" }),
    e({ event: "PreToolUse", decision: "fallthrough", ft_kind: "deferred", source: "short_circuit" }),
    e({ event: "PreToolUse", decision: "fallthrough", ft_kind: "deferred", source: "short_circuit" }),
    e({ event: "PreToolUse", decision: "fallthrough", ft_kind: "circuit_breaker" }),
  ];
  const r = buildReport(entries, 0, { days: 7, details: 10, now });
  test("rows per event; a line without an event counts as PermissionRequest", () => {
    expect(r.events).toEqual([
      { event: "PreToolUse", total: 4, allow: 1, deny: 0, fallthrough: 1, deferred: 2 },
      { event: "PermissionRequest", total: 2, allow: 1, deny: 1, fallthrough: 0, deferred: 0 },
    ]);
  });
  test("deferred PreToolUse calls are not decisions: they leave totals and the automation rate alone", () => {
    expect(r.daily[0]?.total).toBe(4);
    expect(r.automation_rate).toBe(3 / 4);
  });
  test("the text report has a By event line", () => {
    expect(renderReport(r, { days: 7, details: 10, now })).toContain(
      "By event: PreToolUse 4 (allow 1, deny 0, fall 1, deferred 2); PermissionRequest 2 (allow 1, deny 1, fall 0)",
    );
  });
});
