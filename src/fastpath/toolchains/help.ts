// Why: many tools print their help or version from the argument parser, before they read a project
// file, connect anywhere or run anything — so `TOOL --help`, `TOOL --version` and `TOOL VERB --help`
// are provable for them, and only those forms. Each tool below was checked for what happens before
// its parser exits (see the notes); a tool whose help or version already runs repository code is
// not here (yarn, pnpm: the packageManager pin and yarnPath run on any call; `cdk version`, the
// verb, loads cdk.json plugins, while yargs answers `cdk --version` before that; `ansible-test`
// runs git in the project while it builds its parser; `ansible-lint` reads `.ansible-lint`
// rules and checks online for a newer version; bare `pre-commit` is `pre-commit run`).
// Directory-dependent parts (ansible.cfg in the working directory, packer plugins there) are checked
// in toolchain-file.ts, which sees the directory the command runs in.
import type { Check } from "./spec.ts";

export interface HelpForms {
  /** Flags that print help (alone, or after the verb words). */
  help: readonly string[];
  /** Flags that print the version (alone). */
  version: readonly string[];
  /** Verb words allowed before a help flag (`cargo build --help`); none by default. */
  verbs?: readonly string[] | RegExp;
  /** How many verb words (default 1 when verbs are given). */
  maxVerbs?: number;
  /** Words that print help on their own (`pre-commit help [VERB]`), followed by at most one verb. */
  helpVerbs?: readonly string[];
}

const verbOk = (forms: HelpForms, w: string): boolean =>
  forms.verbs === undefined
    ? false
    : Array.isArray(forms.verbs)
      ? forms.verbs.includes(w)
      : (forms.verbs as RegExp).test(w);

/** Null when `args` only asks for help or the version, in one of the tool's listed forms. */
function helpOrVersion(forms: HelpForms, args: string[]): string | null {
  const [first] = args;
  if (first === undefined) return "no help or version flag";
  if (args.length === 1 && forms.version.includes(first)) return null;
  if (forms.helpVerbs?.includes(first)) {
    if (args.length === 1) return null;
    return args.length === 2 && verbOk(forms, args[1] as string) ? null : "help for an unknown verb";
  }
  const flag = args[args.length - 1] as string;
  if (!forms.help.includes(flag)) return "only help and version queries are listed for this tool";
  const words = args.slice(0, -1);
  if (words.length > (forms.maxVerbs ?? 1)) return "too many words before the help flag";
  const bad = words.find((w) => !verbOk(forms, w));
  return bad === undefined ? null : `${bad} is not a known verb for help`;
}

export const helpCheck =
  (forms: HelpForms): Check =>
  (args) =>
    helpOrVersion(forms, args);

const PLAIN_VERB = /^[a-z][a-z0-9-]*$/;

/** ansible-core's own tools: argparse prints help/version before plugins, inventory or vaults load. */
const ANSIBLE: HelpForms = { help: ["-h", "--help"], version: ["--version"], verbs: PLAIN_VERB, maxVerbs: 2 };
const ANSIBLE_TOOLS = [
  "ansible",
  "ansible-playbook",
  "ansible-vault",
  "ansible-galaxy",
  "ansible-inventory",
  "ansible-doc",
  "ansible-pull",
  "ansible-config",
  "ansible-console",
];

// argparse exits on these; the hooks, the config and git come later. validate-config/-manifest only
// parse the named YAML files with a safe loader (no git, no hooks); the files are checked as paths.
const PRE_COMMIT: HelpForms = {
  help: ["-h", "--help"],
  version: ["-V", "--version"],
  verbs: PLAIN_VERB,
  helpVerbs: ["help"],
};
const preCommit: Check = (args) => {
  if (args[0] === "validate-config" || args[0] === "validate-manifest") {
    const rest = args.slice(1);
    return rest.some((a) => a.startsWith("-")) ? `${args[0]}: options are not listed` : null;
  }
  return helpOrVersion(PRE_COMMIT, args);
};

export const HELP: Record<string, Check> = {
  // ~/.curlrc / ~/.wgetrc are the user's; the working directory is not read on Linux or macOS.
  curl: helpCheck({ help: ["-h", "--help", "-M", "--manual"], version: ["-V", "--version"] }),
  wget: helpCheck({ help: ["-h", "--help"], version: ["-V", "--version"] }),
  ...Object.fromEntries(ANSIBLE_TOOLS.map((t) => [t, helpCheck(ANSIBLE)])),
  // kingpin answers these before prometheus.yml is read.
  prometheus: helpCheck({ help: ["-h", "--help", "--help-long", "--help-man"], version: ["--version"] }),
  // yargs prints these while parsing, before cdk.json is read and its plugins load.
  cdk: helpCheck({ help: ["-h", "--help"], version: ["--version"], verbs: PLAIN_VERB }),
  "pre-commit": preCommit,
};
