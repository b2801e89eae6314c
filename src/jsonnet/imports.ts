// import / importstr / importbin: resolving a path (the default resolver reads files relative to the
// importing file, then the library paths), caching each file's value for the run, and refusing cycles.
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fail, JsonnetError, type Position } from "./errors.ts";
import type { Interpreter } from "./interp.ts";
import { compile } from "./static.ts";
import { JArray, Lazy, ready, type Value } from "./value.ts";

export interface ImportedFile {
  /** Absolute path (used for relative imports inside it and for caching). */
  path: string;
  content: Uint8Array | string;
}

export type ImportResolver = (importingFile: string, importPath: string) => ImportedFile | null;

export function fileResolver(jpath: string[] = []): ImportResolver {
  return (importingFile, importPath) => {
    // Relative imports keep the importing file's spelling (std.thisFile shows `dir/file`, as in the reference).
    const candidates = isAbsolute(importPath)
      ? [importPath]
      : [join(dirname(importingFile), importPath), ...jpath.map((d) => resolve(d, importPath))];
    for (const path of candidates) {
      try {
        return { path, content: readFileSync(path) } satisfies ImportedFile;
      } catch {
        // try the next candidate
      }
    }
    return null;
  };
}

export function importFile(
  it: Interpreter,
  kind: "import" | "importstr" | "importbin",
  path: string,
  pos: Position,
): Value {
  const found = it.resolver(pos.file, path);
  if (!found)
    fail(`couldn't open import ${JSON.stringify(path)}: no match locally or in the library search paths`, pos);
  if (kind === "importbin") {
    const bytes = typeof found.content === "string" ? new TextEncoder().encode(found.content) : found.content;
    return new JArray(Array.from(bytes, (b) => ready(b)));
  }
  const text = typeof found.content === "string" ? found.content : new TextDecoder().decode(found.content);
  if (kind === "importstr") return text;
  const key = found.path;
  let t = it.importCache.get(key);
  if (!t) {
    t = new Lazy(() => {
      if (it.importStack.includes(key)) fail(`import cycle: ${[...it.importStack, key].join(" -> ")}`, pos);
      it.importStack.push(key);
      try {
        return it.eval(compile(text, key), it.rootEnv(key));
      } finally {
        it.importStack.pop();
      }
    });
    it.importCache.set(key, t);
  }
  try {
    return t.get();
  } catch (e) {
    if (e instanceof JsonnetError && /infinite recursion/.test(e.message) && !e.pos)
      fail(`import cycle involving ${key}`, pos);
    throw e;
  }
}
