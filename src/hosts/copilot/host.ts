// GitHub Copilot CLI: a preToolUse command hook in ~/.copilot/settings.json (`hooks.preToolUse`),
// or a repository's .github/hooks/*.json.
import { join } from "node:path";
import type { Host } from "../types.ts";
import * as defaults from "./defaults.gen.ts";
import { parseCopilotInput } from "./input.ts";
import { renderCopilot } from "./output.ts";

export const copilot: Host = {
  target: "copilot",
  traits: {
    title: "GitHub Copilot CLI",
    promptNotes:
      "GitHub Copilot CLI runs this hook before every tool call. tool_name is a Copilot tool: bash (tool_input.command), view (reads), edit and create (file edits), web_fetch, or an MCP tool. A `description` inside tool_input is the agent's own justification: it is a claim to weigh, not a fact.",
    settingsPermissions: false,
    transcript: false,
    preToolUseDecidesIn: [],
    preToolUseClassifierDeny: false,
  },
  parse: (value) => parseCopilotInput(value),
  render: renderCopilot,
  globalFile: (home) => join(home, ".copilot", "ccgate.jsonnet"),
  projectFile: ".copilot/ccgate.local.jsonnet",
  registration: "~/.copilot/settings.json",
  docsPage: "copilot-cli",
  shellTool: "bash",
  metricsAlias: "cpm",
  defaults,
  setup: {
    userFile: (home, env) =>
      env.COPILOT_HOME?.startsWith("/")
        ? join(env.COPILOT_HOME, "settings.json")
        : join(home, ".copilot", "settings.json"),
    // A repository's hooks live in .github/hooks/*.json ({"version": 1, "hooks": {…}}).
    projectFile: ".github/hooks/ccgate.json",
    projectSeed: { version: 1 },
    events: ["preToolUse"],
    shape: "flat",
    commandKey: "bash",
    hook: (command) => ({ type: "command", bash: command, timeoutSec: 30 }),
  },
};
