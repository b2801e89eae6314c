// One request, ready for core.decide: git facts computed once, the configuration loaded with them,
// and the deps built. Shared by the hook, `explain`, `replay` and `eval`, so they decide alike.
import type { ConfigLoadResult } from "../config/load.ts";
import { loadConfig } from "../config/load.ts";
import type { Config } from "../config/schema.ts";
import { gitFacts } from "../context/git.ts";
import type { GitFacts } from "../core/ports.ts";
import type { DecisionRequest, Target } from "../core/types.ts";
import { type Logger, nullLogger } from "../state/log.ts";
import type { Env } from "../util/env.ts";
import { buildDeps, type RequestDeps } from "./deps.ts";

export type Prepared =
  | ({
      ok: true;
      git: GitFacts | null;
      loaded: Extract<ConfigLoadResult, { ok: true }>;
      config: Config;
      log: Logger;
    } & RequestDeps)
  | { ok: false; git: GitFacts | null; loaded: Extract<ConfigLoadResult, { ok: false }> };

export interface PrepareOptions {
  /** The log for this request, opened once the configuration (which names its path) is known. */
  openLog?: (config: Config) => Logger;
  /** false: no decision cache (eval, replay). */
  cache?: boolean;
}

export function prepare(target: Target, request: DecisionRequest, env: Env, options: PrepareOptions = {}): Prepared {
  const git = request.cwd ? gitFacts(request.cwd, env) : null;
  const loaded = loadConfig(target, { cwd: request.cwd, env, git });
  if (!loaded.ok) return { ok: false, git, loaded };
  const config = loaded.config;
  const log = options.openLog ? options.openLog(config) : nullLogger;
  const built = buildDeps(target, request, config, git, env, log, { cache: options.cache ?? true });
  return { ok: true, git, loaded, config, log, ...built };
}
