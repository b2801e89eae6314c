// Read-only subcommands of package managers and cloud / container CLIs. Only inspection verbs are
// listed; anything that can print a secret (tokens, secret values, decrypted parameters), write a
// credential file or change remote state is left to the LLM.

type Check = (args: string[]) => string | null;

/** Skip global options (those in `valued` take a separate value) and return the positional words. */
function words(args: string[], valued: Set<string>): string[] | null {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") return [...out, ...args.slice(i + 1)];
    if (a.startsWith("-")) {
      if (valued.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

const SECRETISH =
  /secret|password|passwd|token|credential|private[-_]?key|--with-decryption|--raw|--show-token|get-login|assume-role|decrypt|kms/i;

function verbCli(valued: string[], allowed: (w: string[], args: string[]) => boolean): Check {
  const set = new Set(valued);
  return (args) => {
    if (args.some((a) => SECRETISH.test(a))) return "may print a secret";
    if (args.length && args.every((a) => /^(--version|-v|-V|version|--help|-h|help)$/.test(a))) return null;
    const w = words(args, set);
    if (w === null) return "unparsable";
    if (w[0] === "help" || args.includes("--help") || args.includes("-h")) return null;
    return allowed(w, args) ? null : "not an inspection subcommand";
  };
}

/** Words that change state anywhere in a gcloud / az command path. */
const MUTATING =
  /^(delete|create|update|set|unset|start|stop|restart|add|remove|deploy|import|export|reset|purge|assign|invoke|run|ssh|scp|attach|exec|login|logout|upgrade|install|apply|patch|replace|enable|disable|move|copy|cp|mv|rm|restore|rotate|revoke|grant|tag|untag|submit|cancel|resize|scale|deallocate|redeploy|generate|sign|encrypt|decrypt|download|upload|sync)$/;
const noMutation = (w: string[]) => !w.some((x) => MUTATING.test(x));

const READ_ONLY_CLI: Record<string, Check> = {
  aws: verbCli(
    [
      "--profile",
      "--region",
      "--output",
      "--endpoint-url",
      "--query",
      "--color",
      "--ca-bundle",
      "--cli-read-timeout",
      "--cli-connect-timeout",
    ],
    (w) => {
      const [service, op] = w;
      if (!service) return false;
      if (service === "s3") return op === "ls";
      // Values of parameters and the pre-signed code location are as good as secrets.
      if (service === "ssm" && /^get-parameter/.test(op ?? "")) return false;
      if (service === "lambda" && op === "get-function") return false;
      return (
        op !== undefined &&
        /^(describe|list|get|batch-get|lookup|filter|search|scan|query)(-|$)/.test(op) &&
        !/credentials|authorization-token|session-token|password/.test(op)
      );
    },
  ),
  gh: verbCli(
    [
      "-R",
      "--repo",
      "-L",
      "--limit",
      "-s",
      "--state",
      "--json",
      "-q",
      "--jq",
      "-t",
      "--template",
      "-A",
      "--author",
      "-l",
      "--label",
      "-B",
      "--base",
      "-H",
      "--head",
      "-a",
      "--assignee",
      "-b",
      "--branch",
      "-w",
      "--workflow",
    ],
    (w, args) => {
      const [noun, verb] = w;
      if (
        args.some((a) => a === "--web" || a === "-w" || /^-[a-zA-Z]*w$/.test(a)) &&
        noun !== "run" &&
        noun !== "workflow"
      )
        return false; // opens a browser
      if (args.includes("--web")) return false;
      if (noun === "auth")
        return (
          verb === "status" &&
          args.every((a) => /^(auth|status|-h|--hostname|--active|-a)$/.test(a) || !a.startsWith("-"))
        );
      if (
        noun === "api" ||
        noun === "secret" ||
        noun === "variable" ||
        noun === "extension" ||
        noun === "alias" ||
        (noun === "config" && verb !== "get" && verb !== "list")
      )
        return false;
      return (
        (verb !== undefined && /^(list|view|status|diff|checks|search|ls)$/.test(verb)) ||
        noun === "status" ||
        noun === "search"
      );
    },
  ),
  kubectl: verbCli(
    [
      "--context",
      "-n",
      "--namespace",
      "--kubeconfig",
      "--cluster",
      "--user",
      "-s",
      "--server",
      "-o",
      "--output",
      "-l",
      "--selector",
      "-c",
      "--container",
      "--since",
      "--tail",
      "--field-selector",
      "--sort-by",
    ],
    (w) => {
      const [verb, what] = w;
      if (verb === "config")
        return what === "view" || what === "get-contexts" || what === "current-context" || what === "get-clusters";
      return (
        verb !== undefined &&
        /^(get|describe|logs|top|explain|version|api-resources|api-versions|cluster-info|events)$/.test(verb)
      );
    },
  ),
  docker: verbCli(["--format", "-f", "--filter", "-n", "--tail", "--since", "--until"], (w, args) => {
    // Another daemon (remote host, context, config dir) is not an inspection of this machine.
    if (args.some((a) => /^(-H|--host|--context|-c|--config|--tls.*)(=|$)/.test(a))) return false;
    const [verb, sub] = w;
    if (verb && /^(ps|images|logs|version|info|top|port|history|diff|events|search)$/.test(verb)) return true;
    if (verb && /^(container|image|volume|network|context|plugin|node|service|stack|system)$/.test(verb))
      return sub !== undefined && /^(ls|list|logs|top|port|history|ps|df)$/.test(sub);
    if (verb === "compose") return sub !== undefined && /^(ps|logs|config|ls|images|top|version)$/.test(sub);
    return false;
  }),
  gcloud: verbCli(
    [
      "--project",
      "--format",
      "--region",
      "--zone",
      "--filter",
      "--limit",
      "--sort-by",
      "--account",
      "--configuration",
      "--resource-type",
    ],
    (w) => {
      if (w[0] === "auth") return w[1] === "list";
      if (w[0] === "config") return w[1] === "list" || w[1] === "get-value" || w[1] === "get";
      if (w[0] === "info" || w[0] === "version") return true;
      return (
        noMutation(w) &&
        w.some((x) => /^(list|describe|get-iam-policy|list-tags|search|read)$/.test(x)) &&
        !w.includes("get-credentials")
      );
    },
  ),
  az: verbCli(
    [
      "--subscription",
      "--query",
      "-o",
      "--output",
      "-g",
      "--resource-group",
      "-n",
      "--name",
      "--project",
      "--team",
      "--id",
      "--wiql",
      "--vault-name",
    ],
    (w) => {
      if (w[0] === "account") return w[1] === "show" || w[1] === "list";
      return noMutation(w) && w.some((x) => /^(list|show|query)$/.test(x));
    },
  ),
  helm: verbCli(
    ["-n", "--namespace", "--kube-context", "--kubeconfig", "-o", "--output", "--revision", "--max"],
    (w) => {
      const [verb, sub] = w;
      if (verb && /^(list|ls|status|history|show|inspect|search|version|env|completion|lint|template)$/.test(verb))
        return true;
      if (verb === "repo" || verb === "plugin" || verb === "dependency" || verb === "dep")
        return sub === "list" || sub === "ls";
      return false;
    },
  ),
  brew: verbCli([], (w) =>
    /^(info|list|ls|search|deps|uses|leaves|outdated|config|doctor|desc|home|cat|log|options|--prefix|--cellar|--repository)$/.test(
      w[0] ?? "",
    ),
  ),
  npm: verbCli(["--prefix", "-w", "--workspace", "--registry"], (w) => {
    const [verb, sub] = w;
    if (verb === "config") return sub === "get" || sub === "list" || sub === "ls";
    return (
      /^(ls|list|ll|la|info|show|view|v|search|s|find|outdated|explain|why|prefix|root|bin|audit|fund|ping|query)$/.test(
        verb ?? "",
      ) && !w.includes("fix")
    );
  }),
  pnpm: verbCli(["--filter", "-C", "--dir"], (w) =>
    /^(ls|list|ll|outdated|why|info|view|audit|root|bin)$/.test(w[0] ?? ""),
  ),
  yarn: verbCli(["--cwd"], (w) => /^(list|info|why|outdated|audit)$/.test(w[0] ?? "")),
  cargo: verbCli(["-p", "--package", "--manifest-path", "--limit", "--format-version"], (w) =>
    /^(tree|search|info|metadata|version|help|locate-project|pkgid|verify-project)$/.test(w[0] ?? ""),
  ),
  pip: verbCli(["--path", "--exclude", "--format"], (w) => /^(list|freeze|show|check|help|inspect)$/.test(w[0] ?? "")),
  pip3: verbCli(["--path", "--exclude", "--format"], (w) => /^(list|freeze|show|check|help|inspect)$/.test(w[0] ?? "")),
  uv: verbCli([], (w) =>
    w[0] === "pip" ? /^(list|freeze|show|tree|check)$/.test(w[1] ?? "") : /^(tree|version|help)$/.test(w[0] ?? ""),
  ),
  terraform: verbCli(["-chdir"], (w) =>
    w[0] === "state" ? w[1] === "list" || w[1] === "show" : /^(show|version|providers)$/.test(w[0] ?? ""),
  ),
  go: verbCli(
    [],
    (w, args) =>
      /^(version|env|list|doc|help)$/.test(w[0] ?? "") &&
      !(w[0] === "env" && w.length === 1) &&
      !(w[0] === "env" && args.some((a) => /^-(w|u)(=|$)/.test(a))) &&
      !(w[0] === "list" && args.some((a) => /^-(toolexec|exec|overlay|modfile|pgo)/.test(a))),
  ),
};

/**
 * Options that point the tool at another host, another config (a kubeconfig can name an exec
 * credential plugin: code runs) or another certificate store: never an inspection of this setup.
 */
const ELSEWHERE: Record<string, RegExp> = {
  aws: /^--(endpoint-url|ca-bundle|no-verify-ssl|cli-binary-format)(=|$)/,
  kubectl:
    /^(--kubeconfig|--server|-s|--token|--as|--as-group|--certificate-authority|--client-key|--client-certificate|--insecure-skip-tls-verify)(=|$)/,
  helm: /^(--kubeconfig|--kube-apiserver|--kube-token|--repository-config|--registry-config)(=|$)/,
  npm: /^--(registry|userconfig|globalconfig)(=|$)/,
  gcloud: /^--(access-token-file|impersonate-service-account)(=|$)/,
};

export function readOnlyCliReason(name: string, args: string[]): string | null | undefined {
  const check = Object.hasOwn(READ_ONLY_CLI, name) ? READ_ONLY_CLI[name] : undefined;
  if (!check) return undefined;
  const elsewhere = ELSEWHERE[name];
  const bad = elsewhere && args.find((a) => elsewhere.test(a));
  if (bad) return `option ${bad} reaches another host or loads another configuration`;
  return check(args);
}
