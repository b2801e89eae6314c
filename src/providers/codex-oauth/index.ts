// codex-oauth: classify through the user's ChatGPT login by driving `codex app-server`. Codex owns
// authentication and token refresh; ccgate only speaks JSON-RPC to it, one short-lived child per
// decision: initialize → account/read → thread/start (ephemeral) → turn/start → turn/completed.

import { join } from "node:path";
import type { Subprocess } from "bun";
import type { ClassifierPrompt, Provider, ProviderFailure, ProviderResult } from "../../core/ports.ts";
import { redact } from "../../core/redact.ts";
import { DECISION_SCHEMA } from "../../core/schema.ts";
import { readRegularFileSync } from "../../state/safe-read.ts";
import { VERSION } from "../../util/build-info.ts";
import { expandHome } from "../../util/paths.ts";
import { parseAnswer } from "../parse.ts";
import { PROVIDERS } from "../registry.ts";
import type { ProviderOptions } from "../types.ts";
import { resolveCodexBinary } from "./binary.ts";
import { codexChildEnv } from "./env.ts";
import { ensureManagedHome, managedHome } from "./home.ts";
import { AppServerSession, RpcError, type RpcMessage } from "./rpc.ts";

const DEFAULT_CODEX_EFFORT = "low";

/** Features that would give the classifier tools, extra context or side traffic. */
const LEAN_FEATURES = [
  "apps",
  "plugins",
  "remote_plugin",
  "image_generation",
  "goals",
  "shell_tool",
  "unified_exec",
  "view_image",
  "skill_search",
  "tool_suggest",
  "shell_snapshot",
  "browser_use",
  "computer_use",
  "sleep_tool",
];

/** app-server arguments that harden any home, managed or not. */
export function hardeningArgs(mcpServers: string[]): string[] {
  const args = ["app-server", "--disable", "hooks", "-c", "project_doc_max_bytes=0", "-c", 'web_search="disabled"'];
  for (const f of LEAN_FEATURES) args.push("-c", `features.${f}=false`);
  for (const k of [
    "agents.enabled",
    "analytics.enabled",
    "include_environment_context",
    "include_permissions_instructions",
    "include_apps_instructions",
    "include_collaboration_mode_instructions",
    "check_for_update_on_startup",
  ])
    args.push("-c", `${k}=false`);
  for (const name of mcpServers)
    args.push("-c", `mcp_servers.${/^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name)}.enabled=false`);
  return args;
}

/** Names of MCP servers configured in a home's config.toml (each is switched off per name). */
function mcpServerNames(home: string): string[] {
  let text: string;
  try {
    text = readRegularFileSync(join(home, "config.toml"), "utf8");
  } catch {
    return [];
  }
  const names = new Set<string>();
  for (const m of text.matchAll(/^\s*\[mcp_servers\.(?:"([^"]+)"|([A-Za-z0-9_-]+))(?:\.[^\]]*)?\]/gm))
    names.add((m[1] ?? m[2]) as string);
  return [...names];
}

function agentText(m: RpcMessage): string | null {
  const item = m.params?.item;
  return m.method === "item/completed" && item?.type === "agentMessage" && typeof item.text === "string"
    ? item.text
    : null;
}

// biome-ignore lint/suspicious/noExplicitAny: app-server JSON, checked field by field (typeof) where read
function turnFailure(turn: Record<string, any>, home: string): ProviderFailure {
  const info = turn.error?.codexErrorInfo;
  const message = String(turn.error?.message ?? "the turn failed");
  const tag = typeof info === "string" ? info : info && typeof info === "object" ? Object.keys(info)[0] : "";
  const status =
    info && typeof info === "object"
      ? (Object.values(info)[0] as { httpStatusCode?: number })?.httpStatusCode
      : undefined;
  if (tag === "unauthorized" || status === 401)
    return {
      type: "credential_unavailable",
      reason: "provider_auth",
      source: "codex",
      detail: `ChatGPT rejected the login (${message}); run: CODEX_HOME=${home} codex login`,
    };
  if (tag === "usageLimitExceeded" || tag === "rateLimitExceeded")
    return { type: "credential_unavailable", reason: "usage_limit", source: "codex", detail: message };
  return { type: "error", message: redact(`codex turn failed (${tag || "unknown"}): ${message}`) };
}

export function create(options: ProviderOptions): Provider {
  const cfg = options.config as { codex_bin?: string; codex_home?: string };
  const selfManaged = Boolean(cfg.codex_home);
  const home = selfManaged ? expandHome(cfg.codex_home as string, options.env) : managedHome(options.stateDir);

  return {
    name: "codex-oauth",
    async classify(prompt: ClassifierPrompt, signal: AbortSignal): Promise<ProviderResult> {
      const timings: Record<string, number> = {};
      const mark = (name: string, since: number) => {
        timings[name] = Math.round((performance.now() - since) * 10) / 10;
        return performance.now();
      };
      if (!selfManaged) {
        const problem = ensureManagedHome(home);
        if (problem)
          return {
            ok: false,
            failure: { type: "error", message: `cannot prepare the codex-oauth home ${home}: ${problem}` },
          };
      }
      const bin = resolveCodexBinary(cfg.codex_bin, options.env);
      if (!bin.ok) return { ok: false, failure: { type: "error", message: bin.error } };
      let t = performance.now();
      let child: Subprocess<"pipe", "pipe", "pipe">;
      try {
        child = Bun.spawn([bin.path, ...hardeningArgs(mcpServerNames(home))], {
          env: codexChildEnv(options.env, home),
          cwd: prompt.cwd || undefined,
          stdin: "pipe",
          stdout: "pipe",
          stderr: "pipe",
        });
      } catch (e) {
        return {
          ok: false,
          failure: { type: "error", message: `cannot start ${bin.path} (provider.codex_bin): ${(e as Error).message}` },
        };
      }
      const session = new AppServerSession(child, signal);
      const stderrTail = () =>
        redact(
          session
            .stderr()
            .replace(/\x1b\[[0-9;]*m/g, "")
            .trim()
            .split("\n")
            .slice(-5)
            .join(" | "),
        );
      try {
        await session.call("initialize", { clientInfo: { name: "ccgate", title: "ccgate", version: VERSION } });
        session.notify("initialized", {});
        t = mark("spawn_init", t);

        let account: { account: { type?: string } | null };
        try {
          account = await session.call("account/read", { refreshToken: false });
        } catch (e) {
          if (e instanceof RpcError && e.kind === "rpc" && /workspace|backend origin|routing/i.test(e.message)) {
            return {
              ok: false,
              timings,
              failure: {
                type: "credential_unavailable",
                reason: "workspace_routing",
                source: "codex",
                detail: `ChatGPT workspace routing failed (${e.message}): chatgpt.com unreachable, or TLS interception (set CODEX_CA_CERTIFICATE)`,
              },
            };
          }
          throw e;
        }
        t = mark("account", t);
        const type = account.account?.type;
        if (!type) {
          options.log("codex-oauth: no ChatGPT login in the classifier's home", {
            fix: `CODEX_HOME=${home} codex login`,
          });
          return {
            ok: false,
            timings,
            failure: {
              type: "credential_unavailable",
              reason: "not_logged_in",
              source: "codex",
              detail: `no ChatGPT login in ${home}; run: CODEX_HOME=${home} codex login`,
            },
          };
        }
        if (type !== "chatgpt" && type !== "chatgptAuthTokens") {
          return {
            ok: false,
            timings,
            failure: {
              type: "credential_unavailable",
              reason: "wrong_auth_mode",
              source: "codex",
              detail: `the Codex login in ${home} is ${type}, not a ChatGPT account; codex-oauth never uses API keys. Run: CODEX_HOME=${home} codex login`,
            },
          };
        }

        const model = prompt.model || (PROVIDERS["codex-oauth"].defaultModel as string);
        const started = await session.call<{ thread: { id: string }; instructionSources?: unknown[] }>("thread/start", {
          model,
          cwd: prompt.cwd || home,
          approvalPolicy: "never",
          sandbox: "read-only",
          ephemeral: true,
          baseInstructions: prompt.system,
          serviceName: "ccgate",
          config: { project_doc_max_bytes: 0 },
        });
        t = mark("thread", t);
        if (started.instructionSources?.length) {
          options.log("codex-oauth: instruction files leaked into the classifier; refusing to classify", {
            files: JSON.stringify(started.instructionSources),
          });
          return {
            ok: false,
            timings,
            failure: {
              type: "unusable",
              detail: `instruction files would be part of the classifier's prompt (${started.instructionSources.length}); remove AGENTS.md from ${home}`,
            },
          };
        }

        let last: string | null = null;
        const done = session.waitFor(
          (m) => m.method === "turn/completed",
          (m) => {
            const text = agentText(m);
            if (text !== null) last = text;
          },
        );
        await session.call("turn/start", {
          threadId: started.thread.id,
          input: [{ type: "text", text: prompt.user, text_elements: [] }],
          cwd: prompt.cwd || home,
          approvalPolicy: "never",
          sandboxPolicy: { type: "readOnly", networkAccess: false },
          model,
          effort: prompt.reasoningEffort === undefined ? DEFAULT_CODEX_EFFORT : prompt.reasoningEffort || undefined,
          summary: "none",
          outputSchema: DECISION_SCHEMA,
        });
        const completed = await done;
        mark("turn", t);
        // biome-ignore lint/suspicious/noExplicitAny: app-server JSON, checked field by field (typeof) where read
        const turn = (completed.params?.turn ?? {}) as Record<string, any>;
        if (turn.status !== "completed") return { ok: false, timings, failure: turnFailure(turn, home) };
        // biome-ignore lint/suspicious/noExplicitAny: app-server JSON, checked field by field (typeof) where read
        for (const item of (turn.items as Array<Record<string, any>>) ?? [])
          if (item.type === "agentMessage" && typeof item.text === "string") last = item.text;
        const text = (last ?? "").trim();
        if (!text)
          return { ok: false, timings, failure: { type: "unusable", detail: "codex returned no agent message" } };
        const parsed = parseAnswer(text);
        if (!parsed.ok)
          return { ok: false, timings, failure: { type: "error", message: `codex-oauth: ${parsed.error}` } };
        return { ok: true, output: parsed.output, timings, raw: text };
      } catch (e) {
        const err = e as RpcError;
        const tail = stderrTail();
        const message =
          err.kind === "aborted"
            ? `codex-oauth: ${err.message}`
            : `codex-oauth: ${err.message}${tail ? ` — codex stderr: ${tail}` : ""}`;
        return { ok: false, timings, failure: { type: "error", message: redact(message) } };
      } finally {
        await session.close();
      }
    },
  };
}
