// The embedded defaults, compiled from each host's defaults.jsonnet at build time.
import type { Target } from "../core/types.ts";
import * as claude from "../hosts/claude/defaults.gen.ts";
import * as codex from "../hosts/codex/defaults.gen.ts";
import type { ConfigLayer } from "./schema.ts";

const GENERATED = { claude, codex } as const;

export function embeddedDefaults(target: Target): ConfigLayer {
  return GENERATED[target].DEFAULTS as unknown as ConfigLayer;
}

export function defaultsSource(target: Target): string {
  return GENERATED[target].DEFAULTS_SOURCE;
}

export function projectTemplate(target: Target): string {
  return GENERATED[target].PROJECT_TEMPLATE;
}
