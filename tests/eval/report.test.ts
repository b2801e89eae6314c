// The corpus boundary and the report arithmetic, without a binary: zod errors name the line and
// field, percentiles are nearest-rank, prices ignore date suffixes, and unknown models cost nothing.
import { describe, expect, test } from "bun:test";
import { BUILTIN_NOTICE, bindRepo, builtinCorpus, parseCorpus } from "../../src/eval/corpus.ts";
import { buildReport, percentile, priceOf } from "../../src/eval/report.ts";
import type { RowOutcome } from "../../src/eval/runner.ts";

describe("corpus", () => {
  test("rows: command shorthand, tool rows, defaults, comments", () => {
    const r = parseCorpus(
      '// c\n{"command":"ls","expect":"allow"}\n\n{"tool_name":"Read","tool_input":{"file_path":"$REPO/a"},"cwd":"src","permission_mode":"plan"}\n',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows).toEqual([
      { line: 2, toolName: "Bash", toolInput: { command: "ls" }, cwd: "", mode: "default", expect: "allow", note: "" },
      {
        line: 4,
        toolName: "Read",
        toolInput: { file_path: "$REPO/a" },
        cwd: "src",
        mode: "plan",
        expect: null,
        note: "",
      },
    ]);
  });
  test.each([
    ['{"expect":"allow"}', "line 1: give"],
    ['{"command":"ls","expect":"yes"}', "line 1: expect:"],
    ['{"command":"ls","cwd":"/etc"}', "inside the scratch repository"],
    ['{"command":"ls","cwd":"a/../../b"}', "inside the scratch repository"],
    ['{"command":1}', "line 1: command:"],
    ["not json", "line 1: not JSON"],
    ["", "no rows"],
  ])("%s is refused", (text, error) => {
    const r = parseCorpus(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(error);
  });
  test("$REPO is bound in nested strings only", () => {
    expect(bindRepo({ a: "$REPO/x", b: ["$REPO"], c: { d: "$REPOSITORY" }, n: 1 }, "/r")).toEqual({
      a: "/r/x",
      b: ["/r"],
      c: { d: "/rSITORY" },
      n: 1,
    });
  });
  test("the built-in corpus loads whole and keeps the eval-seed notice", () => {
    const rows = builtinCorpus();
    expect(rows.length).toBeGreaterThanOrEqual(300);
    expect(rows.every((r) => r.expect !== null)).toBe(true);
    for (const tool of ["Bash", "Read", "Write", "Edit"]) expect(rows.some((r) => r.toolName === tool)).toBe(true);
    expect(rows.some((r) => r.toolName.startsWith("mcp__"))).toBe(true);
    expect(rows.some((r) => r.mode === "plan")).toBe(true);
    expect(rows.filter((r) => r.note.startsWith("eval-seed")).length).toBeGreaterThanOrEqual(200);
    expect(BUILTIN_NOTICE).toContain("Copyright (c) 2025 Lily Dayton");
    expect(BUILTIN_NOTICE).toContain("Copyright (c) 2026 kenryu42");
  });
});

describe("report", () => {
  test("percentile is nearest-rank", () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 95)).toBe(7);
    const xs = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(10);
    expect(percentile(xs, 95)).toBe(19);
  });
  test("prices by model name", () => {
    expect(priceOf("claude-haiku-4-5")).toEqual({ in: 1, out: 5 });
    expect(priceOf("claude-haiku-4-5-20251001")).toEqual({ in: 1, out: 5 });
    expect(priceOf("openai/gpt-5-mini")).toEqual({ in: 0.25, out: 2 });
    expect(priceOf("my-local-llama")).toBeNull();
  });
  const outcome = (
    expect_: "allow" | "deny" | "ask" | null,
    decision: string,
    source: string,
    llm: boolean,
  ): RowOutcome =>
    ({
      row: {
        line: 1,
        toolName: "Bash",
        toolInput: { command: "x" },
        cwd: "",
        mode: "default",
        expect: expect_,
        note: "",
      },
      actual: decision === "allow" || decision === "deny" ? decision : "fallthrough",
      verdict: {
        decision,
        source,
        timings: llm ? { llm: 100 } : {},
        ...(llm ? { usage: { inputTokens: 1000, outputTokens: 100 } } : {}),
      },
      llm,
    }) as RowOutcome;
  test("counts, wrong verdicts and cost", () => {
    const run = {
      outcomes: [
        outcome("ask", "allow", "llm", true),
        outcome("allow", "deny", "llm", true),
        outcome("deny", "deny", "fast_path", false),
        outcome("allow", "fallthrough", "llm", false),
        outcome(null, "allow", "fast_path", false),
      ],
      skipped: 0,
      stopped: null,
    };
    const r = buildReport(run, "anthropic", "claude-haiku-4-5");
    expect(r.matrix).toEqual({
      ask: { allow: 1, deny: 0, fallthrough: 0 },
      allow: { allow: 0, deny: 1, fallthrough: 1 },
      deny: { allow: 0, deny: 1, fallthrough: 0 },
      unlabelled: { allow: 1, deny: 0, fallthrough: 0 },
    });
    expect(r.false_allow).toHaveLength(1);
    expect(r.false_deny).toHaveLength(1);
    expect([r.local, r.llm_calls, r.no_classifier]).toEqual([2, 2, 1]);
    expect(r.tokens).toEqual({ in: 2000, out: 200 });
    // (2000 × $1 + 200 × $5) / 1e6 over 5 requests, × 1000
    expect(r.cost_per_1000_usd).toBe(0.6);
    expect(buildReport(run, "openai", "unknown-model").cost_per_1000_usd).toBeNull();
  });
});
