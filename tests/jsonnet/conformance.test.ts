// google/jsonnet's conformance suite (shared/jsonnet-test-suite beside the checkout) through our
// evaluator: every case that passed when this test was written (conformance-baseline.json) must still
// pass, and every error case whose kind (STATIC vs RUNTIME ERROR) matched the golden must still match.
// A missing suite fails loudly: CI runs in a clone with shared/ beside it.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { jsonnetSuiteDir, runCase, suiteCases } from "../support/jsonnet-suite.ts";

const baseline = JSON.parse(readFileSync(join(import.meta.dir, "conformance-baseline.json"), "utf8")) as {
  pass: string[];
  kindMatches: string[];
};

describe("jsonnet conformance suite", () => {
  const dir = jsonnetSuiteDir();
  test("the suite is present (../shared/jsonnet-test-suite or $CCGATE_JSONNET_SUITE)", () => {
    expect(dir).not.toBeNull();
  });
  if (!dir) return;
  const cwd = process.cwd();
  process.chdir(dir);
  const outcomes = suiteCases(dir).map(runCase);
  process.chdir(cwd);
  const byName = new Map(outcomes.map((o) => [o.name, o]));

  test("every baseline case is still in the suite", () => {
    expect(baseline.pass.filter((n) => !byName.has(n))).toEqual([]);
    expect(baseline.pass.length).toBeGreaterThanOrEqual(173);
  });
  test("no case that passed before fails now", () => {
    const regressed = baseline.pass.filter((n) => !byName.get(n)?.pass).map((n) => `${n}: ${byName.get(n)?.detail}`);
    expect(regressed).toEqual([]);
  });
  test("no error case whose STATIC/RUNTIME kind matched the golden lost it", () => {
    const lost = baseline.kindMatches
      .filter((n) => !byName.get(n)?.kindMatches)
      .map((n) => `${n}: ${byName.get(n)?.detail}`);
    expect(lost).toEqual([]);
  });
  test("today: all 67 non-error and 106 error cases pass", () => {
    expect(outcomes.filter((o) => !o.isError && o.pass).length).toBe(67);
    expect(outcomes.filter((o) => o.isError && o.pass).length).toBe(106);
  });
});
