// What `setup` writes for Copilot CLI: ccgate's preToolUse hook merged into ~/.copilot/settings.json.
// Pure (no I/O); other settings and hooks are kept, and an existing ccgate hook is not added twice.
export type Registration =
  | { ok: true; settings: Record<string, unknown>; changed: boolean }
  | { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

export function registerCopilotHook(settings: unknown, command: string): Registration {
  if (settings !== undefined && !isObject(settings)) return { ok: false, error: "settings.json is not a JSON object" };
  const root = { ...(settings ?? {}) };
  if (root.hooks !== undefined && !isObject(root.hooks)) return { ok: false, error: "hooks is not an object" };
  const hooks = { ...((root.hooks as Record<string, unknown> | undefined) ?? {}) };
  const entries = hooks.preToolUse ?? [];
  if (!Array.isArray(entries)) return { ok: false, error: "hooks.preToolUse is not an array" };
  const present = entries.some(
    (h) => isObject(h) && typeof h.bash === "string" && /(^|\/)ccgate\s+copilot\b/.test(h.bash),
  );
  if (present) return { ok: true, settings: root, changed: false };
  hooks.preToolUse = [...entries, { type: "command", bash: command, timeoutSec: 30 }];
  root.hooks = hooks;
  return { ok: true, settings: root, changed: true };
}
