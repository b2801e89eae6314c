// The user's Claude Code permission rules (background for the classifier: Claude Code already
// applied them before asking us, so absence from `allow` means nothing by itself).

import { join } from "node:path";
import type { SettingsPermissions } from "../core/ports.ts";
import { readRegular } from "../state/safe-read.ts";

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export function settingsPermissions(
  home: string,
  projectRoot: string,
  warn: (msg: string) => void = () => {},
): SettingsPermissions | null {
  const allow: string[] = [];
  const deny: string[] = [];
  const files = [join(home, ".claude", "settings.json")];
  if (projectRoot)
    files.push(join(projectRoot, ".claude", "settings.json"), join(projectRoot, ".claude", "settings.local.json"));
  for (const file of files) {
    const read = readRegular(file, 4 * 1024 * 1024);
    if (!read.ok) continue;
    const text = read.data.toString("utf8");
    try {
      const perms = (JSON.parse(text) as { permissions?: { allow?: unknown; deny?: unknown } }).permissions;
      allow.push(...strings(perms?.allow));
      deny.push(...strings(perms?.deny));
    } catch {
      warn(`cannot parse ${file}; its permissions are ignored`);
    }
  }
  if (!allow.length && !deny.length) return null;
  return { ...(allow.length ? { allow } : {}), ...(deny.length ? { deny } : {}) };
}
