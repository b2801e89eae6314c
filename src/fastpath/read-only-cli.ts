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
 * (GNU time writes), no nohup (writes nohup.out); env, arch, caffeinate and script: see their checks below.
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
  env: (args) => envWrapper(args),
  arch: (args) => archWrapper(args),
  caffeinate: (args) => caffeinateWrapper(args),
  script: (args) => scriptWrapper(args),
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

/** Environment assignments that cannot change what a read-only command executes (also `env NAME=V`). */
export const SAFE_ENV =
  /^(LANG|LANGUAGE|LC_[A-Z]+|TZ|NO_COLOR|FORCE_COLOR|CLICOLOR|CLICOLOR_FORCE|COLUMNS|LINES|TERM|GIT_PAGER|PAGER)$/;

/**
 * Whether a SAFE_ENV name may take this value. A locale name holding `/` is a path: glibc loads a locale
 * from an absolute one (`LC_ALL=/repo/x`, binary data it trusts) and gettext builds a catalog path from
 * LANGUAGE / LC_* (`LANGUAGE=../../../repo/x cat …` loads `repo/x/LC_MESSAGES/coreutils.mo`, whose
 * "translations" are the tool's printf formats and messages). TERM names a terminfo entry. A value only
 * known at run time (null) could be any of these.
 */
export function safeEnvValue(name: string, value: string | null): boolean {
  if (!/^(LANG|LANGUAGE|LC_[A-Z]+|TERM)$/.test(name)) return true;
  return value !== null && !value.includes("/") && !value.includes("\u0000"); // \u0000: invocations.ts DYNAMIC
}

/** Directories a `PATH=` put in front of a command may list: system ones, never relative or in the repository. */
const SYSTEM_PATH_DIRS = new Set([
  "/bin",
  "/usr/bin",
  "/sbin",
  "/usr/sbin",
  "/usr/local/bin",
  "/usr/local/sbin",
  "/opt/homebrew/bin",
  "/opt/homebrew/sbin",
]);

/**
 * `env [-i|-|--ignore-environment] [-u NAME|--unset=NAME]… [NAME=VALUE]… [--] CMD ARGS`, read exactly as
 * invocations.ts unwraps it (each option its own word). Each assignment passes the same test as an inline
 * one (SAFE_ENV, no pager). Refused: bare `env`/`env -0` (prints the environment: secrets), -C/--chdir (the
 * paths were checked in another directory), -S/--split-string (a second command line), and any way of
 * losing PATH (-i, `-`, -u PATH) without a `PATH=` of system directories: glibc before 2.24 searched the
 * current directory when PATH is unset, so `env -i ls` could run the repository's `./ls`.
 */
const envWrapper: Check = (args) => {
  let pathLost = false;
  let pathSet = false;
  let homeLost = false;
  // Without HOME, `$HOME/proj/x` in a script means `/proj/x`, not the path the analysis checked.
  const rest = (from: number) =>
    pathLost && !pathSet
      ? "env removes PATH"
      : homeLost && args.slice(from).some((w) => /[$~`]/.test(w))
        ? "env removes HOME or PWD before a command that may expand them"
        : null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") return i + 1 < args.length ? rest(i + 1) : "no command to run";
    if (a === "-i" || a === "--ignore-environment" || a === "-") {
      pathLost = true;
      homeLost = true;
      continue;
    }
    const unset = a === "-u" || a === "--unset" ? args[++i] : /^--unset=/.test(a) ? a.slice(8) : null;
    if (unset !== null) {
      if (unset === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(unset)) return "env -u without a variable name";
      if (unset === "PATH") pathLost = true;
      if (unset === "HOME" || unset === "PWD" || unset === "OLDPWD") homeLost = true;
      continue;
    }
    if (a.startsWith("-")) return `env option ${a} is not on the known-safe list`;
    const eq = a.indexOf("=");
    if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(a.slice(0, eq))) {
      const name = a.slice(0, eq);
      if (name === "PATH") {
        const dirs = a.slice(eq + 1).split(":");
        if (!dirs.every((d) => SYSTEM_PATH_DIRS.has(d))) return "env sets PATH beyond the system directories";
        pathSet = true;
        continue;
      }
      if (!SAFE_ENV.test(name) || name === "PAGER" || name === "GIT_PAGER")
        return `env sets ${name}, which can change what runs`;
      if (!safeEnvValue(name, a.slice(eq + 1))) return `env sets ${name} to a path`;
      continue;
    }
    if (eq !== -1) return "env assignment with an odd name";
    return rest(i);
  }
  return "env without a command prints the environment";
};

/**
 * macOS `arch -x86_64 CMD` (also -arm64, -arm64e, -i386, -x86_64h, -32, -64, `-arch NAME`, `--arch NAME`)
 * runs CMD under another architecture. Bare `arch`, --help and --version print; no -c (clears the
 * environment: PATH), no -d/-e (unset / set variables). On Linux `arch OPTION` is an error.
 */
const archWrapper: Check = (args) => {
  if (args.length === 0 || (args.length === 1 && /^(--help|--version)$/.test(args[0] as string))) return null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (/^-(x86_64h?|arm64e?|i386|32|64)$/.test(a)) continue;
    if (a === "-arch" || a === "--arch") {
      if (!/^(x86_64h?|arm64e?|i386)$/.test(args[i + 1] ?? "")) return "arch -arch without a known architecture";
      i++;
      continue;
    }
    if (a.startsWith("-")) return `arch option ${a} is not on the known-safe list`;
    return null;
  }
  return "no command to run";
};

/**
 * macOS `caffeinate [-disum] [-t SECONDS] [-w PID] [CMD ARGS]`: holds off sleep (while CMD runs).
 * Valued letters stand alone (invocations.ts skips their value only then).
 */
const caffeinateWrapper: Check = (args) => {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (/^-[disum]+$/.test(a)) continue;
    if (a === "-t" || a === "-w") {
      if (!/^\d+$/.test(args[i + 1] ?? "")) return `caffeinate ${a} without a number`;
      i++;
      continue;
    }
    if (a.startsWith("-")) return `caffeinate option ${a} is not on the known-safe list`;
    return null;
  }
  return null;
};

/**
 * BSD `script -q /dev/null CMD` runs CMD in a pseudo-terminal and writes the typescript to /dev/null:
 * only -q / -a, the file exactly /dev/null, and a command. `script -p [-d] [-q] FILE` plays a recorded
 * file back (a read of a path-checked file). Any other file is written. util-linux `script` ignores the
 * command words (it starts `$SHELL -i`) but its getopt reads options among them: `-c CMD` and the
 * letters that name files (-B -I -O -T, -t glued) there are refused.
 */
const scriptWrapper: Check = (args) => {
  let i = 0;
  let letters = "";
  for (; i < args.length && (args[i] as string).startsWith("-"); i++) {
    const a = args[i] as string;
    if (!/^-[aqpd]+$/.test(a)) return `script option ${a} is not on the known-safe list`;
    letters += a.slice(1);
  }
  const rest = args.slice(i);
  if (letters.includes("p")) {
    if (letters.includes("a")) return "script -a with -p";
    return rest.length === 1 ? null : "script -p plays back exactly one file";
  }
  if (letters.includes("d")) return "script -d without -p";
  if (rest[0] !== "/dev/null") return "script writes its typescript to a file";
  if (rest.length < 2) return "script without a command starts a shell";
  // util-linux's getopt reads options among the command's words too (up to `--`): `script -q /dev/null
  // ls -B x` logs to the file x, `-c CMD` runs CMD. Its value-taking letters and any long option refused.
  const end = rest.indexOf("--");
  const later = rest.slice(1, end === -1 ? rest.length : end);
  const bad = later.find((w) => w.startsWith("--") || /^-[^-]*[BcEIOTmot]/.test(w));
  return bad ? `script: util-linux reads ${bad} as its own option` : null;
};

/** `bash -o OPTION` names that change nothing but error handling or tracing. */
const SHELL_SET_OPTIONS = new Set(["pipefail", "errexit", "nounset", "xtrace", "verbose", "noclobber"]);

/**
 * `bash -c 'SCRIPT'`: the script is parsed and each of its commands proved on its own (wrapped.ts).
 * The word right after the bundle holding `c` must be the script and the last word, read exactly as
 * invocations.ts unwraps it (it skips the value of -o / +o): the shell itself takes its script from
 * the first word that is not an option, so `bash -c -x 'rm x'` is refused here. Letters: tracing and
 * errors (-x -e -u -v), -l (login) and -i (interactive): their startup files are the user's own
 * (~/.bash_profile, ~/.bashrc), not the repository's; an interactive shell expands history, so a script
 * with `!` is refused with -i. `-o NAME` from SHELL_SET_OPTIONS; bash's --login/--noprofile/--norc.
 * Refused: -O (shopt: extglob changes the parse), --rcfile / --init-file (a file of commands), -s,
 * `$0 $1 …` words after the script, an empty script, a script from a file.
 */
export const shellDashC: Check = (args) => {
  let interactive = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (/^--(login|noprofile|norc)$/.test(a)) continue;
    if (a === "-o" || a === "+o") {
      if (!SHELL_SET_OPTIONS.has(args[i + 1] ?? "")) return `shell option ${a} ${args[i + 1] ?? ""} is not known-safe`;
      i++;
      continue;
    }
    if (!/^-[xeuvcli]+$/.test(a)) return `shell option ${a} is not on the known-safe list`;
    if (a.includes("i")) interactive = true;
    if (a.includes("c")) {
      const script = args[i + 1];
      if (!script?.trim()) return "no script";
      if (/^[-+]/.test(script)) return "the word after -c is an option, not the script";
      if (i + 2 < args.length) return "words after the script become $0, $1 …";
      if (interactive && /[!^]/.test(script)) return "an interactive shell may expand ! or ^ in the script (history)";
      return null;
    }
  }
  return "not a -c script";
};

/**
 * What zsh expands and bash (whose reading proves the script) takes as literal text: a word starting with
 * `=` is the path of that command in PATH (`cat =deploy.sh` prints a script from ~/bin), and `$~x` /
 * `$=x` / `$^x` / `$+x` (also in braces) expand a variable from the environment.
 */
const ZSH_ONLY = /(^|[\s;&|()<>`])=|\$\{?[~=^+]/;

/**
 * The same for a whole command line, which the agent's own shell runs: that is zsh on macOS, so
 * `cat =ls` and `cat $~HOME/x` read outside the repository there. Single-quoted and `$'…'` text and
 * backslash-escaped characters are left out (zsh does not expand them); a bare `=` or `==` word is
 * no command name. zsh also reads `<N-M>` (`<->`: any number) as a glob, where bash sees `<` and `>`:
 * `cat <-> /dev/null` prints every file with a number for a name.
 */
export function zshOnlyExpansion(command: string): boolean {
  let kept = "";
  let double = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i] as string;
    if (c === "\\") i++;
    else if (!double && c === "'") {
      const ansi = command[i - 1] === "$";
      for (i++; i < command.length && command[i] !== "'"; i++) if (ansi && command[i] === "\\") i++;
    } else {
      if (c === '"') double = !double;
      kept += c;
      continue;
    }
    kept += "_"; // quoted text: no word starts here
  }
  return /(^|[\s;&|()<>`])=[^\s=;&|()<>]|\$\{?[~=^+]|<\d*-\d*>/.test(kept);
}

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
  zsh: (args) =>
    shellDashC(args) ??
    (ZSH_ONLY.test(args[args.length - 1] ?? "") || zshOnlyExpansion(args[args.length - 1] ?? "")
      ? "zsh expands =WORD, $~ $= $^ $+ and <N-M> where the bash reading sees text"
      : null),
  dash: shellDashC,
};

/** Names whose invocation only runs the command after it (checked on its own in wrapped.ts). */
export const TRANSPARENT_WRAPPERS = new Set([
  "nice",
  "timeout",
  "stdbuf",
  "xargs",
  "env",
  "arch",
  "caffeinate",
  "script",
  "bash -c",
  "sh -c",
  "zsh -c",
  "dash -c",
]);

/** The check of a tool listed here, or undefined. */
export function readOnlyCliCheck(name: string): Check | undefined {
  return Object.hasOwn(READ_ONLY_CLI, name) ? READ_ONLY_CLI[name] : undefined;
}

/** undefined: not a tool listed here; null: provably read-only; else why not. */
export function readOnlyCliReason(name: string, args: string[]): string | null | undefined {
  return readOnlyCliCheck(name)?.(args);
}
