// Open files ccgate reads or appends to without ever blocking: a FIFO, socket, device or directory
// put where a transcript, log, metrics or config file is expected must not hang the hook. Every
// open is non-blocking and followed by fstat; anything but a regular file is refused.
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

export type SafeRead = { ok: true; data: Buffer; size: number } | { ok: false; code: string; detail: string };

/** Open `path` with `flags | O_NONBLOCK`; return the fd only if it is a regular file. */
export function openRegular(path: string, flags: number, mode?: number): number {
  const fd = openSync(path, flags | constants.O_NONBLOCK, mode);
  let ok = false;
  try {
    ok = fstatSync(fd).isFile();
  } finally {
    if (!ok) closeSync(fd);
  }
  if (!ok) {
    const e = new Error(`${path} is not a regular file`) as NodeJS.ErrnoException;
    e.code = "ENOTREG";
    throw e;
  }
  return fd;
}

/** Read at most `maxBytes` from `start` (negative: the last -start bytes) of a regular file. */
export function readRegular(path: string, maxBytes: number, tail = false): SafeRead {
  let fd: number;
  try {
    fd = openRegular(path, constants.O_RDONLY);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "EIO";
    return {
      ok: false,
      code,
      detail: code === "ENOTREG" ? `${path} is not a regular file` : `cannot open ${path}: ${code}`,
    };
  }
  try {
    const size = fstatSync(fd).size;
    const start = tail ? Math.max(0, size - maxBytes) : 0;
    const buf = Buffer.alloc(Math.min(size - start, maxBytes));
    const n = readSync(fd, buf, 0, buf.length, start);
    return { ok: true, data: buf.subarray(0, n), size };
  } catch (e) {
    return { ok: false, code: "EIO", detail: `cannot read ${path}: ${(e as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

/** Largest file ccgate reads whole (configs, settings, caches, git metadata). */
const MAX_READ_BYTES = 16 * 1024 * 1024;

/**
 * Drop-in for readFileSync that throws unless the path is a regular file no larger than `max`
 * (ENOTREG / EFBIG), so a FIFO or a device can never block or balloon the hook.
 */
export function readRegularFileSync(path: string): Buffer;
export function readRegularFileSync(path: string, encoding: "utf8"): string;
export function readRegularFileSync(path: string, encoding?: "utf8"): Buffer | string {
  const r = readRegular(path, MAX_READ_BYTES + 1);
  if (!r.ok) {
    const e = new Error(r.detail) as NodeJS.ErrnoException;
    e.code = r.code;
    throw e;
  }
  if (r.data.length > MAX_READ_BYTES || r.size > MAX_READ_BYTES) {
    const e = new Error(`${path} is larger than ${MAX_READ_BYTES} bytes`) as NodeJS.ErrnoException;
    e.code = "EFBIG";
    throw e;
  }
  return encoding ? r.data.toString(encoding) : r.data;
}
