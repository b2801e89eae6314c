// Validation beyond field types: the schema itself, then rules that tie fields together
// (provider.auth variants, codex-oauth's own settings, hard-deny patterns that must compile).

import { PROVIDER_NAMES, PROVIDERS, providerSpec } from "../providers/registry.ts";
import type { ConfigLayer } from "./schema.ts";
import { layerSchema } from "./schema.ts";
import { type ConfigProblem, problemsFromZod } from "./validate.ts";

// A `provider` block replaces the one from lower layers as a whole (the Go version's newest rule); a
// file written for the older per-field merge (e.g. only `model`) is told so, with the field it lacks.
const WHOLE_BLOCK = "a provider block replaces the lower layers' provider as a whole, fields are not merged";
const WHOLE_BLOCK_NAME = `expected string, found nothing (${WHOLE_BLOCK}: give name too, e.g. 'anthropic')`;
const WHOLE_BLOCK_MODEL = `expected string, found nothing (${WHOLE_BLOCK}: give model too, e.g. 'claude-haiku-4-5')`;

export function checkLayer(file: string, value: unknown): ConfigProblem[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return [
      {
        file,
        path: "",
        message: `expected an object at the top level, found ${Array.isArray(value) ? "an array" : JSON.stringify(value)}`,
      },
    ];
  }
  const parsed = layerSchema.safeParse(value);
  if (parsed.success) return layerRules(file, parsed.data);
  // Report every problem at once: the schema's, plus a missing model (a rule, not a type).
  const problems = problemsFromZod(file, layerSchema, value, parsed.error).map((p) =>
    p.path === "provider.name" && p.message.endsWith("found nothing") ? { ...p, message: WHOLE_BLOCK_NAME } : p,
  );
  const provider = (value as { provider?: { name?: unknown; model?: unknown } }).provider;
  if (
    provider &&
    typeof provider === "object" &&
    provider.model === undefined &&
    typeof provider.name === "string" &&
    providerSpec(provider.name)?.defaultModel == null &&
    !problems.some((p) => p.path === "provider.model")
  ) {
    problems.unshift({ file, path: "provider.model", message: WHOLE_BLOCK_MODEL });
  }
  return problems;
}

function layerRules(file: string, layer: ConfigLayer): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const p = layer.provider;
  if (p) {
    const spec = providerSpec(p.name);
    if (!p.name.trim())
      out.push({ file, path: "provider.name", message: "expected a provider name, found an empty string" });
    if (p.model === undefined && spec?.defaultModel == null)
      out.push({ file, path: "provider.model", message: WHOLE_BLOCK_MODEL });
    else if (p.model !== undefined && !p.model.trim())
      out.push({ file, path: "provider.model", message: "expected a model name, found an empty string" });
    if (spec?.selfAuthenticating) {
      if (p.auth)
        out.push({
          file,
          path: "provider.auth",
          message: "codex-oauth authenticates through the Codex login; remove provider.auth",
        });
      if (p.base_url !== undefined)
        out.push({
          file,
          path: "provider.base_url",
          message: "codex-oauth talks to the codex binary, not a URL; remove provider.base_url",
        });
      if (
        p.codex_home !== undefined &&
        !(p.codex_home.startsWith("/") || (p.codex_home.startsWith("~/") && p.codex_home.length > 2))
      ) {
        out.push({
          file,
          path: "provider.codex_home",
          message: `expected an absolute path or one starting with ~/, found ${JSON.stringify(p.codex_home)}`,
        });
      }
    }
    if (!spec?.codexSettings) {
      if (p.codex_bin !== undefined)
        out.push({
          file,
          path: "provider.codex_bin",
          message: `only used with provider.name "codex-oauth", found it with ${JSON.stringify(p.name)}`,
        });
      if (p.codex_home !== undefined)
        out.push({
          file,
          path: "provider.codex_home",
          message: `only used with provider.name "codex-oauth", found it with ${JSON.stringify(p.name)}`,
        });
    }
    if (p.auth && spec && !spec.selfAuthenticating && !spec.authTypes.includes(p.auth.type))
      out.push({
        file,
        path: "provider.auth.type",
        message: `"${p.auth.type}" works only with provider.name ${PROVIDER_NAMES.filter((n) =>
          PROVIDERS[n].authTypes.includes(p.auth?.type as never),
        )
          .map((n) => JSON.stringify(n))
          .join(" or ")}, found ${JSON.stringify(p.name)}`,
      });
    if (p.auth?.type === "profile" && p.auth.profile !== undefined && !p.auth.profile.trim())
      out.push({ file, path: "provider.auth.profile", message: "expected a profile name, found only whitespace" });
    if (p.auth?.type === "file" && p.auth.path !== undefined && /^~\/?$/.test(p.auth.path.trim()))
      out.push({
        file,
        path: "provider.auth.path",
        message: `expected a file path, found ${JSON.stringify(p.auth.path)}`,
      });
    if (p.auth?.type === "exec" && !p.auth.command.trim())
      out.push({ file, path: "provider.auth.command", message: "expected a command, found only whitespace" });
  }
  for (const key of ["hard_deny", "append_hard_deny"] as const) {
    layer.fast_path?.[key]?.forEach((rule, i) => {
      try {
        new RegExp(rule.pattern);
      } catch (e) {
        out.push({
          file,
          path: `fast_path.${key}[${i}].pattern`,
          message: `expected a valid regular expression, found ${JSON.stringify(rule.pattern)} (${(e as Error).message})`,
        });
      }
    });
  }
  return out;
}
