// Why: inspection of the machine (network configuration, kernel and service logs, packages) and
// fzf, each with its known-safe options. Refused: anything that changes settings (ip … add, sysctl
// -w / name=value, dmesg --clear, journalctl --vacuum/--rotate), `ip xfrm` (prints IPsec keys),
// `ip netns exec` / `-batch` (runs a command / reads one from a file), fzf's --preview, --listen
// (remote control), --with-shell and any --bind action outside a short list of cursor, selection
// and exit actions (execute, become, reload, transform*, change-preview … run commands), fzf
// --history (writes a file), `brew bundle` (a Brewfile is Ruby), `brew fetch` (downloads and loads
// formula code), `brew home|homepage` (opens a third-party page named by the formula in a browser) and,
// for every brew command, a formula word that is a `.rb` file, a path, a URL or `user/tap/name` (brew
// evaluates that Ruby: the repository's own file, a download, or a tap it clones first).
// fzf's `--height ~50%` and `brew search /REGEX/` are declared names, not paths (spec.ts `names`).
import { aliases, type Check, checkTool, proved, proveTool, proving, refused, type Tool, type Verb } from "./spec.ts";

const IP_OBJECTS = [
  "monitor",
  "mo",
  "stats",
  "st",
  "tuntap",
  "tunt",
  "address",
  "addr",
  "a",
  "link",
  "l",
  "route",
  "r",
  "ro",
  "neighbour",
  "neighbor",
  "neigh",
  "n",
  "rule",
  "ru",
  "maddress",
  "maddr",
  "m",
  "tunnel",
  "tun",
  "netconf",
  "ntable",
  "mroute",
  "tcp_metrics",
  "token",
  "nexthop",
  "vrf",
  "netns",
];
const IP_VERBS = ["show", "list", "ls", "lst", "sh", "s"];
const ipVerbs: Record<string, Verb> = {};
for (const o of IP_OBJECTS) {
  ipVerbs[o] = { last: (w) => (w.length ? `ip ${o} ${w[0]}: only show/list is provable` : null) };
  for (const v of IP_VERBS) ipVerbs[`${o} ${v}`] = {};
}
for (const o of ["route", "r", "ro"]) ipVerbs[`${o} get`] = {};
ipVerbs["netns identify"] = { maxArgs: 1 };
// `ip monitor [all|link|address|route|neigh]` only watches.
ipVerbs.monitor = ipVerbs.mo = {
  last: (w) =>
    w.every((x) => /^(all|link|address|addr|route|neigh|rule|netconf|nexthop|label)$/.test(x))
      ? null
      : "ip monitor: unexpected argument",
};
const IP: Tool = {
  singleDash: true,
  global: {
    flags: [
      "-4",
      "-6",
      "-0",
      "-s",
      "-stats",
      "-statistics",
      "-d",
      "-details",
      "-j",
      "-json",
      "-p",
      "-pretty",
      "-br",
      "-brief",
      "--brief",
      "-human-readable",
      "--human-readable",
      "-c",
      "-color",
      "-o",
      "-oneline",
      "-h",
      "-human",
      "-r",
      "-resolve",
      "-a",
      "-all",
      "-t",
      "-timestamp",
      "-N",
      "-Numeric",
    ],
    valued: ["-f", "-family", "-n", "-netns", "-color"],
  },
  maxVerbWords: 2,
  verbs: { "": { maxArgs: 0, flags: ["-V", "-Version"] }, ...ipVerbs },
};

const DMESG: Tool = {
  global: {
    flags: [
      "-T",
      "--ctime",
      "-H",
      "--human",
      "-w",
      "--follow",
      "-W",
      "--follow-new",
      "-L",
      "--color",
      "-k",
      "--kernel",
      "-u",
      "--userspace",
      "-x",
      "--decode",
      "-t",
      "--notime",
      "-r",
      "--raw",
      "-d",
      "--show-delta",
      "-e",
      "--reltime",
      "-P",
      "--nopager",
      "-J",
      "--json",
      "--noescape",
      "-h",
      "--help",
      "-V",
      "--version",
    ],
    // -s / --buffer-size only sizes the read; -n / --console-level sets the console level: not listed.
    valued: [
      "-l",
      "--level",
      "-f",
      "--facility",
      "--time-format",
      "--since",
      "--until",
      "--color",
      "-s",
      "--buffer-size",
    ],
  },
  verbs: { "": { maxArgs: 0 } },
};

/** `-b -1` (the boot before this one): journalctl takes a following offset as the value of -b. */
function bootOffset(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if ((a === "-b" || a === "--boot") && /^[-+]?\d+$/.test(args[i + 1] ?? "")) out.push(`--boot=${args[++i]}`);
    else out.push(a);
  }
  return out;
}

const JOURNALCTL: Tool = {
  global: {
    flags: [
      "-f",
      "--follow",
      "-r",
      "--reverse",
      "-k",
      "--dmesg",
      "-x",
      "--catalog",
      "-e",
      "--pager-end",
      "--no-pager",
      "-a",
      "--all",
      "-q",
      "--quiet",
      "--utc",
      "--no-hostname",
      "--no-tail",
      "--list-boots",
      "--disk-usage",
      "--user",
      "--system",
      "-m",
      "--merge",
      "--list-fields",
      "-h",
      "--help",
      "--version",
      "--no-full",
      "-l",
      "--full",
      "--show-cursor",
      // the current boot; `-b ID` / `--boot=ID` are read as valued below
      "-b",
      "--boot",
    ],
    valued: [
      "-u",
      "--unit",
      "--user-unit",
      "-n",
      "--lines",
      "-b",
      "--boot",
      "-p",
      "--priority",
      "-S",
      "--since",
      "-U",
      "--until",
      "-o",
      "--output",
      "-t",
      "--identifier",
      "-g",
      "--grep",
      "--output-fields",
      "--facility",
      "-F",
      "--field",
      "--case-sensitive",
    ],
  },
  verbs: {
    "": {
      maxArgs: 3,
      last: (w) => (w.every((x) => /^[A-Z_]+=[^/]*$|^\+$/.test(x)) ? null : "journalctl: a path or unknown match"),
    },
  },
};

const FZF_FLAGS = [
  "-e",
  "--exact",
  "-i",
  "+i",
  "--ignore-case",
  "--no-ignore-case",
  "--smart-case",
  "--literal",
  "-m",
  "+m",
  "--multi",
  "--no-multi",
  "-1",
  "--select-1",
  "-0",
  "--exit-0",
  "--print-query",
  "--read0",
  "--print0",
  "--sync",
  "--no-sort",
  "+s",
  "--tac",
  "--no-tac",
  "-x",
  "+x",
  "--extended",
  "--no-extended",
  "--reverse",
  "--ansi",
  "--no-mouse",
  "--cycle",
  "--no-color",
  "--no-bold",
  "--black",
  "--no-hscroll",
  "--keep-right",
  "--disabled",
  "--track",
  "--wrap",
  "--no-info",
  "--no-separator",
  "--no-scrollbar",
  "--highlight-line",
  "--no-unicode",
  "--inline-info",
  "--border",
  "--version",
  "--help",
  "-h",
  "--man",
  "--filepath-word",
  "--no-input",
  "--raw",
  "--no-tty-default",
  "--tmux",
  "--multi-line",
  "--no-multi-line",
  "--gap",
  "--header-first",
  "--header-border",
  "--header-lines-border",
  "--footer-border",
  "--preview-border",
  "--list-border",
  "--input-border",
  "--bash",
  "--zsh",
  "--fish",
];
const FZF_VALUED = [
  "-q",
  "--query",
  "-f",
  "--filter",
  "--tiebreak",
  "-n",
  "--nth",
  "--with-nth",
  "--accept-nth",
  "-d",
  "--delimiter",
  "--height",
  "--min-height",
  "--layout",
  "--border",
  "--border-label",
  "--prompt",
  "--header",
  "--header-lines",
  "--info",
  "--color",
  "--scheme",
  "--algo",
  "--margin",
  "--padding",
  "--pointer",
  "--marker",
  "--tabstop",
  "--expect",
  "--walker",
  "--style",
  "--gap",
  "--ghost",
  "--separator",
  "--scrollbar",
  "--ellipsis",
  "--jump-labels",
  "--footer",
  "--header-border",
  "--list-border",
  "--input-border",
  "--list-label",
  "--input-label",
  "--tmux",
  "--tail",
  "--border-label-pos",
  "--multi",
  "--scroll-off",
  "--hscroll-off",
  "--header-label",
  "--header-label-pos",
  "--footer-label",
  "--footer-label-pos",
  "--header-lines-border",
  "--footer-border",
  "--preview-window",
  "--preview-border",
  "--preview-label",
  "--preview-label-pos",
  "--walker-root",
  "--walker-skip",
  "--history-size",
  "--bind",
];

/** --bind actions that move the cursor, select, edit the query or exit; none runs a command. */
const FZF_PURE_ACTIONS = new Set([
  ..."select-all deselect-all toggle-all toggle select deselect up down accept accept-non-empty abort cancel".split(
    " ",
  ),
  ..."clear-screen clear-query clear-selection toggle-preview toggle-sort toggle-wrap toggle-search toggle-header".split(
    " ",
  ),
  ..."preview-up preview-down preview-page-up preview-page-down preview-half-page-up preview-half-page-down".split(" "),
  ..."preview-top preview-bottom page-up page-down half-page-up half-page-down first last top jump ignore".split(" "),
  ..."print-query backward-char forward-char backward-word forward-word beginning-of-line end-of-line kill-line".split(
    " ",
  ),
  ..."kill-word backward-kill-word backward-delete-char delete-char toggle-in toggle-out toggle-track".split(" "),
  "put",
]);
/** `KEY:ACTION[+ACTION…][,KEY:…]`, each action pure; put(TEXT) with plain text only. */
function fzfBind(value: string): string | null {
  for (const binding of value.split(",")) {
    const m = /^([a-z][a-z0-9-]*|ctrl-[/\]]|alt-[a-z0-9]|f\d+):(.+)$/.exec(binding);
    if (!m) return `fzf --bind ${binding} is not a plain key binding`;
    for (const action of (m[2] as string).split("+")) {
      const put = /^put(\([A-Za-z0-9 _.-]*\))?$/.test(action);
      if (!put && !FZF_PURE_ACTIONS.has(action)) return `fzf --bind action ${action} may run a command`;
    }
  }
  return null;
}
/** fzf's `--height` / `--min-height`: `[~]N[%]` (`~` means "at most"), a size and never a file. */
function fzfValue(option: string, value: string): string | null {
  if (option === "--bind") return fzfBind(value);
  if ((option === "--height" || option === "--min-height") && !/^~?-?\d+%?$/.test(value))
    return `fzf ${option} ${value} is not a height`;
  return null;
}
const fzf: Check = proving((args) => {
  // fzf also takes `+x` style negations; the engine only knows `-`, so map them onto flags first.
  const mapped = args.map((a) => (/^\+[a-z]$/.test(a) && FZF_FLAGS.includes(a) ? "--plus-flag" : a));
  return proveTool(
    {
      global: {
        flags: [...FZF_FLAGS, "--plus-flag"],
        valued: FZF_VALUED,
        value: fzfValue,
        names: ["--height", "--min-height"],
      },
      verbs: { "": { maxArgs: 0 } },
    },
    mapped,
  );
});

const BREW_FLAGS = [
  "-h",
  "--help",
  "-v",
  "--verbose",
  "-q",
  "--quiet",
  "-d",
  "--debug",
  "--json",
  "--installed",
  "--cask",
  "--casks",
  "--formula",
  "--formulae",
  "-1",
  "-l",
  "--versions",
  "--pinned",
  "--full-name",
  "--tree",
  "--greedy",
  "--greedy-latest",
  "--greedy-auto-updates",
  "--desc",
  "--eval-all",
  "--analytics",
  "--github",
  "--include-build",
  "--include-optional",
  "--include-test",
  "--skip-recommended",
  "--recursive",
  "--direct",
  "--multiple",
  "--union",
  "--topological",
  "--annotate",
  "--fetch-HEAD",
  "--missing",
  "--search",
  "--name",
  "--description",
  "--installed-on-request",
  "--installed-as-dependency",
];
const BREW_MORE_FLAGS = [
  "--for-each",
  "--graph",
  "--dot",
  "--all",
  "-r",
  "-t",
  "-p",
  "-n",
  "-s",
  "-g",
  "--list-checks",
  "--poured-from-bottle",
  "--built-from-source",
  "--installed-on-request",
];
const BREW_VALUED = ["--json", "--hide", "--os", "--arch", "--days", "--category"];
const BREW_READ: Verb = {};
const BREW: Tool = {
  global: { flags: [...BREW_FLAGS, ...BREW_MORE_FLAGS], valued: BREW_VALUED },
  verbs: {
    "": { flags: ["--version"] },
    ...aliases(
      [
        "info",
        "abv",
        "list",
        "ls",
        "deps",
        "uses",
        "leaves",
        "outdated",
        "config",
        "desc",
        "cat",
        "options",
        "missing",
        "formulae",
        "casks",
      ],
      BREW_READ,
    ),
    // `brew search /TEXT/` searches with a regular expression: a pattern, not a file to check.
    ...aliases(["search", "@-S"], {
      flags: ["--pull-request", "--open", "--closed"],
      nameOperand: (word) => /^\/[^/]+\/$/.test(word),
    }),
    ...aliases(["doctor", "dr"], { flags: ["-D", "--audit-debug", "--list-checks"] }),
    // git log of the formula in its tap.
    log: { flags: ["--patch", "--stat", "--oneline", "-1"], valued: ["--max-count"] },
    commands: { flags: ["--include-aliases"], maxArgs: 0 },
    help: { maxArgs: 1 },
    docs: { maxArgs: 0 },
    shellenv: { maxArgs: 1, last: (w) => (w.every((x) => /^[a-z]+$/.test(x)) ? null : "brew shellenv SHELL") },
    analytics: { maxArgs: 0 },
    "analytics state": { maxArgs: 0 },
    "tap-info": {},
    // The commands spelled as options (`brew --prefix x`), under an `@` name brew() gives them.
    "@--cache": { flags: ["-s", "--build-from-source", "--force-bottle", "--HEAD"], valued: ["--bottle-tag"] },
    ...aliases(["@--cellar", "@--caskroom", "@--repo", "@--repository"], {}),
    "@--prefix": { flags: ["--unbrewed", "--installed"] },
    ...aliases(["@--taps", "@--config"], { maxArgs: 0 }),
    "@--env": { flags: ["--plain"], valued: ["--shell"] },
  },
};

/** Built-in commands: `brew CMD --help` prints their help (an external command would run). */
const BREW_BUILTINS = new Set(
  (
    "install uninstall remove rm reinstall upgrade update tap untap link unlink pin unpin cleanup autoremove " +
    "services bundle info list ls search deps uses outdated doctor config commands cat log fetch home homepage " +
    "create edit audit style test analytics shellenv leaves missing options desc tap-info migrate postinstall docs"
  ).split(" "),
);

/** Commands whose `user/tap` word names a tap (no formula is loaded). */
const TAP_VERBS = new Set(["tap-info", "--repo", "--repository"]);

/**
 * A formula or cask word brew loads no Ruby for from the repository or the network: a bare name
 * (looked up in the installed taps or the JSON API). Refused: `x.rb` and paths (brew evaluates a
 * formula or cask file it is given by path — the repository's own Ruby), URLs (downloaded and
 * evaluated), and `user/tap/name` (an untapped tap is cloned from GitHub and its Ruby loaded).
 * `tap-info user/tap` and `--repository user/tap` name a tap only.
 */
function brewWordProblem(word: string, verb: string): string | null {
  if (word.startsWith("-")) return null;
  if (/\.rb$/i.test(word)) return `brew evaluates the Ruby file ${word}`;
  if (/^[A-Za-z0-9@+_][A-Za-z0-9@+_.-]*$/.test(word)) return null;
  if (TAP_VERBS.has(verb) && /^[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+$/.test(word)) return null;
  if ((verb === "search" || verb === "-S") && /^\/[^/]*\/$/.test(word)) return null; // a /regex/
  return `brew ${word}: a path, URL or tap-qualified name makes brew load Ruby from elsewhere`;
}

/** brew spells some commands as options (`brew --prefix x`): those become the verb word here. */
const brew: Check = proving((args) => {
  if (args.length === 2 && (args[1] === "--help" || args[1] === "-h") && BREW_BUILTINS.has(args[0] as string))
    return proved();
  const verb = TAP_VERBS.has(args[0] as string) ? (args[0] as string) : (args.find((a) => !a.startsWith("-")) ?? "");
  for (const a of args) {
    const bad = brewWordProblem(a, verb);
    if (bad) return refused(bad);
  }
  const first = args[0] ?? "";
  if (first.startsWith("-") && Object.hasOwn(BREW.verbs, `@${first}`))
    return proveTool(BREW, [`@${first}`, ...args.slice(1)]);
  return proveTool(BREW, args);
});

const SYSCTL: Tool = {
  global: {
    flags: [
      "-a",
      "-A",
      "-n",
      "-N",
      "-e",
      "-b",
      "-h",
      "-x",
      "-X",
      "-d",
      "-q",
      "--all",
      "--values",
      "--names",
      "--help",
      "--version",
    ],
  },
  verbs: {
    "": { last: (w) => (w.every((x) => /^[A-Za-z0-9_.*-]+$/.test(x)) ? null : "sysctl name=value sets a value") },
  },
};

const IFCONFIG: Tool = {
  global: { flags: ["-a", "-l", "-s", "-v", "-u", "-d", "-L", "-m"] },
  verbs: { "": { maxArgs: 1 } },
};

export const SYSTEM: Record<string, Check> = {
  ip: (args) => checkTool(IP, args),
  dmesg: (args) => checkTool(DMESG, args),
  journalctl: (args) => checkTool(JOURNALCTL, bootOffset(args)),
  fzf,
  brew,
  sysctl: (args) => checkTool(SYSCTL, args),
  ifconfig: (args) => checkTool(IFCONFIG, args),
};
