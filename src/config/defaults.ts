// The embedded defaults of a host, as a config layer (compiled from its defaults.jsonnet at build time).
import type { Target } from "../core/types.ts";
import { HOSTS } from "../hosts/index.ts";
import type { ConfigLayer } from "./schema.ts";

export function embeddedDefaults(target: Target): ConfigLayer {
  return HOSTS[target].defaults.DEFAULTS as ConfigLayer;
}
