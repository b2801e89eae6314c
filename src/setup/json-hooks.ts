// Merging ccgate into a host's JSON settings file (`hooks.<Event>[].hooks[]`, the shape Claude Code,
// Codex's hooks.json and Devin's config.json share) and taking it out again. Everything that is not
// ccgate's entry stays as it was, key order included; an entry already there is left alone (only a
// command pointing at another ccgate binary is updated), so a second run changes nothing.
import type { Target } from "../core/types.ts";
import { isCcgateCommand } from "./command.ts";

export type FileEdit = { ok: true; text: string | null; notes: string[] } | { ok: false; error: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** The indentation the file uses (two spaces when it cannot tell). */
function indentOf(text: string): string | number {
  const m = /\n([ \t]+)["}\]]/.exec(text);
  return m ? (m[1] as string) : 2;
}

export interface HooksEdit {
  target: Target;
  events: readonly string[];
  /** The hook entry to register (with the command under `commandKey`). */
  entry: Obj;
  mode: "install" | "uninstall";
  shape?: "groups" | "flat";
  matcher?: string;
  commandKey?: string;
  /** What a file that does not exist yet starts as. */
  seed?: Obj;
}

export function editHooksJson(path: string, original: string | null, edit: HooksEdit): FileEdit {
  let doc: unknown = { ...(edit.seed ?? {}) };
  if (original !== null && original.trim() !== "") {
    try {
      doc = JSON.parse(original);
    } catch (e) {
      return { ok: false, error: `${path}: not valid JSON (${(e as Error).message}); left untouched` };
    }
  }
  if (!isObj(doc)) return { ok: false, error: `${path}: expected a JSON object at the top; left untouched` };
  const before = JSON.stringify(doc);
  const notes: string[] = [];
  let removed = false;
  if (doc.hooks !== undefined && !isObj(doc.hooks))
    return { ok: false, error: `${path}: "hooks" is not an object; left untouched` };
  const key = edit.commandKey ?? "command";
  const ours = (h: unknown) => isObj(h) && isCcgateCommand(h[key], edit.target);
  for (const event of edit.events) {
    if (edit.shape === "flat") {
      const hooks = doc.hooks as Obj | undefined;
      const entries = hooks?.[event];
      if (entries !== undefined && !Array.isArray(entries))
        return { ok: false, error: `${path}: "hooks.${event}" is not an array; left untouched` };
      const list = (entries ?? []) as unknown[];
      if (edit.mode === "uninstall") {
        if (!hooks || !list.some(ours)) continue;
        removed = true;
        const kept = list.filter((h) => !ours(h));
        if (kept.length === 0) delete hooks[event];
        else hooks[event] = kept;
        continue;
      }
      const found = list.filter(ours) as Obj[];
      if (found.length === 0) {
        doc.hooks ??= {};
        (doc.hooks as Obj)[event] = [...list, edit.entry];
      } else if (!found.some((h) => h[key] === edit.entry[key])) {
        notes.push(`${event}: ${String(found[0]?.[key])} → ${String(edit.entry[key])}`);
        (found[0] as Obj)[key] = edit.entry[key];
      }
      continue;
    }
    const hooks = doc.hooks as Obj | undefined;
    const groups = hooks?.[event];
    if (groups !== undefined && !Array.isArray(groups))
      return { ok: false, error: `${path}: "hooks.${event}" is not an array; left untouched` };
    for (const g of groups ?? [])
      if (!isObj(g) || (g.hooks !== undefined && !Array.isArray(g.hooks)))
        return { ok: false, error: `${path}: an entry of "hooks.${event}" is not a hook group; left untouched` };
    const list = (groups ?? []) as Array<Obj & { hooks?: unknown[] }>;
    if (edit.mode === "uninstall") {
      if (!hooks || !list.some((g) => g.hooks?.some(ours))) continue;
      removed = true;
      const kept: Obj[] = [];
      for (const g of list) {
        const rest = g.hooks?.filter((h) => !ours(h));
        if (!rest || rest.length === g.hooks?.length) kept.push(g);
        else if (rest.length) kept.push({ ...g, hooks: rest });
      }
      if (kept.length === 0) delete hooks[event];
      else hooks[event] = kept;
      continue;
    }
    const found = list.flatMap((g) => (g.hooks ?? []).filter(ours)) as Obj[];
    if (found.length === 0) {
      doc.hooks ??= {};
      (doc.hooks as Obj)[event] = [...list, { matcher: edit.matcher ?? "", hooks: [edit.entry] }];
      continue;
    }
    if (!found.some((h) => h[key] === edit.entry[key])) {
      notes.push(`${event}: ${String(found[0]?.[key])} → ${String(edit.entry[key])}`);
      (found[0] as Obj)[key] = edit.entry[key];
    }
  }
  // the `hooks` key goes too when ccgate's entries were all it held
  if (removed && isObj(doc.hooks) && Object.keys(doc.hooks).length === 0) delete doc.hooks;
  if (JSON.stringify(doc) === before) return { ok: true, text: null, notes };
  return { ok: true, text: `${JSON.stringify(doc, null, indentOf(original ?? ""))}\n`, notes };
}
