// Read-only subcommands of toolchains, package managers, cloud / container CLIs and machine
// inspection tools, each proved against an allowlist: the verb path must be an inspection verb and
// every option must be on that verb's known-safe list (toolchains/*.ts, one file per family, say
// which tools read repository configuration that can run code and are therefore left out).
// Anything not listed — an unknown verb, option or plugin — is not provable: the classifier decides.
import { CLOUD } from "./toolchains/cloud.ts";
import { CONTAINERS } from "./toolchains/containers.ts";
import { DATABASES } from "./toolchains/databases.ts";
import { HELP } from "./toolchains/help.ts";
import { INFRA } from "./toolchains/infra.ts";
import { LANGUAGES } from "./toolchains/languages.ts";
import { MACOS } from "./toolchains/macos.ts";
import { type Check, checkTool } from "./toolchains/spec.ts";
import { SYSTEM } from "./toolchains/system.ts";

/**
 * Wrappers that run the rest of the line unchanged (the wrapped command is its own invocation and
 * is proved on its own, see wrapped.ts): here only their own options are checked. No `-o FILE`
 * (GNU time writes), no nohup (writes nohup.out), no `env` (it can set anything).
 */
const WRAPPER_OPTIONS: Record<string, Check> = {
  nice: (args) => wrapperOptions(args, ["--help", "--version"], ["-n", "--adjustment"], /^-\d+$/),
  timeout: (args) =>
    wrapperOptions(
      args,
      ["--preserve-status", "--foreground", "-v", "--verbose"],
      ["-s", "--signal", "-k", "--kill-after"],
      null,
      1,
    ),
  stdbuf: (args) => wrapperOptions(args, [], ["-i", "-o", "-e", "--input", "--output", "--error"]),
  xargs: (args) =>
    wrapperOptions(
      args,
      ["-0", "--null", "-r", "--no-run-if-empty", "-t", "--verbose", "-x", "--exit"],
      [
        "-d",
        "--delimiter",
        "-n",
        "--max-args",
        "-L",
        "--max-lines",
        "-P",
        "--max-procs",
        "-s",
        "--max-chars",
        "-I",
        "--replace",
        "-a",
        "--arg-file",
      ],
    ),
};

/** Options up to the wrapped command; `skip` positionals (timeout's duration) belong to the wrapper. */
function wrapperOptions(args: string[], flags: string[], valued: string[], number: RegExp | null = null, skip = 0) {
  let positional = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") return i + 1 < args.length ? null : "no command to run";
    if (a.startsWith("-") && a.length > 1) {
      if (number?.test(a)) continue;
      const check = checkTool(
        { verbs: { "": { flags, valued } } },
        a.includes("=") || !valued.includes(a) ? [a] : [a, "x"],
      );
      if (check) return check;
      if (valued.includes(a)) i++;
      continue;
    }
    if (positional++ >= skip) return null;
  }
  return "no command to run";
}

/**
 * `bash -c 'SCRIPT'`: the script is parsed and each of its commands proved on its own (wrapped.ts).
 * Only bundled tracing and error letters (-x -e -u -v), read exactly as invocations.ts unwraps them:
 * `-o pipefail` would stop that unwrapping, so the script would go unchecked. No -l / -i (more
 * startup files), no `$0 $1 …` words after the script, no empty script, no script from a file.
 */
const shellDashC: Check = (args) => {
  let script = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (script) return "words after the script become $0, $1 …";
    if (!/^-[xeuvc]+$/.test(a)) return `shell option ${a} is not on the known-safe list`;
    if (a.includes("c")) {
      if (!args[i + 1]?.trim()) return "no script";
      script = true;
      i++;
    }
  }
  return script ? null : "not a -c script";
};

const READ_ONLY_CLI: Record<string, Check> = {
  ...CLOUD,
  ...CONTAINERS,
  ...LANGUAGES,
  ...INFRA,
  ...HELP,
  ...DATABASES,
  ...SYSTEM,
  ...MACOS,
  ...WRAPPER_OPTIONS,
  bash: shellDashC,
  sh: shellDashC,
  zsh: shellDashC,
  dash: shellDashC,
};

/** Names whose invocation only runs the command after it (checked on its own in wrapped.ts). */
export const TRANSPARENT_WRAPPERS = new Set([
  "nice",
  "timeout",
  "stdbuf",
  "xargs",
  "bash -c",
  "sh -c",
  "zsh -c",
  "dash -c",
]);

/** undefined: not a tool listed here; null: provably read-only; else why not. */
export function readOnlyCliReason(name: string, args: string[]): string | null | undefined {
  const check = Object.hasOwn(READ_ONLY_CLI, name) ? READ_ONLY_CLI[name] : undefined;
  if (!check) return undefined;
  return check(args);
}
