// What `ccgate <target> setup` would change: for each file the host's registration needs, its text
// now and after the merge (or why it cannot be merged). Reads only; write.ts applies a plan.
import { dirname, join } from "node:path";
import type { Host } from "../hosts/types.ts";
import { HOOK_EVENTS } from "../hosts/validate-input.ts";
import { readRegular } from "../state/safe-read.ts";
import { editHooksJson, type FileEdit } from "./json-hooks.ts";
import { enableHooksFeature } from "./toml-feature.ts";

/** Settings files are small; past this something is wrong and nothing is merged. */
const MAX_SETTINGS_BYTES = 4 * 1024 * 1024;

export interface PlannedFile {
  path: string;
  /** The current text, null when the file does not exist. */
  before: string | null;
  /** The merged text, null when nothing changes. */
  after: string | null;
  notes: string[];
}

export type Plan = { ok: true; files: PlannedFile[] } | { ok: false; error: string };

export interface SetupOptions {
  home: string;
  env: Record<string, string | undefined>;
  /** Repository root (or working directory) for `--project`; null for the user's files. */
  projectRoot: string | null;
  uninstall: boolean;
  /** The hook command to register (`ccgate claude`, `/opt/ccgate/ccgate codex`). */
  command: string;
}

function readSettings(path: string): { ok: true; text: string | null } | { ok: false; error: string } {
  const r = readRegular(path, MAX_SETTINGS_BYTES + 1);
  if (!r.ok) return r.code === "ENOENT" ? { ok: true, text: null } : { ok: false, error: r.detail };
  if (r.size > MAX_SETTINGS_BYTES) return { ok: false, error: `${path} is larger than ${MAX_SETTINGS_BYTES} bytes` };
  return { ok: true, text: r.data.toString("utf8") };
}

function planFile(path: string, edit: (text: string | null) => FileEdit): PlannedFile | { error: string } {
  const read = readSettings(path);
  if (!read.ok) return { error: read.error };
  const r = edit(read.text);
  if (!r.ok) return { error: r.error };
  return { path, before: read.text, after: r.text, notes: r.notes };
}

export function planSetup(host: Host, opts: SetupOptions): Plan {
  const spec = host.setup;
  const hooksFile = opts.projectRoot ? join(opts.projectRoot, spec.projectFile) : spec.userFile(opts.home, opts.env);
  const files: PlannedFile[] = [];
  const json = planFile(hooksFile, (text) =>
    editHooksJson(hooksFile, text, {
      target: host.target,
      events: spec.events ?? HOOK_EVENTS,
      entry: spec.hook(opts.command),
      mode: opts.uninstall ? "uninstall" : "install",
      ...(spec.shape ? { shape: spec.shape } : {}),
      ...(spec.matcher !== undefined ? { matcher: spec.matcher } : {}),
      ...(spec.commandKey ? { commandKey: spec.commandKey } : {}),
      ...(opts.projectRoot && spec.projectSeed ? { seed: spec.projectSeed } : {}),
    }),
  );
  if ("error" in json) return { ok: false, error: json.error };
  files.push(json);
  // The feature flag is not ccgate's entry: --uninstall leaves it (other hooks may need it).
  if (spec.featureToml && !opts.uninstall) {
    const tomlFile = join(dirname(hooksFile), spec.featureToml);
    const toml = planFile(tomlFile, (text) => enableHooksFeature(tomlFile, text));
    if ("error" in toml) return { ok: false, error: toml.error };
    files.push(toml);
  }
  return { ok: true, files };
}
