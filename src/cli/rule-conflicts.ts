// The fast path decides some requests before the user's rules are read: a built-in hard deny wins
// over an allow rule (`sudo apt-get update` is fine here), and a provable read-only allow wins over a
// deny rule (`git status` is not). `config` and `doctor` warn when a rule of the user's quotes a
// command in backticks that the fast path decides the other way, and name the switch that hands it
// back to the rules. Interactive commands only; the hook never runs this.

import { pathFacts } from "../app/deps.ts";
import type { Config } from "../config/schema.ts";
import type { GitFacts } from "../core/ports.ts";
import type { Target } from "../core/types.ts";
import { analyzeCommand } from "../fastpath/analyze.ts";
import { HOSTS } from "../hosts/index.ts";

export interface RuleConflict {
  list: "allow" | "deny";
  command: string;
  message: string;
}

/** Backtick-quoted commands in a rule's text (`sudo apt-get update`), not the deny_message part. */
function quotedCommands(rule: string): string[] {
  const text = rule.split(/\bdeny_message:/)[0] ?? rule;
  return [...text.matchAll(/`([^`\n]{1,500})`/g)].map((m) => (m[1] as string).trim()).filter(Boolean);
}

export function ruleConflicts(
  target: Target,
  config: Config,
  cwd: string,
  git: GitFacts | null,
  env: Record<string, string | undefined>,
): RuleConflict[] {
  if (!config.fast_path.enabled) return [];
  const builtIn = HOSTS[target].defaults.DEFAULTS as { allow?: readonly string[]; deny?: readonly string[] };
  const facts = pathFacts(cwd, git, config, env);
  const out: RuleConflict[] = [];
  for (const list of ["allow", "deny"] as const) {
    for (const rule of config[list]) {
      if (builtIn[list]?.includes(rule)) continue;
      for (const command of quotedCommands(rule)) {
        const a = analyzeCommand(command, facts, config.fast_path.hard_deny, null, config.fast_path.disable ?? []);
        if (list === "allow" && a.verdict === "deny")
          out.push({
            list,
            command,
            message: `allow rule quotes \`${command}\`, but the fast path denies it first (${a.rule}); ${
              config.fast_path.hard_deny.some((r) => new RegExp(r.pattern).test(command))
                ? "your own fast_path.hard_deny matches it"
                : `fast_path.disable: ['${a.rule}'] in the global file hands it to your rules`
            }`,
          });
        if (list === "deny" && a.verdict === "allow" && config.fast_path.read_only_allow !== false)
          out.push({
            list,
            command,
            message: `deny rule quotes \`${command}\`, but the fast path allows it first as read-only; fast_path.read_only_allow: false hands it to your rules (or add a fast_path.append_hard_deny pattern)`,
          });
      }
    }
  }
  return out;
}
