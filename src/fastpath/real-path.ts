// Where a path really lands once the shell and the filesystem are done with it: globs expanded
// against the directory tree, symlinks followed component by component (the kernel resolves `..`
// after a symlink physically), and the edge of the repository taken as a real path too. Only stat,
// readlink and readdir calls: no process is spawned on the fast path.
import { type Dirent, lstatSync, readdirSync, realpathSync, type Stats, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, sep } from "node:path";

export function isInsideDir(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!isAbsolute(rel) && rel.split(sep)[0] !== "..");
}

/** Real path of an existing path, or null. */
function real(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Physical resolution of `path` (absolute or relative to `cwd`), the way the kernel walks it.
 * Components after the first one that does not exist are appended as written; a `..` among them
 * makes the result unknown (null).
 */
export function physicalPath(path: string, cwd: string): string | null {
  let current = "/";
  const parts = (isAbsolute(path) ? path : `${cwd}/${path}`).split("/").filter((p) => p !== "" && p !== ".");
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (part === "..") {
      current = dirname(current);
      continue;
    }
    const next = join(current, part);
    // The first missing component ends the walk: the kernel stops there too (ENOENT), so whatever
    // follows (even `..`) never reaches a file; the lexical rest is reported.
    if (!exists(next)) return join(current, ...parts.slice(i));
    const r = real(next);
    if (r === null) return null; // dangling or looping symlink: unknown target
    current = r;
  }
  return current;
}

/**
 * A device node or FIFO (after symlinks): reading it is not reading a file of the repository. A block or
 * character device in the tree (`mknod`, a tarball unpacked as root) reads a disk or memory; a FIFO
 * hands over whatever another process writes, and blocks until one does.
 */
export function isSpecialFile(path: string): boolean {
  try {
    return special(statSync(path));
  } catch {
    return false;
  }
}

/**
 * The real paths a word of a walker may stand for: itself and, when it holds a wildcard, whatever it
 * matches (`grep -r KEY ../b*` walks ../b). Quoting is not known here, so a quoted pattern counts both ways.
 */
export function expandedPaths(word: string, cwd: string): string[] {
  const words = [word];
  if (/[*?[]/.test(word)) {
    const matches = expandGlob(word, cwd, () => false);
    if (typeof matches !== "string") words.push(...matches);
  }
  return words.map((w) => physicalPath(w, cwd)).filter((p): p is string => p !== null);
}

/** A device node or FIFO, from a stat or a directory entry. */
function special(entry: Stats | Dirent): boolean {
  return entry.isBlockDevice() || entry.isCharacterDevice() || entry.isFIFO();
}

/** The real path of the repository edge (a missing edge keeps its written form). */
export function realBoundary(boundary: string): string {
  return real(boundary) ?? boundary;
}

/**
 * An edge that must never count as "the repository": `/`, the home directory, an ancestor of it,
 * or a dot-directory below it (a request run from `$HOME` outside any repository would otherwise prove `cat .bash_history`).
 */
export function unsafeBoundary(boundary: string, home: string): boolean {
  const b = realBoundary(boundary);
  const h = real(home) ?? home;
  if (b === "/" || !isAbsolute(b) || isInsideDir(h, b) || isInsideDir(home, boundary)) return true;
  // A dot-directory of the home (~/.config, ~/.local/share …) holds tools' tokens, not a project.
  return isInsideDir(b, h) && relative(h, b).split(sep)[0]?.startsWith(".") === true;
}

/** Characters outside quotes in a raw shell word that the shell expands: globs and braces. */
export function unquotedExpansions(raw: string): { glob: boolean; brace: boolean } {
  let glob = false;
  let brace = false;
  let quote: string | null = null;
  let openBrace = -1;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (quote === "'") {
      if (c === "'") quote = null;
      continue;
    }
    if (c === "\\") {
      i++;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = null;
      continue;
    }
    if (c === "$" && raw[i + 1] === "'") {
      // ANSI-C quoting: a backslash escapes the next character, so `$'\''*` is a quote and a glob.
      for (i += 2; i < raw.length && raw[i] !== "'"; i++) if (raw[i] === "\\") i++;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === "*" || c === "?" || c === "[") glob = true;
    else if (c === "{") openBrace = i;
    else if (c === "}" && openBrace !== -1) {
      // Only `{a,b}` and `{x..y}` expand; `stash@{0}` or a lone `{}` stays as written.
      const body = raw.slice(openBrace + 1, i);
      if (body.includes(",") || body.includes("..")) brace = true;
    } else if ((c === "@" || c === "!" || c === "+") && raw[i + 1] === "(") glob = true; // extglob
  }
  return { glob, brace };
}

/** Names a wildcard must never be able to match (a file created later would be read). */
const SECRET_SAMPLES = [
  ".env",
  "id_rsa",
  "id_ed25519",
  "server.pem",
  "server.key",
  "cert.p12",
  "cert.pfx",
  "credentials",
  "credentials.json",
  "secrets.json",
  "secret.yaml",
  "secrets.yml",
  "secrets.toml",
  "terraform.tfstate",
  "terraform.tfstate.backup",
  "kubeconfig",
  "known_hosts",
  "authorized_keys",
];

/** Bash pattern of one path component (no `/`) as a regular expression; null when not understood. */
function componentRegex(pattern: string): RegExp | null {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "(" || c === ")" || c === "|") return null; // extglob forms: not modelled
    if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      // A `]` right after `[` or `[!` is a member (`[]a]`, `[!]a]`); JS would read `[]` / `[^]` instead.
      const negated = pattern[i + 1] === "!" || pattern[i + 1] === "^";
      const start = i + (negated ? 2 : 1);
      const end = pattern.indexOf("]", start + 1);
      if (end === -1) return null;
      const body = pattern.slice(start, end);
      if (/[[\\]/.test(body)) return null;
      // A range follows the locale's collation in older bash (`[a-c]` matches `B`): any character.
      if (/.-./.test(body)) re += "[^/]";
      else re += `[${negated ? "^" : ""}${body.replace(/[\]^]/g, "\\$&")}]`;
      i = end;
    } else if (c === "\\") {
      const n = pattern[++i];
      if (n === undefined) return null;
      re += n.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
    } else re += c.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
  }
  try {
    return new RegExp(`^${re}$`);
  } catch {
    return null;
  }
}

const MAX_MATCHES = 2000;

/**
 * Expand an unquoted glob word (quotes already removed, no braces, no `**`) against the tree.
 * Returns the matches (absolute, not yet resolved), or a reason it cannot be proven.
 */
export function expandGlob(value: string, cwd: string, isSecretName: (name: string) => boolean): string[] | string {
  const parts = value.split("/");
  // bash's globstar `**` and zsh's `**` / `***` (which follows symlinks) walk every level below.
  if (parts.some((p) => p.includes("**"))) return "`**` can walk anywhere below";
  let bases = [isAbsolute(value) ? "/" : cwd];
  let sawWild = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (part === "" || part === ".") continue;
    if (/[@!+*?]\(/.test(part)) return `extglob ${part} is not modelled`;
    const wild = /[*?[]/.test(part);
    if (part === ".." && sawWild) return "`..` after a wildcard can leave the repository";
    if (!wild) {
      bases = bases.map((b) => join(b, part));
      continue;
    }
    sawWild = true;
    if (part.startsWith(".") || part.startsWith("[")) return `${part} can match a dot-file`;
    const re = componentRegex(part);
    if (re === null) return `pattern ${part} is not understood`;
    // Only the last component names the file read; secret directories (~/.ssh, .aws …) are dot-dirs,
    // which a wildcard never matches, and every match is checked whole below.
    const last = parts.slice(i + 1).every((p) => p === "" || p === ".");
    if (last && SECRET_SAMPLES.some((s) => re.test(s))) return `pattern ${part} can match a secret name`;
    const next: string[] = [];
    for (const b of bases) {
      let names: string[];
      try {
        names = readdirSync(b);
      } catch {
        continue;
      }
      for (const n of names) {
        if (n.startsWith(".")) continue; // bash skips dot-files without dotglob
        if (!re.test(n)) continue;
        if (!last) {
          // `*/x` only matches directories (a symlink to one counts; its real path is checked below).
          try {
            if (!statSync(join(b, n)).isDirectory()) continue;
          } catch {
            continue;
          }
        } else if (isSecretName(n)) return `pattern ${part} matches ${n}, which may hold secrets`;
        next.push(join(b, n));
        if (next.length > MAX_MATCHES) return "too many matches to check";
      }
    }
    bases = next;
  }
  return bases;
}

const MAX_WALK = 20000;

/** Whether `path` is a directory (after symlinks); false when it cannot be stat'ed. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Walk a directory the way a recursive content reader would. Null when every file is provably a
 * non-secret inside `boundary`; otherwise the reason. `follow`: the reader follows symlinks below
 * the root (grep -R, rg -L); without it symlinks below the root are skipped by the reader.
 */
export function walkProblem(
  root: string,
  boundary: string,
  isSecret: (path: string) => boolean,
  follow: boolean,
): string | null {
  // Symlinked directories the reader enters whose target lies beside the root, not below it.
  const entered = new Set([root]);
  return boundedWalk(root, MAX_WALK, "too many files below to check for secrets", (p, e) => {
    if (isSecret(p)) return `the walk reaches ${p}, which may hold secrets`;
    if (special(e)) return `the walk reaches ${p}, a device or FIFO`;
    if (e.isSymbolicLink()) {
      if (!follow) return null;
      const r = real(p);
      if (r === null) return null;
      if (!isInsideDir(r, boundary)) return `the walk follows ${p} outside the repository`;
      if (isSecret(r)) return `the walk follows ${p} to a secret`;
      if (isSpecialFile(r)) return `the walk follows ${p} to a device or FIFO`;
      // A target below the root is walked on its own; one beside it (`sub/link -> ../other`) is read
      // through the link (grep -R, rg -L, a handed path under grep -d recurse) and must be walked too.
      if (!isInsideDir(r, root) && !entered.has(r) && isDirectory(r)) {
        entered.add(r);
        return { into: r };
      }
      return null;
    }
    return e.isDirectory() ? { into: p } : null;
  });
}

/** What a walk visitor says of one entry: a reason to stop, nothing, or a directory to descend into. */
export type WalkStep = string | null | { into: string };

/**
 * Depth-first over the entries below `root`, at most `max` of them (`tooMany` when there are more):
 * the first reason `visit` gives ends the walk. A directory that cannot be listed is skipped unless
 * `unlisted` makes that a reason.
 */
export function boundedWalk(
  root: string,
  max: number,
  tooMany: string,
  visit: (path: string, entry: Dirent) => WalkStep,
  unlisted: (dir: string, error: unknown) => string | null = () => null,
): string | null {
  const stack = [root];
  let seen = 0;
  while (stack.length) {
    const dir = stack.pop() as string;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      const why = unlisted(dir, error);
      if (why) return why;
      continue;
    }
    for (const e of entries) {
      if (++seen > max) return tooMany;
      const step = visit(join(dir, e.name), e);
      if (typeof step === "string") return step;
      if (step) stack.push(step.into);
    }
  }
  return null;
}

/**
 * A walk of the repository for the files a tool opens by name (manifests, package and module files):
 * at most MAX_WALK entries (`label` says what a bigger tree could not be checked for), `.git` not entered,
 * and a directory that cannot be listed (mode 0111) is a reason to stop, since the tool can still open
 * a file in it by name. `visit` sees every other entry; a directory it passes over is entered.
 */
export function repositoryWalk(edge: string, label: string, visit: (path: string, entry: Dirent) => string | null) {
  return boundedWalk(
    edge,
    MAX_WALK,
    `too many files to check ${label}`,
    (p, e) => visit(p, e) ?? (e.isDirectory() && e.name !== ".git" ? { into: p } : null),
    (dir, error) => {
      const code = (error as NodeJS.ErrnoException).code;
      return code === "ENOENT" || code === "ENOTDIR" ? null : `${dir} cannot be listed to check ${label}`;
    },
  );
}

/** Whether something is at `path` (not following a symlink); any error but "no such file" counts as yes. */
export function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ENOENT";
  }
}
