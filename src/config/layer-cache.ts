// Evaluated and validated config layers, reused while nothing they came from has changed, so a hook
// run with user files pays neither the Jsonnet evaluator nor the schema check (see bench/config).
//
// An entry is keyed by the binary's build id, the file's path and a digest of the exact bytes that
// were evaluated, and is used only if every imported file still has the content it had and every
// environment variable the file read still has the same value (compared as a digest: values are
// never stored). Only values that passed validation are stored. Content digests, not timestamps:
// config files are small, and coarse file-system clocks cannot make an edit invisible.
//
// The answer to "is this project file untracked?" is cached too, keyed by the stat stamp of the git
// index that answered it (device, inode, size, mtime and ctime): `git add`, `git rm --cached` and
// checkouts replace the index file, so any change to what git tracks is a miss.
//
// Everything lives in <cacheDir>/<target>/config/ as 0600 files in a 0700 directory. A missing,
// unreadable or malformed entry is a miss, never an error; a binary run from source caches nothing.
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { join } from "node:path";
import { digestFields } from "../core/digest.ts";
import { pruneOldest, writePrivateFile } from "../state/private-files.ts";
import { readRegularFileSync } from "../state/safe-read.ts";

const MAX_ENTRIES = 200;

/** Digest of a file's bytes. */
export function contentDigest(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 32);
}

/** Digest of a regular file's current content, or null when it cannot be read. */
export function fileDigest(path: string): string | null {
  try {
    return contentDigest(readRegularFileSync(path));
  } catch {
    return null;
  }
}

/** Identity and change stamp of a regular file (for the git index), or null when it is not one. */
export function fileStamp(path: string): string | null {
  try {
    const s = statSync(path, { bigint: true });
    return s.isFile() ? `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` : null;
  } catch {
    return null;
  }
}

function envDigest(names: string[], env: Record<string, string | undefined>): string {
  return digestFields(names.flatMap((n) => [n, env[n] === undefined ? "\u0000unset" : `=${env[n]}`]));
}

interface LayerEntry {
  deps: Array<[string, string]>;
  envNames: string[];
  env: string;
  value: unknown;
}

function isLayerEntry(v: unknown): v is LayerEntry {
  const e = v as LayerEntry | null;
  return (
    !!e &&
    typeof e === "object" &&
    Array.isArray(e.deps) &&
    e.deps.every((d) => Array.isArray(d) && typeof d[0] === "string" && typeof d[1] === "string") &&
    Array.isArray(e.envNames) &&
    e.envNames.every((n) => typeof n === "string") &&
    typeof e.env === "string" &&
    !!e.value &&
    typeof e.value === "object"
  );
}

export class LayerCache {
  constructor(
    private readonly dir: string,
    private readonly buildId: string,
  ) {}

  private read(name: string): unknown {
    try {
      return JSON.parse(readRegularFileSync(join(this.dir, name), "utf8"));
    } catch {
      return undefined;
    }
  }

  private write(name: string, value: unknown): void {
    try {
      writePrivateFile(this.dir, name, JSON.stringify(value));
      pruneOldest(this.dir, MAX_ENTRIES);
    } catch {
      // an unusable cache directory only costs the next run an evaluation
    }
  }

  private layerName(path: string, digest: string): string {
    return `layer-${digestFields(["layer", this.buildId, path, digest])}.json`;
  }

  /** The validated value of `path` (whose content has `digest`) if it is still current. */
  getLayer(path: string, digest: string, env: Record<string, string | undefined>): unknown | undefined {
    const e = this.read(this.layerName(path, digest));
    if (!isLayerEntry(e)) return undefined;
    if (e.env !== envDigest(e.envNames, env)) return undefined;
    for (const [dep, depDigest] of e.deps) if (fileDigest(dep) !== depDigest) return undefined;
    return e.value;
  }

  /** Store a validated value; `deps` are the imported files with the digests of what was read. */
  putLayer(
    path: string,
    digest: string,
    deps: Array<[string, string]>,
    envNames: string[],
    env: Record<string, string | undefined>,
    value: unknown,
  ): void {
    const names = [...new Set(envNames)].sort();
    this.write(this.layerName(path, digest), {
      deps,
      envNames: names,
      env: envDigest(names, env),
      value,
    } satisfies LayerEntry);
  }

  private trackedName(root: string, file: string, indexStamp: string): string {
    return `tracked-${digestFields(["tracked", this.buildId, root, file, indexStamp])}.json`;
  }

  /** A cached answer to "is `file` untracked in `root`?", valid while the index is unchanged. */
  getUntracked(root: string, file: string, indexStamp: string): boolean | undefined {
    const e = this.read(this.trackedName(root, file, indexStamp)) as { untracked?: unknown } | undefined;
    return typeof e?.untracked === "boolean" ? e.untracked : undefined;
  }

  putUntracked(root: string, file: string, indexStamp: string, untracked: boolean): void {
    this.write(this.trackedName(root, file, indexStamp), { untracked });
  }
}
