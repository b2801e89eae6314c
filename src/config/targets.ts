// Per-target configuration facts. Adding a target means adding one entry here (and its hosts/ folder).
import { join } from "node:path";
import type { Target } from "../core/types.ts";

export interface TargetSpec {
  target: Target;
  /** Directory name under home and repository roots (`.claude`, `.codex`). */
  dir: string;
  /** Human name. */
  title: string;
  globalFile(home: string): string;
  localFile(root: string): string;
}

function spec(target: Target, dir: string, title: string): TargetSpec {
  return {
    target,
    dir,
    title,
    globalFile: (home) => join(home, dir, "ccgate.jsonnet"),
    localFile: (root) => join(root, dir, "ccgate.local.jsonnet"),
  };
}

export const TARGETS: Record<Target, TargetSpec> = {
  claude: spec("claude", ".claude", "Claude Code"),
  codex: spec("codex", ".codex", "Codex CLI"),
};
