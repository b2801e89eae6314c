// Devin CLI: PermissionRequest and PreToolUse hooks under the `hooks` key of ~/.config/devin/config.json
// (or a project's .devin/config.local.json). Built to Devin's documented hook protocol.
import { join } from "node:path";
import type { Host } from "../types.ts";
import * as defaults from "./defaults.gen.ts";
import { parseDevinInput } from "./input.ts";
import { renderDevin } from "./output.ts";

export const devin: Host = {
  target: "devin",
  traits: {
    title: "Devin CLI",
    promptNotes:
      "Devin CLI names its tools exec (a shell command in tool_input.command), read, write, edit, glob, grep, apply_patch and mcp__<server>__<tool>; judge from tool_name together with the whole tool_input.",
    settingsPermissions: false,
    transcript: false,
    preToolUseDecidesIn: [],
    preToolUseClassifierDeny: false,
  },
  parse: parseDevinInput,
  render: renderDevin,
  // Devin keeps its user config in ~/.config/devin (%APPDATA%\devin on Windows).
  globalFile: (home, env) =>
    process.platform === "win32" && env.APPDATA
      ? join(env.APPDATA, "devin", "ccgate.jsonnet")
      : join(home, ".config", "devin", "ccgate.jsonnet"),
  projectFile: ".devin/ccgate.local.jsonnet",
  registration: "~/.config/devin/config.json",
  docsPage: "devin",
  shellTool: "exec",
  metricsAlias: "dvm",
  defaults,
  setup: {
    userFile: (home, env) =>
      process.platform === "win32" && env.APPDATA
        ? join(env.APPDATA, "devin", "config.json")
        : join(home, ".config", "devin", "config.json"),
    projectFile: ".devin/config.local.json",
    hook: (command) => ({ type: "command", command, timeout: 30 }),
  },
};
