// Cache of keys produced by `exec` helpers: <cacheDir>/<target>/api_key.<fingerprint>.json, 0600
// files in a 0700 dir, atomic writes, only {key, expires_at}. Parallel hooks serialise on a lock
// file so that a slow helper runs once: O_EXCL create, stale-lock takeover after the deadline.
import { closeSync, constants, openSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, join } from "node:path";
import { ensurePrivateDir, writePrivateFile } from "../state/private-files.ts";
import { readRegularFileSync } from "../state/safe-read.ts";

export interface CachedKey {
  key: string;
  expiresAt: number;
}

/** sha256 over length-prefixed fields; 16 hex characters are kept. */
export function fingerprint(fields: string[]): string {
  const h = new Bun.CryptoHasher("sha256");
  for (const f of ["v1", ...fields]) {
    const b = Buffer.from(f, "utf8");
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    h.update(len).update(b);
  }
  return h.digest("hex").slice(0, 16);
}

export class KeyCache {
  readonly path: string;
  constructor(
    readonly dir: string,
    fp: string,
  ) {
    this.path = join(dir, `api_key.${fp}.json`);
  }

  ensureDir(): string | null {
    try {
      ensurePrivateDir(this.dir);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  }

  /** A fresh cached key, or null (a corrupt file is removed). */
  read(now: number, marginMs: number): { key: CachedKey | null; problem?: "cache_parse" | "cache_read" } {
    let text: string;
    try {
      text = readRegularFileSync(this.path, "utf8");
    } catch (e) {
      return {
        key: null,
        ...((e as NodeJS.ErrnoException).code === "ENOENT" ? {} : { problem: "cache_read" as const }),
      };
    }
    try {
      const v = JSON.parse(text) as { key?: unknown; expires_at?: unknown };
      const t = typeof v.expires_at === "string" ? Date.parse(v.expires_at) : NaN;
      if (typeof v.key !== "string" || !v.key || !Number.isFinite(t)) throw new Error("bad entry");
      return { key: now + marginMs < t ? { key: v.key, expiresAt: t } : null };
    } catch {
      this.invalidate();
      return { key: null, problem: "cache_parse" };
    }
  }

  write(entry: CachedKey): string | null {
    try {
      writePrivateFile(
        this.dir,
        basename(this.path),
        JSON.stringify({ key: entry.key, expires_at: new Date(entry.expiresAt).toISOString() }),
      );
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  }

  invalidate(): void {
    try {
      unlinkSync(this.path);
    } catch {}
  }

  /** Take the lock; returns a release function, or null when the deadline passed. */
  async lock(deadlineMs: number, staleMs: number): Promise<(() => void) | null> {
    const lockPath = `${this.path}.lock`;
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      try {
        const fd = openSync(lockPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
        writeSync(fd, `${process.pid} ${Date.now()}\n`);
        closeSync(fd);
        return () => {
          try {
            unlinkSync(lockPath);
          } catch {}
        };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
        try {
          if (Date.now() - statSync(lockPath).mtimeMs > staleMs) unlinkSync(lockPath);
        } catch {}
        if (Date.now() > deadline) return null;
        await Bun.sleep(50);
      }
    }
  }
}
