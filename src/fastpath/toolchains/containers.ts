// Why: kubectl, helm, docker and podman read verbs, each with its own list of known-safe options.
// Refused on purpose: anything that runs in a container (exec, run, attach, port-forward, proxy),
// anything that prints Secret data (kubectl get secret, helm get manifest|values|all, docker inspect
// with its container environment, compose config with the interpolated .env), another daemon or
// cluster (--kubeconfig, --server, -H/--host, --context for docker), kustomize builds (-k) and
// plugins (any unknown verb may be an executable on PATH).
import { aliases, type Check, checkTool, type Tool, type Verb } from "./spec.ts";

const SECRET_RESOURCE = /^(secrets?|secret\/.*|secrets\/.*|secrets?\..*)$|\/secrets(\/|$)/i;

function noSecretResource(words: string[]): string | null {
  for (const w of words)
    for (const part of w.split(","))
      if (SECRET_RESOURCE.test(part)) return `may print a secret (kubectl ${w}: Secret objects hold credentials)`;
  return null;
}

/** `-o go-template-file=…` / `jsonpath-file=…` read a template from a file. */
const kubectlValue = (option: string, value: string): string | null =>
  (option === "-o" || option === "--output") && /-file=/.test(value) ? `${option} ${value} reads a file` : null;

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
    get: { flags: ["--raw"], valued: ["--subresource"], last: noSecretResource },
    describe: { flags: ["--show-events"], last: noSecretResource },
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
    "api-resources": { flags: ["--namespaced", "--cached"], valued: ["--api-group", "--verbs"], maxArgs: 0 },
    "api-versions": { maxArgs: 0 },
    "cluster-info": { maxArgs: 0 },
    events: { valued: ["--for", "--types"], maxArgs: 0 },
    "auth can-i": { flags: ["--list"], valued: ["--subresource"] },
    "auth whoami": { maxArgs: 0 },
    wait: { valued: ["--for", "--timeout"], last: noSecretResource },
    "rollout status": { valued: ["--revision", "--timeout"], maxArgs: 2 },
    "rollout history": { valued: ["--revision"], maxArgs: 2 },
    // No --raw: without it kubectl redacts the credentials in the kubeconfig.
    "config view": { flags: ["--minify", "--flatten"], maxArgs: 0 },
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
const HELM: Tool = {
  global: HELM_GLOBAL,
  verbs: {
    "": { flags: ["--version"], maxArgs: 0 },
    ...aliases(["list", "ls"], HELM_LIST),
    help: { maxArgs: 2 },
    completion: { maxArgs: 1 },
    ...Object.fromEntries(
      ["all", "chart", "readme", "values"].map((k) => [`inspect ${k}`, { valued: ["--version"], maxArgs: 1 }]),
    ),
    status: { flags: ["--show-desc", "--show-resources"], valued: ["--revision"], maxArgs: 1 },
    history: { valued: ["--max"], maxArgs: 1 },
    ...Object.fromEntries(
      ["all", "chart", "readme", "values", "crds"].map((k) => [
        `show ${k}`,
        { valued: ["--version", "--jsonpath"], flags: ["--devel"], maxArgs: 1 },
      ]),
    ),
    // helm get manifest / all / values print rendered Secret objects and the values users pass passwords in.
    "get hooks": { valued: ["--revision"], maxArgs: 1 },
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
    // No template/lint of a local chart: helm follows symlinks in the chart, so a committed
    // templates/x.yaml -> ~/.ssh/id_rsa would be rendered into the output.
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
const COMPOSE_GLOBAL = {
  flags: ["--all-resources", "--compatibility", "--dry-run"],
  valued: ["-p", "--project-name", "--profile", "--ansi", "--progress"],
};

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
    search: { flags: ["--no-trunc"], valued: ["--filter", "-f", "--format", "--limit"], maxArgs: 1 },
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
    "manifest inspect": { flags: ["-v", "--verbose"], maxArgs: 2 },
    ...aliases(["compose ps", "compose ls", "compose images", "compose top", "compose version"], {
      ...COMPOSE_GLOBAL,
      flags: [...COMPOSE_GLOBAL.flags, "-a", "--all", "-q", "--quiet", "--services", "--no-trunc", "--short"],
      valued: [...COMPOSE_GLOBAL.valued, "--format", "--filter", "--status"],
    }),
    "compose logs": {
      ...COMPOSE_GLOBAL,
      flags: [...COMPOSE_GLOBAL.flags, "-f", "--follow", "-t", "--timestamps", "--no-color", "--no-log-prefix"],
      valued: [...COMPOSE_GLOBAL.valued, "-n", "--tail", "--since", "--until", "--index"],
    },
  },
};

export const CONTAINERS: Record<string, Check> = {
  kubectl: (args) => checkTool(KUBECTL, args),
  helm: (args) => checkTool(HELM, args),
  docker: (args) => checkTool(DOCKER, args),
  podman: (args) => checkTool(DOCKER, args),
};
