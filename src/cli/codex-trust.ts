// Codex runs a user hook only while `[hooks.state."<key>"] trusted_hash` in ~/.codex/config.toml
// equals the hook's current hash; after any edit of the hook the hash changes and Codex skips the
// hook silently, so the gate is off without a word. The hash is Codex's own and independent of where
// the file lives, so `ccgate doctor` asks the user's codex for it: a copy of hooks.json in a
// throwaway CODEX_HOME, `hooks/list` over app-server JSON-RPC, and nothing of the user's touched.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppServerSession } from "../providers/codex-oauth/rpc.ts";
import { VERSION } from "../util/build-info.ts";
import type { Env } from "../util/env.ts";

interface ListedHook {
  key?: string;
  eventName?: string;
  command?: string | null;
  currentHash?: string;
}

/**
 * Current hashes of the hooks in `hooksJsonText`, by key suffix (e.g. ":permission_request:0:0",
 * the part after the file path), as `codex` at `bin` computes them; null when codex cannot say.
 */
export async function codexHookHashes(
  bin: string,
  hooksJsonText: string,
  env: Env,
  timeoutMs = 15_000,
): Promise<Map<string, { hash: string; command: string }> | null> {
  const home = mkdtempSync(join(tmpdir(), "ccgate-doctor-codex-"));
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let session: AppServerSession | null = null;
  try {
    const file = join(home, "hooks.json");
    writeFileSync(file, hooksJsonText, { mode: 0o600 });
    writeFileSync(join(home, "config.toml"), "", { mode: 0o600 });
    const child = Bun.spawn([bin, "app-server"], {
      env: { PATH: env.PATH ?? "", HOME: home, CODEX_HOME: home },
      cwd: home,
      stdin: "pipe",
      stdout: "pipe",
      stderr: "pipe",
    });
    session = new AppServerSession(child, controller.signal);
    await session.call("initialize", { clientInfo: { name: "ccgate", title: "ccgate doctor", version: VERSION } });
    session.notify("initialized", {});
    const listed = (await session.call("hooks/list", { cwds: [home] })) as { data?: Array<{ hooks?: ListedHook[] }> };
    const out = new Map<string, { hash: string; command: string }>();
    for (const hook of listed.data?.flatMap((d) => d.hooks ?? []) ?? []) {
      if (typeof hook.key === "string" && hook.key.startsWith(file) && typeof hook.currentHash === "string")
        out.set(hook.key.slice(file.length), { hash: hook.currentHash, command: hook.command ?? "" });
    }
    return out;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    await session?.close().catch(() => {});
    rmSync(home, { recursive: true, force: true });
  }
}

/** `trusted_hash` values recorded in config.toml, by hook key. */
export function recordedTrust(toml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of toml.matchAll(/\[hooks\.state\."([^"]+)"\]\s*\n(?:[^[]*?\n)?\s*trusted_hash\s*=\s*"([^"]*)"/g))
    out.set(m[1] as string, m[2] as string);
  return out;
}
