// Codex runs hooks only with `[features] hooks = true` in config.toml (default on in 0.169, but an
// older or hand-tuned config may say false). A minimal edit: flip or add that one line, or append the
// table; the result is parsed again and must differ from the original in that key alone, otherwise
// nothing is written and the user is asked to make the change by hand.
import type { FileEdit } from "./json-hooks.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function parseToml(path: string, text: string): { ok: true; value: Obj } | { ok: false; error: string } {
  try {
    return { ok: true, value: Bun.TOML.parse(text) as Obj };
  } catch (e) {
    const err = e as Error & { line?: number; column?: number };
    const where = err.line ? ` at line ${err.line}${err.column ? `, column ${err.column}` : ""}` : "";
    return { ok: false, error: `${path}: not valid TOML${where} (${err.message}); left untouched` };
  }
}

/** The document without `features.hooks`, for comparing before and after. */
function withoutFlag(doc: Obj): string {
  const features = isObj(doc.features) ? { ...doc.features } : doc.features;
  if (isObj(features)) delete features.hooks;
  return JSON.stringify({
    ...doc,
    features: isObj(features) && Object.keys(features).length === 0 ? undefined : features,
  });
}

const BY_HAND = "set `[features] hooks = true` there by hand";

export function enableHooksFeature(path: string, original: string | null): FileEdit {
  const text = original ?? "";
  const parsed = parseToml(path, text);
  if (!parsed.ok) return parsed;
  const features = parsed.value.features;
  if (features !== undefined && !isObj(features))
    return { ok: false, error: `${path}: "features" is not a table; ${BY_HAND}` };
  if (features?.hooks === true) return { ok: true, text: null, notes: [] };
  const lines = text.split("\n");
  const header = lines.findIndex((l) => /^\s*\[\s*features\s*\]\s*(#.*)?$/.test(l));
  let next: string;
  if (header >= 0) {
    let end = lines.findIndex((l, i) => i > header && /^\s*\[/.test(l));
    if (end < 0) end = lines.length;
    const at = lines.findIndex((l, i) => i > header && i < end && /^\s*hooks\s*=/.test(l));
    if (at >= 0) lines[at] = `${/^\s*/.exec(lines[at] as string)?.[0] ?? ""}hooks = true`;
    else if (features?.hooks !== undefined)
      return { ok: false, error: `${path}: features.hooks is set elsewhere; ${BY_HAND}` };
    else lines.splice(header + 1, 0, "hooks = true");
    next = lines.join("\n");
  } else if (features !== undefined) {
    return { ok: false, error: `${path}: features is written as an inline or dotted table; ${BY_HAND}` };
  } else {
    const body = text === "" || text.endsWith("\n") ? text : `${text}\n`;
    next = `${body}${body === "" ? "" : "\n"}[features]\nhooks = true\n`;
  }
  const check = parseToml(path, next);
  if (!check.ok || !isObj(check.value.features) || check.value.features.hooks !== true)
    return { ok: false, error: `${path}: could not add the flag safely; ${BY_HAND}` };
  if (withoutFlag(check.value) !== withoutFlag(parsed.value))
    return { ok: false, error: `${path}: the edit would change more than features.hooks; ${BY_HAND}` };
  return { ok: true, text: next, notes: [] };
}
