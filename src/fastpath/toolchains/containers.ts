// Why: kubectl, helm, docker and podman read verbs, each with its own list of known-safe options.
// Refused on purpose: anything that runs in a container (exec, run, attach, port-forward, proxy),
// anything that prints Secret data (kubectl get secret -o yaml|json|jsonpath…, helm get
// manifest|values|all, docker/podman inspect of a container or image, service / config / plugin
// inspect — their Env and Data fields hold credentials —, compose config with the interpolated .env),
// anything that writes a file (export, save, cp, cluster-info dump), another cluster (--kubeconfig,
// --server), docker's --config (a client config dir names credential helpers), kustomize builds
// (kubectl kustomize, -k: plugins and remote bases), `get --raw` (any API path), get / describe /
// wait of objects a `-f` manifest names beyond the default / wide / name output (it can name
// Secrets), kubectl diff (runs $KUBECTL_EXTERNAL_DIFF), and
// plugins (any unknown verb may be an executable on PATH). docker --context / -H pick a daemon whose
// read verbs only print that daemon's state (but search hands it the Docker Hub credentials, so not
// search with -H); a reference naming a registry host, and a helm chart with a scheme or --repo, is a
// request to a host the command names. helm template / lint read the chart's own files
// (.Files.Get) and load what a values.schema.json `$ref` names, so a local chart is only proved when
// a walk of it finds no symlink out, no secret and no external `$ref` (recursive-read.ts).
import { aliases, type Check, checkTool, type Options, type Tool, type Verb } from "./spec.ts";

const SECRET_RESOURCE = /^(secrets?|secret\/.*|secrets\/.*|secrets?\..*)$|\/secrets(\/|$)/i;

/**
 * Secret objects are listed in the default, wide and name formats only: those print the name, type,
 * key count and age (`describe` prints byte counts). Any other output (-o yaml|json|jsonpath|
 * go-template|custom-columns, --template) and --sort-by (orders by a data field) would show the data.
 */
function secretsOnlyByName(words: string[], args: string[]): string | null {
  const secret = words.some((w) => w.split(",").some((part) => SECRET_RESOURCE.test(part))) || namesFromFiles(args);
  if (!secret) return null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const output = /^(-o|--output)$/.test(a) ? args[i + 1] : /^(?:-o=?|--output=)(.*)$/.exec(a)?.[1];
    if (output !== undefined && output !== "wide" && output !== "name")
      return `kubectl ${a} ${output} prints Secret data`;
    if (/^--(template|sort-by|raw)(=|$)/.test(a)) return `kubectl ${a} on Secret objects can print their data`;
    // `-Ao yaml`, `-Aoyaml`: an -o bundled after other letters.
    if (/^-[A-Za-z]{2}/.test(a) && !a.startsWith("-o") && a.slice(2).includes("o"))
      return `kubectl ${a}: a bundled output option on Secret objects`;
  }
  return null;
}

/**
 * `-f FILE` / `--filename` (also `-Rf`, `-f=`): the objects are named by a manifest, and a manifest
 * can name Secrets (`kind: Secret`) — kubectl prints the live object the server holds. So a
 * command with -f is treated as naming Secrets.
 */
function namesFromFiles(args: string[]): boolean {
  return args.some((a) => /^--filename(=|$)/.test(a) || /^-[A-Za-z]*f/.test(a));
}

/** `wait` prints no data, but its --for=jsonpath can probe a Secret's values: no Secrets there. */
function noSecretResource(words: string[], args: string[]): string | null {
  if (namesFromFiles(args)) return "kubectl wait -f: the manifest may name Secrets";
  for (const w of words)
    for (const part of w.split(","))
      if (SECRET_RESOURCE.test(part)) return `may print a secret (kubectl ${w}: Secret objects hold credentials)`;
  return null;
}

/**
 * `-o go-template-file=…` / `templatefile=…` / `jsonpath-file=…` / `custom-columns-file=…` read a
 * template from a file (text outside `{{ }}` is printed as it is: `templatefile=~/.aws/credentials`
 * prints the file). `-f URL` fetches the manifest from a host the command names. `-v` above 5 logs the
 * requests: from 7 their headers, from 8 the response bodies (a Secret's data, whatever the output).
 */
const kubectlValue = (option: string, value: string): string | null => {
  if ((option === "-o" || option === "--output") && /file/i.test(value.split("=")[0] as string))
    return `${option} ${value} reads a template file`;
  if ((option === "-f" || option === "--filename") && /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value))
    return `${option} ${value} fetches a manifest from the host it names`;
  if (option === "-v" && !/^[0-5]$/.test(value)) return `kubectl -v ${value} logs requests and responses`;
  return null;
};

const KUBECTL_GLOBAL = {
  flags: [
    "-h",
    "--help",
    "-A",
    "--all-namespaces",
    "--no-headers",
    "--show-labels",
    "--show-kind",
    "-w",
    "--watch",
    "--watch-only",
    "-R",
    "--recursive",
    "--ignore-not-found",
  ],
  valued: [
    "--context",
    "-n",
    "--namespace",
    "--cluster",
    "--user",
    "-l",
    "--selector",
    "-o",
    "--output",
    "--field-selector",
    "--sort-by",
    "--request-timeout",
    "--chunk-size",
    "-L",
    "--label-columns",
    "-f",
    "--filename",
    "--template",
    "-v",
  ],
  value: kubectlValue,
};

const KUBECTL: Tool = {
  global: KUBECTL_GLOBAL,
  verbs: {
    "": { flags: ["--version"], maxArgs: 0 },
    // No --raw: the URI is any API path (`api/v1/namespaces/x/%73ecrets`, a service's proxy/).
    get: { valued: ["--subresource"], last: secretsOnlyByName },
    describe: { flags: ["--show-events"], last: secretsOnlyByName },
    logs: {
      flags: ["-f", "--follow", "-p", "--previous", "--timestamps", "--prefix", "--all-containers", "--ignore-errors"],
      valued: [
        "-c",
        "--container",
        "--since",
        "--since-time",
        "--tail",
        "--max-log-requests",
        "--limit-bytes",
        "--pod-running-timeout",
      ],
      maxArgs: 2,
    },
    "top pod": { flags: ["--containers", "--no-headers", "--sum"] },
    "top pods": { flags: ["--containers", "--no-headers", "--sum"] },
    "top node": { flags: ["--no-headers"] },
    "top nodes": { flags: ["--no-headers"] },
    explain: { flags: ["--recursive"], valued: ["--api-version"], maxArgs: 1 },
    version: { flags: ["--client"], maxArgs: 0 },
    completion: { maxArgs: 1 },
    "api-resources": {
      flags: ["--namespaced", "--cached"],
      valued: ["--api-group", "--verbs", "--namespaced"],
      value: (o, v) => (o === "--namespaced" && !/^(true|false)$/.test(v) ? `${o}=${v}` : null),
      maxArgs: 0,
    },
    "plugin list": { flags: ["--name-only"], maxArgs: 0 },
    "api-versions": { maxArgs: 0 },
    "cluster-info": { maxArgs: 0 },
    events: { valued: ["--for", "--types"], maxArgs: 0 },
    // Asks what another identity may do (needs the impersonate right); it answers yes / no only.
    "auth can-i": { flags: ["--list", "-q", "--quiet"], valued: ["--subresource", "--as", "--as-group", "--as-uid"] },
    "auth whoami": { maxArgs: 0 },
    wait: { valued: ["--for", "--timeout"], last: noSecretResource },
    "rollout status": { valued: ["--revision", "--timeout"], maxArgs: 2 },
    "rollout history": { valued: ["--revision"], maxArgs: 2 },
    // No --raw: without it kubectl redacts the credentials in the kubeconfig. No --flatten either: it
    // skips that redaction (tokens and client keys are printed as they are, the key files inlined).
    "config view": { flags: ["--minify"], maxArgs: 0 },
    "config get-contexts": { maxArgs: 1 },
    "config current-context": { maxArgs: 0 },
    "config get-clusters": { maxArgs: 0 },
    "config get-users": { maxArgs: 0 },
  },
};

const HELM_GLOBAL = {
  flags: ["-h", "--help", "--debug"],
  valued: ["-n", "--namespace", "--kube-context", "-o", "--output"],
};

const HELM_LIST: Verb = {
  flags: [
    "-a",
    "--all",
    "-A",
    "--all-namespaces",
    "-d",
    "--date",
    "-r",
    "--reverse",
    "-q",
    "--short",
    "--deployed",
    "--failed",
    "--pending",
    "--superseded",
    "--uninstalled",
    "--uninstalling",
    "--no-headers",
  ],
  valued: ["-f", "--filter", "-m", "--max", "--offset", "-l", "--selector", "--time-format"],
  maxArgs: 0,
};
/** Values options: literal values, or values files the path check proves (no URL). */
const HELM_VALUES = ["--set", "--set-string", "--set-json", "--set-literal", "-f", "--values", "--kube-version"];
const helmValue = (option: string, value: string): string | null =>
  (option === "-f" || option === "--values") && value.includes("://") ? `${option} ${value} fetches a URL` : null;
/**
 * helm show / inspect / template / lint of a chart reference with a scheme (`oci://HOST/…`,
 * `https://HOST/x.tgz`, or a getter plugin's `s3://…`, which runs the plugin) fetches it from a host the
 * command names. A local chart directory is walked (recursive-read.ts): show prints its README,
 * values and CRDs as they are.
 */
const helmLocalOrRepoChart = (words: string[]): string | null => {
  const remote = words.find((w) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(w));
  return remote === undefined ? null : `helm fetches ${remote} from the host it names`;
};
const HELM_RENDER: Verb = {
  flags: [
    "--include-crds",
    "--skip-crds",
    "--no-hooks",
    "--skip-tests",
    "--is-upgrade",
    "--devel",
    "--verify",
    "--release-name",
    "-g",
    "--generate-name",
    "--create-namespace",
    "--disable-openapi-validation",
    "--skip-schema-validation",
    "--hide-notes",
  ],
  // No --repo URL, no chart reference with a scheme: a fetch from a host the command names.
  valued: [...HELM_VALUES, "--version", "-a", "--api-versions", "-s", "--show-only", "--name-template"],
  value: helmValue,
  maxArgs: 2,
  last: helmLocalOrRepoChart,
};

/** Built-in commands: `helm CMD --help` prints help (a plugin named CMD would run). */
const HELM_BUILTINS = new Set(
  (
    "install upgrade uninstall delete rollback template lint package pull fetch push repo dependency dep create " +
    "get history hist list ls search show inspect status test verify version env plugin registry completion help"
  ).split(" "),
);

const HELM: Tool = {
  global: HELM_GLOBAL,
  verbs: {
    "": { flags: ["--version"], maxArgs: 0 },
    ...aliases(["list", "ls"], HELM_LIST),
    help: { maxArgs: 2 },
    completion: { maxArgs: 1 },
    ...Object.fromEntries(
      ["all", "chart", "readme", "values"].map((k) => [
        `inspect ${k}`,
        { valued: ["--version"], maxArgs: 1, last: helmLocalOrRepoChart },
      ]),
    ),
    status: { flags: ["--show-desc", "--show-resources"], valued: ["--revision"], maxArgs: 1 },
    history: { valued: ["--max"], maxArgs: 1 },
    ...Object.fromEntries(
      ["all", "chart", "readme", "values", "crds"].map((k) => [
        `show ${k}`,
        { valued: ["--version", "--jsonpath"], flags: ["--devel"], maxArgs: 1, last: helmLocalOrRepoChart },
      ]),
    ),
    // helm get manifest / all / values print rendered Secret objects and the values users pass passwords
    // in; get hooks prints the hook manifests, and a Secret can be a hook (charts keep generated
    // passwords across upgrades that way).
    "get metadata": { valued: ["--revision"], maxArgs: 1 },
    "get notes": { valued: ["--revision"], maxArgs: 1 },
    "search repo": {
      flags: ["-l", "--versions", "--devel", "-r", "--regexp"],
      valued: ["--version", "--max-col-width"],
      maxArgs: 1,
    },
    "search hub": { flags: ["--list-repo-url"], valued: ["--max-col-width"], maxArgs: 1 },
    version: { flags: ["--short"], valued: ["--template"], maxArgs: 0 },
    env: { maxArgs: 1 },
    // A local chart is walked first (recursive-read.ts): helm follows symlinks in it and .Files.Get
    // prints any file of it. No --validate / --dry-run (with a cluster, `lookup` prints Secrets), no
    // --post-renderer (runs a program), --output-dir (writes), --set-file (reads a file the path check
    // cannot see: `key=path`), --dependency-update (downloads into the chart).
    template: HELM_RENDER,
    lint: {
      flags: ["--strict", "--with-subcharts", "--quiet", "--skip-schema-validation"],
      valued: HELM_VALUES,
      value: helmValue,
      last: helmLocalOrRepoChart,
    },
    verify: { valued: ["--keyring"], maxArgs: 1 },
    // A bool --dry-run only reads the stored release (`--dry-run=false` is not listed: it would act).
    uninstall: { flags: ["--dry-run"], last: (_w, args) => (args.includes("--dry-run") ? null : "uninstalls") },
    rollback: {
      flags: ["--dry-run"],
      maxArgs: 2,
      last: (_w, args) => (args.includes("--dry-run") ? null : "rolls back"),
    },
    ...aliases(
      ["repo list", "repo ls", "plugin list", "plugin ls", "dependency list", "dep list", "dependency ls", "dep ls"],
      { maxArgs: 1 },
    ),
  },
};

const DOCKER_FORMAT = ["--format", "--filter", "-f"];
const DOCKER_LS: Verb = {
  flags: ["-a", "--all", "-q", "--quiet", "--no-trunc", "-s", "--size", "--digests", "-l", "--latest"],
  valued: [...DOCKER_FORMAT, "-n", "--last"],
  maxArgs: 1,
};
const DOCKER_LOGS: Verb = {
  flags: ["-f", "--follow", "-t", "--timestamps", "--details"],
  valued: ["-n", "--tail", "--since", "--until"],
  maxArgs: 1,
};
const DOCKER_PLAIN: Verb = {
  flags: ["-q", "--quiet", "--no-trunc", "-H", "--human"],
  valued: ["--format", "--filter", "-f"],
  maxArgs: 1,
};
const DOCKER_STATS: Verb = { flags: ["-a", "--all", "--no-stream", "--no-trunc"], valued: ["--format"] };
/**
 * A daemon address: a plain scheme and host. No ssh:// at all: docker runs the user's ssh to the
 * host the command names, and the user's ssh config may forward the agent to it (git's remotes
 * reach ssh only on known forges for the same reason); nor `ssh://-oProxyCommand=…`.
 */
const DOCKER_HOST = /^(tcp|unix|npipe):\/\/([A-Za-z0-9_][A-Za-z0-9._@-]*)?(:\d+)?(\/[A-Za-z0-9._/-]*)?$/;
const dockerValue = (option: string, value: string): string | null =>
  (option === "-H" || option === "--host") && !DOCKER_HOST.test(value)
    ? `${option} ${value} is not a plain daemon address`
    : null;
const DOCKER_GLOBAL = {
  flags: ["-h", "--help", "-D", "--debug"],
  valued: ["-l", "--log-level", "-c", "--context", "-H", "--host"],
  value: dockerValue,
};
/**
 * An image reference or search term whose first component names a registry host (`evil.test/x`,
 * `host:5000/x`, `localhost/x`): the verbs that reach a registry (docker's client for manifests and
 * trust, the daemon or podman for search) send a request to that host, carrying what the command put
 * in the name. Docker Hub references name no host.
 */
const namesRegistryHost = (ref: string): boolean => {
  const first = ref.split("/")[0] as string;
  return (
    ref.includes("/") &&
    (first.includes(".") || first.includes(":") || first === "localhost") &&
    !/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)$/.test(first)
  );
};
const dockerHubOnly = (words: string[]): string | null => {
  const ref = words.find(namesRegistryHost);
  return ref === undefined ? null : `${ref} names a registry host the request goes to`;
};
const INSPECT: Verb = { flags: ["--pretty"], valued: ["-f", "--format"] };
const DOCKER: Tool = {
  global: { flags: ["-h", "--help", "-D", "--debug"], valued: ["-l", "--log-level"] },
  verbs: {
    "": { flags: ["-v", "--version"], maxArgs: 0 },
    ...aliases(["ps", "container ls", "container list", "container ps"], DOCKER_LS),
    ...aliases(["images", "image ls", "image list"], { ...DOCKER_LS, maxArgs: 1 }),
    ...aliases(["logs", "container logs", "service logs"], DOCKER_LOGS),
    ...aliases(["version", "info", "system info"], { valued: ["--format", "-f"], maxArgs: 0 }),
    ...aliases(["top", "container top"], { maxArgs: 2 }),
    ...aliases(["port", "container port"], { maxArgs: 2 }),
    ...aliases(["history", "image history"], { ...DOCKER_PLAIN, maxArgs: 1 }),
    ...aliases(["diff", "container diff"], { maxArgs: 1 }),
    ...aliases(["stats", "container stats"], DOCKER_STATS),
    ...aliases(["events", "system events"], {
      valued: ["--filter", "-f", "--format", "--since", "--until"],
      maxArgs: 0,
    }),
    search: {
      flags: ["--no-trunc"],
      valued: ["--filter", "-f", "--format", "--limit"],
      maxArgs: 1,
      last: dockerHubOnly,
    },
    ...aliases(
      [
        "volume ls",
        "volume list",
        "network ls",
        "network list",
        "context ls",
        "context list",
        "plugin ls",
        "plugin list",
        "node ls",
        "node list",
        "service ls",
        "service list",
        "stack ls",
        "stack list",
        "secret ls",
        "secret list",
        "config ls",
        "config list",
      ],
      { ...DOCKER_PLAIN, maxArgs: 0 },
    ),
    ...aliases(["service ps", "stack ps", "stack services", "node ps"], { ...DOCKER_PLAIN, maxArgs: 1 }),
    "context show": { maxArgs: 0 },
    "system df": { flags: ["-v", "--verbose"], valued: ["--format"], maxArgs: 0 },
    ...aliases(["buildx ls", "buildx version"], { valued: ["--format"], maxArgs: 0 }),
    "buildx inspect": { maxArgs: 1 },
    "manifest inspect": { flags: ["-v", "--verbose"], maxArgs: 2, last: dockerHubOnly },
    // Metadata of objects with no payload in them: the secret API never returns a secret's data
    // (podman's --showsecret is not listed), a network / volume / context / node holds no Env.
    ...aliases(["network inspect", "volume inspect", "context inspect", "node inspect", "secret inspect"], {
      ...INSPECT,
      flags: [...(INSPECT.flags ?? []), "-v", "--verbose"],
    }),
    "trust inspect": { flags: ["--pretty"], last: dockerHubOnly },
    "buildx du": { flags: ["--verbose"], valued: ["--filter", "--builder"], maxArgs: 0 },
    "buildx imagetools inspect": {
      flags: ["--raw"],
      valued: ["--format", "--builder"],
      maxArgs: 1,
      last: dockerHubOnly,
    },
  },
};

/**
 * docker compose, docker-compose and podman-compose: the project options (compose files and the
 * project directory are words the path check proves inside the repository and not secrets; an
 * --env-file named like `.env` is refused there too) and the read verbs. No `config` (it prints the
 * compose model with the .env values interpolated), no --podman-path / --podman-args (run programs).
 */
const COMPOSE_PROJECT = {
  flags: ["--all-resources", "--compatibility", "--dry-run", "-h", "--help"],
  valued: [
    "-p",
    "--project-name",
    "--profile",
    "--ansi",
    "--progress",
    "-f",
    "--file",
    "--project-directory",
    "--env-file",
    "--parallel",
  ],
};
const COMPOSE_LIST: Verb = {
  flags: ["-a", "--all", "-q", "--quiet", "--services", "--no-trunc", "--short", "--orphans"],
  valued: ["--format", "--filter", "--status"],
};
const COMPOSE: Tool = {
  verbs: {
    "": { flags: ["-v", "--version", "-h", "--help"], maxArgs: 0 },
    ...aliases(["ps", "ls", "images", "top"], COMPOSE_LIST),
    version: { flags: ["--short"], valued: ["--format", "-f"], maxArgs: 0 },
    logs: {
      flags: ["-f", "--follow", "-t", "--timestamps", "--no-color", "--no-log-prefix"],
      valued: ["-n", "--tail", "--since", "--until", "--index"],
    },
    port: { valued: ["--index", "--protocol"], maxArgs: 2 },
    events: { flags: ["--json"], maxArgs: 1 },
  },
};

/**
 * Where the options in front of the verb end (`docker -H x ps`, `docker compose -f x.yml ps`): these
 * tools take them only there, so they are checked on their own list and not merged into the verbs'.
 */
function leadingOptions(args: string[], options: Options): { end: number } | { error: string } {
  const bare: Tool = { global: options, verbs: { "": { maxArgs: 0 } } };
  let i = 0;
  while (i < args.length && (args[i] as string).startsWith("-") && args[i] !== "--") {
    const a = args[i] as string;
    const takesValue = (options.valued ?? []).includes(a);
    if (takesValue && args[i + 1] === undefined) return { error: `option ${a} needs a value` };
    const bad = checkTool(bare, takesValue ? [a, args[i + 1] as string] : [a]);
    if (bad) return { error: bad };
    i += takesValue ? 2 : 1;
  }
  return { end: i };
}

/** With no verb after the options (`--version`, `--help`), the bare form's own list decides. */
function compose(args: string[]): string | null {
  const head = leadingOptions(args, COMPOSE_PROJECT);
  if ("error" in head) return checkTool(COMPOSE, args) && head.error;
  if (head.end === args.length) return checkTool(COMPOSE, args);
  return checkTool(COMPOSE, args.slice(head.end));
}

function docker(args: string[]): string | null {
  const head = leadingOptions(args, DOCKER_GLOBAL);
  if ("error" in head) return checkTool(DOCKER, args) && head.error;
  if (head.end === args.length) return checkTool(DOCKER, args);
  const rest = args.slice(head.end);
  // search sends the user's Docker Hub credentials (X-Registry-Auth) to the daemon: not to one -H names.
  if (rest[0] === "search" && args.slice(0, head.end).some((a) => /^(-H|--host)/.test(a)))
    return "docker -H … search hands the registry credentials to the daemon the command names";
  return rest[0] === "compose" ? compose(rest.slice(1)) : checkTool(DOCKER, rest);
}

/**
 * kubectl's built-in commands: `kubectl VERB --help` prints cobra's help before the kubeconfig is
 * read. Any other word runs a `kubectl-WORD` plugin from PATH, so only these, and one word only
 * (`kubectl create WORD` may run a `kubectl-create-WORD` plugin).
 */
const KUBECTL_BUILTINS = new Set(
  (
    "create expose run set explain get edit delete rollout scale autoscale certificate cluster-info top cordon " +
    "uncordon drain taint describe logs attach exec port-forward proxy cp auth debug events diff apply patch " +
    "replace wait kustomize label annotate completion api-resources api-versions config plugin version options"
  ).split(" "),
);
/**
 * docker's built-in commands (plugins such as compose or buildx, and `build`/`builder`, which the buildx
 * plugin may take over, are left out): `docker VERB [SUBVERB] --help` prints help; an unknown
 * subcommand of a built-in is an error, never a plugin.
 */
const DOCKER_BUILTINS = new Set(
  (
    "attach checkpoint commit config container context cp create diff events exec export history image images " +
    "import info inspect kill load login logout logs manifest network node pause plugin port ps pull push " +
    "rename restart rm rmi run save search secret service stack start stats stop swarm system tag top trust " +
    "unpause update version volume wait"
  ).split(" "),
);
/** Only these take a subcommand word: after any other verb a word is an operand (`docker run IMAGE --help`). */
const DOCKER_GROUPS = new Set(
  "checkpoint config container context image manifest network node plugin secret service stack swarm system trust volume".split(
    " ",
  ),
);
const builtinHelp = (builtins: Set<string>, groups: Set<string>, args: string[]): boolean =>
  (args.length === 2 || (args.length === 3 && groups.has(args[0] as string))) &&
  (args[args.length - 1] === "--help" || args[args.length - 1] === "-h") &&
  builtins.has(args[0] as string) &&
  args.slice(1, -1).every((a) => /^[a-z][a-z-]*$/.test(a));

export const CONTAINERS: Record<string, Check> = {
  kubectl: (args) => (builtinHelp(KUBECTL_BUILTINS, new Set(), args) ? null : checkTool(KUBECTL, args)),
  helm: (args) =>
    args.length >= 2 &&
    HELM_BUILTINS.has(args[0] as string) &&
    args.slice(1).every((a) => a === "--help" || a === "-h" || /^[a-z][a-z-]*$/.test(a)) &&
    args.slice(1).some((a) => a === "--help" || a === "-h")
      ? null
      : checkTool(HELM, args),
  docker: (args) => (builtinHelp(DOCKER_BUILTINS, DOCKER_GROUPS, args) ? null : docker(args)),
  podman: docker,
  "docker-compose": compose,
  "podman-compose": compose,
};
