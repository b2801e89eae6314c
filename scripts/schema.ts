// `bun run schema`: regenerate every generated file from its source of truth.
//   schemas/<target>.schema.json     ← the zod config schema (src/config/schema.ts)
//   src/hosts/<target>/defaults.gen.ts ← defaults.jsonnet evaluated here, at build time, so a hook
//                                       run with no user files does no Jsonnet work at all
// With --check, writes nothing and exits 1 if any generated file is out of date.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generatedFiles } from "../src/config/generate.ts";

const root = join(import.meta.dir, "..");
const check = process.argv.includes("--check");
let stale = 0;
for (const [path, content] of Object.entries(generatedFiles(root))) {
  const full = join(root, path);
  let current: string | null = null;
  try {
    current = readFileSync(full, "utf8");
  } catch {}
  if (current === content) continue;
  stale++;
  if (check) console.error(`out of date: ${path}`);
  else {
    writeFileSync(full, content);
    console.error(`wrote ${path}`);
  }
}
if (check && stale) {
  console.error("run `bun run schema` and commit the result");
  process.exit(1);
}
