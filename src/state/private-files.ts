// Files under the state and cache directories: 0600 files in 0700 directories, replaced atomically
// (write a temporary file, then rename), and directories kept bounded.
import { chmodSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Tighten an existing directory that others can read or enter to 0700 (nothing if it is missing). */
export function tightenDir(dir: string): void {
  try {
    if (statSync(dir).mode & 0o077) chmodSync(dir, 0o700);
  } catch {
    // not there yet: created 0700 when first written
  }
}

/** Create `dir` (and missing parents) as 0700, and tighten `dir` itself if it already existed. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Atomically replace `dir/name` with `content` as a 0600 file, in a 0700 `dir`. Throws on failure. */
export function writePrivateFile(dir: string, name: string, content: string): void {
  ensurePrivateDir(dir);
  writeFileAtomic(dir, name, content);
}

/**
 * Atomically replace `dir/name` (an existing directory, left as it is) with `content` as a 0600
 * file: written beside it, then renamed. Throws on failure, leaving nothing behind.
 */
export function writeFileAtomic(dir: string, name: string, content: string): void {
  const tmp = join(dir, `.${name}.${Buffer.from(crypto.getRandomValues(new Uint8Array(6))).toString("hex")}.tmp`);
  try {
    writeFileSync(tmp, content, { mode: 0o600 });
    renameSync(tmp, join(dir, name));
  } catch (e) {
    removeFile(tmp);
    throw e;
  }
}

export function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone, or raced with another hook
  }
}

/** Past `max` entries ending in `suffix`, remove the oldest until half remain. */
export function pruneOldest(dir: string, max: number, suffix = ".json"): void {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(suffix));
  } catch {
    return;
  }
  if (names.length <= max) return;
  const aged = names
    .map((n) => {
      try {
        return { n, t: statSync(join(dir, n)).mtimeMs };
      } catch {
        return { n, t: 0 };
      }
    })
    .sort((a, b) => a.t - b.t);
  for (const { n } of aged.slice(0, aged.length - Math.floor(max / 2))) removeFile(join(dir, n));
}
