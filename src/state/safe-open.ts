// Every file ccgate reads or appends to may be something else than a file: a FIFO blocks an open
// (and a read) forever, a device reads without end. Opening non-blocking and checking the open
// descriptor with fstat closes both holes without a race between the check and the use.
import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";

/** Open `path` with `flags` (non-blocking added) and keep it only if it is a regular file; null otherwise. */
export function openRegular(path: string, flags: number, mode = 0o600): number | null {
  let fd: number;
  try {
    fd = openSync(path, flags | constants.O_NONBLOCK, mode);
  } catch (e) {
    // A FIFO opened for writing without a reader refuses with ENXIO: not a file either way.
    if ((e as NodeJS.ErrnoException).code === "ENXIO") return null;
    throw e;
  }
  if (fstatSync(fd).isFile()) return fd;
  closeSync(fd);
  return null;
}

/** The content of a regular file, at most `maxBytes`; null when missing, not a regular file, or larger. */
export function readRegular(path: string, maxBytes = 16 * 1024 * 1024): Buffer | null {
  let fd: number | null = null;
  try {
    fd = openRegular(path, constants.O_RDONLY);
    if (fd === null || fstatSync(fd).size > maxBytes) return null;
    return readFileSync(fd);
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
