// The single source of truth for configuration: TypeScript types, runtime validation and the
// generated schemas/*.schema.json all come from here. Every field carries a description.
import { z } from "zod";

const FALLTHROUGH_STRATEGIES = ["ask", "allow", "deny"] as const;

const execAuth = z
  .object({
    type: z.literal("exec").describe("Run a helper command that prints the key."),
    command: z.string().min(1).describe("Shell command that prints the key (plain line or {key, expires_at} JSON)."),
    shell: z.enum(["bash", "powershell"]).optional().describe("Shell that runs the command. Default bash."),
    refresh_margin_ms: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("Refresh this many ms before expires_at. Default 60000."),
    timeout_ms: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("Kill the helper's process group after this many ms. Default 30000."),
    cache_key: z.string().optional().describe("Extra input to the cache fingerprint (e.g. an AWS profile)."),
  })
  .strict();

const fileAuth = z
  .object({
    type: z.literal("file").describe("Read the key from a rotator-managed file."),
    path: z.string().min(1).optional().describe("Key file. Default <state>/<target>/auth_key.json."),
    refresh_margin_ms: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("Treat the key as expired this many ms early. Default 60000."),
    timeout_ms: z.number().int().min(1).optional().describe("Give up reading after this many ms. Default 30000."),
  })
  .strict();

const profileAuth = z
  .object({
    type: z.literal("profile").describe("Anthropic only: use an `ant auth login` profile."),
    profile: z.string().optional().describe("Profile name. Default $ANTHROPIC_PROFILE, then the active profile."),
  })
  .strict();

const authSchema = z
  .discriminatedUnion("type", [execAuth, fileAuth, profileAuth])
  .describe("Rotating credentials instead of an environment variable.");

const providerSchema = z
  .object({
    name: z.string().min(1).describe("Classifier provider: anthropic, openai, gemini or codex-oauth."),
    model: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Classifier model. Required, except with codex-oauth (default gpt-6-luna, the Codex catalog's small model).",
      ),
    base_url: z.string().optional().describe("API base URL (openai/gemini: include /v1 or /v1beta/openai)."),
    timeout_ms: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("Hard deadline for the whole classification in ms. 0 = none. Default 20000."),
    reasoning_effort: z
      .string()
      .optional()
      .describe('Unset: least reasoning the API allows. "": send nothing. Else forwarded as written.'),
    auth: authSchema.optional(),
    codex_bin: z.string().min(1).optional().describe("codex-oauth: the codex executable. Default `codex` from PATH."),
    codex_home: z
      .string()
      .min(1)
      .optional()
      .describe(
        "codex-oauth: CODEX_HOME for the classifier (absolute or ~/). Default a managed home under the state dir.",
      ),
  })
  .strict();

const stringList = (what: string) => z.array(z.string()).describe(what);

const hardDenyRuleSchema = z
  .object({
    pattern: z
      .string()
      .min(1)
      .describe("Regular expression matched against the whole command line and each command in it."),
    message: z.string().optional().describe("Message for the agent when the pattern matches."),
  })
  .strict();

/** The built-in hard-deny rules `fast_path.disable` can switch off (ids as in metrics and explain). */
const BUILTIN_HARD_DENY_RULES = [
  "download-exec",
  "decode-exec",
  "rm-outside-repo",
  "filesystem-destruction",
  "disk-destruction",
  "force-push-protected",
  "history-rewrite",
  "privilege-escalation",
  "fork-bomb",
] as const;

const fastPathSchema = z
  .object({
    enabled: z
      .boolean()
      .optional()
      .describe(
        "Decide obvious cases locally before the LLM (hard deny, provable allow). Default true. Honoured only in the defaults and the global file.",
      ),
    hard_deny: z
      .array(hardDenyRuleSchema)
      .optional()
      .describe(
        "Your own hard-deny patterns. In the defaults and the global file this replaces the inherited list; a project file can only add to it.",
      ),
    append_hard_deny: z
      .array(hardDenyRuleSchema)
      .optional()
      .describe("Hard-deny patterns added to the inherited list (allowed in every layer)."),
    self_protect: z
      .boolean()
      .optional()
      .describe(
        "Hard-deny writes, edits, moves and deletions of ccgate's config files, Claude Code's settings, Codex's hooks.json/config.toml and ccgate's state and cache. Default true. Honoured only in the defaults and the global file.",
      ),
    disable: z
      .array(z.enum(BUILTIN_HARD_DENY_RULES))
      .optional()
      .describe(
        "Built-in hard-deny rules switched off, by id (e.g. privilege-escalation): such requests go to your rules and the classifier instead. Self-protection and oversized commands are not on this list. Honoured only in the global file; a project file can never switch a rule off.",
      ),
    read_only_allow: z
      .boolean()
      .optional()
      .describe(
        "Allow provably read-only commands and file reads inside the repository without the classifier. Default true. false sends them to your rules and the classifier; a project file can only set false.",
      ),
    protected_branches: z
      .array(z.string().min(1))
      .optional()
      .describe(
        "Branches (glob * allowed) that must never be force-pushed or rewritten. Honoured only in the defaults and the global file.",
      ),
  })
  .strict();

const preToolUseSchema = z
  .object({
    hard_deny_in_bypass: z
      .boolean()
      .optional()
      .describe(
        "Claude PreToolUse in bypassPermissions: still apply hard deny. Default true. Honoured only in the defaults and the global file.",
      ),
    codex_classifier_deny: z
      .boolean()
      .optional()
      .describe(
        "Codex PreToolUse: after hard deny, ask the classifier and answer its deny (one LLM call per command). Default false. Honoured only in the defaults and the global file.",
      ),
  })
  .strict();

const circuitBreakerSchema = z
  .object({
    consecutive_denials: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("After this many classifier denials in a row, hand the next one to the human. Default 3."),
    session_denials: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("After this many classifier denials in one session, hand the rest to the human. Default 20."),
  })
  .strict()
  .describe(
    "Denial circuit breaker (hard denies are never softened). Honoured only in the defaults and the global file.",
  );

const cacheSchema = z
  .object({
    enabled: z.boolean().optional().describe("Reuse definite LLM verdicts for identical requests. Default true."),
    ttl_ms: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("How long a cached verdict stays valid, in ms. Default 600000 (10 minutes); 0 disables the cache."),
  })
  .strict();

/** One configuration layer as written in a file (every field optional). */
export const layerSchema = z
  .object({
    $schema: z.string().optional().describe("JSON Schema URL for editors; ignored at runtime."),
    provider: providerSchema
      .optional()
      .describe("Classifier provider. Replaced as a whole block by each layer that sets it."),
    log_path: z.string().optional().describe("Log file. Default <state>/<target>/ccgate.log."),
    log_disabled: z.boolean().optional().describe("Write no log file."),
    log_max_size: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("Rotate the log at this many bytes (one .1 generation). 0 = never."),
    metrics_path: z.string().optional().describe("Metrics JSONL file. Default <state>/<target>/metrics.jsonl."),
    metrics_disabled: z.boolean().optional().describe("Record no metrics."),
    metrics_max_size: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("Rotate metrics at this many bytes (one .1 generation). 0 = never."),
    fallthrough_strategy: z
      .enum(FALLTHROUGH_STRATEGIES)
      .optional()
      .describe("What to do when the LLM itself is unsure: ask the human, allow or deny."),
    disable_load_main_worktree_local_config: z
      .boolean()
      .optional()
      .describe("Skip the main worktree's local file in linked worktrees (honoured in defaults and global only)."),
    include_settings_permissions_in_prompt: z
      .boolean()
      .optional()
      .describe("Claude: send the user's settings permissions as background."),
    include_recent_transcript_in_prompt: z
      .boolean()
      .optional()
      .describe("Claude: send recent user messages and tool names."),
    allow: stringList("Allow guidance. Replaces the inherited list.").optional(),
    deny: stringList("Deny guidance. Replaces the inherited list.").optional(),
    environment: stringList("Facts about the environment. Replaces the inherited list.").optional(),
    append_allow: stringList("Added to the inherited allow list.").optional(),
    append_deny: stringList("Added to the inherited deny list.").optional(),
    append_environment: stringList("Added to the inherited environment list.").optional(),
    fast_path: fastPathSchema.optional().describe("Deterministic decisions before the LLM."),
    cache: cacheSchema.optional().describe("Decision cache for LLM verdicts."),
    pre_tool_use: preToolUseSchema.optional().describe("What ccgate does when called as a PreToolUse hook."),
    circuit_breaker: circuitBreakerSchema.optional(),
  })
  .strict();

export type ConfigLayer = z.infer<typeof layerSchema>;
export type ProviderConfig = z.infer<typeof providerSchema>;
export type AuthConfig = z.infer<typeof authSchema>;

/** The merged configuration the pipeline runs on: defaults applied, paths absolute. */
export interface Config {
  /** Merged provider block; `model` is always set after merging. */
  provider: ProviderConfig & { model: string };
  log_path: string;
  log_disabled: boolean;
  log_max_size: number;
  metrics_path: string;
  metrics_disabled: boolean;
  metrics_max_size: number;
  fallthrough_strategy: (typeof FALLTHROUGH_STRATEGIES)[number];
  disable_load_main_worktree_local_config: boolean;
  include_settings_permissions_in_prompt: boolean;
  include_recent_transcript_in_prompt: boolean;
  allow: string[];
  deny: string[];
  environment: string[];
  fast_path: {
    enabled: boolean;
    self_protect: boolean;
    hard_deny: HardDenyRule[];
    protected_branches: string[];
    /** Built-in hard-deny rule ids switched off (global file only). */
    disable?: string[];
    /** Local allows of provably read-only requests (a project can only turn them off). */
    read_only_allow?: boolean;
  };
  cache: { enabled: boolean; ttl_ms: number };
  /** PreToolUse switches (absent: hard deny in bypassPermissions on). */
  pre_tool_use?: { hard_deny_in_bypass?: boolean; codex_classifier_deny?: boolean };
  /** Denial circuit breaker limits (absent: 3 in a row, 20 per session). */
  circuit_breaker?: { consecutive_denials?: number; session_denials?: number };
}

export type HardDenyRule = z.infer<typeof hardDenyRuleSchema>;
