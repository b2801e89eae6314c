// The host descriptor: everything ccgate knows about one agent CLI, in one place. A host is one folder
// under hosts/ (payload parser, answer renderer, embedded defaults) plus one entry in hosts/index.ts.
import type { DecisionRequest, HostTraits, Target, Verdict } from "../core/types.ts";
import type { Env } from "../util/env.ts";

export type ParsedInput = { ok: true; request: DecisionRequest } | { ok: false; error: string };

/** The compiled defaults module (`defaults.gen.ts`, generated from the folder's Jsonnet). */
export interface EmbeddedDefaults {
  readonly DEFAULTS: unknown;
  readonly DEFAULTS_SOURCE: string;
  readonly PROJECT_TEMPLATE: string;
}

/** How `ccgate <target> setup` registers the hook (the generic merge lives in src/setup/). */
export interface SetupSpec {
  /** The user-level JSON file whose `hooks` key gets the registration. */
  userFile(home: string, env: Env): string;
  /** The project's local file for `--project`, relative to the repository root. */
  projectFile: string;
  /** One hook entry as the host expects it, for the given command. */
  hook(command: string): Record<string, unknown>;
  /** The hook events to register (default PermissionRequest and PreToolUse). */
  events?: readonly string[];
  /** `groups`: `hooks.<Event>[].hooks[]` with a matcher (Claude Code, Codex, Devin, Gemini); `flat`:
   * `hooks.<event>[]` holds the hook entries themselves (Copilot CLI). */
  shape?: "groups" | "flat";
  /** The group matcher that selects every tool (default ""). */
  matcher?: string;
  /** Keys a new project file starts with (Copilot's `.github/hooks/*.json` need `"version": 1`). */
  projectSeed?: Record<string, unknown>;
  /** The entry's key that holds the command (default `command`; Copilot's is `bash`). */
  commandKey?: string;
  /** A TOML file beside the hooks file (by name) whose `[features] hooks` must be true (Codex). */
  featureToml?: string;
  /** What the user must still do after setup, printed once the files are written. */
  nextStep?: string;
}

export interface Host {
  target: Target;
  /** What core needs: prompt title and notes, which context the host can give, PreToolUse scope. */
  traits: HostTraits;
  /** The hook payload (parsed JSON) as a request; `env` for hosts that send no `cwd`. */
  parse(value: unknown, env: Env): ParsedInput;
  /** The answer for the host, or null to say nothing (the host then asks the human). */
  render(verdict: Verdict, hookEventName: string): string | null;
  /** The user's global config file. */
  globalFile(home: string, env: Env): string;
  /** The project layer, relative to the repository root (always untracked-only). */
  projectFile: string;
  /** Where users register the hook, as shown in hints (`~/.claude/settings.json`). */
  registration: string;
  /** The docs page that explains the setup (`docs/<page>.md`). */
  docsPage: string;
  /** The tool name of a shell command in this host's payloads (`explain --command` builds one). */
  shellTool: string;
  /** Short command that prints this host's metrics report (`ccgate clm`). */
  metricsAlias: string;
  defaults: EmbeddedDefaults;
  setup: SetupSpec;
}
