// The dependencies of core.decide for one request, shared by the hook, `explain`, `replay` and `eval`:
// fast-path facts, the decision cache, context gathering, and provider resolution (credential +
// lazily loaded provider module). Building them does no I/O; each runs only when decide asks.
import { join } from "node:path";
import { cacheKey, DecisionCache, hashConfig } from "../cache/decision-cache.ts";
import type { Config } from "../config/schema.ts";
import { referencedPaths } from "../context/referenced-paths.ts";
import { settingsPermissions } from "../context/settings.ts";
import { recentTranscript } from "../context/transcript.ts";
import { DEFAULT_TIMEOUT_MS, type DecideDeps, type ProviderResolution } from "../core/decide.ts";
import type { GitFacts } from "../core/ports.ts";
import type { PromptContext } from "../core/prompt.ts";
import type { DecisionRequest, Target } from "../core/types.ts";
import { resolveCredential } from "../credentials/resolve.ts";
import { type FastPathResult, fastPathDecide } from "../fastpath/decide.ts";
import { DEFAULT_PROTECTED_BRANCHES, type PathFacts } from "../fastpath/facts.ts";
import { selfProtectFor } from "../fastpath/self-protect.ts";
import { HOSTS } from "../hosts/index.ts";
import { isKnownProvider, PROVIDERS } from "../providers/registry.ts";
import type { Logger } from "../state/log.ts";
import type { Env } from "../util/env.ts";
import { cacheDir, homeDir, stateDir } from "../util/paths.ts";

export interface RequestDeps {
  deps: DecideDeps<FastPathResult>;
  facts: PathFacts;
}

export function pathFacts(cwd: string, git: GitFacts | null, config: Config, env: Env): PathFacts {
  return {
    cwd,
    boundary: git?.repoRoot ?? cwd,
    home: homeDir(env),
    branch: git?.branch && git.branch !== "HEAD" ? git.branch : null,
    protectedBranches: config.fast_path.protected_branches.length
      ? config.fast_path.protected_branches
      : DEFAULT_PROTECTED_BRANCHES,
    tempDirs: [...new Set(["/tmp", "/var/tmp", env.TMPDIR?.replace(/\/+$/, "") ?? ""].filter(Boolean))],
  };
}

export function buildDeps(
  target: Target,
  request: DecisionRequest,
  config: Config,
  git: GitFacts | null,
  env: Env,
  log: Logger,
  options: { cache?: boolean } = {},
): RequestDeps {
  const cwd = request.cwd;
  const facts = pathFacts(cwd, git, config, env);
  const providerName = config.provider.name;
  const store =
    options.cache !== false && config.cache.enabled && config.cache.ttl_ms > 0
      ? new DecisionCache(join(cacheDir(env), target, "decisions"))
      : null;
  // Only a request that gets past the fast path reaches the cache: the key is built then, once.
  let key: string | undefined;
  const keyOf = () =>
    (key ??= cacheKey({
      target,
      repo: facts.boundary,
      cwd,
      branch: git?.branch ?? "",
      toolName: request.toolName,
      toolInput: request.toolInput,
      configHash: hashConfig({
        p: config.provider,
        a: config.allow,
        d: config.deny,
        e: config.environment,
        f: config.fallthrough_strategy,
        m: request.permissionMode === "plan",
      }),
    }));
  const host = HOSTS[target];
  const deps: DecideDeps<FastPathResult> = {
    host: host.traits,
    now: () => performance.now(),
    log: (msg, fields) => log.info(msg, fields),
    ...(config.fast_path.enabled || config.fast_path.self_protect
      ? {
          fastPath: (options) =>
            fastPathDecide(request, facts, {
              denyOnly: options?.denyOnly === true,
              enabled: config.fast_path.enabled,
              hardDeny: config.fast_path.hard_deny,
              disable: config.fast_path.disable,
              readOnlyAllow: config.fast_path.read_only_allow,
              selfProtect: selfProtectFor(config, facts.home, env),
            }),
        }
      : {}),
    ...(store
      ? {
          cache: {
            get: () => store.get(keyOf()),
            put: (o) => {
              store.put(keyOf(), { ...o, provider: providerName, model: config.provider.model }, config.cache.ttl_ms);
            },
          },
        }
      : {}),
    gatherContext: (fast): PromptContext => {
      const analysis = fast?.analysis;
      return {
        git,
        referencedPaths: referencedPaths(request, facts.home, analysis?.structure ?? null),
        settingsPermissions:
          host.traits.settingsPermissions && config.include_settings_permissions_in_prompt
            ? settingsPermissions(facts.home, git?.repoRoot ?? cwd, (m) => log.warn(m))
            : null,
        transcript:
          host.traits.transcript && config.include_recent_transcript_in_prompt
            ? recentTranscript(request.transcriptPath)
            : null,
        ...(analysis ? { shellAnalysis: analysis.parts.map((p) => ({ command: p.text, note: p.note })) } : {}),
      };
    },
    resolveProvider: async (): Promise<ProviderResolution> => {
      if (!isKnownProvider(providerName))
        return {
          ok: false,
          kind: "unknown_provider",
          detail: `provider ${JSON.stringify(config.provider.name)} is not one of ${Object.keys(PROVIDERS).join(", ")}`,
        };
      const cred = await resolveCredential({
        target,
        providerName,
        provider: config.provider,
        env,
        cwd,
        stateDir: stateDir(env),
        cacheDir: cacheDir(env),
        warn: (m) => log.warn(m),
      });
      if (!cred.ok) return cred;
      const mod = await PROVIDERS[providerName].load();
      const provider = mod.create({
        target,
        baseUrl: config.provider.base_url?.trim() ?? "",
        timeoutMs: config.provider.timeout_ms ?? DEFAULT_TIMEOUT_MS,
        credential: cred.credential,
        config: config.provider as Record<string, unknown>,
        env,
        stateDir: stateDir(env),
        log: (msg, fields) => log.info(msg, fields),
      });
      return { ok: true, handle: { provider, credential: cred.credential } };
    },
  };
  return { deps, facts };
}
