// ccgate's managed CODEX_HOME for codex-oauth: <state>/codex-oauth/codex-home, 0700, with a config
// written once (0600) and never rewritten. Users log in there with `CODEX_HOME=<home> codex login`.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function managedHome(stateDir: string): string {
  return join(stateDir, "codex-oauth", "codex-home");
}

export const MANAGED_CONFIG = `# Written by ccgate once; ccgate never rewrites this file.
# Keep the ChatGPT tokens in this directory (auth.json, 0600): the keyring store would share one OS credential entry with your normal Codex login, and a refresh by one would invalidate the other.
cli_auth_credentials_store = "file"
# Never load AGENTS.md files from the repository being classified into the classifier's instructions.
project_doc_max_bytes = 0
`;

/** Create the managed home (0700) and its config.toml (0600) when absent. Returns an error text. */
export function ensureManagedHome(home: string): string | null {
  try {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    chmodSync(home, 0o700);
    const config = join(home, "config.toml");
    if (!existsSync(config)) writeFileSync(config, MANAGED_CONFIG, { mode: 0o600, flag: "wx" });
    return null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return null;
    return (e as Error).message;
  }
}
