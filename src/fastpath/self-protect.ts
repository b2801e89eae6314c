// The gate protects itself: a request that writes, edits, moves or deletes the user's permission
// settings (ccgate's own config files, Claude Code's settings, Codex's and Devin's hooks/config, ccgate's state
// and cache) is hard-denied, whatever the LLM would say. An agent that could rewrite these could
// switch the gate off for itself. Paths are resolved the way the shell would (`~`, `$HOME`, cwd and
// `cd`, `..`, braces, globs, symlinks via the real path of the longest existing prefix); a word that
// is only known at run time is not denied on that basis (the classifier still sees it), except when
// its literal tail alone names a protected file. Reading stays allowed.
import { type Dirent, existsSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve, sep } from "node:path";
import type { Command, Redirect, Script, Word } from "../shell/ast.ts";
import { literalOf, parseShell } from "../shell/parse.ts";
import type { Env } from "../util/env.ts";
import { cacheDir, stateDir } from "../util/paths.ts";
import { isInside } from "./facts.ts";
import type { Finding } from "./hard-deny.ts";
import { commandName, DYNAMIC, FIND_START_PATH, type Invocation, type Structure } from "./invocations.ts";

/** Everything the rule protects, computed once per request from the environment. */
export interface ProtectedSet {
  home: string;
  /** Protected files wherever they are. */
  files: string[];
  /** Protected directories (everything under them too). */
  dirs: string[];
  /** Environment variables the agent's shell expands the same way (`$HOME`, `$CODEX_HOME`, …). */
  vars: Record<string, string>;
}

/** File names protected in any `.claude` / `.codex` directory (any repository, any worktree, home). */
const BY_DIR: Record<string, string[]> = {
  ".claude": ["ccgate.jsonnet", "ccgate.local.jsonnet", "settings.json", "settings.local.json"],
  ".codex": ["ccgate.jsonnet", "ccgate.local.jsonnet", "hooks.json", "config.toml"],
  ".devin": ["ccgate.local.jsonnet", "config.json", "config.local.json", "hooks.v1.json"],
  ".gemini": ["ccgate.jsonnet", "ccgate.local.jsonnet", "settings.json", "trustedFolders.json"],
  ".copilot": ["ccgate.jsonnet", "ccgate.local.jsonnet", "config.json", "settings.json"],
};

const SELF_PROTECT_RULE = "self-protect";

const MESSAGE =
  "This would change the user's permission settings for you (ccgate's configuration, the agent CLI's settings and hooks, or ccgate's state). Do not change them yourself and do not try another way; tell the user what change you need and ask them to make it.";

function absEnv(env: Env, name: string): string | null {
  const v = env[name]?.trim();
  return v && isAbsolute(v) ? v.replace(/\/+$/, "") || "/" : null;
}

/**
 * The protected set. `home`, `stateDir` and `cacheDir` come from the caller (state/paths.ts);
 * `extra` adds configured files (log and metrics paths outside the state dir).
 */
export function protectedSet(
  home: string,
  env: Env,
  dirs: { state: string; cache: string },
  extra: string[] = [],
): ProtectedSet {
  const files = [join(home, ".claude.json"), join(home, ".claude", ".claude.json")];
  for (const [dir, names] of Object.entries(BY_DIR)) for (const n of names) files.push(join(home, dir, n));
  const claudeDir = absEnv(env, "CLAUDE_CONFIG_DIR");
  if (claudeDir)
    for (const n of ["settings.json", "settings.local.json", ".claude.json", "ccgate.jsonnet"])
      files.push(join(claudeDir, n));
  const copilotHome = absEnv(env, "COPILOT_HOME");
  if (copilotHome) for (const n of ["settings.json", "config.json", "ccgate.jsonnet"]) files.push(join(copilotHome, n));
  const codexHome = absEnv(env, "CODEX_HOME");
  if (codexHome) for (const n of ["hooks.json", "config.toml", "ccgate.jsonnet"]) files.push(join(codexHome, n));
  // Devin's user config (hooks live in config.json) and ccgate's global file beside it
  for (const n of ["config.json", "ccgate.jsonnet"]) files.push(join(home, ".config", "devin", n));
  files.push(...extra.filter((p) => isAbsolute(p)));
  const vars: Record<string, string> = { HOME: home };
  for (const name of [
    "CLAUDE_CONFIG_DIR",
    "CODEX_HOME",
    "COPILOT_HOME",
    "XDG_STATE_HOME",
    "XDG_CACHE_HOME",
    "XDG_CONFIG_HOME",
  ]) {
    const v = absEnv(env, name);
    if (v) vars[name] = v;
  }
  const protectedDirs = [
    dirs.state,
    dirs.cache,
    "/etc/claude-code",
    "/Library/Application Support/ClaudeCode",
    "/etc/codex",
  ];
  // where they really are (`~/.claude` linked into a dotfiles checkout, /var → /private/var), on first need
  let real: { files: string[]; dirs: string[] } | null = null;
  const resolveAll = () => {
    real ??= {
      files: [...new Set([...files, ...files.map(realLocation)])],
      dirs: [...new Set([...protectedDirs, ...protectedDirs.map(realLocation)])],
    };
    return real;
  };
  return {
    home,
    vars,
    get files() {
      return resolveAll().files;
    },
    get dirs() {
      return resolveAll().dirs;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Path questions

/** The real location of `path`: realpath of its longest existing prefix, the rest appended. */
function realLocation(path: string): string {
  let head = path;
  const rest: string[] = [];
  for (let i = 0; i < 64; i++) {
    if (existsSync(head)) {
      try {
        return rest.length ? join(realpathSync(head), ...rest.reverse()) : realpathSync(head);
      } catch {
        return path;
      }
    }
    const parent = dirname(head);
    if (parent === head) return path;
    rest.push(basename(head));
    head = parent;
  }
  return path;
}

function lower(s: string): string {
  return s.toLowerCase(); // case-insensitive file systems (macOS) reach the same file
}

function suffixProtected(path: string): boolean {
  const name = lower(basename(path));
  const dir = lower(basename(dirname(path)));
  // Copilot CLI reads a repository's hooks from any .github/hooks/*.json
  if (dir === "hooks" && lower(basename(dirname(dirname(path)))) === ".github" && name.endsWith(".json")) return true;
  return BY_DIR[dir]?.includes(name) ?? false;
}

function inside(path: string, dir: string): boolean {
  return isInside(lower(path), lower(dir));
}

/** The path itself is protected (a protected file, or anything under a protected directory). */
function fileHit(path: string, set: ProtectedSet): boolean {
  return (
    suffixProtected(path) || set.files.some((f) => lower(f) === lower(path)) || set.dirs.some((d) => inside(path, d))
  );
}

/** The path, or anything under it, is protected (for deletes, moves and recursive changes). */
function treeHit(path: string, set: ProtectedSet): boolean {
  if (fileHit(path, set)) return true;
  if (set.files.some((f) => inside(f, path)) || set.dirs.some((d) => inside(d, path))) return true;
  const name = lower(basename(path));
  if (name in BY_DIR) return true;
  return holdsProtected(path, 0, { left: SEARCH_BUDGET });
}

const SEARCH_DEPTH = 4;
const SEARCH_BUDGET = 4000;
const SKIP_DIRS = new Set(["node_modules", ".git", "target", "dist", "build", ".venv", "vendor"]);

/** Does directory `dir` hold a `.claude` / `.codex` with a protected file, a few levels down (bounded)? */
function holdsProtected(dir: string, depth: number, budget: { left: number }): boolean {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  budget.left -= entries.length;
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const names = BY_DIR[lower(e.name)];
    if (names?.some((n) => existsSync(join(dir, e.name, n)))) return true;
  }
  if (depth + 1 >= SEARCH_DEPTH) return false;
  for (const e of entries) {
    if (budget.left <= 0) return false; // too big to search: the classifier judges it
    if (e.isDirectory() && !SKIP_DIRS.has(e.name) && holdsProtected(join(dir, e.name), depth + 1, budget)) return true;
  }
  return false;
}

// Globs: decided component by component against the protected names, and (for removals) against
// what they match on disk now.

function componentRe(glob: string, dotRule = true): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end === -1) re += "\\[";
      else {
        let body = glob.slice(i + 1, end);
        if (body.startsWith("!")) body = `^${body.slice(1)}`;
        re += `[${body.replaceAll("\\", "\\\\")}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  // a leading dot must be matched explicitly, as the shell does without dotglob
  return new RegExp(`^${!dotRule || glob.startsWith(".") || glob.startsWith("[.") ? "" : "(?!\\.)"}${re}$`, "i");
}

const isGlob = (s: string) => /[*?[]/.test(s);

function compMatch(pattern: string, name: string): boolean {
  return isGlob(pattern) ? componentRe(pattern).test(name) : lower(pattern) === lower(name);
}

/** Could the glob `pattern` (absolute) match `target`, something under it (file mode), or an ancestor (tree)? */
function globReaches(pattern: string[], target: string[], tree: boolean): boolean {
  const n = Math.min(pattern.length, target.length);
  for (let i = 0; i < n; i++) if (!compMatch(pattern[i] as string, target[i] as string)) return false;
  return pattern.length >= target.length || tree;
}

function globHit(path: string, set: ProtectedSet, tree: boolean): boolean {
  const comps = path.split(sep).filter(Boolean);
  const split = (p: string) => p.split(sep).filter(Boolean);
  if (set.files.some((f) => globReaches(comps, split(f), tree) && (tree || comps.length === split(f).length)))
    return true;
  if (set.dirs.some((d) => globReaches(comps, split(d), tree))) return true;
  return namesProtected(comps, tree);
}

/** Do the last components name a protected file (`.claude/settings.json`), or with `tree` a settings dir? */
function namesProtected(comps: string[], tree: boolean): boolean {
  const last = comps[comps.length - 1] ?? "";
  const parent = comps[comps.length - 2] ?? "";
  for (const [dir, names] of Object.entries(BY_DIR)) {
    if (compMatch(parent, dir) && names.some((n) => compMatch(last, n))) return true;
    if (tree && compMatch(last, dir)) return true;
  }
  return false;
}

/** Expand `{a,b}` the way the shell would (bounded). */
function braces(word: string, budget = 64): string[] {
  const open = word.indexOf("{");
  if (open === -1) return [word];
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < word.length; i++) {
    const c = word[i];
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) {
      if (!commas.length) return braces(word.slice(i + 1), budget).map((t) => word.slice(0, i + 1) + t);
      const pieces: string[] = [];
      let from = open + 1;
      for (const k of [...commas, i]) {
        pieces.push(word.slice(from, k));
        from = k + 1;
      }
      const out: string[] = [];
      for (const p of pieces)
        for (const e of braces(word.slice(0, open) + p + word.slice(i + 1), budget)) {
          if (out.length >= budget) return out;
          out.push(e);
        }
      return out;
    } else if (c === "," && depth === 1) commas.push(i);
  }
  return [word];
}

/**
 * How a path is touched: `file` written in place; `tree` removed or moved away with everything
 * under it; `dest` the destination of a copy/move/link (a new name becomes whatever lands there).
 */
export type Mode = "file" | "tree" | "dest";

/** The existing paths a glob matches, one directory listing per wildcard component (bounded). */
function expandGlob(abs: string, limit = 500): string[] {
  let current = ["/"];
  for (const c of abs.split(sep).filter(Boolean)) {
    const next: string[] = [];
    for (const base of current) {
      if (!isGlob(c)) {
        next.push(join(base, c));
        continue;
      }
      const re = componentRe(c);
      let names: string[] = [];
      try {
        names = readdirSync(base);
      } catch {}
      for (const n of names) if (re.test(n) && next.length < limit) next.push(join(base, n));
    }
    current = next.filter((p) => existsSync(p));
    if (!current.length) return [];
  }
  return current;
}

/** True when touching the absolute path this way would touch protected state. */
function pathIsProtected(path: string, set: ProtectedSet, mode: Mode = "file"): boolean {
  const tree = mode === "tree";
  for (const p of braces(path)) {
    const abs = resolve(p);
    if (isGlob(abs)) {
      const wild = abs.search(/[*?[]/);
      const head = abs.slice(0, abs.lastIndexOf("/", wild) + 1) || "/";
      const real = `${realLocation(head).replace(/\/$/, "")}/${abs.slice(head.length)}`;
      if (globHit(abs, set, tree) || globHit(real, set, tree)) return true;
      if (tree && expandGlob(abs).some((m) => treeHit(m, set) || treeHit(realLocation(m), set))) return true;
      continue;
    }
    const real = realLocation(abs);
    // a destination that does not exist yet becomes whatever lands there: judge it as a tree
    const check = tree || (mode === "dest" && !existsSync(real)) ? treeHit : fileHit;
    if (check(abs, set)) return true;
    if (real !== abs && check(real, set)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// File tools

function finding(what: string): Finding {
  return { rule: SELF_PROTECT_RULE, message: MESSAGE, detail: what };
}

const WRITE_TOOLS = new Set(["Write", "Edit", "MultiEdit", "NotebookEdit", "write", "edit"]);

/** Paths named by a Codex patch (`*** Update File:`, `*** Add File:`, `*** Delete File:`, `*** Move to:`). */
function patchPaths(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\*\*\*[ \t]*(?:Update|Add|Delete) File:[ \t]*(.+?)[ \t]*$/gm))
    out.push(m[1] as string);
  for (const m of text.matchAll(/^\*\*\*[ \t]*Move to:[ \t]*(.+?)[ \t]*$/gm)) out.push(m[1] as string);
  return out;
}

function toolPath(p: string, cwd: string, home: string): string {
  if (p === "~" || p.startsWith("~/")) return home + p.slice(1);
  return resolve(cwd, p);
}

/** Write / Edit / MultiEdit / NotebookEdit / apply_patch of a protected path. */
export function fileToolFinding(
  toolName: string,
  input: Record<string, unknown>,
  cwd: string,
  set: ProtectedSet,
): Finding | null {
  const paths: string[] = [];
  if (WRITE_TOOLS.has(toolName))
    for (const key of ["file_path", "path", "notebook_path"]) {
      const v = input[key];
      if (typeof v === "string") paths.push(v);
    }
  // MCP file tools (mcp__filesystem__write_file, …__move_file, …__edit_file): their path fields
  if (/^mcp__/.test(toolName) && /write|edit|move|delete|remove|create|rename|patch|upload|save/i.test(toolName))
    for (const key of ["path", "file_path", "filePath", "destination", "target", "source", "paths"]) {
      const v = input[key];
      if (typeof v === "string") paths.push(v);
      else if (Array.isArray(v)) paths.push(...v.filter((x): x is string => typeof x === "string"));
    }
  const strings = Object.values(input).filter((v): v is string => typeof v === "string");
  if (/apply_?patch/i.test(toolName) || strings.some((s) => s.includes("*** Begin Patch")))
    for (const s of strings) paths.push(...patchPaths(s));
  for (const p of paths) {
    const abs = toolPath(p, cwd, set.home);
    // a patch's Delete File removes; everything else writes
    if (pathIsProtected(abs, set, "file")) return finding(`${toolName} of ${p}`);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Shell commands

const WRITE_REDIRECTS = new Set([">", ">>", ">|", "&>", "&>>", "<>"]);
/** Every operand is removed or moved away (checked with everything under it). */
const REMOVERS = new Set(["rm", "rmdir", "unlink", "shred", "srm", "trash", "trash-put"]);
/** Every operand is written in place. */
const WRITERS = new Set(["tee", "touch", "truncate", "sponge", "mkdir", "mkfifo", "mknod", "ed", "ex", "patch"]);
const CHANGERS = new Set(["chmod", "chown", "chgrp", "chattr", "setfacl", "xattr"]);
/** Source(s) then destination. */
const COPIERS = new Set(["cp", "install", "ln", "rsync", "mv", "scp"]);
const IN_PLACE: Record<string, RegExp> = {
  // GNU getopt takes any prefix of a long option: `--i` is `--in-place`
  sed: /^(-[a-zA-Z]*i.*|--i(n(-(p(l(a(ce?)?)?)?)?)?)?(=.*)?)$/,
  gsed: /^(-[a-zA-Z]*i.*|--i(n(-(p(l(a(ce?)?)?)?)?)?)?(=.*)?)$/,
  perl: /^-[a-zA-Z]*i.*$/,
  ruby: /^-[a-zA-Z]*i.*$/,
  yq: /^(-[a-zA-Z]*i|--inplace)$/,
  sd: /./,
};
const WRITE_LIKE = new Set([
  ...REMOVERS,
  ...WRITERS,
  ...CHANGERS,
  ...COPIERS,
  ...Object.keys(IN_PLACE),
  "dd",
  "gio",
  "tar",
  "bsdtar",
  "unzip",
]);

interface Ctx {
  set: ProtectedSet;
  /** Working directories the command may be in (null: changed to a run-time path). */
  cwds: Array<string | null>;
  /** Literal assignments on the line, read on first need. */
  vars: Map<string, string[]> | null;
  script: () => Script;
}

function lineVars(ctx: Ctx): Map<string, string[]> {
  if (ctx.vars === null) {
    ctx.vars = new Map();
    assignments(ctx.script(), ctx);
  }
  return ctx.vars;
}

/** Candidate absolute paths of one argument, or [] when it cannot be told statically. */
function candidates(value: string, raw: string, ctx: Ctx): string[] {
  let texts = [value];
  if (value.includes(DYNAMIC)) {
    texts = substitute(raw, ctx) ?? [];
    if (!texts.length) {
      // unknown prefix: only a literal `…/.claude/settings.json`-style tail can be judged
      const tail = value.slice(value.lastIndexOf(DYNAMIC) + 1);
      return tail.includes("/") && tail.split("/").filter(Boolean).length >= 2 ? [`/${DYNAMIC}${tail}`] : [];
    }
  }
  const out: string[] = [];
  for (const t of texts) {
    let p = t;
    if (p === "~" || p.startsWith("~/")) p = ctx.set.home + p.slice(1);
    else if (p.startsWith("~")) p = p.includes("/") ? `/${DYNAMIC}${p.slice(p.indexOf("/"))}` : `/${DYNAMIC}`; // ~user
    if (isAbsolute(p)) out.push(p);
    else for (const cwd of ctx.cwds) out.push(cwd === null ? `/${DYNAMIC}/${p}` : resolve(cwd, p));
  }
  return out;
}

/** Replace `$NAME` / `${NAME}` with what simple assignments earlier on the line gave it. */
function substitute(raw: string, ctx: Ctx): string[] | null {
  const text = raw.replace(/^"|"$/g, "").replaceAll('"', "");
  if (/[`']|\$\(/.test(text)) return null;
  let results = [""];
  let last = 0;
  for (const m of text.matchAll(/\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/g)) {
    const name = (m[1] ?? m[2]) as string;
    const env = ctx.set.vars[name];
    const values = env !== undefined ? [env] : lineVars(ctx).get(name);
    if (!values) return null;
    const lit = text.slice(last, m.index);
    results = results.flatMap((r) => values.map((v) => r + lit + v));
    last = (m.index as number) + m[0].length;
  }
  if (text.slice(last).includes("$")) return null;
  return results.map((r) => r + text.slice(last));
}

function hit(value: string, raw: string, ctx: Ctx, mode: Mode): boolean {
  return candidates(value, raw, ctx).some((p) =>
    p.startsWith(`/${DYNAMIC}`) ? suffixOnly(p, mode === "tree") : pathIsProtected(p, ctx.set, mode),
  );
}

/** For a path whose head is unknown: does its literal tail already name a protected file? */
function suffixOnly(p: string, tree: boolean): boolean {
  return namesProtected(
    p.split("/").filter((c) => c && c !== DYNAMIC),
    tree,
  );
}

/** Non-option operands (an option's `=value` counts too: `--output=FILE`). */
function operands(inv: Invocation): Array<{ value: string; raw: string; option: boolean }> {
  const out: Array<{ value: string; raw: string; option: boolean }> = [];
  let ended = false;
  for (let i = 1; i < inv.argv.length; i++) {
    const a = inv.argv[i] as string;
    const raw = inv.raw[i] ?? a;
    if (!ended && a === "--") {
      ended = true;
      continue;
    }
    if (!ended && a.startsWith("-") && a.length > 1) {
      const eq = a.indexOf("=");
      if (eq > 0) out.push({ value: a.slice(eq + 1), raw: raw.slice(raw.indexOf("=") + 1), option: true });
      continue;
    }
    out.push({ value: a, raw, option: false });
  }
  return out;
}

function flag(inv: Invocation, short: string, long: string[]): boolean {
  return inv.argv.some(
    (a, i) => i > 0 && (long.includes(a) || (!a.startsWith("--") && a.startsWith("-") && a.slice(1).includes(short))),
  );
}

function invocationHit(inv: Invocation, ctx: Ctx): string | null {
  // Worst-case copies from hard-deny analysis; the real `find -exec` is judged on its own.
  if (inv.via.includes(FIND_START_PATH)) return null;
  for (const r of inv.redirects) {
    if (!WRITE_REDIRECTS.has(r.op) || r.target.raw === "/dev/null") continue;
    const lit = literalOf(r.target);
    const value = lit ?? r.target.parts.map((p) => (p.type === "lit" ? p.value : DYNAMIC)).join("");
    if (hit(value, r.target.raw, ctx, "file")) return `redirect ${r.op} ${r.target.raw}`;
  }
  const name = commandName(inv.argv[0] ?? "");
  // any tool's output file: `-o FILE`, `-O FILE`, `--output FILE`, `--output=FILE` (curl, wget, sort, ccgate init …)
  for (let i = 1; i < inv.argv.length; i++) {
    const a = inv.argv[i] as string;
    const eq = /^--(output|output-document|output-file|out|outfile|log-file)=/.exec(a);
    const [value, raw] = eq
      ? [a.slice(eq[0].length), (inv.raw[i] ?? a).slice((inv.raw[i] ?? a).indexOf("=") + 1)]
      : /^(-o|-O|--output|--output-document|--output-file|--out|--outfile|--log-file)$/.test(a)
        ? [inv.argv[i + 1], inv.raw[i + 1]]
        : [undefined, undefined];
    if (value !== undefined && hit(value, raw ?? value, ctx, "file")) return `${name} ${inv.raw.slice(1).join(" ")}`;
  }
  // The user's acts, never the agent's: `ccgate <host> setup` rewrites the hook registration, and
  // `ccgate <host> trust` lets a project file move the key or run code (listing and revoking trust
  // take nothing away from the user).
  if (name === "ccgate") {
    const sub = inv.argv.slice(1, 3);
    const trusts = sub.includes("trust") && !inv.argv.includes("--list") && !inv.argv.includes("--revoke");
    if (sub.includes("setup") || trusts) return `${name} ${inv.raw.slice(1).join(" ")}`;
  }
  if (!WRITE_LIKE.has(name) && name !== "find" && name !== "git") return null;
  const ops = operands(inv);
  const text = `${name} ${inv.raw.slice(1).join(" ")}`;
  const any = (mode: Mode, list = ops) => list.some((o) => hit(o.value, o.raw, ctx, mode));
  if (REMOVERS.has(name)) return any("tree") ? text : null;
  if (name === "gio")
    return /^(trash|remove|rm|move|mv|copy|cp|save|rename|set)$/.test(inv.argv[1] ?? "") && any("tree") ? text : null;
  if (WRITERS.has(name)) return any("file") ? text : null;
  if (CHANGERS.has(name)) return any(flag(inv, "R", ["--recursive"]) ? "tree" : "file") ? text : null;
  if (name in IN_PLACE) {
    const re = IN_PLACE[name] as RegExp;
    if (name !== "sd" && !inv.argv.slice(1).some((a) => re.test(a))) return null;
    return any("file") ? text : null;
  }
  if (name === "dd") {
    for (const o of ops)
      if (o.value.startsWith("of=") && hit(o.value.slice(3), o.raw.slice(3), ctx, "file")) return text;
    return null;
  }
  if (COPIERS.has(name)) return copyHit(inv, name, ops, ctx) ? text : null;
  if (name === "find") return findHit(inv, ctx) ? text : null;
  if (name === "tar" || name === "bsdtar" || name === "unzip") return extractHit(inv, name, ctx) ? text : null;
  if (name === "git") return gitHit(inv, ctx) ? text : null;
  return null;
}

function copyHit(
  inv: Invocation,
  name: string,
  ops: Array<{ value: string; raw: string; option: boolean }>,
  ctx: Ctx,
): boolean {
  const remote = (v: string) => /^[^/]*:/.test(v); // host:path
  const all = ops.filter((o) => !o.option);
  const plain = all.filter((o) => !remote(o.value));
  // -t DIR / --target-directory DIR / --target-directory=DIR, the long option in any abbreviation (`--t`)
  const target = (a: string) => a.length >= 3 && "--target-directory".startsWith(a);
  const t = inv.argv.findIndex((a) => a === "-t" || target(a));
  const glued = inv.argv.findIndex((a) => a.includes("=") && target(a.slice(0, a.indexOf("="))));
  let dest: { value: string; raw: string } | undefined;
  let sources = plain;
  if (t > 0 && inv.argv[t + 1] !== undefined) {
    dest = { value: inv.argv[t + 1] as string, raw: inv.raw[t + 1] ?? (inv.argv[t + 1] as string) };
    sources = plain.filter((o) => o.value !== dest?.value);
  } else {
    const word = inv.argv[glued] ?? "";
    const raw = inv.raw[glued] ?? word;
    if (glued > 0) dest = { value: word.slice(word.indexOf("=") + 1), raw: raw.slice(raw.indexOf("=") + 1) };
    else if (all.length >= 2 || name === "ln") {
      const last = all[all.length - 1];
      dest = last && !remote(last.value) ? last : undefined;
      sources = plain.filter((o) => o !== last);
    }
  }
  const removesSources = name === "mv" || (name === "rsync" && inv.argv.includes("--remove-source-files"));
  // ln links to its sources: a link to a protected path is the first step of writing through it
  if ((removesSources || name === "ln") && sources.some((s) => hit(s.value, s.raw, ctx, "tree"))) return true;
  if (!dest) return false;
  // contents of an unknown or remote source land directly in the destination: `rsync -a dir/ D`,
  // `scp host:x D`, `cp -r dir/. D`, and `rsync --delete` prunes it
  const contents =
    ((name === "rsync" || name === "scp") &&
      (sources.some((s) => s.value.endsWith("/")) || ops.some((o) => !o.option && /^[^/]*:/.test(o.value)))) ||
    sources.some((s) => /(^|\/)\.\/?$/.test(s.value));
  const destMode = contents || (name === "rsync" && inv.argv.some((a) => a.startsWith("--delete"))) ? "tree" : "dest";
  if (hit(dest.value, dest.raw, ctx, destMode)) return true;
  for (const s of sources) {
    const base = basename(s.value.replace(/\/+$/, ""));
    if (!base || base.includes(DYNAMIC)) continue;
    if (hit(`${dest.value.replace(/\/+$/, "")}/${base}`, `${dest.raw.replace(/\/+$/, "")}/${base}`, ctx, "tree"))
      return true;
  }
  return false;
}

function findHit(inv: Invocation, ctx: Ctx): boolean {
  const argv = inv.argv;
  const firstExpr = argv.findIndex((a, i) => i > 0 && (a.startsWith("-") || a === "(" || a === "!"));
  const roots = argv.slice(1, firstExpr === -1 ? argv.length : firstExpr);
  const rawRoots = inv.raw.slice(1, firstExpr === -1 ? argv.length : firstExpr);
  if (!roots.length) roots.push(".");
  const exec = argv.findIndex((a) => /^-(exec|execdir|ok|okdir)$/.test(a));
  const execWrites = exec !== -1 && WRITE_LIKE.has(commandName(argv[exec + 1] ?? ""));
  const deletes = argv.includes("-delete") || execWrites;
  for (let i = 1; i < argv.length; i++)
    if (/^-(fprint|fprint0|fprintf|fls)$/.test(argv[i] as string) && argv[i + 1] !== undefined)
      if (hit(argv[i + 1] as string, inv.raw[i + 1] ?? "", ctx, "file")) return true;
  if (!deletes) return false;
  const names = nameTests(argv);
  return roots.some((r, i) => {
    const raw = rawRoots[i] ?? r;
    if (!names) return hit(r, raw, ctx, "tree");
    const paths = candidates(r, raw, ctx).flatMap((p) => (p.startsWith(`/${DYNAMIC}`) ? [p] : [p, realLocation(p)]));
    return paths.some((p) => {
      if (p.startsWith(`/${DYNAMIC}`)) return suffixOnly(p, true);
      // a protected directory tree counts whatever the names; otherwise the -name tests must rule
      // out every protected name that could be under this root
      if (ctx.set.dirs.some((d) => inside(d, p) || inside(p, d))) return true;
      const under = [...Object.values(BY_DIR).flat(), ...Object.keys(BY_DIR)];
      for (const f of ctx.set.files) if (inside(f, p)) under.push(basename(f));
      return !names.some((n) => !under.some((u) => componentRe(n, false).test(u)));
    });
  });
}

/** find's `-name` / `-iname` tests when they are a plain AND filter on the action, else null. */
function nameTests(argv: string[]): string[] | null {
  const names: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (/^-(exec|execdir|ok|okdir)$/.test(a)) break;
    // alternatives, negation and path tests make the name tests no longer a filter we can rely on
    if (/^-(o|or|not|a|and|path|ipath|wholename|iwholename|regex|iregex|lname|ilname|samefile|inum|links)$/.test(a))
      return null;
    if (a === "!" || a === "," || a === "(" || a === ")") return null;
    if ((a === "-name" || a === "-iname") && argv[i + 1] !== undefined) names.push(argv[++i] as string);
  }
  // (find matches names without the shell's leading-dot rule: see componentRe(n, false) above)
  return names.length ? names : null;
}

/** `tar -x -C DIR` / `unzip -d DIR`: an archive unpacked into a directory that holds protected files. */
function extractHit(inv: Invocation, name: string, ctx: Ctx): boolean {
  const argv = inv.argv;
  if (
    name !== "unzip" &&
    !argv.some(
      (a, i) => a === "--extract" || a === "--get" || (i === 1 && /^-?[a-zA-Z]*x/.test(a)) || /^-[a-zA-Z]*x/.test(a),
    )
  )
    return false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    const dir =
      (name === "unzip" ? a === "-d" : a === "-C" || a === "--directory") && argv[i + 1] !== undefined
        ? { value: argv[i + 1] as string, raw: inv.raw[i + 1] ?? "" }
        : a.startsWith("--directory=")
          ? { value: a.slice(12), raw: (inv.raw[i] ?? a).slice(12) }
          : null;
    if (dir && hit(dir.value, dir.raw, ctx, "tree")) return true;
  }
  return false;
}

function gitHit(inv: Invocation, outer: Ctx): boolean {
  // git rm / mv / checkout / restore / clean with literal pathspecs, relative to any `-C DIR`
  let i = 1;
  let ctx = outer;
  while (i < inv.argv.length && (inv.argv[i] as string).startsWith("-")) {
    const a = inv.argv[i] as string;
    // --work-tree DIR moves the tree like -C DIR; -c / --git-dir … take the next word as their value.
    if ((a === "-C" || a === "--work-tree") && inv.argv[i + 1] !== undefined) {
      const dir = candidates(inv.argv[i + 1] as string, inv.raw[i + 1] ?? "", ctx);
      ctx = { ...ctx, cwds: dir.length === 1 && !(dir[0] as string).includes(DYNAMIC) ? dir : [null] };
      i += 2;
    } else if (a.startsWith("--work-tree=")) {
      ctx = { ...ctx, cwds: [null] };
      i += 1;
    } else i += /^(-c|--git-dir|--namespace|--config-env|--super-prefix|--attr-source)$/.test(a) ? 2 : 1;
  }
  const sub = inv.argv[i];
  if (sub === "apply" || sub === "am") return patchHit(inv.argv.slice(i + 1), ctx);
  if (!sub || !["rm", "mv", "checkout", "restore", "clean", "stash"].includes(sub)) return false;
  const rest: Invocation = { ...inv, argv: inv.argv.slice(i), raw: inv.raw.slice(i), redirects: [] };
  const ops = operands(rest);
  if (sub === "stash") {
    // `git stash [push] -a` / `--all` also stashes, and so removes, ignored files: like clean -x.
    // git stash reads a verb only as its first word; options first mean push.
    const first = rest.argv[1];
    const verb = first === undefined || first.startsWith("-") ? undefined : first;
    const pushes = verb === undefined || verb === "push" || verb === "save";
    if (!pushes || !rest.argv.some((a) => /^-[a-zA-Z]*a/.test(a) || /^--al?l?$/.test(a))) return false;
    // Pathspecs: after the verb, leaving out the message (`-m MSG`, `save MSG`).
    const targets: Array<{ value: string; raw: string }> = [];
    for (let k = 1; k < rest.argv.length && verb !== "save"; k++) {
      const a = rest.argv[k] as string;
      if (/^(-m|--message)$/.test(a)) k++;
      else if (a !== "--" && !a.startsWith("-") && a !== verb) targets.push({ value: a, raw: rest.raw[k] ?? a });
    }
    return (targets.length ? targets : [{ value: ".", raw: "." }]).some((o) => hit(o.value, o.raw, ctx, "tree"));
  }
  if (sub === "clean") {
    // only -x / -X reach ignored files, and the local config files are ignored by design. -f is not
    // required: clean.requireForce=false (the repository's config, `-c`) deletes without it; only a
    // dry run (-n, --dry-run or a prefix of it) deletes nothing.
    const dry = rest.argv.some((a) => /^-[a-zA-Z]*n/.test(a) || /^--dr(y(-(r(un?)?)?)?)?$/.test(a));
    if (dry || !rest.argv.some((a) => /^-[a-zA-Z]*[xX]/.test(a))) return false;
    const targets = ops.filter((o) => !o.option);
    return (targets.length ? targets : [{ value: ".", raw: "." }]).some((o) => hit(o.value, o.raw, ctx, "tree"));
  }
  return ops.some((o) => !o.option && hit(o.value, o.raw, ctx, sub === "rm" || sub === "mv" ? "tree" : "file"));
}

/**
 * `git apply FILE…` / `git am FILE…` write the paths the patch names (`diff --git a/X b/Y`, `+++ b/Y`,
 * `rename to`, `copy to`): each patch file that can be read is read, and every path it names (with
 * and without its first component, and under any `--directory=`) is checked. `--check` and the
 * stat-only forms write nothing; a patch from stdin cannot be seen here (the classifier judges it).
 */
function patchHit(args: string[], ctx: Ctx): boolean {
  if (args.includes("--check") || (args.some((a) => /^--(stat|numstat|summary)$/.test(a)) && !args.includes("--apply")))
    return false;
  const dirs = ["", ...args.filter((a) => a.startsWith("--directory=")).map((a) => `${a.slice(12)}/`)];
  for (const a of args) {
    if (a.startsWith("-")) continue;
    for (const file of candidates(a, a, ctx)) {
      let text: string;
      try {
        text = readFileSync(file, "utf8").slice(0, 4_000_000);
      } catch {
        continue;
      }
      for (const m of text.matchAll(/^(?:diff --git \S+ |\+\+\+ |--- |rename to |copy to |rename from )(\S+)/gm)) {
        const named = m[1] as string;
        if (named === "/dev/null") continue;
        const paths = [named, named.split("/").slice(1).join("/")].filter(Boolean);
        if (dirs.some((d) => paths.some((p) => hit(d + p, d + p, ctx, "file")))) return true;
      }
    }
  }
  return false;
}

/** Literal assignments on the line (`d=~/.claude`, `export D=…`), for simple obfuscations. */
function assignments(script: Script, ctx: Ctx): void {
  const vars = ctx.vars ?? new Map<string, string[]>();
  const add = (name: string, value: string) => vars.set(name, [...(vars.get(name) ?? []), value]);
  // a value built from `$HOME` or an earlier literal variable is known too
  const known = (w: Word, raw: string) => {
    const lit = literalOf(w);
    return lit !== null ? [lit] : (substitute(raw, ctx) ?? []);
  };
  const walk = (s: Script) => {
    for (const item of s.items)
      for (const p of item.pipelines)
        for (const c of p.commands) {
          if (c.type === "simple") {
            for (const a of c.assigns) for (const v of known(a.value, a.value.raw)) add(a.name, v);
            const head = c.words[0] ? literalOf(c.words[0]) : null;
            if (head && ["export", "declare", "local", "readonly", "typeset"].includes(head))
              for (const w of c.words.slice(1)) {
                const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(w.raw);
                if (m) for (const v of substitute(m[2] as string, ctx) ?? []) add(m[1] as string, v);
              }
          } else if (c.type === "compound") c.bodies.forEach(walk);
          else walk(c.body);
        }
  };
  walk(script);
}

/** Redirects on `{ … }`, `( … )`, loops and other compound commands (invocations only carry their own). */
function compoundRedirects(script: Script, out: Redirect[]): void {
  const visitWord = (w: Word) => {
    for (const part of w.parts)
      if (part.type === "cmdsub" || part.type === "procsub") compoundRedirects(part.body, out);
  };
  const visit = (c: Command) => {
    if (c.type === "simple") {
      c.words.forEach(visitWord);
      return;
    }
    out.push(...c.redirects);
    if (c.type === "compound") for (const b of c.bodies) compoundRedirects(b, out);
    else compoundRedirects(c.body, out);
  };
  for (const item of script.items) for (const p of item.pipelines) p.commands.forEach(visit);
}

/** A self-protect finding for a command line, or null. */
export function commandFinding(structure: Structure, command: string, cwd: string, set: ProtectedSet): Finding | null {
  let parsed: Script | null = null;
  const ctx: Ctx = {
    set,
    cwds: [cwd],
    vars: null,
    script: () => {
      parsed ??= parseShell(command).script;
      return parsed;
    },
  };
  for (const inv of structure.invocations) {
    const name = commandName(inv.argv[0] ?? "");
    if (name === "cd" || name === "pushd") {
      const target = inv.argv[1];
      const next = target === undefined ? [set.home] : candidates(target, inv.raw[1] ?? target, ctx);
      const known = next.length === 1 && !(next[0] as string).includes(DYNAMIC) ? (next[0] as string) : null;
      // a cd inside a substitution or a re-parsed string may or may not be where later commands run
      ctx.cwds = inv.nested ? [...new Set([...ctx.cwds, known])] : [known];
      continue;
    }
    const what = invocationHit(inv, ctx);
    if (what) return finding(what.replaceAll(DYNAMIC, "…"));
  }
  if (structure.complex.some((c) => /subshell|group|construct/.test(c))) {
    const redirects: Redirect[] = [];
    compoundRedirects(ctx.script(), redirects);
    const inv: Invocation = {
      argv: [":"],
      dynamic: [false],
      raw: [":"],
      redirects,
      assigns: [],
      via: [],
      nested: false,
      openArgs: false,
    };
    const what = invocationHit(inv, { ...ctx, cwds: [cwd] });
    if (what) return finding(what.replaceAll(DYNAMIC, "…"));
  }
  return null;
}

/** The protected set for a merged config, or null when the user turned the rule off (global file only). */
export function selfProtectFor(
  config: { fast_path: { self_protect: boolean }; log_path: string; metrics_path: string },
  home: string,
  env: Env,
): ProtectedSet | null {
  if (!config.fast_path.self_protect) return null;
  return protectedSet(home, env, { state: stateDir(env), cache: cacheDir(env) }, [
    config.log_path,
    config.metrics_path,
  ]);
}
