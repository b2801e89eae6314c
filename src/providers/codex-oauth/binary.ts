// Find the codex executable: provider.codex_bin (default `codex` from PATH). When it is the npm
// wrapper (a Node script), use the platform binary it would start instead: one process fewer and
// no Node start-up on every decision (~80 ms).
import { existsSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Env } from "../../util/env.ts";

const TRIPLES: Record<string, string> = {
  "linux-x64": "x86_64-unknown-linux-musl",
  "linux-arm64": "aarch64-unknown-linux-musl",
  "darwin-x64": "x86_64-apple-darwin",
  "darwin-arm64": "aarch64-apple-darwin",
  "win32-x64": "x86_64-pc-windows-msvc",
  "win32-arm64": "aarch64-pc-windows-msvc",
};

export type ResolvedBinary = { ok: true; path: string; native: boolean } | { ok: false; error: string };

export function resolveCodexBinary(codexBin: string | undefined, env: Env): ResolvedBinary {
  const wanted = codexBin?.trim() || "codex";
  const found =
    wanted.includes("/") || wanted.includes("\\")
      ? existsSync(wanted)
        ? wanted
        : null
      : Bun.which(wanted, { PATH: env.PATH ?? "" });
  if (!found)
    return {
      ok: false,
      error: `codex not found: provider.codex_bin is ${JSON.stringify(wanted)}; install Codex CLI (npm i -g @openai/codex) or set provider.codex_bin to its full path`,
    };
  let real = found;
  try {
    real = realpathSync(found);
  } catch {}
  if (/[/\\]@openai[/\\]codex[/\\]bin[/\\]codex\.js$/.test(real)) {
    const key = `${process.platform}-${process.arch}`;
    const triple = TRIPLES[key];
    const pkgRoot = dirname(dirname(real));
    const exe = process.platform === "win32" ? "codex.exe" : "codex";
    if (triple) {
      for (const base of [
        join(dirname(pkgRoot), `codex-${key}`),
        join(pkgRoot, "node_modules", "@openai", `codex-${key}`),
        pkgRoot,
      ]) {
        const candidate = join(base, "vendor", triple, "bin", exe);
        if (existsSync(candidate)) return { ok: true, path: candidate, native: true };
      }
    }
  }
  return { ok: true, path: found, native: !real.endsWith(".js") };
}
