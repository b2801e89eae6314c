// Reuse of definite LLM verdicts. A verdict is reused only for the same target, repository,
// working directory, branch, normalised tool input and configuration (the key covers them all;
// a verdict on a feature branch says nothing about the same command on main), and only until its TTL runs
// out. Files are 0600 in a 0700 directory, written atomically; a corrupt or unreadable entry is a
// miss, never an error.
import { join } from "node:path";
import { pruneOldest, removeFile, writePrivateFile } from "../state/private-files.ts";
import { readRegularFileSync } from "../state/safe-read.ts";
import { digestFields } from "../util/digest.ts";

export interface CacheKeyParts {
  target: string;
  /** Repository root (or cwd outside a repository). */
  repo: string;
  /** Working directory: relative paths in the input resolve against it. */
  cwd: string;
  /** Current branch ("" when unknown): rules such as "no commits to main" depend on it. */
  branch: string;
  toolName: string;
  toolInput: Record<string, unknown>;
  /** Hash of everything in the configuration that can change a verdict. */
  configHash: string;
}

export interface CachedVerdict {
  decision: "allow" | "deny";
  message?: string;
  reason?: string;
  provider?: string;
  model?: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** Entries are read back from disk: check every field (hand-written: this runs on the hook path). */
function validEntry(v: unknown): v is CachedVerdict {
  if (!v || typeof v !== "object") return false;
  const e = v as Record<string, unknown>;
  const optStr = (k: string) => e[k] === undefined || typeof e[k] === "string";
  return (
    (e.decision === "allow" || e.decision === "deny") &&
    typeof e.expiresAt === "number" &&
    optStr("message") &&
    optStr("reason") &&
    optStr("provider") &&
    optStr("model")
  );
}

/** Input fields that describe the agent's intent rather than the action; they do not change a verdict. */
const IGNORED_INPUT_KEYS = new Set(["description", "timeout", "run_in_background"]);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = canonical((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

export function normaliseToolInput(input: Record<string, unknown>): string {
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input))
    if (!IGNORED_INPUT_KEYS.has(k)) kept[k] = typeof v === "string" ? v.trim() : v;
  return JSON.stringify(canonical(kept));
}

export function cacheKey(parts: CacheKeyParts): string {
  return digestFields([
    "v2",
    parts.target,
    parts.repo,
    parts.cwd,
    parts.branch,
    parts.toolName,
    normaliseToolInput(parts.toolInput),
    parts.configHash,
  ]);
}

export function hashConfig(value: unknown): string {
  return new Bun.CryptoHasher("sha256")
    .update(JSON.stringify(canonical(value)))
    .digest("hex")
    .slice(0, 16);
}

const MAX_ENTRIES = 2000;

export class DecisionCache {
  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  private path(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  get(key: string): CachedVerdict | null {
    let text: string;
    try {
      text = readRegularFileSync(this.path(key), "utf8");
    } catch {
      return null;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      this.remove(key);
      return null;
    }
    if (!validEntry(parsed)) {
      this.remove(key);
      return null;
    }
    if (parsed.expiresAt <= this.now()) {
      this.remove(key);
      return null;
    }
    return parsed;
  }

  /** Store a verdict; returns false (and changes nothing) when the cache dir is unusable. */
  put(key: string, verdict: Omit<CachedVerdict, "expiresAt">, ttlMs: number): boolean {
    if (ttlMs <= 0) return false;
    try {
      const entry: CachedVerdict = { ...verdict, expiresAt: this.now() + ttlMs };
      writePrivateFile(this.dir, `${key}.json`, JSON.stringify(entry));
      pruneOldest(this.dir, MAX_ENTRIES);
      return true;
    } catch {
      return false;
    }
  }

  remove(key: string): void {
    removeFile(this.path(key));
  }
}
