// Reading a file the repository may have planted, for the gate's own checks: opened without blocking
// (a FIFO named `.git/config` would otherwise hang the hook until some process writes to it) and read
// only when it is a regular file of a bounded size.
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

/** The text of a regular file of at most `maxBytes`; null when it is anything else or cannot be read. */
export function readRegularFile(path: string, maxBytes = 1 << 20): string | null {
  return readRegularBytes(path, maxBytes)?.toString("utf8") ?? null;
}

/** The bytes of a regular file of at most `maxBytes`; null when it is anything else or cannot be read. */
export function readRegularBytes(path: string, maxBytes: number): Buffer | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > maxBytes) return null;
    // At most one byte more than the size said (a /proc file says 0 and may never end: up to 64 KiB then);
    // a file that holds more than that was changed or lied about its size and is not read.
    const cap = Math.min(maxBytes, st.size > 0 ? st.size : 64 << 10);
    const buf = Buffer.allocUnsafe(cap + 1);
    let len = 0;
    for (let n = 1; n > 0 && len < buf.length; len += n) n = readSync(fd, buf, len, buf.length - len, null);
    return len > cap ? null : buf.subarray(0, len);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
