// `ccgate <target> trust [PATH] [--cwd DIR] [--revoke] [--list]`: let the project files of this
// repository (its `.claude/ccgate.local.jsonnet`, and in a linked worktree the main checkout's)
// apply the settings that can move the API key or run code (provider, log/metrics paths, an
// allowing fallthrough). Records the exact content; any later edit needs trusting again. Only files
// that ccgate would load anyway (real, regular, untracked, valid) can be trusted.
import { resolve } from "node:path";
import { defineCommand } from "citty";
import { loadConfigAt } from "../app/config.ts";
import type { LayerReport } from "../config/load.ts";
import { readTrustStore, writeTrustStore } from "../config/trust.ts";
import type { Target } from "../core/types.ts";
import { ExitCode } from "./exit-code.ts";

/** One line per gated setting, as the user should see it before trusting it. */
function describeGated(values: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(values)) {
    if (k !== "provider") {
      out.push(`${k}: ${JSON.stringify(v)}`);
      continue;
    }
    const p = v as Record<string, unknown> & { auth?: Record<string, unknown> };
    out.push(`provider: ${String(p.name)}${p.model ? ` / ${String(p.model)}` : ""}`);
    if (p.base_url) out.push(`  base_url: ${String(p.base_url)}  (your API key is sent here)`);
    if (p.auth?.type === "exec") out.push(`  auth: exec, runs: ${String(p.auth.command)}`);
    else if (p.auth) out.push(`  auth: ${String(p.auth.type)}${p.auth.path ? ` ${String(p.auth.path)}` : ""}`);
    if (p.codex_bin) out.push(`  codex_bin: ${String(p.codex_bin)}  (runs this program)`);
    if (p.codex_home) out.push(`  codex_home: ${String(p.codex_home)}`);
  }
  return out;
}

export function trustCommandDef(target: Target) {
  return defineCommand({
    meta: {
      name: "trust",
      description:
        "Let this repository's project file(s) set provider, log/metrics paths (records their exact content)",
    },
    args: {
      path: { type: "positional", required: false, description: "Only this project file" },
      cwd: { type: "string", description: "The repository to look in (default: the current directory)" },
      revoke: { type: "boolean", description: "Forget the trust instead" },
      list: { type: "boolean", description: "List the trusted files" },
    },
    run: ({ args }) => {
      const env = process.env;
      const w = (s: string) => process.stdout.write(`${s}\n`);
      const store = readTrustStore(target, env);
      if (args.list) {
        const paths = Object.keys(store).sort();
        if (!paths.length) w("no trusted project files");
        for (const p of paths) w(`${p}  sha256 ${store[p]?.sha256}  (trusted ${store[p]?.trusted_at})`);
        return;
      }
      const cwd = resolve(args.cwd ?? process.cwd());
      const wanted = args.path ? resolve(cwd, String(args.path)) : null;
      const loaded = loadConfigAt(target, { cwd, env });
      const project = loaded.layers.filter((l) => l.layer === "local" || l.layer === "main-worktree");
      const selected = project.filter((l) => !wanted || l.path === wanted);

      if (args.revoke) {
        const paths = wanted ? [wanted] : selected.map((l) => l.path);
        const gone = paths.filter((p) => p in store);
        for (const p of gone) delete store[p];
        if (gone.length) writeTrustStore(target, env, store);
        w(gone.length ? gone.map((p) => `no longer trusted: ${p}`).join("\n") : "nothing to revoke");
        return;
      }
      if (!loaded.ok) {
        process.stderr.write(`ccgate: error: the configuration does not load: ${loaded.error.message}\n`);
        throw new ExitCode(1);
      }
      const usable = selected.filter((l): l is LayerReport & { trust: NonNullable<LayerReport["trust"]> } => !!l.trust);
      if (!usable.length) {
        process.stderr.write(
          `ccgate: error: ${wanted ? `${wanted} is not a project file ccgate loads here` : "no project file to trust here"}\n`,
        );
        for (const l of project)
          process.stderr.write(`  ${l.layer}: ${l.status} ${l.path}${l.detail ? ` (${l.detail})` : ""}\n`);
        throw new ExitCode(1);
      }
      let changed = false;
      for (const l of usable) {
        if (!l.trust.gated.length) {
          w(`${l.path}: sets nothing that needs trust (its rules apply already)`);
          continue;
        }
        if (l.trust.state === "trusted") {
          w(`${l.path}: already trusted (sha256 ${l.trust.sha256})`);
          continue;
        }
        store[l.path] = { sha256: l.trust.sha256, imports: l.trust.imports, trusted_at: new Date().toISOString() };
        changed = true;
        w(`trusted ${l.path} (sha256 ${l.trust.sha256}); it may now set:`);
        for (const line of describeGated(l.trust.values)) w(`  ${line}`);
        for (const [imp] of l.trust.imports) w(`  (and the content of its import ${imp})`);
      }
      if (changed) writeTrustStore(target, env, store);
    },
  });
}
