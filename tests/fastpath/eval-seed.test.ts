// Regression gate on the labelled peer corpora in ../shared/eval-seed (see its README):
// - safety-net rows labelled blocked (context-free): never allowed locally;
// - Dippy rows labelled auto-approve: the share decided locally must not fall, and local denies
//   of them stay at zero (each exception would have to be listed and justified here);
// - Dippy rows labelled ask: never allowed locally (we are at least as strict as Dippy).
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeCommand } from "../../src/fastpath/analyze.ts";
import { DEFAULT_PROTECTED_BRANCHES, type PathFacts } from "../../src/fastpath/facts.ts";
import { evalSeedDir } from "../support/eval-seed.ts";

const found = evalSeedDir();
const dir = found ?? "";
const present = found !== null;
if (!present)
  console.log("eval-seed corpora not found (set CCGATE_EVAL_SEED): the fast-path regression gate is skipped");
const facts: PathFacts = {
  cwd: "/work/repo",
  boundary: "/work/repo",
  home: "/home/dev",
  branch: "feature/x",
  protectedBranches: DEFAULT_PROTECTED_BRANCHES,
  tempDirs: ["/tmp"],
};

function rows<T>(file: string): T[] {
  return readFileSync(join(dir, file), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as T);
}

/** Dippy auto-approve rows we deny locally on purpose, with the reason. Keep this list short. */
const JUSTIFIED_LOCAL_DENIES: Record<string, string> = {};

describe.skipIf(!present)("eval-seed corpora", () => {
  test("safety-net: no blocked row is allowed locally", () => {
    const blocked = rows<{ command: string; blocked: boolean; context_dependent: boolean }>(
      "safety-net-commands.jsonl",
    ).filter((r) => r.blocked && !r.context_dependent);
    const allowed = blocked.filter((r) => analyzeCommand(r.command, facts).verdict === "allow").map((r) => r.command);
    const denied = blocked.filter((r) => analyzeCommand(r.command, facts).verdict === "deny").length;
    console.log(
      `safety-net blocked rows: ${blocked.length}; denied locally ${denied}, sent to the LLM ${blocked.length - denied - allowed.length}, allowed locally ${allowed.length}`,
    );
    expect(blocked.length).toBeGreaterThan(200);
    expect(allowed).toEqual([]);
  });

  test("dippy: share decided locally, no false local deny, no local allow of an ask row", () => {
    const all = rows<{ command: string; auto_approve: boolean; source?: string }>("dippy-commands.jsonl");
    const approve = all.filter((r) => r.auto_approve);
    const ask = all.filter((r) => !r.auto_approve);
    let local = 0;
    const falseDenies: string[] = [];
    /** Per Dippy test file (one per tool family): [decided locally, rows]. */
    const families = new Map<string, [number, number]>();
    for (const r of approve) {
      const v = analyzeCommand(r.command, facts).verdict;
      const family = (r.source ?? "").replace(/^.*test_/, "").replace(/\.py$/, "");
      const counts = families.get(family) ?? [0, 0];
      counts[1]++;
      if (v === "allow") counts[0]++;
      families.set(family, counts);
      if (v === "allow") local++;
      if (v === "deny" && !(r.command in JUSTIFIED_LOCAL_DENIES)) falseDenies.push(r.command);
    }
    const askAllowed = ask.filter((r) => analyzeCommand(r.command, facts).verdict === "allow").map((r) => r.command);
    const share = local / approve.length;
    console.log(
      `dippy auto-approve rows: ${approve.length}; decided locally ${local} (${(share * 100).toFixed(1)}%); false local denies ${falseDenies.length}; ask rows allowed locally ${askAllowed.length}`,
    );
    const breakdown = [...families]
      .filter(([, [, n]]) => n >= 20)
      .sort((a, b) => b[1][1] - a[1][1])
      .map(([f, [l, n]]) => `${f} ${l}/${n}`)
      .join(", ");
    console.log(`per family (20+ rows): ${breakdown}`);
    expect(falseDenies).toEqual([]);
    expect(askAllowed).toEqual([]);
    // 75.0% (3,175 rows) after issue 18; what is left is mostly refused on purpose (docs/fast-path.md).
    expect(share).toBeGreaterThanOrEqual(0.75);
  });
});
