// Claude Code: PermissionRequest and PreToolUse hooks registered in ~/.claude/settings.json.
import { join } from "node:path";
import type { Host } from "../types.ts";
import * as defaults from "./defaults.gen.ts";
import { parseClaudeInput } from "./input.ts";
import { renderClaude } from "./output.ts";

export const claude: Host = {
  target: "claude",
  traits: {
    title: "Claude Code",
    promptNotes: "",
    settingsPermissions: true,
    transcript: true,
    // Auto mode never fires PermissionRequest: PreToolUse is the only chance to decide.
    preToolUseDecidesIn: ["auto"],
    preToolUseClassifierDeny: false,
  },
  parse: (value) => parseClaudeInput(value),
  render: renderClaude,
  globalFile: (home) => join(home, ".claude", "ccgate.jsonnet"),
  projectFile: ".claude/ccgate.local.jsonnet",
  registration: "~/.claude/settings.json",
  docsPage: "claude-code",
  shellTool: "Bash",
  metricsAlias: "clm",
  defaults,
  setup: {
    userFile: (home, env) =>
      env.CLAUDE_CONFIG_DIR?.startsWith("/")
        ? join(env.CLAUDE_CONFIG_DIR, "settings.json")
        : join(home, ".claude", "settings.json"),
    projectFile: ".claude/settings.local.json",
    hook: (command) => ({ type: "command", command, timeout: 30 }),
  },
};
