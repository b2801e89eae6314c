// The layering of docs/architecture.md, enforced: every relative import in src/ must point to its own
// directory or to a lower layer. Directories of one layer do not import each other. Two leaves anyone
// may read: config/schema.ts (zod only; the single source of the config types) and
// providers/registry.ts (the provider descriptors; modules load only when asked).
import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const SRC = resolve(import.meta.dir, "../../src");

/** Top to bottom. */
const LAYERS: string[][] = [
  ["main.ts"],
  ["cli"],
  ["eval", "setup"],
  ["app"],
  ["config", "context", "credentials", "providers", "cache"],
  ["fastpath", "hosts", "state"],
  ["core"],
  ["shell", "jsonnet"],
  ["util"],
];
const SHARED_LEAVES = new Set(["config/schema.ts", "providers/registry.ts"]);

function layerOf(file: string): { dir: string; level: number } {
  const dir = file.includes("/") ? (file.split("/")[0] as string) : file;
  const level = LAYERS.findIndex((l) => l.includes(dir));
  if (level < 0) throw new Error(`${file}: directory ${dir} is in no layer (add it to docs/architecture.md and here)`);
  return { dir, level };
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Relative specifiers of static and dynamic imports, type-only ones included. */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)(["'])(\.[^"']+)\1/gm))
    out.push(m[2] as string);
  return out;
}

export function violations(files: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const from = layerOf(file);
    for (const spec of importsOf(text)) {
      const target = relative(SRC, resolve(SRC, dirname(file), spec));
      if (target.startsWith("..")) {
        out.push(`${file} imports ${spec}, outside src/`);
        continue;
      }
      if (SHARED_LEAVES.has(target)) continue;
      const to = layerOf(target);
      if (to.dir === from.dir) continue;
      if (to.level <= from.level)
        out.push(
          `${file} imports ${target}: ${to.dir}/ is ${to.level === from.level ? "beside" : "above"} ${from.dir}/`,
        );
    }
  }
  return out;
}

describe("import layering", () => {
  test("no import in src/ points up or sideways", () => {
    const files = Object.fromEntries(
      sources(SRC)
        .filter((f) => !f.endsWith(".gen.ts"))
        .map((f) => [relative(SRC, f), readFileSync(f, "utf8")]),
    );
    expect(Object.keys(files).length).toBeGreaterThan(100);
    expect(violations(files)).toEqual([]);
  });

  test("the check itself catches an upward, a sideways and a dynamic import", () => {
    expect(
      violations({
        "core/decide.ts": 'import { x } from "../cli/root.ts";',
        "credentials/profile.ts": 'import { y } from "../providers/anthropic.ts";',
        "fastpath/decide.ts": 'const m = await import("../app/hook.ts");',
        "state/log.ts": 'import type { Z } from "../core/types.ts";',
        "core/prompt.ts": 'import type { Config } from "../config/schema.ts";',
      }),
    ).toEqual([
      "core/decide.ts imports cli/root.ts: cli/ is above core/",
      "credentials/profile.ts imports providers/anthropic.ts: providers/ is beside credentials/",
      "fastpath/decide.ts imports app/hook.ts: app/ is above fastpath/",
    ]);
  });
});
