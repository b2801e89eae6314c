// Why: commands found through a wrapper (`nice`, `timeout`, `stdbuf`, `xargs`, and uv's own verbs)
// were never provable, although the wrapper adds nothing but a scheduling change or arguments.
// The wrapper's own options are checked in read-only-cli.ts; here the wrapped command is proved as if
// it stood alone. xargs is the hard one: the words it appends come from its input, so they are only
// known when that input is
//   - a literal `echo` of plain words (invocations.ts has appended them: they are checked as paths), or
//   - a path lister (find, git ls-files, fd, rg --files/-l, grep -l, bare ls) over the directory the
//     command runs in, and a walk of that directory finds no secret name, no symlink leading out or to
//     a secret, and no name with white space, a quote, a backslash or a leading dash — so each word xargs
//     makes is a whole in-repository path and never an option (`--output=x` as a file name).
// and the wrapped command only reads the files it is handed (XARGS_READERS).
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { commandName, FIND_START_PATH, type Invocation, type Structure, xargsMarker } from "./invocations.ts";
import { readOnlyReason } from "./read-only.ts";
import { readOnlyCliReason, TRANSPARENT_WRAPPERS } from "./read-only-cli.ts";
import { expandedPaths, isDirectory, isInsideDir, physicalPath, walkProblem } from "./real-path.ts";
import { grepRecurses } from "./recursive-read.ts";
import { sedScriptProblem } from "./sed-script.ts";

/** Commands that treat appended words as files to read (or as text to print). */
const XARGS_READERS = new Set([
  "cat",
  "head",
  "tail",
  "wc",
  "grep",
  "egrep",
  "fgrep",
  "ls",
  "file",
  "stat",
  "du",
  "md5sum",
  "sha1sum",
  "sha256sum",
  "sha512sum",
  "b2sum",
  "cksum",
  "nl",
  "tac",
  "echo",
  "basename",
  "dirname",
  "realpath",
  "readlink",
]);

export interface WrapContext {
  structure: Structure;
  /** Every directory the command may run in. */
  cwds: string[];
  edge: string;
  isSecret: (path: string) => boolean;
}

const PLAIN_WORD = /^[A-Za-z0-9_./@%+=:,-]+$/;

/** The stage holding `inv` and the one feeding it (null when it is not fed by a pipe). */
function stages(inv: Invocation, structure: Structure): { own: Invocation[]; feed: Invocation[] | null } | null {
  for (const pipeline of structure.pipelines) {
    const at = pipeline.findIndex((stage) => stage.includes(inv));
    if (at !== -1) return { own: pipeline[at] as Invocation[], feed: at > 0 ? (pipeline[at - 1] ?? null) : null };
  }
  return null;
}

/** A literal echo of plain words: its output is exactly those words. */
function literalEcho(stage: Invocation[]): boolean {
  if (stage.length !== 1) return false;
  const inv = stage[0] as Invocation;
  if (commandName(inv.argv[0] ?? "") !== "echo" || inv.via.length || inv.redirects.length) return false;
  const words = inv.argv.slice(1);
  return words.length > 0 && words.every((w, i) => !inv.dynamic[i + 1] && PLAIN_WORD.test(w) && !w.startsWith("-"));
}

/** A command whose output lines are paths below its working directory. */
function pathLister(stage: Invocation[]): string | null {
  if (stage.length !== 1) return "xargs input is not a single command";
  const inv = stage[0] as Invocation;
  if (inv.via.length) return "xargs input runs through a wrapper";
  const name = commandName(inv.argv[0] ?? "");
  const args = inv.argv.slice(1);
  const positional = args.filter((a) => !a.startsWith("-"));
  const relativeInside = (p: string) => !p.startsWith("/") && !p.split("/").includes("..") && !p.startsWith("~");
  if (name === "find") {
    if (args.some((a) => /^-(L|H|follow|printf|fprintf|print0?f|exec|execdir|ok|okdir|delete|fls|ls)$/.test(a)))
      return "find prints more than paths";
    const starts: string[] = [];
    for (const a of args) {
      if (/^[-(!]/.test(a)) break;
      starts.push(a);
    }
    return starts.every(relativeInside) ? null : "find starts outside the working directory";
  }
  if (name === "git") {
    if (args[0] !== "ls-files") return "git output is not a path list";
    if (
      args.some((a) =>
        /^(--full-name|-s|--stage|-t|-v|-f|--format.*|--debug|--eol|-u|--unmerged|--with-tree.*)$/.test(a),
      )
    )
      return "git ls-files prints more than paths";
    // Pathspec magic (`:/`, `:(top)`) lists the whole worktree from a subdirectory: `../.env`.
    return positional.slice(1).every((p) => relativeInside(p) && !p.startsWith(":"))
      ? null
      : "git ls-files pathspec leaves the working directory";
  }
  if (name === "fd" || name === "fdfind") {
    if (
      args.some((a) => /^(-x|-X|--exec|--exec-batch|-l|--list-details|-L|--follow|--format|-a|--absolute-path)/.test(a))
    )
      return "fd prints more than relative paths";
    return positional.slice(1).every(relativeInside) ? null : "fd searches outside the working directory";
  }
  if (name === "rg" || name === "grep") {
    const lists = args.some((a) => a === "--files" || a === "-l" || a === "--files-with-matches" || a === "-L");
    if (!lists || args.some((a) => /^(-L|--follow|-R|--dereference-recursive)$/.test(a) && name === "rg"))
      return `${name} output is not a path list`;
    const paths = args.includes("--files") ? positional : positional.slice(1);
    return paths.every(relativeInside) ? null : `${name} searches outside the working directory`;
  }
  if (name === "ls") return args.every((a) => a === "-1") ? null : "ls output with options or paths";
  return `${name} output is not known to be a list of paths`;
}

/** Names the walk must not meet: secrets, and names xargs would split or read as an option. */
function awkwardName(isSecret: (p: string) => boolean) {
  return (p: string) => isSecret(p) || /[\s'"\\]/.test(basename(p)) || basename(p).startsWith("-");
}

/**
 * Commands that only print the words they are given, whatever those words are: every option of theirs
 * (basename -a/-s/-z, dirname -z, echo -n/-e/-E, --help, --version) prints too. They may take words
 * from any input, even one that is not known.
 */
const STRING_ONLY = new Set(["basename", "dirname", "echo"]);

function xargsProblem(inv: Invocation, ctx: WrapContext): string | null {
  const name = commandName(inv.argv[0] ?? "");
  const outerXargs = inv.from && commandName(inv.from.argv[0] ?? "") === "xargs" ? inv.from : undefined;
  const marker = outerXargs ? xargsMarker(outerXargs.argv) : null;
  // `xargs -I ch echo x`: the marker is replaced in the command name too, which then comes from the input.
  if (marker !== null && (inv.argv[0] ?? "").includes(marker)) return "xargs puts its input into the command name";
  if (STRING_ONLY.has(name) && inv.via[inv.via.length - 1] === "xargs") return null;
  if (!XARGS_READERS.has(name)) return `xargs ${name}: appended words may be read as more than files`;
  const place = stages(inv, ctx.structure);
  const stage = place?.feed ?? null;
  if (place === null || stage === null) return "xargs reads its words from an unknown input";
  const outer = place.own.find((o) => commandName(o.argv[0] ?? "") === "xargs");
  if (!outer || outer.argv.some((a) => /^(-a|--arg-file)/.test(a))) return "xargs reads its words from a file";
  if (literalEcho(stage)) {
    // Split on a delimiter, `echo a ../../x` is one word `a ../../x`: only plain white-space splitting.
    const split = outer.argv.some((a) => /^(-0|--null|-d|--delimiter)/.test(a));
    return split && (stage[0]?.argv.length ?? 0) > 2 ? "xargs splits the echoed words differently" : null;
  }
  const lister = pathLister(stage);
  if (lister) return lister;
  for (const cwd of ctx.cwds) {
    const problem = walkProblem(cwd, ctx.edge, awkwardName(ctx.isSecret), true);
    if (problem)
      return `xargs over a path list: ${problem.replace("which may hold secrets", "a secret or a name xargs would split")}`;
  }
  return null;
}

/** Linters and formatters that print source lines (diagnostics, diffs) of every file they walk. */
const SOURCE_WALKERS = new Set(["ruff", "black", "isort", "gofmt"]);

/**
 * Like `grep -r`: a committed `x.py -> ~/.ssh/id_rsa` would be printed in a diagnostic or a diff, so
 * the directories they walk must hold no secret and no symlink out (file arguments are checked as paths).
 */
function sourceWalkProblem(inv: Invocation, ctx: WrapContext): string | null {
  if (!SOURCE_WALKERS.has(commandName(inv.argv[0] ?? ""))) return null;
  const words = inv.argv.slice(1).filter((a) => !a.startsWith("-"));
  const roots = words.length ? words : ["."];
  for (const cwd of ctx.cwds)
    for (const root of roots) {
      const dir = physicalPath(root, cwd);
      if (dir === null || !isDirectory(dir)) continue;
      const problem = walkProblem(dir, ctx.edge, ctx.isSecret, true);
      if (problem) return problem;
    }
  return null;
}

/** `grep -r` on a handed path follows a symlinked directory the walk did not enter (it may lead anywhere). */
function recursesIntoPaths(inv: Invocation): boolean {
  if (!/^[ef]?grep$/.test(commandName(inv.argv[0] ?? ""))) return false;
  return grepRecurses(inv.argv.slice(1));
}

/** Wrappers that hand a command the paths they find below their start directories. */
const PATH_EXECS = new Set(["find -exec", FIND_START_PATH, "fd -x"]);

/**
 * `find DIR … -exec CMD {} ;|+` and `fd … -x CMD`: like xargs over a path list, CMD must only read
 * the files it is handed (XARGS_READERS, its own options proved on their own), and the walk of each
 * start directory must meet no secret name and no symlink leading out or to a secret. Every word of
 * the finder that names a directory is walked (a superset of its start paths), and "." for fd, which
 * searches the working directory when it is given none. fd's paths may start with a dash: such a name
 * is refused too. Refused before this: more than one -exec, -ok, -L/--follow with fd -x (search-options.ts).
 */
function execProblem(inv: Invocation, ctx: WrapContext): string | null {
  const at = inv.via.findLastIndex((w) => PATH_EXECS.has(w));
  let outer: Invocation | undefined = inv;
  for (let depth = inv.via.length; outer && depth > at; depth--) outer = outer.from;
  if (!outer) return "the command the paths come from is not known";
  const finder = commandName(outer.argv[0] ?? "");
  if (at !== inv.via.length - 1) return "a wrapper inside find -exec";
  const name = commandName(inv.argv[0] ?? "");
  if (!XARGS_READERS.has(name)) return `${finder} runs ${name}, which may do more than read the paths it is handed`;
  if (recursesIntoPaths(inv)) return `${name} recurses into the found paths`;
  // GNU find puts the path in for `{}` inside a word too, fd has `{//}` (the parent) and more: a word
  // like `{}/../x` is checked as the path `x` but reads `./../x` for the start directory `.`.
  const placeholders = finder === "find" ? /^\{\}$/ : /^\{(|\/|\/\/|\.|\/\.)\}$/;
  if (inv.argv.some((a, i) => /\{.*\}/.test(a) && (i === 0 || !placeholders.test(a))))
    return `${finder} puts the found path into a longer word`;
  const words = outer.argv.slice(1);
  const stop = words.findIndex((a) => /^(-exec|-execdir|-x|-X|--exec|--exec-batch)$/.test(a));
  const own = words.slice(0, stop === -1 ? words.length : stop);
  const given = [
    ...own.filter((a) => !a.startsWith("-")),
    ...own.filter((a) => a.startsWith("--search-path=")).map((a) => a.slice(14)),
  ];
  // find with no start path and fd search the working directory.
  const implicit = finder !== "find" || !words.length || /^[-(!]/.test(words[0] as string) ? ["."] : [];
  const secret = finder === "find" ? ctx.isSecret : awkwardName(ctx.isSecret);
  // A start path with a wildcard (`find ../b* -exec cat {} +`) is walked for each directory it matches.
  for (const cwd of ctx.cwds)
    for (const word of new Set([...implicit, ...given]))
      for (const dir of expandedPaths(word, cwd).filter(isDirectory)) {
        const problem = walkProblem(dir, ctx.edge, secret, true);
        if (problem) return `${finder} -exec over ${word}: ${problem}`;
      }
  return null;
}

/**
 * `sed -f FILE`: the script file is read (it is a path like any other word: inside the repository, not
 * a secret) and proved with the same parser as a script on the command line (sed-script.ts), in every
 * directory the command may run in. Only `-f FILE`, `--file FILE` and `--file=FILE`; not `-` or a device
 * (standard input), not a file over 64 KiB. The rest of the command is proved with the script put in
 * as `-e`. Undefined when the command is not a sed reading a script file.
 */
function sedFileReason(inv: Invocation, ctx: WrapContext): string | null | undefined {
  if (commandName(inv.argv[0] ?? "") !== "sed") return undefined;
  const at = inv.argv.findIndex((a, i) => i > 0 && (a === "-f" || a === "--file" || a.startsWith("--file=")));
  if (at === -1) return undefined;
  if (!inv.via.every((w) => TRANSPARENT_WRAPPERS.has(w) && w !== "xargs")) return "sed -f through a wrapper";
  const arg = inv.argv[at] as string;
  const file = arg.startsWith("--file=") ? arg.slice(7) : inv.argv[at + 1];
  if (file === undefined || inv.dynamic[arg.startsWith("--file=") ? at : at + 1]) return "sed -f without a known file";
  if (file === "-" || file.startsWith("/dev/") || file.startsWith("/proc/")) return "sed -f reads standard input";
  let script: string | null = null;
  for (const cwd of ctx.cwds) {
    const real = physicalPath(file, cwd);
    if (real === null || !isInsideDir(real, ctx.edge) || ctx.isSecret(real)) return `sed -f ${file}: not a file inside`;
    let text: string;
    try {
      if (!statSync(real).isFile() || statSync(real).size > 65536) return `sed -f ${file}: not a small file`;
      text = readFileSync(real, "utf8");
    } catch {
      return `sed -f ${file} cannot be read`;
    }
    if (script !== null && text !== script) return `sed -f ${file} differs between directories`;
    script = text;
  }
  if (script === null) return "sed -f: no directory";
  const problem = sedScriptProblem(script.replace(/\n$/, ""));
  if (problem) return `sed -f ${file}: ${problem}`;
  const width = arg.startsWith("--file=") ? 1 : 2;
  const argv = [...inv.argv.slice(0, at), "-e", script, ...inv.argv.slice(at + width)];
  if (argv.slice(1).some((a) => a === "-f" || a === "--file" || a.startsWith("--file="))) return "more than one sed -f";
  return readOnlyReason({ ...inv, argv, dynamic: argv.map(() => false), raw: argv, via: [] });
}

/** Null when the invocation is provably read-only (through transparent wrappers); else why not. */
export function wrappedReadOnlyReason(found: Invocation, ctx: WrapContext): string | null {
  // A `$( )` in an argument runs its commands before the outer one: each is proved as if it stood
  // where the substitution is (analyze.ts decides what the outer command may do with the output).
  const inv = found.via.includes("$( )") ? { ...found, via: found.via.filter((w) => w !== "$( )") } : found;
  // A linter behind `nice`/`timeout` walks and prints the same files as one standing alone.
  return ownReason(inv, ctx) ?? sourceWalkProblem(inv, ctx);
}

function ownReason(inv: Invocation, ctx: WrapContext): string | null {
  const sedFile = sedFileReason(inv, ctx);
  if (sedFile !== undefined) return sedFile;
  if (inv.via.length === 0) return readOnlyReason(inv);
  // uv's own verbs (`uv help`) come out as a wrapped invocation: prove them as uv arguments.
  if (inv.via.length === 1 && inv.via[0] === "uv") {
    const uv = readOnlyCliReason("uv", inv.argv);
    return uv === undefined ? "runs through uv" : uv;
  }
  if (!inv.via.every((w) => TRANSPARENT_WRAPPERS.has(w) || PATH_EXECS.has(w)))
    return `runs through ${inv.via[inv.via.length - 1]}`;
  if (inv.via.filter((w) => w === "xargs").length > 1) return "nested xargs";
  const bare = readOnlyReason({ ...inv, via: [] });
  if (bare !== null) return bare;
  if (inv.via.some((w) => PATH_EXECS.has(w))) return execProblem(inv, ctx);
  return inv.via.includes("xargs") ? xargsProblem(inv, ctx) : null;
}
