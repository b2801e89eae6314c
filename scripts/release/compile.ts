// One place that knows how a ccgate binary is compiled, for `bun run build` and the release set.
// Autoloading of .env and bunfig.toml is OFF: a hook runs inside untrusted repositories, and a
// planted .env must never redirect an API key or base URL.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface CompileOptions {
  /** Bun target (e.g. bun-linux-x64); omitted = this machine. */
  target?: string;
  outfile: string;
  version: string;
  /** JSC bytecode (default on): measured to halve start-up, see bench/hook and the release notes. */
  bytecode?: boolean;
  root?: string;
  /** Entry point (default src/main.ts). */
  entry?: string;
}

export function projectVersion(root = process.cwd()): { version: string; commit: string; stamp: string } {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  const git = existsSync(join(root, ".git")) ? Bun.spawnSync(["git", "rev-parse", "--short", "HEAD"], { cwd: root, stderr: "ignore" }) : null;
  const commit = git?.success ? git.stdout.toString().trim() : "";
  return { version: pkg.version, commit, stamp: pkg.version + (commit ? ` (${commit})` : "") };
}

export async function compileBinary(options: CompileOptions): Promise<{ ok: true } | { ok: false; errors: string[] }> {
  const root = options.root ?? process.cwd();
  const result = await Bun.build({
    entrypoints: [options.entry ?? join(root, "src/main.ts")],
    minify: true,
    bytecode: options.bytecode ?? true,
    define: { CCGATE_VERSION: JSON.stringify(options.version) },
    compile: {
      ...(options.target ? { target: options.target as Bun.Build.CompileTarget } : {}),
      outfile: options.outfile,
      autoloadDotenv: false,
      autoloadBunfig: false,
    },
  });
  return result.success ? { ok: true } : { ok: false, errors: result.logs.map((l) => String(l)) };
}
