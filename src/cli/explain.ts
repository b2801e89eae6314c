// `ccgate <target> explain [--command '…'] [--live] [--cwd DIR] [--json]`: how a request would be
// decided, step by step — config layers, the fast path's analysis of every part of a shell command,
// the cache, and the exact (redacted) prompt the classifier would get. --live also asks it.
import { defineCommand } from "citty";
import { prepare } from "../app/prepare.ts";
import { decide } from "../core/decide.ts";
import { buildPrompt } from "../core/prompt.ts";
import { derivedRedactor, redactDerived, stringsOf } from "../core/redact.ts";
import type { DecisionRequest, Target, Verdict } from "../core/types.ts";
import type { FastPathResult } from "../fastpath/decide.ts";
import { HOSTS } from "../hosts/index.ts";
import { ExitCode } from "./exit-code.ts";

async function readRequest(target: Target, command: string | undefined, cwd: string): Promise<DecisionRequest> {
  if (command !== undefined) {
    return {
      target,
      hookEventName: "PermissionRequest",
      sessionId: "",
      toolName: HOSTS[target].shellTool,
      toolInput: { command },
      cwd,
      permissionMode: "default",
      transcriptPath: null,
    };
  }
  if (process.stdin.isTTY) {
    process.stderr.write(`ccgate ${target} explain: give --command '…' or pipe a hook request on stdin\n`);
    throw new ExitCode(2);
  }
  const text = await Bun.stdin.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    process.stderr.write(`ccgate ${target} explain: stdin is not JSON: ${(e as Error).message}\n`);
    throw new ExitCode(1);
  }
  const parsed = HOSTS[target].parse(json, process.env);
  if (!parsed.ok) {
    process.stderr.write(`ccgate ${target} explain: ${parsed.error}\n`);
    throw new ExitCode(1);
  }
  return { ...parsed.request, cwd: parsed.request.cwd || cwd };
}

/** What a PreToolUse call would do in each permission mode, given the fast path's verdict. */
function preToolUseByMode(
  target: Target,
  fast: FastPathResult | null,
  config: { pre_tool_use?: { hard_deny_in_bypass?: boolean; codex_classifier_deny?: boolean } },
): Record<string, string> {
  const hardDeny = fast?.verdict === "deny";
  const deferred = "no output; PermissionRequest decides (if Claude asks)";
  // A host whose PreToolUse never decides in full (Codex) answers there only with a deny.
  if (HOSTS[target].traits.preToolUseDecidesIn.length === 0) {
    const rest = config.pre_tool_use?.codex_classifier_deny
      ? "classifier asked; only its deny is answered"
      : "no output; Codex's own approval flow goes on";
    return { any: hardDeny ? "deny (hard deny, no classifier)" : rest };
  }
  const auto = hardDeny
    ? "deny (hard deny, no classifier)"
    : fast?.verdict === "allow"
      ? "allow (fast path)"
      : "cache or classifier: allow / deny; unsure → no output (auto mode's own check decides)";
  const out: Record<string, string> = { auto };
  for (const mode of ["default", "acceptEdits", "plan", "dontAsk"])
    out[mode] = hardDeny ? "deny (hard deny)" : deferred;
  out.bypassPermissions =
    hardDeny && config.pre_tool_use?.hard_deny_in_bypass !== false ? "deny (hard deny)" : "no output (bypass)";
  return out;
}

export function explainCommand(target: Target) {
  return defineCommand({
    meta: {
      name: "explain",
      description: "Show how a request would be decided: layers, fast-path analysis, cache, and the exact prompt",
    },
    args: {
      command: { type: "string", description: "A shell command to explain (instead of a hook request on stdin)" },
      cwd: { type: "string", description: "Working directory of the request (default: the current one)" },
      live: { type: "boolean", description: "Also ask the configured classifier" },
      json: { type: "boolean", description: "Machine-readable output" },
      event: { type: "string", description: "PermissionRequest (default) or PreToolUse: show what each mode would do" },
    },
    run: async ({ args }) => {
      const read = await readRequest(target, args.command, args.cwd ?? process.cwd());
      if (args.event !== undefined && args.event !== "PermissionRequest" && args.event !== "PreToolUse") {
        process.stderr.write(`ccgate ${target} explain: --event must be PermissionRequest or PreToolUse\n`);
        throw new ExitCode(2);
      }
      const request = args.event ? { ...read, hookEventName: args.event } : read;
      const ready = prepare(target, request, process.env);
      if (!ready.ok) {
        process.stderr.write(`config error: ${ready.loaded.error.details.join("\n  ")}\n`);
        throw new ExitCode(1);
      }
      const { config, loaded, git } = ready;
      const fast = ready.deps.fastPath?.() ?? null;
      const context = await ready.deps.gatherContext(fast);
      const prompt = buildPrompt(
        request,
        {
          ...context,
          ...(fast?.analysis
            ? { shellAnalysis: fast.analysis.parts.map((p) => ({ command: p.text, note: p.note })) }
            : {}),
        },
        config,
        ready.deps.host,
      );
      let live: Verdict | null = null;
      if (args.live)
        live = await decide(
          request,
          { ...config, cache: { ...config.cache, enabled: false } },
          { ...ready.deps, cache: undefined },
        );
      const preToolUse = request.hookEventName === "PreToolUse" ? preToolUseByMode(target, fast, config) : null;
      if (args.json) {
        // The prompt is shown exactly as it would be sent (its user message is already redacted).
        process.stdout.write(
          `${JSON.stringify({ ...redactDerived({ request, layers: loaded.layers, fast_path: fast, ...(preToolUse ? { pre_tool_use: preToolUse } : {}), ...(live ? { live } : {}) }, stringsOf(request.toolInput)), prompt }, null, 2)}\n`,
        );
        return;
      }
      // Everything printed is redacted like the prompt (explain output gets pasted into issues),
      // except the prompt itself, which is printed byte for byte as the classifier would get it.
      const scrub = derivedRedactor(stringsOf(request.toolInput));
      const w = (s = "") => process.stdout.write(`${scrub(s)}\n`);
      const exact = (s: string) => process.stdout.write(`${s}\n`);
      w(`ccgate ${target} explain — ${request.toolName} ${JSON.stringify(request.toolInput).slice(0, 200)}`);
      w(
        `  in ${request.cwd} (${git ? `repository ${git.repoRoot}, branch ${git.branch || "?"}${git.isWorktree ? ", linked worktree" : ""}` : "not a git repository"})`,
      );
      w();
      w("Configuration layers:");
      for (const l of loaded.layers) w(`  ${l.layer.padEnd(13)} ${l.status.padEnd(16)} ${l.path}`);
      w();
      if (!fast) w("Fast path: disabled in the configuration.");
      else {
        w(`Fast path: ${fast.verdict.toUpperCase()}${fast.rule ? ` (rule ${fast.rule})` : ""} — ${fast.reason}`);
        for (const p of fast.analysis?.parts ?? [])
          w(
            `  ${p.status === "deny" ? "✗" : p.status === "read-only" ? "✓" : "?"} ${p.text}${p.note && p.note !== "read-only" ? `   — ${p.note}` : ""}`,
          );
        if (fast.message) w(`  message to the agent: ${fast.message}`);
      }
      w();
      if (fast && fast.verdict !== "llm") {
        w("Decided locally: the classifier would not be asked.");
      } else {
        const cached = config.cache.enabled && config.cache.ttl_ms > 0 ? ready.deps.cache?.get() : null;
        if (cached) w(`Cache: a ${cached.decision} verdict is cached for this exact request (${cached.reason ?? ""}).`);
        w(
          `Classifier: ${config.provider.name} / ${config.provider.model}${config.provider.reasoning_effort !== undefined ? `, reasoning_effort ${JSON.stringify(config.provider.reasoning_effort)}` : ""}`,
        );
        w();
        w("── system prompt ──────────────────────────────────────────────");
        exact(prompt.system);
        w("── user message (redacted) ────────────────────────────────────");
        exact(prompt.user);
        w("───────────────────────────────────────────────────────────────");
      }
      if (preToolUse) {
        w();
        w("As a PreToolUse hook, by permission mode:");
        for (const [mode, what] of Object.entries(preToolUse)) w(`  ${mode.padEnd(18)} ${what}`);
      }
      if (live) {
        w();
        w(
          `Live: ${live.decision.toUpperCase()}${live.kind ? ` (${live.kind})` : ""} via ${live.source}${live.reason ? ` — ${live.reason}` : ""}${live.message ? `\n  message: ${live.message}` : ""}${live.error ? `\n  error: ${live.error}` : ""}`,
        );
      }
    },
  });
}
