// One place that knows how a ccgate binary is compiled, for `bun run build` and the release set.
// Autoloading of .env and bunfig.toml is OFF: a hook runs inside untrusted repositories, and a
// planted .env must never redirect an API key or base URL.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

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
  const git = existsSync(join(root, ".git"))
    ? Bun.spawnSync(["git", "rev-parse", "--short", "HEAD"], { cwd: root, stderr: "ignore" })
    : null;
  const commit = git?.success ? git.stdout.toString().trim() : "";
  return { version: pkg.version, commit, stamp: pkg.version + (commit ? ` (${commit})` : "") };
}

/** A hash of every source file and the version: changes whenever the compiled code can. Caches of
 * derived data (validated config layers) are keyed on it, so a new binary never trusts an old one's. */
export function sourceHash(root: string, version: string): string {
  const h = createHash("sha256").update(version);
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(relative(root, p)).update("\0").update(readFileSync(p)).update("\0");
    }
  };
  walk(join(root, "src"));
  return h.digest("hex").slice(0, 16);
}

export async function compileBinary(options: CompileOptions): Promise<{ ok: true } | { ok: false; errors: string[] }> {
  const root = options.root ?? process.cwd();
  const result = await Bun.build({
    entrypoints: [options.entry ?? join(root, "src/main.ts")],
    minify: true,
    bytecode: options.bytecode ?? true,
    // Every dynamic import() becomes its own chunk, loaded only when reached: a hook call never
    // loads the command framework, its terminal libraries, the providers or node:tty (measured
    // ~1 ms per hook call, bench/hook). Without it the bundle is one module and every module's
    // static node:* imports load at start-up.
    splitting: true,
    format: "esm",
    define: {
      CCGATE_VERSION: JSON.stringify(options.version),
      CCGATE_BUILD_ID: JSON.stringify(sourceHash(root, options.version)),
    },
    compile: {
      ...(options.target ? { target: options.target as Bun.Build.CompileTarget } : {}),
      outfile: options.outfile,
      autoloadDotenv: false,
      autoloadBunfig: false,
    },
  });
  return result.success ? { ok: true } : { ok: false, errors: result.logs.map((l) => String(l)) };
}
