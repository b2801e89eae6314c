// OpenAI Codex CLI: PermissionRequest and PreToolUse hooks registered in ~/.codex/hooks.json.
import { join } from "node:path";
import type { Host } from "../types.ts";
import * as defaults from "./defaults.gen.ts";
import { parseCodexInput } from "./input.ts";
import { renderCodex } from "./output.ts";

export const codex: Host = {
  target: "codex",
  traits: {
    title: "Codex CLI",
    promptNotes:
      "Codex CLI asks before commands that need to leave its sandbox (extra file system access, network access) and before other escalations. tool_name says what kind of request it is (e.g. Bash, NetworkAccess, apply_patch or an MCP tool); judge from tool_name together with the whole tool_input. A `description` inside tool_input is the agent's own justification: it is a claim to weigh, not a fact.",
    settingsPermissions: false,
    transcript: false,
    preToolUseDecidesIn: [],
    preToolUseClassifierDeny: true,
  },
  parse: (value) => parseCodexInput(value),
  render: renderCodex,
  globalFile: (home) => join(home, ".codex", "ccgate.jsonnet"),
  projectFile: ".codex/ccgate.local.jsonnet",
  registration: "~/.codex/hooks.json",
  docsPage: "codex-cli",
  shellTool: "Bash",
  metricsAlias: "com",
  defaults,
  setup: {
    userFile: (home, env) =>
      env.CODEX_HOME?.trim().startsWith("/")
        ? join(env.CODEX_HOME.trim(), "hooks.json")
        : join(home, ".codex", "hooks.json"),
    projectFile: ".codex/hooks.json",
    hook: (command) => ({ type: "command", command, timeout: 30, statusMessage: "ccgate evaluating request" }),
    featureToml: "config.toml",
    nextStep:
      "Codex runs a new or changed hook only once you trust it: start codex, type /hooks and trust the ccgate entries (then `ccgate doctor` confirms it).",
  },
};
