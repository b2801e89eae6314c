// Layered configuration: embedded defaults → global file → (linked worktree only) the main
// worktree's local file → the repository's local file. Project-local files count only when they
// are real, regular, untracked files inside the repository (project-file.ts), so a cloned repository
// can never push policy into a user's gate; and their settings that can move the key or run code
// apply only once the user trusted that exact content (trust.ts).
import { existsSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { DEFAULT_TIMEOUT_MS } from "../core/decide.ts";
import type { GitFacts } from "../core/ports.ts";
import type { Target } from "../core/types.ts";
import { HOSTS } from "../hosts/index.ts";
import { normalizeProviderName, providerSpec } from "../providers/registry.ts";
import { readRegularFileSync } from "../state/safe-read.ts";
import { BUILD_ID } from "../util/build-info.ts";
import type { Env } from "../util/env.ts";
import { expandHome, homeDir, pathKind, targetCacheDir, targetStateDir } from "../util/paths.ts";
import { embeddedDefaults } from "./defaults.ts";
import { contentDigest, fileStamp, LayerCache } from "./layer-cache.ts";
import { type ProjectSkip, readProjectFile, isUntracked as untrackedInGit } from "./project-file.ts";
import type { Config, ConfigLayer, HardDenyRule } from "./schema.ts";
import { gatedFields, readTrustStore, sha256Hex, type TrustEntry, trustState, withoutGated } from "./trust.ts";
import type { ConfigProblem } from "./validate.ts";

// The Jsonnet evaluator and the zod validation load only when a user file exists: a hook run on the
// embedded defaults alone stays free of both (see bench/hook).
const evaluator = () => require("./evaluate.ts") as typeof import("./evaluate.ts");
const rules = () => require("./rules.ts") as typeof import("./rules.ts");
const formatProblem = (p: ConfigProblem) =>
  (require("./validate.ts") as typeof import("./validate.ts")).formatProblem(p);

export type LayerName = "defaults" | "global" | "main-worktree" | "local";
export type LayerStatus = "loaded" | "absent" | ProjectSkip | "skipped-disabled" | "failed";

/** For a loaded project layer: whether its key-moving / code-running settings were applied. */
export interface LayerTrust {
  state: "trusted" | "untrusted" | "changed";
  /** Gated fields the file sets (see trust.ts); applied only when state is "trusted". */
  gated: string[];
  /** sha256 of the file's bytes and the digests of its imports, as `trust` records them. */
  sha256: string;
  imports: Array<[string, string]>;
  /** The gated settings as the file sets them (shown before trusting; applied or not per state). */
  values: Record<string, unknown>;
}

export interface LayerReport {
  layer: LayerName;
  path: string;
  status: LayerStatus;
  detail?: string;
  trust?: LayerTrust;
}

export interface ConfigError {
  /** One line naming the file, field path, expected and found (the first problem, + count). */
  message: string;
  details: string[];
}

export type ConfigLoadResult =
  | { ok: true; config: Config; layers: LayerReport[]; provenance: Record<string, string>; git: GitFacts | null }
  | { ok: false; error: ConfigError; layers: LayerReport[]; git: GitFacts | null };

export interface LoadOptions {
  cwd: string;
  env: Env;
  /** Git facts for cwd, computed by the caller (app/config.ts): null outside a repository. */
  git: GitFacts | null;
  /** Cache of validated layers (undefined = the default one of a compiled binary; null = none). */
  layerCache?: LayerCache | null;
  /** A file read in place of the global file (`eval --compare`). */
  globalFile?: string;
}

export const DEFAULT_LOG_MAX_SIZE = 5 * 1024 * 1024;
export const DEFAULT_METRICS_MAX_SIZE = 2 * 1024 * 1024;
const DEFAULT_CACHE_TTL_MS = 10 * 60 * 1000;

/** Where the log and metrics go when the configuration names no path (also when it failed to load). */
export function defaultStatePaths(target: Target, env: Env): { log: string; metrics: string } {
  const dir = targetStateDir(target, env);
  return { log: `${dir}/ccgate.log`, metrics: `${dir}/metrics.jsonl` };
}

/** Is `file` (and every directory on its way) untracked in the repository at `root`? */
export const isUntracked = untrackedInGit;

/** The command that trusts the project files of `cwd`'s repository. */
export const trustCommand = (target: Target) => `ccgate ${target} trust`;

function fail(problems: ConfigProblem[], layers: LayerReport[], git: GitFacts | null): ConfigLoadResult {
  const details = problems.map(formatProblem);
  const first = details[0] ?? "invalid configuration";
  const more = details.length > 1 ? ` (and ${details.length - 1} more problem${details.length > 2 ? "s" : ""})` : "";
  return { ok: false, error: { message: `${first}${more}`, details }, layers, git };
}

interface Candidate {
  layer: LayerName;
  path: string;
  project: boolean;
}

export function loadConfig(target: Target, options: LoadOptions): ConfigLoadResult {
  const host = HOSTS[target];
  const env = options.env;
  const home = homeDir(env);
  const layers: LayerReport[] = [{ layer: "defaults", path: "(embedded)", status: "loaded" }];
  const provenance: Record<string, string> = {};
  const git = options.git;

  const values: Array<{ layer: LayerName; path: string; value: ConfigLayer; project: boolean }> = [
    { layer: "defaults", path: "(embedded)", value: embeddedDefaults(target), project: false },
  ];
  const problems: ConfigProblem[] = [];

  const cache =
    options.layerCache !== undefined
      ? options.layerCache
      : BUILD_ID
        ? new LayerCache(join(targetCacheDir(target, env), "config"), BUILD_ID)
        : null;

  let trustStore: Record<string, TrustEntry> | null = null;
  /** A loaded layer: a project layer loses its gated fields unless this exact content is trusted. */
  const accept = (
    c: Candidate,
    value: ConfigLayer,
    source: Buffer | null,
    imports: Array<[string, string]>,
    detail?: string,
  ) => {
    const report: LayerReport = { layer: c.layer, path: c.path, status: "loaded", ...(detail ? { detail } : {}) };
    if (c.project) {
      // Without the checked bytes there is nothing to match a trust record against: untrusted.
      const gated = gatedFields(value);
      const sha256 = source ? sha256Hex(source) : "";
      if (gated.length) trustStore ??= readTrustStore(target, env);
      const state =
        gated.length && source && trustStore ? trustState(trustStore, c.path, sha256, imports) : "untrusted";
      const values = Object.fromEntries(gated.map((f) => [f, (value as Record<string, unknown>)[f]]));
      report.trust = { state, gated, sha256, imports, values };
      if (gated.length && state !== "trusted") value = withoutGated(value, gated);
    }
    layers.push(report);
    values.push({ layer: c.layer, path: c.path, value, project: c.project });
  };

  const evaluate = (c: Candidate, bytes?: Buffer): boolean => {
    // Read the file once: its digest keys the cache entry and its text is what gets evaluated. A
    // project file's bytes come from the checked read (project-file.ts), never from a second open.
    let source: Buffer | null = bytes ?? null;
    if (cache && !source) {
      try {
        source = readRegularFileSync(c.path);
      } catch {
        source = null;
      }
    }
    const digest = source ? contentDigest(source) : null;
    const cached = cache && digest ? cache.getLayer(c.path, digest, env) : undefined;
    if (cached !== undefined) {
      accept(c, cached.value as ConfigLayer, source, cached.deps, "validated earlier; unchanged since");
      return true;
    }
    const result = evaluator().evaluateConfigFile(c.path, env, source ? source.toString("utf8") : undefined);
    if (!result.ok) {
      layers.push({
        layer: c.layer,
        path: c.path,
        status: "failed",
        detail: result.problems.map(formatProblem).join("; "),
      });
      problems.push(...result.problems);
      return false;
    }
    const layerProblems = rules().checkLayer(c.path, result.value);
    if (layerProblems.length) {
      layers.push({
        layer: c.layer,
        path: c.path,
        status: "failed",
        detail: layerProblems.map(formatProblem).join("; "),
      });
      problems.push(...layerProblems);
      return false;
    }
    accept(c, result.value as ConfigLayer, source, result.imports);
    if (cache && digest) cache.putLayer(c.path, digest, result.imports, result.envNames, env, result.value);
    return true;
  };

  /** isUntracked, answered from the cache while the git index that decides it is unchanged. */
  const untracked = (root: string, file: string, indexFile: string): boolean | null => {
    // git runs without the hook's GIT_* variables (context/git.ts), so the index file is the one
    // that answers. A repository with nothing staged yet has no index file: that is cacheable too.
    const indexStamp = cache
      ? (fileStamp(indexFile) ?? (pathKind(dirname(indexFile)) === "dir" ? "no-index" : null))
      : null;
    const known = cache && indexStamp ? cache.getUntracked(root, file, indexStamp) : undefined;
    if (known !== undefined) return known;
    const answer = isUntracked(root, file, env);
    if (cache && indexStamp && answer !== null) cache.putUntracked(root, file, indexStamp, answer);
    return answer;
  };

  const globalPath = options.globalFile ?? host.globalFile(home, env);
  if (pathKind(globalPath) === "file") evaluate({ layer: "global", path: globalPath, project: false });
  else layers.push({ layer: "global", path: globalPath, status: "absent" });

  // disable_load_main_worktree_local_config counts only from the defaults and the global file.
  const disableMain = values.reduce<boolean>((acc, v) => v.value.disable_load_main_worktree_local_config ?? acc, false);

  const projectCandidates: Candidate[] = [];
  if (git?.isWorktree && git.primaryCheckoutRoot)
    projectCandidates.push({
      layer: "main-worktree",
      path: join(git.primaryCheckoutRoot, host.projectFile),
      project: true,
    });
  const root = git?.repoRoot ?? options.cwd;
  if (root) projectCandidates.push({ layer: "local", path: join(root, host.projectFile), project: true });

  for (const c of projectCandidates) {
    const checkRoot = c.layer === "main-worktree" ? (git?.primaryCheckoutRoot as string) : (git?.repoRoot ?? "");
    if (c.layer === "main-worktree" && disableMain) {
      if (pathKind(c.path) === null) layers.push({ layer: c.layer, path: c.path, status: "absent" });
      else
        layers.push({
          layer: c.layer,
          path: c.path,
          status: "skipped-disabled",
          detail: "disable_load_main_worktree_local_config is set",
        });
      continue;
    }
    // Kinds first, on every run and before any cache: a cached "loaded" must not outlive the file
    // turning into a symlink. Without a repository root there is nothing to check against.
    const read = readProjectFile(checkRoot || (options.cwd ?? ""), c.path);
    if (!read.ok && read.status === "absent") {
      layers.push({ layer: c.layer, path: c.path, status: "absent" });
      continue;
    }
    if (!read.ok) {
      layers.push({
        layer: c.layer,
        path: c.path,
        status: read.status,
        ...(read.detail ? { detail: read.detail } : {}),
      });
      continue;
    }
    // The main worktree's index lives in the common git dir; this worktree's in its own git dir.
    const indexFile = git ? join(c.layer === "main-worktree" ? git.gitCommonDir : git.gitDir, "index") : "";
    const isNew = checkRoot ? untracked(checkRoot, c.path, indexFile) : null;
    if (isNew === false) {
      layers.push({
        layer: c.layer,
        path: c.path,
        status: "skipped-tracked",
        detail: "tracked by git (the file, or a directory on its way): project files must stay untracked",
      });
      continue;
    }
    if (isNew === null) {
      layers.push({
        layer: c.layer,
        path: c.path,
        status: "skipped-unknown",
        detail: "git cannot tell whether this file is tracked (not a repository, or git is missing)",
      });
      continue;
    }
    evaluate(c, read.bytes);
  }
  if (problems.length) return fail(problems, layers, git);

  const config = merge(target, values, options.cwd, env, provenance);
  const pathProblems = outputPathProblems(config, provenance, values);
  if (pathProblems.length) return fail(pathProblems, layers, git);
  return { ok: true, config, layers, provenance, git };
}

/** log_path / metrics_path must be regular files (or not exist yet): `/dev/stdout` would put log
 * lines into the hook's answer, a FIFO would block. Named with the file and field that set them. */
function outputPathProblems(
  config: Config,
  provenance: Record<string, string>,
  values: Array<{ layer: LayerName; path: string }>,
): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const [key, disabled] of [
    ["log_path", config.log_disabled],
    ["metrics_path", config.metrics_disabled],
  ] as const) {
    if (disabled) continue;
    let kind: string | null = null;
    try {
      // /dev/stdout, /proc/self/fd/1 …: whatever they point at now, they are not a log file.
      const real = existsSync(config[key]) ? realpathSync(config[key]) : config[key];
      if (/^\/(dev|proc)\//.test(config[key]) || /^\/(dev|proc)\//.test(real)) kind = "a device or process path";
      const st = statSync(config[key]);
      if (!kind && !st.isFile())
        kind = st.isFIFO()
          ? "a FIFO"
          : st.isCharacterDevice()
            ? "a character device"
            : st.isDirectory()
              ? "a directory"
              : "not a regular file";
    } catch {
      continue; // created on first write
    }
    if (!kind) continue;
    const file = values.findLast((v) => v.layer === provenance[key])?.path ?? "(defaults)";
    out.push({ file, path: key, message: `expected a regular file, found ${kind} (${config[key]})` });
  }
  return out;
}

function resolvePath(path: string, cwd: string, env: Env): string {
  const expanded = expandHome(path, env);
  return isAbsolute(expanded) ? expanded : resolve(cwd || process.cwd(), expanded);
}

/** The configuration before any layer (also what tests start from): every field filled. */
export function defaultConfig(): Config {
  return {
    provider: { name: "anthropic", model: "claude-haiku-4-5", timeout_ms: DEFAULT_TIMEOUT_MS },
    log_path: "",
    log_disabled: false,
    log_max_size: DEFAULT_LOG_MAX_SIZE,
    metrics_path: "",
    metrics_disabled: false,
    metrics_max_size: DEFAULT_METRICS_MAX_SIZE,
    fallthrough_strategy: "ask",
    disable_load_main_worktree_local_config: false,
    include_settings_permissions_in_prompt: true,
    include_recent_transcript_in_prompt: true,
    allow: [],
    deny: [],
    environment: [],
    fast_path: {
      enabled: true,
      self_protect: true,
      hard_deny: [],
      protected_branches: [],
      disable: [],
      read_only_allow: true,
    },
    cache: { enabled: true, ttl_ms: DEFAULT_CACHE_TTL_MS },
  };
}

function merge(
  target: Target,
  values: Array<{ layer: LayerName; value: ConfigLayer; project: boolean }>,
  cwd: string,
  env: Env,
  provenance: Record<string, string>,
): Config {
  const config = defaultConfig();
  const scalars = [
    "log_path",
    "log_disabled",
    "log_max_size",
    "metrics_path",
    "metrics_disabled",
    "metrics_max_size",
    "fallthrough_strategy",
    "disable_load_main_worktree_local_config",
    "include_settings_permissions_in_prompt",
    "include_recent_transcript_in_prompt",
  ] as const;
  for (const { layer, value, project } of values) {
    if (value.provider) {
      // Normalised once here: everything after reads config.provider as final.
      const name = normalizeProviderName(value.provider.name);
      config.provider = {
        ...value.provider,
        name,
        model: value.provider.model ?? providerSpec(name)?.defaultModel ?? "",
        timeout_ms: value.provider.timeout_ms ?? DEFAULT_TIMEOUT_MS,
      };
      provenance.provider = layer;
    }
    for (const key of scalars) {
      const v = value[key];
      if (v === undefined || (key === "disable_load_main_worktree_local_config" && project)) continue;
      if ((key === "log_path" || key === "metrics_path") && v === "") continue;
      (config as unknown as Record<string, unknown>)[key] = v;
      provenance[key] = layer;
    }
    for (const list of ["allow", "deny", "environment"] as const) {
      const replace = value[list];
      const append = value[`append_${list}`];
      if (replace !== undefined) {
        config[list] = [...replace];
        provenance[list] = layer;
      }
      if (append?.length) {
        config[list].push(...append);
        provenance[list] = `${provenance[list] ?? "defaults"} + ${layer} (append ${append.length})`;
      }
    }
    const fp = value.fast_path;
    if (fp) {
      if (!project && fp.enabled !== undefined) {
        config.fast_path.enabled = fp.enabled;
        provenance["fast_path.enabled"] = layer;
      }
      if (!project && fp.self_protect !== undefined) {
        config.fast_path.self_protect = fp.self_protect; // a project file must not switch the guard off
        provenance["fast_path.self_protect"] = layer;
      }
      if (!project && fp.disable) {
        config.fast_path.disable = [...fp.disable]; // a project file must not switch a hard deny off
        provenance["fast_path.disable"] = layer;
      }
      if (fp.read_only_allow !== undefined && (!project || fp.read_only_allow === false)) {
        config.fast_path.read_only_allow = fp.read_only_allow; // a project can only take allows away
        provenance["fast_path.read_only_allow"] = layer;
      }
      if (!project && fp.protected_branches) {
        config.fast_path.protected_branches = [...fp.protected_branches];
        provenance["fast_path.protected_branches"] = layer;
      }
      const rules: HardDenyRule[] = [];
      if (fp.hard_deny && !project) config.fast_path.hard_deny = [...fp.hard_deny];
      else if (fp.hard_deny) rules.push(...fp.hard_deny); // a project file can only add
      rules.push(...(fp.append_hard_deny ?? []));
      config.fast_path.hard_deny.push(...rules);
      if (fp.hard_deny || fp.append_hard_deny)
        provenance["fast_path.hard_deny"] =
          `${provenance["fast_path.hard_deny"] ? `${provenance["fast_path.hard_deny"]} + ` : ""}${layer}`;
    }
    const ptu = value.pre_tool_use;
    if (ptu && !project) {
      // Switches that weaken the net or spend per command: never from a project file.
      config.pre_tool_use = { ...config.pre_tool_use, ...ptu };
      provenance.pre_tool_use = layer;
    }
    if (value.circuit_breaker && !project) {
      // Lower limits would soften the classifier's denials (in auto mode, to auto mode's own check).
      config.circuit_breaker = { ...config.circuit_breaker, ...value.circuit_breaker };
      provenance.circuit_breaker = layer;
    }
    if (value.cache) {
      if (value.cache.enabled !== undefined) config.cache.enabled = value.cache.enabled;
      if (value.cache.ttl_ms !== undefined) config.cache.ttl_ms = value.cache.ttl_ms;
      provenance.cache = layer;
    }
  }
  const paths = defaultStatePaths(target, env);
  config.log_path = config.log_path ? resolvePath(config.log_path, cwd, env) : paths.log;
  config.metrics_path = config.metrics_path ? resolvePath(config.metrics_path, cwd, env) : paths.metrics;
  provenance.log_path ??= "default";
  provenance.metrics_path ??= "default";
  return config;
}
