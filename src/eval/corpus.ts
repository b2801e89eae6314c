// Why: `eval` reads corpora written by users (and exported from metrics), so every row is checked
// with zod here, at the boundary, and turned into a plain EvalRow; the runner never sees raw JSON.
// `$REPO` in a command, path or cwd stands for the scratch repository the run creates.
import { z } from "zod";
import builtin from "./builtin-corpus.json" with { type: "json" };

export type Expect = "allow" | "deny" | "ask";

export interface EvalRow {
  /** 1-based line number in the corpus file (or index in the built-in corpus). */
  line: number;
  toolName: string;
  toolInput: Record<string, unknown>;
  /** Relative to the scratch repository ("" = its root). */
  cwd: string;
  mode: string;
  expect: Expect | null;
  note: string;
}

const rowSchema = z
  .object({
    tool_name: z.string().min(1).optional(),
    tool_input: z.record(z.string(), z.unknown()).optional(),
    command: z.string().optional(),
    cwd: z.string().optional(),
    permission_mode: z.enum(["default", "acceptEdits", "plan", "auto", "dontAsk", "bypassPermissions"]).optional(),
    expect: z.enum(["allow", "deny", "ask"]).optional(),
    note: z.string().optional(),
  })
  .refine((r) => r.tool_input !== undefined || r.command !== undefined, {
    message: 'give "tool_input" or "command"',
  })
  .refine((r) => !(r.tool_input !== undefined && r.command !== undefined), {
    message: 'give "tool_input" or "command", not both',
  });

export type CorpusResult = { ok: true; rows: EvalRow[] } | { ok: false; error: string };

function cleanCwd(cwd: string | undefined): string | null {
  const c = (cwd ?? "").replace(/^\$REPO\/?/, "").replace(/\/+$/, "");
  if (c.startsWith("/") || c.split("/").includes("..")) return null;
  return c === "." ? "" : c;
}

function parseRow(value: unknown, line: number): { ok: true; row: EvalRow } | { ok: false; error: string } {
  const r = rowSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    return { ok: false, error: `line ${line}: ${where}${issue?.message ?? "invalid row"}` };
  }
  const cwd = cleanCwd(r.data.cwd);
  if (cwd === null) return { ok: false, error: `line ${line}: cwd must be a path inside the scratch repository` };
  return {
    ok: true,
    row: {
      line,
      toolName: r.data.tool_name ?? "Bash",
      toolInput: r.data.tool_input ?? { command: r.data.command },
      cwd,
      mode: r.data.permission_mode ?? "default",
      expect: r.data.expect ?? null,
      note: r.data.note ?? "",
    },
  };
}

/** JSONL text → rows; blank lines and lines starting with `//` are skipped. */
export function parseCorpus(text: string): CorpusResult {
  const rows: EvalRow[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const l = (lines[i] as string).trim();
    if (!l || l.startsWith("//")) continue;
    let json: unknown;
    try {
      json = JSON.parse(l);
    } catch (e) {
      return { ok: false, error: `line ${i + 1}: not JSON (${(e as Error).message})` };
    }
    const row = parseRow(json, i + 1);
    if (!row.ok) return row;
    rows.push(row.row);
  }
  if (!rows.length) return { ok: false, error: "the corpus has no rows" };
  return { ok: true, rows };
}

/** The corpus shipped in the binary: our rows plus a sample of eval-seed (MIT; notice in the JSON). */
export function builtinCorpus(): EvalRow[] {
  const rows: EvalRow[] = [];
  (builtin.rows as unknown[]).forEach((v, i) => {
    const r = parseRow(v, i + 1);
    if (r.ok) rows.push(r.row);
  });
  return rows;
}

export const BUILTIN_NOTICE: string = builtin.notice;

/** Replaces `$REPO` in every string of a tool input with the scratch repository's path. */
export function bindRepo(input: Record<string, unknown>, repo: string): Record<string, unknown> {
  const walk = (v: unknown): unknown =>
    typeof v === "string"
      ? v.replaceAll("$REPO", repo)
      : Array.isArray(v)
        ? v.map(walk)
        : v && typeof v === "object"
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
          : v;
  return walk(input) as Record<string, unknown>;
}
