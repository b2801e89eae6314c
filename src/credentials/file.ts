// Read a rotator-managed key file. Opened non-blocking and checked to be a regular file, so a FIFO
// or a directory put in its place can never block the hook.
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { MAX_HELPER_OUTPUT } from "./exec.ts";

export type FileRead =
  | { ok: true; text: string; insecure: boolean }
  | { ok: false; reason: "file_missing" | "file_read"; detail: string };

export function readKeyFile(path: string): FileRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOENT"
      ? { ok: false, reason: "file_missing", detail: `${path} does not exist` }
      : { ok: false, reason: "file_read", detail: `cannot open ${path}: ${code}` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: "file_read", detail: `${path} is not a regular file` };
    const buf = Buffer.alloc(Math.min(st.size, MAX_HELPER_OUTPUT + 1));
    const n = readSync(fd, buf, 0, buf.length, 0);
    if (n > MAX_HELPER_OUTPUT)
      return { ok: false, reason: "file_read", detail: `${path} is larger than ${MAX_HELPER_OUTPUT} bytes` };
    const insecure = (st.mode & 0o077) !== 0 || (typeof process.getuid === "function" && st.uid !== process.getuid());
    return { ok: true, text: buf.subarray(0, n).toString("utf8"), insecure };
  } catch (e) {
    return { ok: false, reason: "file_read", detail: `cannot read ${path}: ${(e as Error).message}` };
  } finally {
    closeSync(fd);
  }
}
