// Install a pinned npm CLI on demand, outside the project's dependencies, for end-to-end tests and
// benchmarks. Cached under $CCGATE_E2E_CACHE (default ~/.cache/ccgate-e2e/<name>-<version>);
// concurrent test processes serialise on a lock directory.
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export function e2eCacheDir(): string {
  return process.env.CCGATE_E2E_CACHE ?? join(homedir(), ".cache", "ccgate-e2e");
}

/** Returns the path of `bin` inside node_modules/.bin after installing `pkg@version` if needed. */
export async function installNpmTool(pkg: string, version: string, bin: string): Promise<string> {
  const prefix = join(e2eCacheDir(), `${pkg.replace(/[@/]/g, "_")}-${version}`);
  const binPath = join(prefix, "node_modules", ".bin", bin);
  if (existsSync(binPath)) return binPath;
  mkdirSync(e2eCacheDir(), { recursive: true });
  const lock = `${prefix}.lock`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(binPath)) return binPath;
      // A lock older than the deadline belongs to a crashed run.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      } catch {}
      if (Date.now() > deadline) throw new Error(`timed out waiting for the install lock ${lock}`);
      await Bun.sleep(500);
    }
  }
  try {
    if (!existsSync(binPath)) {
      const npm = process.platform === "win32" ? "npm.cmd" : "npm";
      const proc = Bun.spawn(
        [npm, "install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-save", `${pkg}@${version}`],
        {
          stdout: "pipe",
          stderr: "pipe",
          stdin: "ignore",
        },
      );
      const [code, err] = await Promise.all([proc.exited, new Response(proc.stderr).text()]);
      if (code !== 0 || !existsSync(binPath))
        throw new Error(`npm install ${pkg}@${version} failed (${code}): ${err.slice(-2000)}`);
    }
    return binPath;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
