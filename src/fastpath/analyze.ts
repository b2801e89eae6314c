// Analyse one shell command line: hard deny, provable allow, or "ask the LLM", with a per-part
// account that `ccgate explain` prints.
import { basename } from "node:path";
import { isInside, type PathFacts, resolveArg } from "./facts.ts";
import { type Finding, hardDenyFindings } from "./hard-deny.ts";
import { analyzeStructure, commandName, DYNAMIC, type Invocation, type Structure } from "./invocations.ts";
import { readOnlyReason } from "./read-only.ts";
import { commandFinding, type ProtectedSet } from "./self-protect.ts";

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
}

/** A user-supplied hard-deny pattern (regular expression over each command and the whole line). */
export interface UserRule {
  pattern: string;
  message?: string;
}

const SENSITIVE =
  /^(\.env(\..*)?|.*\.pem|.*\.key|id_(rsa|dsa|ecdsa|ed25519)(\.pub)?|\.netrc|\.npmrc|\.pypirc|\.pgpass|credentials(\.json)?|.*\.p12|.*\.pfx|secrets?\.(json|ya?ml|toml)|\.git-credentials|known_hosts|authorized_keys)$/i;
const DEVICES = new Set(["/dev/null", "/dev/stdin", "/dev/stdout", "/dev/stderr", "/dev/tty"]);

export function isSensitivePath(path: string): boolean {
  return SENSITIVE.test(basename(path)) || /\/\.(ssh|gnupg|aws|kube|docker)\//.test(`${path}/`);
}

function display(inv: Invocation): string {
  const via = inv.via.length ? `[${inv.via.join(" › ")}] ` : "";
  return via + inv.argv.map((a) => a.replaceAll(DYNAMIC, "…")).join(" ");
}

/** Path-like arguments must stay inside the repository and away from secrets. */
function pathProblem(inv: Invocation, facts: PathFacts, cwd: string): string | null {
  for (let i = 1; i < inv.argv.length; i++) {
    const arg = inv.argv[i] as string;
    const value = arg.startsWith("-") && arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : arg;
    if (value.includes(DYNAMIC)) return `argument ${arg.replaceAll(DYNAMIC, "…")} is only known at run time`;
    const pathy = value.startsWith("/") || value.startsWith("~") || value.startsWith(".") || value.includes("/");
    if (!pathy && !SENSITIVE.test(value)) continue;
    if (DEVICES.has(value)) continue;
    const resolved = resolveArg(value, inv.raw[i] ?? value, facts, cwd);
    if (resolved === null) return `path ${value} cannot be resolved`;
    if (!isInside(resolved, facts.boundary)) return `path ${value} is outside the repository`;
    if (isSensitivePath(resolved)) return `${value} may hold secrets`;
  }
  return null;
}

function redirectProblem(inv: Invocation, facts: PathFacts, cwd: string): string | null {
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
      const path = resolveArg(target, target, facts, cwd);
      if (path && isInside(path, facts.boundary) && !isSensitivePath(path)) continue;
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
): CommandAnalysis {
  const structure = analyzeStructure(command, { cwd: facts.cwd, home: facts.home });
  // self-protect.ts: writes to the gate's own settings come first
  const guard = selfProtect ? commandFinding(structure, command, facts.cwd, selfProtect) : null;
  const findings = [
    ...(guard ? [guard] : []),
    ...userFindings(structure, command, userRules),
    ...hardDenyFindings(structure, facts),
  ];
  const parts: PartReport[] = [];
  let cwd = facts.cwd;
  let provable = structure.errors.length === 0 && structure.complex.length === 0 && structure.invocations.length > 0;
  for (const inv of structure.invocations) {
    let note = readOnlyReason(inv);
    if (note === null && commandName(inv.argv[0] ?? "") === "cd") {
      const target = inv.argv[1];
      const path = target === undefined ? null : resolveArg(target, inv.raw[1] ?? target, facts, cwd);
      if (inv.argv.length !== 2 || path === null || !isInside(path, facts.boundary))
        note = "cd leaves the repository or is not a literal path";
      else cwd = path;
    }
    note ??= pathProblem(inv, facts, cwd) ?? redirectProblem(inv, facts, cwd);
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
    return { verdict: "deny", rule: first.rule, message: first.message, reason: first.detail, findings, parts };
  }
  if (provable)
    return {
      verdict: "allow",
      rule: "read-only",
      reason: "every command is read-only and stays inside the repository",
      findings,
      parts,
    };
  const why = parts.find((p) => p.status === "needs-llm");
  return { verdict: "llm", reason: why ? `${why.text} — ${why.note}` : "nothing to analyse", findings, parts };
}
