// Applying a setup plan: a backup beside each existing file before ccgate first changes it
// (`<file>.ccgate-backup`, never overwritten, so it keeps the file as it was before ccgate), then an
// atomic replace that keeps the file's mode. A symlinked settings file is written where it points.

import { randomBytes } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import type { PlannedFile } from "./plan.ts";

const BACKUP_SUFFIX = ".ccgate-backup";

export type WriteResult = { ok: true; backup: string | null } | { ok: false; error: string };

export function applyFile(file: PlannedFile): WriteResult {
  if (file.after === null) return { ok: true, backup: null };
  let path = file.path;
  try {
    if (file.before !== null) path = realpathSync(path);
    const dir = dirname(path);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    let backup: string | null = null;
    if (file.before !== null && !existsSync(path + BACKUP_SUFFIX)) {
      copyFileSync(path, path + BACKUP_SUFFIX);
      backup = path + BACKUP_SUFFIX;
    }
    const mode = file.before !== null ? statSync(path).mode & 0o777 : 0o600;
    const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
    try {
      writeFileSync(tmp, file.after, { mode });
      renameSync(tmp, path);
    } catch (e) {
      try {
        unlinkSync(tmp);
      } catch {}
      throw e;
    }
    return { ok: true, backup };
  } catch (e) {
    return { ok: false, error: `cannot write ${path}: ${(e as Error).message}` };
  }
}
