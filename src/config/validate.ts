// Turn zod issues into messages a user can act on: file, field path, what was expected, what was
// found, and for unknown keys the closest known key.
import type { z } from "zod";
import { suggest } from "../util/suggest.ts";

export interface ConfigProblem {
  file: string;
  path: string;
  message: string;
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}: ${p.path || "(top level)"}: ${p.message}`;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array (${JSON.stringify(value).slice(0, 60)})`;
  if (typeof value === "object") return "an object";
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let cur = root;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function pathText(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
}

type Shape = Record<string, { def?: { values?: unknown[] } }>;

/** Known keys of the object schema at `path` (for did-you-mean). For a union of objects told apart by
 * `type` (provider.auth), the keys of the variant the value names, so a message never lists another
 * variant's field as known while calling it unknown. */
function knownKeys(schema: z.ZodType, path: PropertyKey[], value: unknown): string[] {
  let cur: unknown = schema;
  for (const key of path) {
    const def = (
      cur as { def?: { type?: string; shape?: Record<string, unknown>; innerType?: unknown; options?: unknown[] } }
    )?.def;
    if (!def) return [];
    if (def.type === "optional" || def.type === "default" || def.type === "nullable") {
      cur = def.innerType;
      continue;
    }
    if (def.shape && typeof key === "string") cur = def.shape[key];
    else return [];
    let d = (cur as { def?: { type?: string; innerType?: unknown } })?.def;
    while (d && (d.type === "optional" || d.type === "default" || d.type === "nullable")) {
      cur = d.innerType;
      d = (cur as { def?: { type?: string; innerType?: unknown } })?.def;
    }
  }
  const def = (cur as { def?: { shape?: Shape; options?: Array<{ def?: { shape?: Shape } }> } })?.def;
  if (def?.shape) return Object.keys(def.shape);
  if (!def?.options) return [];
  const tag = (value as { type?: unknown } | null)?.type;
  const variant = def.options.find((o) => o.def?.shape?.type?.def?.values?.includes(tag));
  if (variant) return Object.keys(variant.def?.shape ?? {});
  return [...new Set(def.options.flatMap((o) => Object.keys(o.def?.shape ?? {})))];
}

export function problemsFromZod(file: string, schema: z.ZodType, value: unknown, error: z.ZodError): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const issue of error.issues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === "unrecognized_keys") {
      const keys = (issue as { keys: string[] }).keys;
      const here = valueAt(value, path);
      const known = knownKeys(schema, path, here);
      const tag = (here as { type?: unknown } | null)?.type;
      const variant = path.at(-1) === "auth" && typeof tag === "string" ? ` for auth type "${tag}"` : "";
      for (const key of keys) {
        const hint = suggest(key, known);
        out.push({
          file,
          path: pathText([...path, key]),
          message: `unknown field${variant}${hint ? `; did you mean "${hint}"?` : ""} (known: ${known.join(", ")})`,
        });
      }
      continue;
    }
    const found = describe(valueAt(value, path));
    let expected: string;
    switch (issue.code) {
      case "invalid_type":
        expected = `expected ${(issue as { expected: string }).expected}`;
        break;
      case "invalid_value":
        expected = `expected one of ${((issue as { values: unknown[] }).values ?? []).map((v) => JSON.stringify(v)).join(", ")}`;
        break;
      case "too_small":
        expected =
          (issue as { origin?: string }).origin === "string"
            ? "expected a non-empty string"
            : `expected at least ${String((issue as { minimum: unknown }).minimum)}`;
        break;
      case "invalid_union":
        expected = (issue as { options?: unknown[] }).options
          ? `expected one of ${(issue as { options: unknown[] }).options.map((o) => JSON.stringify(o)).join(", ")}`
          : issue.message;
        break;
      default:
        expected = issue.message;
    }
    out.push({ file, path: pathText(path), message: `${expected}, found ${found}` });
  }
  return out;
}
