// Evaluated and validated config layers, reused while nothing they came from has changed, so a hook
// run with user files pays neither the Jsonnet evaluator nor the schema check (see bench/config).
//
// An entry is keyed by the binary's build id, the file's path and a digest of the exact bytes that
// were evaluated, and is used only if every imported file still has the content it had and every
// environment variable the file read still has the same value. Only values that passed validation
// are stored, and never a value read from the environment in clear: the value of a layer that read
// any variable (std.native('env' / 'must_env')) is sealed (AES-256-GCM) with a key derived from
// the names and values of exactly those variables, so the entry can be read back only by a process
// that has them (a changed value cannot open it: a miss). A layer whose value holds anything
// redaction would remove (an importstr'd key file, a token typed into a rule) is not cached at all.
//
// The answer to "is this project file untracked?" is cached too, keyed by the stat stamp of the git
// index that answered it (device, inode, size, mtime and ctime): `git add`, `git rm --cached` and
// checkouts replace the index file, so any change to what git tracks is a miss.
//
// Everything lives in <cacheDir>/<target>/config/ as 0600 files in a 0700 directory. A missing,
// unreadable or malformed entry is a miss, never an error; a binary run from source caches nothing.
import { readdirSync, statSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { isSecretName, redactValue, registerSecret } from "../core/redact.ts";
import { pruneOldest, writePrivateFile } from "../state/private-files.ts";
import { readRegularFileSync } from "../state/safe-read.ts";
import { digestFields } from "../util/digest.ts";
import type { Env } from "../util/env.ts";

const MAX_ENTRIES = 200;

/** node:crypto, loaded only to seal or open a layer: it pulls in Node's streams, milliseconds that
 * every hook call would pay at start-up (bench/hook). Digests use Bun's native hasher. */
const nodeCrypto = (): typeof import("node:crypto") => require("node:crypto");

/** Digest of a file's bytes. */
export function contentDigest(bytes: Uint8Array): string {
  return new Bun.CryptoHasher("sha256").update(bytes).digest("hex").slice(0, 32);
}

/** Digest of a regular file's current content, or null when it cannot be read. */
function fileDigest(path: string): string | null {
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

function envPairs(names: string[], env: Env): string[] {
  return names.flatMap((n) => [n, env[n] === undefined ? "\u0000unset" : `=${env[n]}`]);
}

function envDigest(names: string[], env: Env): string {
  return digestFields(envPairs(names, env));
}

/** The sealing key of a layer value: the variables it read, with their values, and where it lives. */
function sealKey(names: string[], env: Env, salt: string): Buffer {
  return Buffer.from(digestFields(["layer-seal", salt, ...envPairs(names, env)], 64), "hex");
}

function seal(value: unknown, key: Buffer): string {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const c = nodeCrypto().createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([c.update(JSON.stringify(value), "utf8"), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString("base64");
}

function unseal(sealed: string, key: Buffer): unknown {
  try {
    const raw = Buffer.from(sealed, "base64");
    const d = nodeCrypto().createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(12, 28));
    return JSON.parse(Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString("utf8"));
  } catch {
    return undefined;
  }
}

interface LayerEntry {
  deps: Array<[string, string]>;
  envNames: string[];
  env: string;
  /** The value in clear: only for layers that read no environment variable. */
  value?: unknown;
  /** The value sealed with the variables it read (see sealKey). */
  sealed?: string;
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
    (e.envNames.length ? typeof e.sealed === "string" : !!e.value && typeof e.value === "object")
  );
}

/** May this layer value be written to disk at all? Not if it holds anything redaction removes. */
export function cacheable(value: unknown): boolean {
  return JSON.stringify(redactValue(value)) === JSON.stringify(value);
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

  /** The validated value of `path` (whose content has `digest`) and its imports, if still current. */
  getLayer(path: string, digest: string, env: Env): { value: unknown; deps: Array<[string, string]> } | undefined {
    const e = this.read(this.layerName(path, digest));
    if (!isLayerEntry(e)) return undefined;
    if (e.env !== envDigest(e.envNames, env)) return undefined;
    for (const [dep, depDigest] of e.deps) if (fileDigest(dep) !== depDigest) return undefined;
    if (!e.envNames.length) return { value: e.value, deps: e.deps };
    // As an evaluation would (config/evaluate.ts): secret-named variables the layer read are
    // redacted by exact value wherever the layer's text goes.
    for (const n of e.envNames) if (isSecretName(n)) registerSecret(env[n]);
    const value = unseal(e.sealed as string, sealKey(e.envNames, env, this.layerName(path, digest)));
    return value && typeof value === "object" ? { value, deps: e.deps } : undefined;
  }

  /** Store a validated value; `deps` are the imported files with the digests of what was read. */
  putLayer(
    path: string,
    digest: string,
    deps: Array<[string, string]>,
    envNames: string[],
    env: Env,
    value: unknown,
  ): void {
    if (!cacheable(value)) return;
    const names = [...new Set(envNames)].sort();
    const name = this.layerName(path, digest);
    this.write(name, {
      deps,
      envNames: names,
      env: envDigest(names, env),
      ...(names.length ? { sealed: seal(value, sealKey(names, env, name)) } : { value }),
    } satisfies LayerEntry);
    this.dropClearEnvEntries();
  }

  /** Entries written by older builds kept env-derived values in clear: remove them (on a miss only). */
  private dropClearEnvEntries(): void {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((n) => n.startsWith("layer-") && n.endsWith(".json"));
    } catch {
      return;
    }
    for (const n of names) {
      const e = this.read(n) as { envNames?: unknown; value?: unknown } | undefined;
      if (Array.isArray(e?.envNames) && e.envNames.length > 0 && e.value !== undefined)
        try {
          unlinkSync(join(this.dir, n));
        } catch {
          // raced with another hook
        }
    }
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
