// `ccgate doctor [--json]`: read-only checks of everything a working gate needs — the binary, hook
// registration in Claude Code, Codex (with Codex's trust state and feature flag) and Devin, configuration
// layers, credentials for the configured provider, the codex login for codex-oauth, writable log
// and metrics locations, and that this binary ignores .env / bunfig.toml.
import { accessSync, constants, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { defineCommand } from "citty";
import { loadConfigAt } from "../app/config.ts";
import type { Target } from "../core/types.ts";
import { envCredential, envKeyNames } from "../credentials/env.ts";
import { describeProfile } from "../credentials/profile.ts";
import { HOST_NAMES, HOSTS } from "../hosts/index.ts";
import { resolveCodexBinary } from "../providers/codex-oauth/binary.ts";
import { managedHome } from "../providers/codex-oauth/home.ts";
import { VERSION } from "../util/build-info.ts";
import type { Env } from "../util/env.ts";
import { expandHome, homeDir, stateDir } from "../util/paths.ts";
import { readTextOrEmpty } from "../util/read-text.ts";
import { codexHookHashes, recordedTrust } from "./codex-trust.ts";
import { trustNote } from "./config.ts";
import { ExitCode } from "./exit-code.ts";
import { ruleConflicts } from "./rule-conflicts.ts";

type Status = "ok" | "warn" | "fail" | "info";
interface Check {
  area: string;
  status: Status;
  message: string;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function readJson(path: string): unknown {
  return parseJson(readTextOrEmpty(path));
}

function hookCommands(value: unknown, event = "PermissionRequest"): string[] {
  const groups =
    (value as { hooks?: Record<string, Array<{ hooks?: Array<{ command?: string }> }>> } | null)?.hooks?.[event] ?? [];
  if (!Array.isArray(groups)) return [];
  return groups.flatMap((g) => (g.hooks ?? []).map((h) => h.command ?? "")).filter(Boolean);
}

function claudeChecks(home: string, cwd: string): Check[] {
  const out: Check[] = [];
  const files = [
    join(home, ".claude", "settings.json"),
    join(cwd, ".claude", "settings.json"),
    join(cwd, ".claude", "settings.local.json"),
  ];
  const found = files.flatMap((f) =>
    hookCommands(readJson(f))
      .filter((c) => /ccgate/.test(c))
      .map((c) => `${c} (in ${f})`),
  );
  out.push(
    found.length
      ? { area: "claude", status: "ok", message: `PermissionRequest hook registered: ${found.join("; ")}` }
      : {
          area: "claude",
          status: "warn",
          message: `no ccgate PermissionRequest hook in ${files[0]}: run \`ccgate claude setup\` (see docs/setup.md)`,
        },
  );
  const pre = files.flatMap((f) => hookCommands(readJson(f), "PreToolUse").filter((c) => /ccgate/.test(c)));
  const autoMode = files.some(
    (f) => (readJson(f) as { permissions?: { defaultMode?: unknown } } | null)?.permissions?.defaultMode === "auto",
  );
  out.push(
    pre.length
      ? { area: "claude", status: "ok", message: `PreToolUse hook registered: ${pre.join("; ")}` }
      : {
          area: "claude",
          status: "warn",
          message: autoMode
            ? "permissions.defaultMode is auto but no ccgate PreToolUse hook: auto mode never fires PermissionRequest, so ccgate is silent; run `ccgate claude setup`"
            : "no ccgate PreToolUse hook: in auto mode (which never fires PermissionRequest) ccgate is silent; run `ccgate claude setup`",
        },
  );
  return out;
}

async function codexChecks(home: string, env: Env): Promise<Check[]> {
  const out: Check[] = [];
  const codexHome = env.CODEX_HOME?.trim() || join(home, ".codex");
  const hooksJson = join(codexHome, "hooks.json");
  const configToml = join(codexHome, "config.toml");
  const toml = readTextOrEmpty(configToml);
  const hooksText = readTextOrEmpty(hooksJson);
  const inJson = hookCommands(parseJson(hooksText)).filter((c) => /ccgate/.test(c));
  const inToml = /\[\[hooks\.PermissionRequest(\.hooks)?\]\][\s\S]*?command\s*=\s*"[^"]*ccgate/.test(toml);
  const preJson = hookCommands(parseJson(hooksText), "PreToolUse").filter((c) => /ccgate/.test(c));
  const fullAuto = /^\s*approval_policy\s*=\s*"never"/m.test(toml);
  if (preJson.length) out.push({ area: "codex", status: "ok", message: `PreToolUse hook registered in ${hooksJson}` });
  else if (inJson.length || inToml || fullAuto)
    out.push({
      area: "codex",
      status: fullAuto ? "warn" : "info",
      message: fullAuto
        ? `approval_policy is "never" but no ccgate PreToolUse hook in ${hooksJson}: Codex never asks, so ccgate is silent; run \`ccgate codex setup\``
        : "no ccgate PreToolUse hook: under approval policy never (full auto) ccgate would be silent; run `ccgate codex setup`",
    });
  if (!inJson.length && !inToml) {
    out.push({
      area: "codex",
      status: "info",
      message: `no ccgate PermissionRequest hook in ${hooksJson} or ${configToml} (only needed for Codex CLI): run \`ccgate codex setup\``,
    });
    return out;
  }
  out.push({
    area: "codex",
    status: "ok",
    message: `PermissionRequest hook registered in ${inJson.length ? hooksJson : configToml}`,
  });
  if (/^\s*hooks\s*=\s*false/m.test(toml) || /^\s*codex_hooks\s*=\s*false/m.test(toml))
    out.push({
      area: "codex",
      status: "fail",
      message:
        "[features] hooks is false in config.toml: Codex will not run any hook; `ccgate codex setup` turns it on",
    });
  // Trust: compare what config.toml recorded with the hash codex computes for the hook as it is now.
  const recorded = recordedTrust(toml);
  const bin = inJson.length ? resolveCodexBinary(undefined, env) : null;
  const current = bin?.ok ? await codexHookHashes(bin.path, hooksText, env) : null;
  if (current) {
    for (const [suffix, hook] of current) {
      if (!suffix.startsWith(":permission_request:") || !/ccgate/.test(hook.command)) continue;
      const key = `${hooksJson}${suffix}`;
      const trusted = recorded.get(key);
      if (trusted === hook.hash)
        out.push({ area: "codex", status: "ok", message: `trusted by Codex: ${hook.command}` });
      else if (trusted)
        out.push({
          area: "codex",
          status: "fail",
          message: `the hook changed since you trusted it, so Codex skips it without a word: re-trust it with /hooks in Codex (${key})`,
        });
      else
        out.push({
          area: "codex",
          status: "warn",
          message: `not trusted yet, so Codex skips it without a word: trust it with /hooks in Codex (${key})`,
        });
    }
    return out;
  }
  const keys = [...recorded.keys()].filter((k) => k.includes("permission_request"));
  out.push(
    keys.length
      ? {
          area: "codex",
          status: "ok",
          message: `hook trust recorded for ${keys.join(", ")} (not verified: ${bin && !bin.ok ? "codex not found" : "codex could not be asked"}; re-trust with /hooks after editing the hook)`,
        }
      : {
          area: "codex",
          status: "warn",
          message:
            "no trust recorded for the hook: Codex skips untrusted hooks silently — trust it with /hooks in Codex",
        },
  );
  return out;
}

/** Devin reads hooks from the `hooks` key of its config.json (user) or a project's .devin/config.local.json. */
function devinChecks(home: string, cwd: string, env: Record<string, string | undefined>): Check[] {
  const files = [
    HOSTS.devin.setup.userFile(home, env),
    join(cwd, ".devin", "config.json"),
    join(cwd, ".devin", "config.local.json"),
    join(cwd, ".devin", "hooks.v1.json"),
  ];
  const commands = (event: string) =>
    files.flatMap((f) => {
      const doc = readJson(f);
      // hooks.v1.json holds the events at the top level
      const hooks = f.endsWith("hooks.v1.json") && doc && typeof doc === "object" ? { hooks: doc } : doc;
      return hookCommands(hooks, event)
        .filter((c) => /ccgate/.test(c))
        .map((c) => `${c} (in ${f})`);
    });
  return ["PermissionRequest", "PreToolUse"].map((event): Check => {
    const found = commands(event);
    return found.length
      ? { area: "devin", status: "ok", message: `${event} hook registered: ${found.join("; ")}` }
      : {
          area: "devin",
          status: "info",
          message: `no ccgate ${event} hook in ${files[0]} (only needed for Devin CLI): run \`ccgate devin setup\``,
        };
  });
}

/** Copilot CLI: a preToolUse entry running `ccgate copilot` (command under `bash`) in its settings.json. */
function copilotChecks(home: string, env: Env): Check[] {
  const file = HOSTS.copilot.setup.userFile(home, env);
  const entries = (readJson(file) as { hooks?: { preToolUse?: unknown } } | null)?.hooks?.preToolUse;
  const found = (Array.isArray(entries) ? entries : [])
    .map((h) => (h && typeof h === "object" ? (h as { bash?: unknown }).bash : undefined))
    .filter((c): c is string => typeof c === "string" && /ccgate\b.*\bcopilot\b/.test(c));
  return [
    found.length
      ? { area: "copilot", status: "ok", message: `preToolUse hook registered: ${found.join("; ")}` }
      : {
          area: "copilot",
          status: "info",
          message: `no ccgate preToolUse hook in ${file} (only needed for Copilot CLI): run \`ccgate copilot setup\``,
        },
  ];
}

/** Gemini CLI: a BeforeTool hook running `ccgate gemini` in ~/.gemini/settings.json, hooks not switched off. */
function geminiChecks(home: string): Check[] {
  const file = join(home, ".gemini", "settings.json");
  const settings = readJson(file) as { hooksConfig?: { enabled?: unknown } } | null;
  const found = hookCommands(settings, "BeforeTool").filter((c) => /ccgate\b.*\bgemini\b/.test(c));
  if (!found.length)
    return [
      {
        area: "gemini",
        status: "info",
        message: `no ccgate BeforeTool hook in ${file} (only needed for Gemini CLI): run \`ccgate gemini setup\``,
      },
    ];
  const out: Check[] = [{ area: "gemini", status: "ok", message: `BeforeTool hook registered: ${found.join("; ")}` }];
  if (settings?.hooksConfig?.enabled === false)
    out.push({
      area: "gemini",
      status: "fail",
      message: `hooksConfig.enabled is false in ${file}: Gemini runs no hook`,
    });
  return out;
}

function writableDir(path: string): boolean {
  let dir = dirname(path);
  while (!existsSync(dir)) dir = dirname(dir);
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function targetChecks(target: Target, cwd: string, env: Env): Check[] {
  const out: Check[] = [];
  const r = loadConfigAt(target, { cwd, env });
  for (const l of r.layers) {
    if (l.status !== "absent")
      out.push({
        area: `${target} config`,
        status: l.status === "failed" ? "fail" : l.status.startsWith("skipped") ? "warn" : "ok",
        message: `${l.layer}: ${l.status} ${l.path}${l.detail ? ` — ${l.detail}` : ""}`,
      });
    const note = trustNote(target, l);
    if (note)
      out.push({
        area: `${target} config`,
        status: l.trust?.state === "trusted" ? "info" : "warn",
        message: `${l.layer}: ${note}`,
      });
  }
  if (!r.ok) {
    out.push({ area: `${target} config`, status: "fail", message: r.error.message });
    return out;
  }
  const c = r.config;
  for (const x of ruleConflicts(target, c, cwd, r.git, env))
    out.push({ area: `${target} config`, status: "warn", message: x.message });
  const name = c.provider.name;
  out.push({ area: `${target} provider`, status: "info", message: `${name} / ${c.provider.model}` });
  if (name === "codex-oauth") {
    const bin = resolveCodexBinary(c.provider.codex_bin, env);
    out.push(
      bin.ok
        ? {
            area: `${target} provider`,
            status: "ok",
            message: `codex: ${bin.path}${bin.native ? " (native binary)" : ""}`,
          }
        : { area: `${target} provider`, status: "fail", message: bin.error },
    );
    const home = c.provider.codex_home ? expandHome(c.provider.codex_home, env) : managedHome(stateDir(env));
    const auth = readJson(join(home, "auth.json")) as { auth_mode?: string; tokens?: unknown } | null;
    if (!auth)
      out.push({
        area: `${target} provider`,
        status: "warn",
        message: `no ChatGPT login in ${home}: run CODEX_HOME=${home} codex login`,
      });
    else if (auth.auth_mode !== "chatgpt" && !auth.tokens)
      out.push({
        area: `${target} provider`,
        status: "fail",
        message: `the login in ${home} is not a ChatGPT login (auth_mode ${auth.auth_mode}); codex-oauth never uses API keys`,
      });
    else out.push({ area: `${target} provider`, status: "ok", message: `ChatGPT login present in ${home}` });
  } else if (c.provider.auth?.type === "profile") {
    const profile = describeProfile(c.provider.auth.profile, env);
    out.push({ area: `${target} provider`, status: profile.ok ? "ok" : "fail", message: profile.message });
  } else if (c.provider.auth) {
    out.push({
      area: `${target} provider`,
      status: "info",
      message: `credentials from provider.auth (${c.provider.auth.type}); not run by doctor`,
    });
  } else if (envKeyNames(name).length) {
    const cred = envCredential(name, env);
    out.push(
      cred
        ? { area: `${target} provider`, status: "ok", message: `key found in ${cred.envVar}` }
        : {
            area: `${target} provider`,
            status: "warn",
            message: `no key: set ${envKeyNames(name).join(" or ")} (without it, only the fast path decides)`,
          },
    );
  } else
    out.push({
      area: `${target} provider`,
      status: "fail",
      message: `unknown provider ${JSON.stringify(c.provider.name)}: every LLM-bound request falls through`,
    });
  for (const [what, path, disabled] of [
    ["log", c.log_path, c.log_disabled],
    ["metrics", c.metrics_path, c.metrics_disabled],
  ] as const) {
    if (disabled) out.push({ area: `${target} ${what}`, status: "info", message: "disabled" });
    else
      out.push(
        writableDir(path)
          ? { area: `${target} ${what}`, status: "ok", message: `writable: ${path}` }
          : { area: `${target} ${what}`, status: "fail", message: `not writable: ${path}` },
      );
  }
  return out;
}

/** Run this binary in a directory holding a .env and a bunfig.toml and check it saw neither. */
async function autoloadCheck(): Promise<Check> {
  const dir = mkdtempSync(join(tmpdir(), "ccgate-doctor-"));
  try {
    writeFileSync(join(dir, ".env"), "CCGATE_DOCTOR_CANARY=from-dotenv\n");
    writeFileSync(join(dir, "bunfig.toml"), 'preload = ["./canary.ts"]\n');
    writeFileSync(join(dir, "canary.ts"), 'process.stdout.write("BUNFIG-PRELOAD-RAN ");\n');
    const self = process.execPath.endsWith("/bun") ? null : process.execPath;
    if (!self)
      return {
        area: "binary",
        status: "info",
        message: "running from source: .env autoload check applies to the compiled binary only",
      };
    const p = Bun.spawn([self, "doctor", "--probe-env"], {
      cwd: dir,
      stdout: "pipe",
      stderr: "ignore",
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
    });
    const out = await new Response(p.stdout).text();
    await p.exited;
    return out.trim() === "clean"
      ? {
          area: "binary",
          status: "ok",
          message: ".env and bunfig.toml autoloading are off (verified in a temporary directory)",
        }
      : {
          area: "binary",
          status: "fail",
          message: `this binary reads .env or bunfig.toml from the working directory (${out.trim()}); rebuild with build.ts`,
        };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default defineCommand({
  meta: {
    name: "doctor",
    description: "Check the installation: binary, hook registration, config, credentials, paths (read-only)",
  },
  args: {
    json: { type: "boolean", description: "Machine-readable output" },
    "probe-env": { type: "boolean", description: "(internal) report whether a .env canary is visible" },
  },
  run: async ({ args }) => {
    if (args["probe-env"]) {
      process.stdout.write(process.env.CCGATE_DOCTOR_CANARY ? "dotenv-loaded" : "clean");
      return;
    }
    const env = process.env;
    const home = homeDir(env);
    const cwd = process.cwd();
    const checks: Check[] = [
      { area: "binary", status: "info", message: `ccgate ${VERSION} at ${process.execPath}` },
      await autoloadCheck(),
      ...claudeChecks(home, cwd),
      ...(await codexChecks(home, env)),
      ...devinChecks(home, cwd, env),
      ...geminiChecks(home),
      ...copilotChecks(home, env),
      ...HOST_NAMES.flatMap((t) => targetChecks(t, cwd, env)),
    ];
    if (args.json) process.stdout.write(`${JSON.stringify({ checks }, null, 2)}\n`);
    else {
      const mark: Record<Status, string> = { ok: "✓", warn: "!", fail: "✗", info: "·" };
      let area = "";
      for (const c of checks) {
        if (c.area !== area) {
          process.stdout.write(`${c.area}\n`);
          area = c.area;
        }
        process.stdout.write(`  ${mark[c.status]} ${c.message}\n`);
      }
    }
    if (checks.some((c) => c.status === "fail")) throw new ExitCode(1);
  },
});
