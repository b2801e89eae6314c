// Text formats of the std.manifest* family (YAML, INI, Python, XML JsonML, TOML).
import type { Position } from "./errors.ts";
import { fail } from "./errors.ts";
import type { Interpreter } from "./interp.ts";
import { renderNumber } from "./numbers.ts";
import { checkAsserts, fieldNames, fieldValue } from "./objects.ts";
import { escapeJson, toStr } from "./output.ts";
import { isFunction, JArray, JObject, type Value } from "./value.ts";

function fieldsOf(interp: Interpreter, o: JObject, pos: Position | null): Array<[string, Value]> {
  checkAsserts(interp, o, pos);
  return fieldNames(o).map((k) => [k, fieldValue(interp, o, k, o.layers.length, pos)]);
}

const nonEmpty = (v: Value) =>
  v instanceof JArray ? v.length > 0 : v instanceof JObject ? fieldNames(v).length > 0 : false;

/** Keys that YAML 1.1 or 1.2 would read as something other than a plain string must be quoted. */
const NOT_A_STRING = [
  /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/,
  /^[-+]?0b[01_]+$/,
  /^[-+]?0[0-7_]+$/,
  /^[-+]?(0|[1-9][0-9_]*)$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+$/,
  /^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?$/,
  /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/,
  /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*$/,
  /^[-+]?\.(inf|Inf|INF)$/,
  /^\.(nan|NaN|NAN)$/,
  /^\d{4}-\d\d?-\d\d?(([Tt]|[ \t]+)\d\d?:\d\d:\d\d(\.\d*)?(([ \t]*)Z|[-+]\d\d?(:\d\d)?)?)?$/,
];

function bareSafe(key: string): boolean {
  if (!/^[a-zA-Z0-9/._-]+$/.test(key) || key === "-" || key === "---") return false;
  return !NOT_A_STRING.some((re) => re.test(key));
}

export function manifestYamlDoc(
  interp: Interpreter,
  value: Value,
  indentArrayInObject: boolean,
  quoteKeys: boolean,
  pos: Position | null,
): string {
  const aux = (v: Value, cindent: string): string => {
    if (v === true) return "true";
    if (v === false) return "false";
    if (v === null) return "null";
    if (typeof v === "number") return renderNumber(v);
    if (typeof v === "string") {
      if (v.length === 0) return '""';
      if (v.endsWith("\n")) {
        const lines = v.split("\n");
        return ["|", ...lines.slice(0, -1)].join(`\n${cindent}  `);
      }
      return escapeJson(v);
    }
    if (isFunction(v)) return fail("tried to manifest function", pos);
    if (v instanceof JArray) {
      if (v.length === 0) return "[]";
      const parts = v.items.map((t) => {
        const item = t.get();
        let newIndent = cindent;
        let space = " ";
        if (item instanceof JArray && item.length > 0) {
          newIndent = `${cindent}  `;
          space = `\n${newIndent}`;
        } else if (item instanceof JObject && nonEmpty(item)) newIndent = `${cindent}  `;
        return `-${space}${aux(item, newIndent)}`;
      });
      return parts.join(`\n${cindent}`);
    }
    const fields = fieldsOf(interp, v as JObject, pos);
    if (fields.length === 0) return "{}";
    const lines = fields.map(([k, item]) => {
      let newIndent = cindent;
      let space = " ";
      if (item instanceof JArray && item.length > 0) {
        newIndent = indentArrayInObject ? `${cindent}  ` : cindent;
        space = `\n${newIndent}`;
      } else if (item instanceof JObject && nonEmpty(item)) {
        newIndent = `${cindent}  `;
        space = `\n${newIndent}`;
      }
      const key = quoteKeys || !bareSafe(k) ? escapeJson(k) : k;
      return `${key}:${space}${aux(item, newIndent)}`;
    });
    return lines.join(`\n${cindent}`);
  };
  return aux(value, "");
}

export function manifestYamlStream(
  interp: Interpreter,
  value: JArray,
  indentArrayInObject: boolean,
  documentEnd: boolean,
  quoteKeys: boolean,
  pos: Position | null,
): string {
  if (value.length === 0) return documentEnd ? "---\n...\n" : "---\n";
  const docs = value.items.map((t) => manifestYamlDoc(interp, t.get(), indentArrayInObject, quoteKeys, pos));
  return `---\n${docs.join("\n---\n")}${documentEnd ? "\n...\n" : "\n"}`;
}

export function manifestIni(interp: Interpreter, ini: JObject, pos: Position | null): string {
  const body = (o: Value): string[] => {
    if (!(o instanceof JObject)) return fail("std.manifestIni: sections must be objects", pos);
    return fieldsOf(interp, o, pos).flatMap(([k, v]) =>
      v instanceof JArray
        ? v.items.map((t) => `${k} = ${toStr(interp, t.get(), pos)}`)
        : [`${k} = ${toStr(interp, v, pos)}`],
    );
  };
  const fields = new Map(fieldsOf(interp, ini, pos));
  const main = fields.has("main") ? body(fields.get("main") as Value) : [];
  const sections = fields.get("sections");
  const all =
    sections instanceof JObject ? fieldsOf(interp, sections, pos).flatMap(([k, v]) => [`[${k}]`, ...body(v)]) : [];
  return [...main, ...all, ""].join("\n");
}

export function manifestPython(interp: Interpreter, v: Value, pos: Position | null): string {
  if (v === true) return "True";
  if (v === false) return "False";
  if (v === null) return "None";
  if (typeof v === "number") return renderNumber(v);
  if (typeof v === "string") return escapeJson(v);
  if (isFunction(v)) return fail("cannot manifest function", pos);
  if (v instanceof JArray) return `[${v.items.map((t) => manifestPython(interp, t.get(), pos)).join(", ")}]`;
  return `{${fieldsOf(interp, v as JObject, pos)
    .map(([k, x]) => `${escapeJson(k)}: ${manifestPython(interp, x, pos)}`)
    .join(", ")}}`;
}

export function manifestPythonVars(interp: Interpreter, conf: JObject, pos: Position | null): string {
  return fieldsOf(interp, conf, pos)
    .map(([k, v]) => `${k} = ${manifestPython(interp, v, pos)}\n`)
    .join("");
}

function escapeXmlText(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] as string,
  );
}

export function manifestXmlJsonml(interp: Interpreter, v: Value, pos: Position | null): string {
  if (typeof v === "string") return escapeXmlText(v);
  if (!(v instanceof JArray) || v.length === 0)
    return fail("std.manifestXmlJsonml: expected a JsonML array [tag, {attrs}?, children...]", pos);
  const tag = v.at(0);
  if (typeof tag !== "string") return fail("std.manifestXmlJsonml: the tag must be a string", pos);
  const second = v.length > 1 ? v.at(1) : null;
  const hasAttrs = second instanceof JObject;
  const attrs = hasAttrs
    ? fieldsOf(interp, second as JObject, pos)
        .map(([k, x]) => ` ${k}="${escapeXmlText(toStr(interp, x, pos))}"`)
        .join("")
    : "";
  const children = v.items
    .slice(hasAttrs ? 2 : 1)
    .map((t) => manifestXmlJsonml(interp, t.get(), pos))
    .join("");
  return `<${tag}${attrs}>${children}</${tag}>`;
}

function tomlKey(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : escapeJson(k);
}

export function manifestToml(interp: Interpreter, value: JObject, indent: string, pos: Position | null): string {
  const isTable = (v: Value) => v instanceof JObject;
  const isTableArray = (v: Value) =>
    v instanceof JArray && v.length > 0 && v.items.every((t) => t.get() instanceof JObject);
  const renderValue = (v: Value, cindent: string, inline: boolean): string => {
    if (v === true) return "true";
    if (v === false) return "false";
    if (v === null) return fail("std.manifestToml: null is not supported in TOML", pos);
    if (typeof v === "number") return renderNumber(v);
    if (typeof v === "string") return escapeJson(v);
    if (isFunction(v)) return fail("std.manifestToml: cannot manifest function", pos);
    if (v instanceof JArray) {
      if (v.length === 0) return "[]";
      if (inline) return `[ ${v.items.map((t) => renderValue(t.get(), cindent, true)).join(", ")} ]`;
      return `[\n${v.items.map((t) => `${cindent}${indent}${renderValue(t.get(), cindent + indent, true)}`).join(",\n")}\n${cindent}]`;
    }
    const fields = fieldsOf(interp, v as JObject, pos);
    return `{ ${fields.map(([k, x]) => `${tomlKey(k)} = ${renderValue(x, cindent, true)}`).join(", ")} }`;
  };
  const section = (o: JObject, path: string[], cindent: string): string => {
    const fields = fieldsOf(interp, o, pos);
    const plain = fields.filter(([, v]) => !isTable(v) && !isTableArray(v));
    const tables = fields.filter(([, v]) => isTable(v) || isTableArray(v));
    const lines = plain.map(([k, v]) => `${cindent}${tomlKey(k)} = ${renderValue(v, cindent, false)}`);
    const blocks: string[] = [];
    if (lines.length) blocks.push(lines.join("\n"));
    for (const [k, v] of tables) {
      const p = [...path, k];
      const name = p.map(tomlKey).join(".");
      if (isTable(v)) {
        const inner = section(v as JObject, p, cindent + indent);
        blocks.push(`${cindent}[${name}]${inner ? `\n${inner}` : ""}`);
      } else {
        for (const t of (v as JArray).items) {
          const inner = section(t.get() as JObject, p, cindent + indent);
          blocks.push(`${cindent}[[${name}]]${inner ? `\n${inner}` : ""}`);
        }
      }
    }
    return blocks.join("\n\n");
  };
  return section(value, [], "");
}
