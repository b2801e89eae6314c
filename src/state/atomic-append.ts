// Append one line to a file shared by many concurrent hook processes: the line is written with a
// single write(2) on an O_APPEND descriptor, so lines never interleave or tear. Size rotation
// (one `.1` generation) happens under a short-lived lock directory and re-checks the size once the
// lock is held, so parallel writers rotate at most once and never lose a line to the rename.
import {
  chmodSync,
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  mkdirSync,
  renameSync,
  rmdirSync,
  statSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import { openRegular } from "./safe-read.ts";

export type AppendResult = { ok: true; rotated: boolean } | { ok: false; error: string };

const LOCK_WAIT_MS = 200;
const STALE_LOCK_MS = 10_000;

function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

function size(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function withLock<T>(path: string, fn: () => T): T | null {
  const lock = `${path}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmdirSync(lock);
      } catch {}
      if (Date.now() > deadline) return null;
      Bun.sleepSync(2);
    }
  }
  try {
    return fn();
  } finally {
    try {
      rmdirSync(lock);
    } catch {}
  }
}

function openAppend(path: string): number {
  const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT;
  let fd: number;
  try {
    fd = openRegular(path, flags, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    ensureDir(dirname(path));
    fd = openRegular(path, flags, 0o600);
  }
  // A log or metrics file left group/world-readable (by an older version, or by hand) is tightened.
  if (fstatSync(fd).mode & 0o077) fchmodSync(fd, 0o600);
  return fd;
}

/** Append one or more complete lines with a single write. */
export function appendLine(path: string, line: string, maxSize: number): AppendResult {
  if (!path) return { ok: true, rotated: false };
  const data = Buffer.from(line.endsWith("\n") ? line : `${line}\n`);
  let rotated = false;
  try {
    if (maxSize > 0 && size(path) + data.length > maxSize) {
      rotated =
        withLock(path, () => {
          if (size(path) + data.length <= maxSize) return false;
          renameSync(path, `${path}.1`);
          return true;
        }) ?? false;
    }
    const fd = openAppend(path);
    try {
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
    if (rotated) {
      try {
        chmodSync(`${path}.1`, 0o600);
      } catch {}
    }
    return { ok: true, rotated };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
