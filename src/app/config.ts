// Configuration for a working directory: git facts first (config itself does no git), then the layers.
import { type ConfigLoadResult, type LoadOptions, loadConfig } from "../config/load.ts";
import { gitFacts } from "../context/git.ts";
import type { Target } from "../core/types.ts";

export function loadConfigAt(target: Target, options: Omit<LoadOptions, "git">): ConfigLoadResult {
  return loadConfig(target, { ...options, git: options.cwd ? gitFacts(options.cwd, options.env) : null });
}
