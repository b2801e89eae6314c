// Why: ruff, black and isort take settings from configuration files the repository writes, in the
// working directory, every directory above it, and (ruff) every directory it walks, so their option
// tables alone prove nothing. What a file can do there:
// - ruff (pyproject.toml with a `[tool.ruff]` table, ruff.toml, .ruff.toml): `fix = true` and
//   `fix-only = true` make `ruff check` rewrite files (`fix-only` even against `--no-fix`; only
//   `--diff` wins over both), `cache-dir` puts its cache anywhere, `extend` loads another file from any
//   path (a TOML error quotes its lines). `output-file` is refused too should a ruff version read it.
//   The nearest config of each file walked applies, so the files below each walked directory count as
//   well as those above, and a symlinked `.ruff_cache` (or a symlink inside one: a committed cache may
//   hold `0.6.0 -> ~/x`) would take the cache writes out of the tree.
//   Found keys are matched as words anywhere in the file (comments on quote-free lines aside), so a
//   quoted, dotted or inline-table spelling is found too; a `\u`/`\U`/`\x` escape could spell a key
//   that is not there as text, so a file with one is refused. A pyproject.toml without the word `ruff`
//   (and no escape) has no `[tool.ruff]` table, which ruff needs to read it.
// - black (`[tool.black]` in the project's pyproject.toml) and isort (.isort.cfg, `[tool.isort]`,
//   `[isort]` in setup.cfg/tox.ini): every command-line setting may come from the file, which is not
//   proved harmless here; any such file on the way up, and `--config`/`--settings-path`, is refused.
//   isort also reads the `[*]`/`[*.py]` sections of .editorconfig as its own settings: only layout
//   keys (indent_style, max_line_length …) may appear there.
// Any config file that is a symlink, not a regular file, unreadable or over 256 KiB is refused. The
// user's own config directories (~/.config/ruff and the like) are the user's and are not read here.
import { lstatSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { commandName, DYNAMIC, type Invocation } from "./invocations.ts";
import { boundedWalk, physicalPath } from "./real-path.ts";
import { ancestors } from "./toolchain-file.ts";

const MAX_BYTES = 256 * 1024;
const MAX_ENTRIES = 20000;
const RUFF_FILES = ["pyproject.toml", "ruff.toml", ".ruff.toml"];
/** Settings that make ruff write, write elsewhere, or read another file. */
const RUFF_DANGEROUS = /(?<![A-Za-z0-9_-])(fix|fix[-_]only|cache[-_]dir|extend|output[-_]file)(?![A-Za-z0-9_-])/;
const TOML_ESCAPE = /\\[uUx]/;
/** ruff verbs that read no configuration. */
const RUFF_CONFIG_FREE = new Set(["version", "help", "rule", "linter", "config"]);
const HELP_ONLY = /^(-h|--help|-V|--version)$/;

type Read = { ok: true; text: string | null } | { ok: false; error: string };

/** The text of a config file, null when there is none; an error when it cannot be inspected safely. */
function readConfig(path: string): Read {
  let st: ReturnType<typeof lstatSync> | undefined;
  try {
    st = lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return { ok: false, error: `${path} cannot be inspected` };
  }
  if (st === undefined) return { ok: true, text: null };
  if (!st.isFile()) return { ok: false, error: `${path} is not a regular file` };
  if (st.size > MAX_BYTES) return { ok: false, error: `${path} is too big to check` };
  try {
    return { ok: true, text: readFileSync(path, "utf8") };
  } catch {
    return { ok: false, error: `${path} cannot be read` };
  }
}

/** The text without comments that provably are comments: a `#` on a line with no quote at all. */
function withoutPlainComments(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => (/["']/.test(line) ? line : line.replace(/#.*$/, "")))
    .join("\n");
}

/** Why a ruff config text (a file or a `--config KEY=VALUE`) may make ruff write or read elsewhere. */
export function ruffTextProblem(text: string, pyproject: boolean): string | null {
  if (TOML_ESCAPE.test(text)) return "an escape sequence could spell any setting";
  if (pyproject && !/ruff/.test(text)) return null;
  const m = RUFF_DANGEROUS.exec(withoutPlainComments(text));
  return m ? `it names ${m[1]}` : null;
}

function ruffFileProblem(path: string): string | null {
  const read = readConfig(path);
  if (!read.ok) return read.error;
  if (read.text === null) return null;
  const problem = ruffTextProblem(read.text, path.endsWith("pyproject.toml"));
  return problem ? `ruff reads ${path}: ${problem}` : null;
}

function ruffDirProblem(dir: string): string | null {
  for (const file of RUFF_FILES) {
    const problem = ruffFileProblem(join(dir, file));
    if (problem) return problem;
  }
  const cache = join(dir, ".ruff_cache");
  const st = lstatSync(cache, { throwIfNoEntry: false });
  if (st?.isSymbolicLink()) return `${cache} is a symlink: the cache writes may leave the tree`;
  if (st?.isDirectory() && symlinkBelow(cache)) return `${cache} holds a symlink: the cache writes may leave the tree`;
  return null;
}

/** Whether a symlink (or more entries than are looked at, or a directory that cannot be listed) sits below `root`. */
function symlinkBelow(root: string): boolean {
  const found = boundedWalk(
    root,
    MAX_ENTRIES,
    "too many",
    (p, e) => (e.isSymbolicLink() ? "symlink" : e.isDirectory() ? { into: p } : null),
    () => "unlisted",
  );
  return found !== null;
}

/** Every directory below `root` (and `root`), bounded; null when there are too many to look at. */
function subtree(root: string): string[] | null {
  const out = [root];
  const walk = boundedWalk(root, MAX_ENTRIES, "too many", (p, e) => {
    if (!e.isDirectory() || e.name === ".git") return null;
    out.push(p);
    return { into: p };
  });
  return walk === null ? out : null;
}

/** The words that may be paths (every non-option word: a superset of the real operands). */
function pathWords(inv: Invocation): string[] {
  return inv.argv.slice(1).filter((a) => !a.startsWith("-"));
}

/** The real location of each operand that exists, and whether it is a directory. */
function operands(inv: Invocation, cwd: string): { path: string; dir: boolean }[] | null {
  const out: { path: string; dir: boolean }[] = [];
  for (const word of pathWords(inv)) {
    if (word.includes(DYNAMIC)) return null;
    const real = physicalPath(word, cwd);
    if (real === null) continue;
    const st = lstatSync(real, { throwIfNoEntry: false });
    if (st === undefined) continue;
    out.push({ path: real, dir: st.isDirectory() });
  }
  return out;
}

/** `--opt VALUE` and `--opt=VALUE` values of the given long options; null when one lacks its value. */
function optionValues(argv: string[], long: string[]): string[] | null {
  const out: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--") break;
    for (const o of long) {
      if (a === o) {
        const v = argv[i + 1];
        if (v === undefined) return null;
        out.push(v);
      } else if (a.startsWith(`${o}=`)) out.push(a.slice(o.length + 1));
    }
  }
  return out;
}

function ruffProblem(inv: Invocation, cwd: string): string | null {
  const verb = inv.argv.slice(1).find((a) => !a.startsWith("-")) ?? "";
  if (RUFF_CONFIG_FREE.has(verb)) return null;
  const rest = inv.argv.slice(1).filter((a) => a !== verb);
  if (rest.length && rest.every((a) => HELP_ONLY.test(a))) return null;
  if (inv.argv.some((a) => /^(--cache-dir|--output-file|--extend)(=|$)/.test(a) || /^-o/.test(a)))
    return "ruff writes its cache or report where the command says";
  const configs = optionValues(inv.argv, ["--config"]);
  if (configs === null) return "ruff --config without a value";
  for (const value of configs) {
    if (value.includes(DYNAMIC)) return "a ruff --config only known at run time";
    if (value.includes("=")) {
      const problem = ruffTextProblem(value, false);
      if (problem) return `ruff --config ${value}: ${problem}`;
      continue;
    }
    const real = physicalPath(value, cwd);
    if (real === null) return `ruff --config ${value} cannot be resolved`;
    const read = readConfig(real);
    if (!read.ok) return read.error;
    const problem = read.text === null ? null : ruffTextProblem(read.text, false);
    if (problem) return `ruff --config ${value}: ${problem}`;
  }
  const found = operands(inv, cwd);
  if (found === null) return "a ruff path only known at run time";
  const dirs = new Set(ancestors(cwd));
  // Without operands ruff walks the working directory; with them it may still (`--select E501 .`).
  const roots = [cwd, ...found.filter((o) => o.dir).map((o) => o.path)];
  for (const o of found) for (const d of ancestors(o.dir ? o.path : dirname(o.path))) dirs.add(d);
  for (const root of roots) {
    const below = subtree(root);
    if (below === null) return "too many directories to check for ruff config files";
    for (const d of below) dirs.add(d);
  }
  for (const dir of dirs) {
    const problem = ruffDirProblem(dir);
    if (problem) return problem;
  }
  return null;
}

/** editorconfig keys isort maps to harmless layout settings (or that mean nothing to it). */
const EDITORCONFIG_KEYS = new Set([
  "root",
  "indent_style",
  "indent_size",
  "tab_width",
  "max_line_length",
  "end_of_line",
  "charset",
  "trim_trailing_whitespace",
  "insert_final_newline",
]);

/**
 * isort reads every key of the `[*]` / `[*.py]` sections of .editorconfig as one of its settings
 * (`skip_gitignore` runs git, `virtual_env` points at another tree): every key in every section must
 * be a layout key. A line that is not a comment, a section or `key = value` (an indented continuation)
 * is refused.
 */
export function editorconfigProblem(text: string): string | null {
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s+\S/.test(raw)) return "a continuation line";
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";") || /^\[.*\]$/.test(line)) continue;
    const m = /^([^=:]+?)\s*[=:]/.exec(line);
    if (!m || !EDITORCONFIG_KEYS.has((m[1] as string).toLowerCase())) return `the key ${line.slice(0, 40)}`;
  }
  return null;
}

/** black and isort: no project config of theirs may exist on the way up from the cwd or an operand. */
function formatterProblem(inv: Invocation, cwd: string, name: "black" | "isort"): string | null {
  if (inv.argv.length > 1 && inv.argv.slice(1).every((a) => HELP_ONLY.test(a))) return null;
  const given =
    name === "black"
      ? inv.argv.some((a) => /^--config(=|$)/.test(a))
      : inv.argv.some((a) => /^(--settings-path|--sp|--settings-file|--settings)(=|$)/.test(a));
  if (given) return `${name} reads the settings file the command names`;
  const found = operands(inv, cwd);
  if (found === null) return `a ${name} path only known at run time`;
  const dirs = new Set(ancestors(cwd));
  for (const o of found) for (const d of ancestors(o.dir ? o.path : dirname(o.path))) dirs.add(d);
  const files: [string, RegExp][] =
    name === "black"
      ? [["pyproject.toml", /black|\\[uUx]/]]
      : [
          [".isort.cfg", /$/],
          ["pyproject.toml", /isort|\\[uUx]/],
          ["setup.cfg", /isort/i],
          ["tox.ini", /isort/i],
        ];
  for (const dir of dirs) {
    if (name === "isort") {
      const path = join(dir, ".editorconfig");
      const read = readConfig(path);
      if (!read.ok) return read.error;
      const problem = read.text === null ? null : editorconfigProblem(read.text);
      if (problem) return `isort takes its settings from ${path}: ${problem}`;
    }
    for (const [file, mentions] of files) {
      const path = join(dir, file);
      const read = readConfig(path);
      if (!read.ok) return read.error;
      if (read.text !== null && (file === ".isort.cfg" || mentions.test(read.text)))
        return `${name} takes its settings from ${path}`;
    }
  }
  return null;
}

/** Null when no config file ruff, black or isort would read can make `inv` write or read elsewhere. */
export function pythonLinterConfigProblem(inv: Invocation, cwd: string): string | null {
  const name = commandName(inv.argv[0] ?? "");
  if (name === "ruff") return ruffProblem(inv, cwd);
  if (name === "black" || name === "isort") return formatterProblem(inv, cwd, name);
  return null;
}
