// Analyse one shell command line: hard deny, provable allow, or "ask the LLM", with a per-part
// account that `ccgate explain` prints.
import { existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { literalOf } from "../shell/parse.ts";
import { certificateInputProblem, withoutCertificateInputs } from "./cert-input.ts";
import { type PathFacts, resolveArg } from "./facts.ts";
import { gitConfigProblem } from "./git-config.ts";
import { gitMoved } from "./git-work-dir.ts";
import { type Finding, hardDenyFindings } from "./hard-deny.ts";
import { analyzeStructure, commandName, DYNAMIC, type Invocation, type Structure } from "./invocations.ts";
import { listingWalkProblem } from "./listing-walk.ts";
import { nonPathWordIndexes, printedWordIndexes } from "./read-only.ts";
import { zshOnlyExpansion } from "./read-only-cli.ts";
import {
  expandGlob,
  isDirectory,
  isInsideDir,
  isSpecialFile,
  physicalPath,
  realBoundary,
  unquotedExpansions,
  unsafeBoundary,
} from "./real-path.ts";
import { recursiveReadProblem } from "./recursive-read.ts";
import { readRegularFile } from "./regular-file.ts";
import { pythonLinterConfigProblem } from "./ruff-config.ts";
import { commandFinding, type ProtectedSet } from "./self-protect.ts";
import { toolchainFileProblem } from "./toolchain-file.ts";
import { wrappedReadOnlyReason } from "./wrapped.ts";

/** git runs in `-C` dirs (each relative to the previous); the repo config there must be inert. */
function gitProblem(inv: Invocation, cwd: string, edge: string): string | null {
  let dir = cwd;
  let sub = "";
  let rest: string[] = [];
  for (let i = 1; i < inv.argv.length; i++) {
    const a = inv.argv[i] as string;
    if (a === "-C" && inv.argv[i + 1] !== undefined) {
      dir = physicalPath(inv.argv[i + 1] as string, dir) ?? dir;
      i++;
    } else if (!a.startsWith("-")) {
      sub = a;
      rest = inv.argv.slice(i + 1);
      break;
    }
  }
  const printsConfig = sub === "remote" || sub === "config" || sub === "submodule";
  // The remote word of fetch / ls-remote (first operand) and request-pull (second): their options
  // on the fast path never take a separate value.
  const operands = rest.filter((w) => !w.startsWith("-"));
  const remote = sub === "request-pull" ? operands[1] : operands[0];
  const recurses = !rest.includes("--no-recurse-submodules");
  const at = physicalPath(".", dir) ?? dir;
  // `git remote show NAME…` asks each remote, as ls-remote does, unless -n.
  if (sub === "remote" && rest[0] === "show" && !rest.includes("-n"))
    for (const name of operands.slice(1)) {
      const problem = gitConfigProblem(at, edge, true, "ls-remote", name, recurses);
      if (problem) return problem;
    }
  return gitConfigProblem(at, edge, printsConfig, sub, remote, recurses);
}

/** The operands of a git moved by `-C` hold where it runs (git-work-dir.ts). */
function gitMovedProblem(inv: Invocation, facts: PathFacts, cwd: string, edge: string): string | null {
  const moved = gitMoved(inv, cwd);
  if (moved === undefined) return null;
  if (moved === null || !isInsideDir(moved.dir, edge)) return "git -C leaves the repository or is unknown";
  return (
    pathProblem(withoutCertificateInputs(moved.inv), facts, moved.dir, edge) ??
    recursiveReadProblem(moved.inv, moved.dir, edge, isSensitivePath)
  );
}

export type CommandVerdict = "deny" | "allow" | "llm";

export interface PartReport {
  /** The invocation as text (expansions shown as `…`). */
  text: string;
  status: "deny" | "read-only" | "needs-llm";
  note: string;
}

export interface CommandAnalysis {
  verdict: CommandVerdict;
  /** Rule id for deny/allow (`read-only` for a provable allow). */
  rule?: string;
  /** Message for the agent (deny). */
  message?: string;
  /** One-line explanation. */
  reason: string;
  findings: Finding[];
  parts: PartReport[];
  /** The parsed command, for whatever else needs its words (referenced paths in the prompt). */
  structure: Structure;
}

/** A user-supplied hard-deny pattern (regular expression over each command and the whole line). */
export interface UserRule {
  pattern: string;
  message?: string;
}

const SENSITIVE =
  /^(\.env(\..*|~)?|.*\.env|.*\.pem|.*\.key|.*\.p12|.*\.pfx|.*\.jks|.*\.keystore|id_(rsa|dsa|ecdsa|ed25519)(\.pub)?|\.netrc|_netrc|\.npmrc|\.yarnrc(\.yml)?|\.pypirc|\.pgpass|\.boto|\.s3cfg|\.dockercfg|\.git-credentials|\.vault-token|\.htpasswd|credentials(\.json)?|secrets?\.(json|ya?ml|toml)|known_hosts|authorized_keys|terraform\.tfstate.*|.*\.tfstate(\.backup)?|kubeconfig|.*\.kubeconfig|\.credentials\.json|\.(bash|zsh|sh|psql|mysql|python|node_repl)_history|\.history)$/i;
/** A word bash tilde-expands after `=` and `:` like an assignment (`a=~/x`, `a[1]+=x:~/y`). */
const ASSIGNMENT_SHAPED = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
const DEVICES = new Set(["/dev/null", "/dev/stdin", "/dev/stdout", "/dev/stderr", "/dev/tty"]);

export function isSensitivePath(path: string): boolean {
  return (
    SENSITIVE.test(basename(path)) ||
    /\/\.(ssh|gnupg|aws|kube|docker|azure|gcloud|config\/gcloud|config\/gh|password-store)\//i.test(`${path}/`) ||
    gitConfigWithCredential(path)
  );
}

/**
 * A git config (`.git/config`, also of submodules and worktrees, a `config.worktree`, and the config of a
 * bare repository anywhere in the tree: a directory holding HEAD and objects/) holding a credential: a
 * remote URL with `user:token@`, or an `http.extraHeader` (CI checkouts leave `AUTHORIZATION: basic …`
 * there). `git remote -v` is refused for it (git-config.ts); `cat .git/config` or a walk that reads it
 * must be too.
 */
function gitConfigWithCredential(path: string): boolean {
  // Case-insensitively: on macOS `.GIT/CONFIG` is the same file.
  if (!/^config(\.worktree)?$/i.test(basename(path))) return false;
  const dir = dirname(path);
  if (!/\/\.git\//i.test(path) && !(existsSync(join(dir, "HEAD")) && existsSync(join(dir, "objects")))) return false;
  if (!existsSync(path)) return false;
  const text = readRegularFile(path);
  // A config that is too large, or not a plain file (a FIFO there would hang the hook), is not read: refused.
  return text === null || /:\/\/[^\s/@]+:[^\s/@]+@|extraheader/i.test(text);
}

/** A word the shell turns into paths, expanded and resolved; null when every result is provably fine. */
function wordPathProblem(value: string, raw: string, facts: PathFacts, cwd: string, edge: string): string | null {
  if (DEVICES.has(value)) return null;
  const shown = value.replaceAll(DYNAMIC, "…");
  const { glob, brace } = unquotedExpansions(raw);
  if (brace) return `${raw} has a brace expansion`;
  // bash expands a `~` after the `=` (or a `:`) of an argument shaped like an assignment: `cat a=~/x`
  // reads `a=/home/me/x`, through whatever a committed `a=` directory holds.
  if (ASSIGNMENT_SHAPED.test(raw) && raw.includes("~")) return `${raw} has a tilde expansion after its =`;
  let written = value;
  if (/^"?(\$HOME|\$\{HOME\})/.test(raw) || value === "~" || value.startsWith("~")) {
    const r = resolveArg(value, raw, facts, cwd);
    if (r === null) return `path ${shown} cannot be resolved`;
    written = r;
  } else if (value.includes(DYNAMIC)) return `argument ${shown} is only known at run time`;
  let candidates: string[] = [written];
  if (glob) {
    if (/^"?(\$HOME|\$\{HOME\})/.test(raw) || value.startsWith("~")) return `glob ${raw} outside the repository`;
    const expanded = expandGlob(written, cwd, (n) => SENSITIVE.test(n));
    if (typeof expanded === "string") return `glob ${raw}: ${expanded}`;
    candidates = expanded.length ? expanded : [written];
  }
  for (const c of candidates) {
    if (isSensitivePath(resolve(cwd, c))) return `${shown} may hold secrets`;
    const real = physicalPath(c, cwd);
    if (real === null) return `path ${shown} cannot be resolved`;
    if (!isInsideDir(real, edge)) return `path ${shown} is outside the repository`;
    if (isSensitivePath(real)) return `${shown} resolves to a file that may hold secrets`;
    if (isSpecialFile(real)) return `${shown} is a device or FIFO, not a file of the repository`;
  }
  return null;
}
/** Whether PATH (when set) has an empty or relative entry. */
function relativePathEntry(path: string | undefined): boolean {
  return path?.split(":").some((d) => !d.startsWith("/")) === true;
}

function display(inv: Invocation): string {
  const via = inv.via.length ? `[${inv.via.join(" › ")}] ` : "";
  return via + inv.argv.map((a) => a.replaceAll(DYNAMIC, "…")).join(" ");
}

/**
 * Every argument is treated as a path (a pattern word that names no file resolves inside and is
 * harmless): after globs and symlinks it must stay inside the repository and away from secrets.
 */
function pathProblem(inv: Invocation, facts: PathFacts, cwd: string, edge: string): string | null {
  let options = true;
  // Words the invocation's proof found to be no paths (read-only.ts): awk programs, ARM ids, API endpoints.
  const names = nonPathWordIndexes(inv, cwd);
  // Words echo prints, whose `$( )` commands are proved on their own (their globs: read-only.ts).
  const printed = printedWordIndexes(inv);
  for (let i = 1; i < inv.argv.length; i++) {
    const arg = inv.argv[i] as string;
    const raw = inv.raw[i] ?? arg;
    if (printed.includes(i)) continue;
    if (names.includes(i)) {
      // The proof read the word as written: a glob or brace the shell expands would hand over other words.
      const { glob, brace } = unquotedExpansions(raw);
      if (glob || brace) return `${raw} is expanded by the shell into words that were not proved`;
      continue;
    }
    if (options && arg === "--") {
      options = false;
      continue;
    }
    if (options && arg.startsWith("-") && arg.length > 1) {
      const eq = arg.indexOf("=");
      if (eq === -1) {
        if (arg.includes(DYNAMIC)) return `argument ${arg.replaceAll(DYNAMIC, "…")} is only known at run time`;
        if (/[/~]/.test(arg.slice(2)) || unquotedExpansions(raw).brace)
          return `option ${arg} carries a path that is not checked`;
        // A glued short-option value (`-fnotes.txt`) may name a file: check it as one.
        if (!arg.startsWith("--") && arg.length > 2) {
          const glued = wordPathProblem(arg.slice(2), raw.startsWith("-") ? raw.slice(2) : "", facts, cwd, edge);
          if (glued) return `option ${arg}: ${glued}`;
        }
        continue;
      }
      const rawEq = raw.indexOf("=");
      const problem = wordPathProblem(arg.slice(eq + 1), rawEq === -1 ? "" : raw.slice(rawEq + 1), facts, cwd, edge);
      if (problem) return problem;
      continue;
    }
    const problem = wordPathProblem(arg, raw, facts, cwd, edge);
    if (problem) return problem;
  }
  return null;
}

/** A `$( )` in an argument: its output may only become words that echo prints (read-only.ts). */
function substitutionProblem(inv: Invocation): string | null {
  const printed = printedWordIndexes(inv);
  const at = inv.substitutions?.findIndex((s, i) => s !== undefined && !printed.includes(i)) ?? -1;
  if (at === -1) return null;
  return `${inv.raw[at] ?? "a word"}: the output of a command substitution becomes an argument`;
}

function redirectProblem(inv: Invocation, facts: PathFacts, cwd: string, edge: string): string | null {
  for (const r of inv.redirects) {
    const target = r.target.raw;
    if (r.op === ">&" || r.op === "<&") {
      if (/^(\d+|-)$/.test(target)) continue;
      return `redirect ${r.op}${target} writes a file`;
    }
    if (r.op === "<<" || r.op === "<<-") continue; // expansions inside were checked structurally
    if (r.op === "<<<") {
      if (r.target.parts.every((p) => p.type === "lit")) continue;
      return "here-string with expansions";
    }
    if (r.op === "<") {
      const value = literalOf(r.target);
      if (value !== null && !wordPathProblem(value, target, facts, cwd, edge)) continue;
      return `reads ${target} from outside the repository or a secret file`;
    }
    if (DEVICES.has(target)) continue;
    return `redirect ${r.op} ${target} writes a file`;
  }
  return null;
}

function userFindings(structure: Structure, command: string, rules: UserRule[]): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    let re: RegExp;
    try {
      re = new RegExp(rule.pattern);
    } catch {
      continue; // validated at config load; never let a bad pattern break the hook
    }
    const texts = [command, ...structure.invocations.map((inv) => inv.argv.join(" "))];
    if (texts.some((t) => re.test(t))) {
      out.push({
        rule: `user:${rule.pattern}`,
        message:
          rule.message ||
          `Blocked by the user's hard-deny rule /${rule.pattern}/. Do not try to work around it; ask the user.`,
        detail: `matches /${rule.pattern}/`,
      });
    }
  }
  return out;
}

export function analyzeCommand(
  command: string,
  facts: PathFacts,
  userRules: UserRule[] = [],
  selfProtect: ProtectedSet | null = null,
  /** Built-in hard-deny rule ids the user switched off (`fast_path.disable`). */
  disabled: readonly string[] = [],
  /** Only a deny is wanted: with no finding the answer is "llm" without proving an allow. */
  denyOnly = false,
): CommandAnalysis {
  const structure = analyzeStructure(command, { cwd: facts.cwd, home: facts.home });
  // self-protect.ts: writes to the gate's own settings come first
  const guard = selfProtect ? commandFinding(structure, command, facts.cwd, selfProtect) : null;
  // A built-in hard deny (deleting the home directory, sudo …) names the danger more precisely than
  // self-protection, which such commands also trip; self-protection still denies on its own.
  const findings = [
    ...userFindings(structure, command, userRules),
    ...hardDenyFindings(structure, facts).filter((f) => !disabled.includes(f.rule)),
    ...(guard ? [guard] : []),
  ];
  if (denyOnly && findings.length === 0)
    return { verdict: "llm", reason: "only a deny was asked for", findings, parts: [], structure };
  const parts: PartReport[] = [];
  const edge = realBoundary(facts.boundary);
  let provable = structure.errors.length === 0 && structure.complex.length === 0 && structure.invocations.length > 0;
  if (zshOnlyExpansion(command)) {
    provable = false;
    parts.push({
      text: "(zsh)",
      status: "needs-llm",
      note: "zsh expands =WORD, $~ $= $^ $+ and <N-M> where bash sees text",
    });
  }
  // A PATH entry that is not absolute (`.`, an empty one, `node_modules/.bin`) is looked up from the
  // directory the command runs in: any command name could then run a file of the repository.
  if (relativePathEntry(process.env.PATH)) {
    provable = false;
    parts.push({ text: "(PATH)", status: "needs-llm", note: "PATH has an entry that is not absolute" });
  }
  if (unsafeBoundary(facts.boundary, facts.home)) {
    provable = false;
    parts.push({ text: "(boundary)", status: "needs-llm", note: "no repository: the edge would be / or the home dir" });
  }
  // Every directory a later command may run in: a `cd` can fail, or sit in a pipeline or after `||`,
  // so the earlier directories stay possible and every path must hold in each of them.
  let cwds = [facts.cwd];
  for (const inv of structure.invocations) {
    let note = wrappedReadOnlyReason(inv, { structure, cwds, edge, isSecret: isSensitivePath });
    if (note === null && commandName(inv.argv[0] ?? "") === "cd") {
      const target = inv.argv[1];
      const raw = inv.raw[1] ?? target ?? "";
      const literal = target !== undefined && !inv.dynamic[1] && !/[*?[{~$`\\]/.test(raw) && !target.startsWith("-");
      // bash's cd is logical: `..` is removed as text first, then the result is entered. The directories
      // are kept in that logical form ($PWD: asdf walks it, and a later `cd ..` leaves the symlink it
      // came through); every check resolves them to their real location itself.
      const logical = literal ? cwds.map((d) => resolve(d, target)) : [];
      const paths = literal ? logical.map((p) => physicalPath(p, "/")) : [null];
      // CDPATH (the user's environment or shell startup files may set it) sends `cd name` elsewhere when
      // no such directory is here, and before it when it is set at all. (In a chain, `cd src && cd deep`, the
      // directory need only be in one of the places the line may be: where it is missing, cd failed before.)
      const cdpath = Boolean(process.env.CDPATH) && !/^\.{0,2}\//.test(target ?? "");
      if (inv.argv.length !== 2 || inv.via.length || paths.some((p) => p === null || !isInsideDir(p, edge)))
        note = "cd leaves the repository or is not a literal path";
      else if (cdpath || paths.every((p) => !isDirectory(p as string)))
        note = "cd may follow CDPATH elsewhere (CDPATH is set, or no such directory is here)";
      else cwds = [...new Set([...cwds, ...logical])];
    }
    if (note === null && substitutionProblem(inv)) note = substitutionProblem(inv);
    for (const dir of cwds) {
      if (note !== null) break;
      if (commandName(inv.argv[0] ?? "") === "git") note = gitProblem(inv, dir, edge);
      note ??= toolchainFileProblem(inv, dir, edge, isSensitivePath);
      note ??= pythonLinterConfigProblem(inv, dir);
      note ??= certificateInputProblem(inv, dir, edge);
      note ??=
        pathProblem(withoutCertificateInputs(inv), facts, dir, edge) ??
        redirectProblem(inv, facts, dir, edge) ??
        recursiveReadProblem(inv, dir, edge, isSensitivePath) ??
        listingWalkProblem(inv, dir, edge);
      if (note === null && commandName(inv.argv[0] ?? "") === "git") note = gitMovedProblem(inv, facts, dir, edge);
    }
    if (note !== null) provable = false;
    parts.push({ text: display(inv), status: note === null ? "read-only" : "needs-llm", note: note ?? "read-only" });
  }
  if (structure.errors.length)
    parts.push({ text: "(syntax)", status: "needs-llm", note: structure.errors[0] ?? "syntax error" });
  for (const c of new Set(structure.complex))
    parts.push({ text: `(${c})`, status: "needs-llm", note: "not provable statically" });
  const first = findings[0];
  if (first) {
    for (const f of findings) parts.push({ text: f.detail, status: "deny", note: f.rule });
    return {
      verdict: "deny",
      rule: first.rule,
      message: first.message,
      reason: first.detail,
      findings,
      parts,
      structure,
    };
  }
  if (provable)
    return {
      verdict: "allow",
      rule: "read-only",
      reason: "every command is read-only and stays inside the repository",
      findings,
      parts,
      structure,
    };
  const why = parts.find((p) => p.status === "needs-llm");
  return {
    verdict: "llm",
    reason: why ? `${why.text} — ${why.note}` : "nothing to analyse",
    findings,
    parts,
    structure,
  };
}
