// Dead code, found the way knip would: an exported function, constant or class that no other file
// imports is either dead or exported by mistake. (Exported types are left alone: a type in an
// exported signature is part of the module's contract even when nobody names it.)
import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "../..");
const SCANNED = ["src", "tests", "bench", "scripts"];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.name === "node_modules" || e.name === "fixtures"
      ? []
      : e.isDirectory()
        ? sources(join(dir, e.name))
        : e.name.endsWith(".ts")
          ? [join(dir, e.name)]
          : [],
  );
}

export function unusedExports(files: Record<string, string>): string[] {
  const out: string[] = [];
  const words = new Map<string, Set<string>>();
  for (const [file, text] of Object.entries(files)) words.set(file, new Set(text.match(/[A-Za-z_$][\w$]*/g) ?? []));
  for (const [file, text] of Object.entries(files)) {
    if (!file.startsWith("src/") || file.endsWith(".gen.ts")) continue;
    for (const m of text.matchAll(/^export (?:async )?(?:function\*?|const|let|class) ([A-Za-z_$][\w$]*)/gm)) {
      const name = m[1] as string;
      const used = [...words].some(([other, set]) => other !== file && set.has(name));
      if (!used) out.push(`${file}: ${name}`);
    }
  }
  return out;
}

describe("dead exports", () => {
  test("every exported value in src/ is imported somewhere else", () => {
    const files = Object.fromEntries(
      SCANNED.flatMap((d) => sources(join(ROOT, d))).map((f) => [relative(ROOT, f), readFileSync(f, "utf8")]),
    );
    expect(unusedExports(files)).toEqual([]);
  });

  test("the check finds an export nobody imports", () => {
    expect(
      unusedExports({
        "src/a.ts": "export function used() {}\nexport const lonely = 1;\nexport type T = string;",
        "src/b.ts": 'import { used } from "./a.ts";',
      }),
    ).toEqual(["src/a.ts: lonely"]);
  });
});
