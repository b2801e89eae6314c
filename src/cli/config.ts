// `ccgate <target> config [--json] [--cwd DIR]`: the effective configuration, which layer set each
// value, and what happened to every candidate file. Read-only.
import { defineCommand } from "citty";
import { loadConfigAt } from "../app/config.ts";
import { type LayerReport, trustCommand } from "../config/load.ts";
import type { Target } from "../core/types.ts";
import { ExitCode } from "./exit-code.ts";
import { ruleConflicts } from "./rule-conflicts.ts";

export function configCommand(target: Target) {
  return defineCommand({
    meta: { name: "config", description: "Show the effective configuration and where each value came from" },
    args: {
      json: { type: "boolean", description: "Machine-readable output" },
      cwd: { type: "string", description: "Resolve project files as if the hook ran in this directory" },
    },
    run: ({ args }) => {
      const cwd = args.cwd ?? process.cwd();
      const result = loadConfigAt(target, { cwd, env: process.env });
      if (args.json) {
        process.stdout.write(
          `${JSON.stringify(result.ok ? { ok: true, config: result.config, provenance: result.provenance, layers: result.layers } : { ok: false, error: result.error, layers: result.layers }, null, 2)}\n`,
        );
        if (!result.ok) throw new ExitCode(1);
        return;
      }
      const w = (s: string) => process.stdout.write(`${s}\n`);
      w(`ccgate ${target} configuration for ${cwd}\n`);
      w("Files:");
      for (const l of result.layers) {
        w(
          `  ${l.layer.padEnd(13)} ${l.status.padEnd(16)} ${l.path}${l.detail ? `\n  ${" ".repeat(30)}${l.detail}` : ""}`,
        );
        const note = trustNote(target, l, args.cwd);
        if (note) w(`  ${" ".repeat(30)}${note}`);
      }
      if (!result.ok) {
        w("\nError:");
        for (const d of result.error.details) w(`  ${d}`);
        throw new ExitCode(1);
      }
      const c = result.config;
      const p = result.provenance;
      const from = (k: string) => `  [${p[k] ?? "defaults"}]`;
      w("\nSettings:");
      w(
        `  provider           ${c.provider.name} / ${c.provider.model}${c.provider.base_url ? ` @ ${c.provider.base_url}` : ""}${c.provider.auth ? ` (auth: ${c.provider.auth.type})` : ""}${from("provider")}`,
      );
      w(`  fallthrough        ${c.fallthrough_strategy}${from("fallthrough_strategy")}`);
      w(
        `  fast path          ${c.fast_path.enabled ? "on" : "off"}, ${c.fast_path.hard_deny.length} user hard-deny pattern(s)${from("fast_path.hard_deny")}`,
      );
      w(`  self-protect       ${c.fast_path.self_protect ? "on" : "OFF"}${from("fast_path.self_protect")}`);
      if (c.fast_path.disable?.length)
        w(`  hard deny OFF for  ${c.fast_path.disable.join(", ")}${from("fast_path.disable")}`);
      if (c.fast_path.read_only_allow === false) w(`  read-only allow    OFF${from("fast_path.read_only_allow")}`);
      w(
        `  cache              ${c.cache.enabled && c.cache.ttl_ms > 0 ? `on, ttl ${c.cache.ttl_ms} ms` : "off"}${from("cache")}`,
      );
      w(`  log                ${c.log_disabled ? "disabled" : c.log_path}${from("log_path")}`);
      w(`  metrics            ${c.metrics_disabled ? "disabled" : c.metrics_path}${from("metrics_path")}`);
      for (const list of ["allow", "deny", "environment"] as const) {
        w(`\n${list} (${c[list].length})${from(list)}:`);
        for (const rule of c[list]) w(`  - ${rule.length > 150 ? `${rule.slice(0, 147)}...` : rule}`);
      }
      const conflicts = ruleConflicts(target, c, cwd, result.git, process.env);
      if (conflicts.length) {
        w("\nWarnings (the fast path decides these before your rules are read):");
        for (const x of conflicts) w(`  ! ${x.message}`);
      }
    },
  });
}

/** What trust means for a loaded project layer, with the one command that changes it; null if moot. */
export function trustNote(target: Target, l: LayerReport, cwd?: string): string | null {
  if (!l.trust?.gated.length) return null;
  const fields = l.trust.gated.join(", ");
  if (l.trust.state === "trusted") return `${fields}: applied (trusted project file)`;
  const why = l.trust.state === "changed" ? "project file changed since you trusted it" : "untrusted project file";
  const cmd = `${trustCommand(target)}${cwd ? ` --cwd ${JSON.stringify(cwd)}` : ""}`;
  return `${fields}: not applied (${why}; run \`${cmd}\`)`;
}
