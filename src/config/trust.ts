// Trust for project files. Even a project file that passes every check in project-file.ts was not
// necessarily written by the user (an unpacked archive with its own .git, a tool run in the
// repository), so the settings of a project layer that can move the API key, run a program or
// write outside the repository are applied only after the user has said so for that exact content:
// `ccgate <target> trust` records the file's sha256 (and those of the files it imports) per absolute
// path in <state>/<target>/trusted-project-files.json (0600 in a 0700 directory). Any edit of the
// file or of an import makes it untrusted again. Rules (allow/deny/environment, append_*,
// fast_path.append_hard_deny) never need trust: they can only shape what is asked of the classifier.
import { readFileSync } from "node:fs";
import type { Target } from "../core/types.ts";
import { writePrivateFile } from "../state/private-files.ts";
import type { Env } from "../util/env.ts";
import { targetStateDir } from "../util/paths.ts";
import type { ConfigLayer } from "./schema.ts";

const TRUST_FILE = "trusted-project-files.json";

/**
 * Top-level fields a project layer applies only when trusted: `provider` as a whole (it holds
 * base_url, auth, codex_bin, codex_home), where logs and metrics are written, and a fallthrough
 * that would allow whatever the classifier leaves undecided.
 */
export function gatedFields(value: ConfigLayer): string[] {
  const out: string[] = [];
  if (value.provider !== undefined) out.push("provider");
  if (value.log_path !== undefined && value.log_path !== "") out.push("log_path");
  if (value.metrics_path !== undefined && value.metrics_path !== "") out.push("metrics_path");
  if (value.fallthrough_strategy === "allow") out.push("fallthrough_strategy");
  return out;
}

/** The layer without its gated fields. */
export function withoutGated(value: ConfigLayer, fields: string[]): ConfigLayer {
  const copy: Record<string, unknown> = { ...value };
  for (const f of fields) delete copy[f];
  return copy as ConfigLayer;
}

export interface TrustEntry {
  sha256: string;
  imports: Array<[string, string]>;
  trusted_at: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return new Bun.CryptoHasher("sha256").update(bytes).digest("hex");
}

function storeDir(target: Target, env: Env): string {
  return targetStateDir(target, env);
}

export function readTrustStore(target: Target, env: Env): Record<string, TrustEntry> {
  try {
    const v = JSON.parse(readFileSync(`${storeDir(target, env)}/${TRUST_FILE}`, "utf8")) as {
      files?: Record<string, unknown>;
    };
    const out: Record<string, TrustEntry> = {};
    for (const [path, e] of Object.entries(v.files ?? {})) {
      const entry = e as TrustEntry;
      if (
        typeof entry?.sha256 === "string" &&
        Array.isArray(entry.imports) &&
        entry.imports.every((i) => Array.isArray(i) && typeof i[0] === "string" && typeof i[1] === "string")
      )
        out[path] = { sha256: entry.sha256, imports: entry.imports, trusted_at: String(entry.trusted_at ?? "") };
    }
    return out;
  } catch {
    return {}; // no store yet, or unreadable: nothing is trusted
  }
}

export function writeTrustStore(target: Target, env: Env, files: Record<string, TrustEntry>): void {
  writePrivateFile(storeDir(target, env), TRUST_FILE, `${JSON.stringify({ version: 1, files }, null, 2)}\n`);
}

const sameImports = (a: Array<[string, string]>, b: Array<[string, string]>) =>
  JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

/** "trusted" when the recorded content is exactly this; "changed" when it was trusted before an edit. */
export function trustState(
  store: Record<string, TrustEntry>,
  path: string,
  sha256: string,
  imports: Array<[string, string]>,
): "trusted" | "untrusted" | "changed" {
  const e = store[path];
  if (!e) return "untrusted";
  return e.sha256 === sha256 && sameImports(e.imports, imports) ? "trusted" : "changed";
}
