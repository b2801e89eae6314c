// What `setup` writes for Gemini CLI: ccgate's BeforeTool hook merged into a settings.json object.
// Pure (no I/O) so the setup command can show the change before writing it; other settings and
// other hooks are kept as they are, and a ccgate hook already there is not added twice.
export type Registration =
  | { ok: true; settings: Record<string, unknown>; changed: boolean }
  | { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

export function registerGeminiHook(settings: unknown, command: string): Registration {
  if (settings !== undefined && !isObject(settings)) return { ok: false, error: "settings.json is not a JSON object" };
  const root = { ...(settings ?? {}) };
  if (root.hooks !== undefined && !isObject(root.hooks)) return { ok: false, error: "hooks is not an object" };
  const hooks = { ...((root.hooks as Record<string, unknown> | undefined) ?? {}) };
  const groups = hooks.BeforeTool ?? [];
  if (!Array.isArray(groups)) return { ok: false, error: "hooks.BeforeTool is not an array" };
  const present = groups.some(
    (g) =>
      isObject(g) &&
      Array.isArray(g.hooks) &&
      g.hooks.some((h) => isObject(h) && typeof h.command === "string" && /(^|\/)ccgate\s+gemini\b/.test(h.command)),
  );
  if (present) return { ok: true, settings: root, changed: false };
  hooks.BeforeTool = [
    ...groups,
    { matcher: ".*", hooks: [{ type: "command", name: "ccgate", command, timeout: 30000 }] },
  ];
  root.hooks = hooks;
  return { ok: true, settings: root, changed: true };
}
