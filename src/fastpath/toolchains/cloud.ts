// Why: cloud CLIs (aws, gcloud, az) have thousands of operations; listing each one's options is not
// possible. What decides whether a call writes is its operation (describe-*, list, show …), and the
// operation's parameters are request fields of that read call: a field cannot turn a read into a
// write. So the proof here is an allowlist of read operations, with the CLI's own client-side options
// (which can read local files, fetch URLs, point the client at another endpoint or print a token)
// refused by name, and every value refused when it is a `file://`, `fileb://`, URL or `@file`
// reference (aws --endpoint-url only for a loopback emulator, az --organization only as a DevOps URL),
// every az word az would load as a file (`@x`, `key=@x`) and every aws `key@=file://` shorthand.
// Resource ids (`az --ids /subscriptions/…`, log group names, full resource names) are declared names,
// not paths: the path check skips them (analyze.ts).
// Operations that exist to hand out a credential or a secret value are not inspection, nor are
// ones that print a service's environment (gcloud run|functions … describe) or a cluster's client
// key (gcloud container clusters describe), start billed work that writes
// results (athena start-query-execution writes to S3), consume messages (sqs receive-message), pull
// images (az acr check-health) or dump requests with their tokens (az / auth0 --debug).
// gh is a table of read verbs (pr/issue/run … list|view, api as a GET or a graphql query).
import { aliases, type Check, noFileReference, proved, proveTool, proving, refused, type Tool } from "./spec.ts";

/** Operation or group names whose result is a credential or a secret value. */
const HANDS_OUT_SECRETS =
  /secret-value|password|credential|token|login|session|decrypt|access-details|private(?!-(dns|endpoints?|link))|key-pair|kubeconfig|connection-string|appsettings|publishing|list-keys|oauth-clients?|^keys$|^secrets?$|^sas$|presign/;

/** Client-side options of the aws CLI that read files, change the endpoint or trust. */
const AWS_CLIENT_SIDE = new Set([
  "--cli-input-json",
  "--cli-input-yaml",
  "--ca-bundle",
  "--no-verify-ssl",
  "--cli-binary-format",
  "--debug",
]);

/** aws options that take no value (the next word is the service or operation). */
const AWS_FLAGS = new Set([
  "--no-cli-pager",
  "--no-paginate",
  "--no-sign-request",
  "--recursive",
  "--human-readable",
  "--summarize",
  "--follow",
  "--no-cli-auto-prompt",
]);

const AWS_READ_OP = /^(describe|list|get|batch-get|head|lookup|search|filter|scan|query|simulate)(-|$)/;

/** Read operations whose names sound like secrets but whose answers are metadata only. */
const AWS_METADATA_OPS = new Set([
  "iam get-account-password-policy",
  "iam get-credential-report",
  "iam get-login-profile",
  "ec2 describe-key-pairs",
  "ssm describe-sessions",
  "athena list-sessions",
  "athena list-notebook-sessions",
  "athena get-session",
  "athena get-session-status",
  "lambda get-function-concurrency",
  "lambda get-function-url-config",
  "lambda get-function-configuration",
  "rds download-db-log-file-portion",
]);
/**
 * Read operations whose answer carries a secret value although their names do not say so: API key
 * values (API Gateway with --include-value(s), AppSync's key id is the key), Glue connection passwords
 * (unless --hide-password), a Cognito app client's ClientSecret, a GameLift instance's private key,
 * an Amplify app's basic-auth credentials.
 */
const AWS_SECRET_OPS = new Set([
  "apigateway get-api-keys",
  "apigateway get-api-key",
  "appsync list-api-keys",
  "glue get-connection",
  "glue get-connections",
  "cognito-idp describe-user-pool-client",
  "gamelift get-instance-access",
  "amplify get-app",
  "amplify list-apps",
  "amplify get-branch",
  "amplify list-branches",
]);
/** `aws configure get NAME` for settings that are not credentials. */
const AWS_CREDENTIAL_SETTING = /access|secret|session|token|key|password|credential/i;

/** Only a loopback endpoint (a local emulator such as LocalStack): never another host. */
const AWS_LOOPBACK = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?\/?$/;

function awsOperation(service: string, op: string, positionals: string[]): string | null {
  if (service === "s3")
    return op === "ls" && positionals.length <= 1 ? null : `aws s3 ${op} is not an inspection subcommand`;
  if (service === "logs" && op === "tail") return positionals.length <= 1 ? null : "aws logs tail: extra arguments";
  if (service === "configure") {
    if ((op === "list" || op === "list-profiles") && positionals.length === 0) return null;
    if (op === "get" && positionals.length === 1 && !AWS_CREDENTIAL_SETTING.test(positionals[0] as string)) return null;
    return "aws configure can print or change credentials";
  }
  if (AWS_METADATA_OPS.has(`${service} ${op}`)) return positionals.length ? "unexpected positional arguments" : null;
  // cognito-idp admin-get-user / admin-list-*: user attributes and groups, no credentials.
  const adminRead = service === "cognito-idp" && /^admin-(get-user|list-[a-z-]+)$/.test(op);
  if (!AWS_READ_OP.test(op) && !adminRead) return `aws ${service} ${op} is not an inspection operation`;
  // get-parameter(s), -by-path, -history: SecureString values (decrypted with --with-decryption).
  if (HANDS_OUT_SECRETS.test(op) || /^get-parameter/.test(op) || AWS_SECRET_OPS.has(`${service} ${op}`))
    return `aws ${service} ${op} returns a secret or a credential`;
  // get-function / get-layer-version answer with a signed download URL for the code.
  if (service === "lambda" && /^get-(function|layer-version)/.test(op))
    return `aws lambda ${op} returns a signed code download link`;
  // Positional words after the operation are output files (get-object OUTFILE).
  if (positionals.length) return `aws ${service} ${op}: ${positionals[0]} would be written`;
  return null;
}

/**
 * `aws [SERVICE [OPERATION]] --help`: the parser prints the help page (or fails on the unknown
 * option) before a request is built. Plugins come from ~/.aws/config, the user's; nothing is read
 * from the working directory.
 */
const awsHelp = (args: string[]): boolean =>
  args.length >= 1 &&
  args.length <= 3 &&
  args[args.length - 1] === "--help" &&
  args.slice(0, -1).every((a) => /^[a-z0-9][a-z0-9-]*$/.test(a));

/**
 * aws request fields whose values are names on the service (log group names `/aws/lambda/x`, IAM
 * path prefixes `/service-role/`), plain strings the CLI never opens: the path check skips them
 * (a `file://` value is still refused before that).
 */
const AWS_NAME_FIELDS: Record<string, string> = {
  "--log-group-name": "logs",
  "--log-group-name-prefix": "logs",
  "--path-prefix": "iam",
};

/**
 * A value that makes the CLI read a file: `file://` / `fileb://` / a URL / `@file` at the start, or a
 * shorthand `key@=file://…` anywhere inside (AWS CLI v2 loads that key's value from the file).
 */
function awsFileReference(option: string, value: string): string | null {
  return noFileReference(option, value) ?? (/@=|fileb?:\/\//i.test(value) ? `${option} ${value} reads a file` : null);
}

const aws: Check = proving((args) => {
  if (awsHelp(args)) return proved();
  const words: string[] = [];
  const values: { name: string; at: number }[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") return refused("aws: `--` is not expected");
    if (a.startsWith("-")) {
      const name = a.includes("=") ? a.slice(0, a.indexOf("=")) : a;
      if (!/^--[a-z0-9][a-z0-9-]*$/.test(name)) return refused(`option ${a} is not an aws request field`);
      if (AWS_CLIENT_SIDE.has(name)) return refused(`option ${name} reads files or changes where the client connects`);
      let value: string | undefined;
      if (a.includes("=")) value = a.slice(a.indexOf("=") + 1);
      else if (!AWS_FLAGS.has(name) && args[i + 1] !== undefined && !(args[i + 1] as string).startsWith("--"))
        value = args[++i];
      if (name === "--endpoint-url") {
        if (value === undefined || !AWS_LOOPBACK.test(value))
          return refused(`option ${name} points the client at another host`);
        continue;
      }
      if (value !== undefined) {
        const bad = awsFileReference(name, value);
        if (bad) return refused(bad);
        values.push({ name, at: i });
      }
      continue;
    }
    words.push(a);
  }
  if (words.length === 0)
    return args.every((a) => a === "--version") && args.length ? proved() : refused("no aws operation");
  if (words[words.length - 1] === "help" && words.length <= 3) return proved();
  const [service, op, ...rest] = words;
  if (op === undefined) return refused("no aws operation");
  const problem = awsOperation(service as string, op, rest);
  if (problem) return refused(problem);
  // A name field only under the service that defines it (`logs … --log-group-name`).
  return proved(
    values
      .filter((v) => Object.hasOwn(AWS_NAME_FIELDS, v.name) && AWS_NAME_FIELDS[v.name] === service)
      .map((v) => v.at),
  );
});

const GCLOUD_CLIENT_SIDE = new Set([
  "--flags-file",
  "--access-token-file",
  "--impersonate-service-account",
  "--log-http",
  "--credential-file-override",
]);
/**
 * Command verbs of gcloud and az. The read verb is the proof; these only catch a read word used as a
 * positional after a real command (`gcloud compute instances delete list`).
 */
const COMMAND_VERB =
  /^(delete|create|update|set|unset|start|stop|restart|add|remove|deploy|import|export|reset|purge|assign|invoke|run|ssh|scp|attach|exec|login|logout|upgrade|install|apply|patch|replace|enable|disable|move|copy|cp|mv|rm|restore|rotate|revoke|grant|tag|untag|submit|cancel|resize|scale|deallocate|redeploy|generate|sign|encrypt|decrypt|download|upload|sync|access|print|get-credentials|connect|open|browse)(-|$)/;
const GCLOUD_READ_VERB = /^(list|describe|get-iam-policy|list-tags|list-grantable-roles|read|get-value|info|version)$/;

/** gcloud options known to take the next word as their value (`--project foo`, not a command word). */
const GCLOUD_VALUED = new Set([
  "--project",
  "--format",
  "--account",
  "--configuration",
  "--billing-project",
  "--verbosity",
  "--filter",
  "--limit",
  "--sort-by",
  "--page-size",
  "--region",
  "--zone",
  "--location",
  "--keyring",
  "--iam-account",
  "--service",
  "--resource-type",
]);

/** Cloud Run services, revisions and jobs: `describe` prints the container env, literal values included. */
const GCLOUD_RUN_DESCRIBE = /^(services|revisions|jobs|executions)$/;

function gcloudGroupsProblem(groups: string[], verb: string): string | null {
  // `run` is the Cloud Run group here, not a command verb.
  const product = groups[0] === "alpha" || groups[0] === "beta" ? 1 : 0;
  if (groups[product] === "run" && verb === "describe" && GCLOUD_RUN_DESCRIBE.test(groups[product + 1] ?? ""))
    return "gcloud run … describe prints the container environment";
  // Cloud Functions print their environmentVariables the same way (gen2 through serviceConfig).
  if (groups[product] === "functions" && verb === "describe") return "gcloud functions describe prints the environment";
  // A GKE cluster's masterAuth carries a client key (and a basic-auth password) where one was issued.
  if (groups[product] === "container" && groups[product + 1] === "clusters" && verb === "describe")
    return "gcloud container clusters describe prints masterAuth (a client key where one was issued)";
  // KMS keys and service-account key listings are metadata: key material never leaves either.
  const keysMeta = (g: string, i: number) =>
    g === "keys" && (groups[i - 1] === "kms" || (groups[i - 1] === "service-accounts" && verb === "list"));
  if (groups.some((g, i) => HANDS_OUT_SECRETS.test(g) && g !== "secrets" && !keysMeta(g, i)))
    return `gcloud ${groups.join(" ")} hands out secrets`;
  // `gcloud secrets list|describe` shows names and metadata; `versions access` (the value) is not a read verb.
  if (
    groups.some((g, i) => !/^[a-z0-9][a-z0-9-]*$/.test(g) || (COMMAND_VERB.test(g) && !(i === product && g === "run")))
  )
    return "not an inspection command";
  return null;
}

/** A full resource name (`//cloudresourcemanager.googleapis.com/projects/p`): an API name, not a file. */
const GCLOUD_RESOURCE_NAME = /^\/\/[a-z0-9-]+(\.[a-z0-9-]+)*\.googleapis\.com(\/[A-Za-z0-9_.:@-]+)+$/;

const gcloud: Check = proving((args) => {
  const wordAt: number[] = [];
  const problem = gcloudProblem(args, wordAt);
  if (problem) return refused(problem);
  // `iam list-grantable-roles RESOURCE`: the resource is named by its full resource name.
  const words = wordAt.map((i) => args[i] as string);
  const resource = words[2] ?? "";
  const grantable = words.length === 3 && words[0] === "iam" && words[1] === "list-grantable-roles";
  return proved(grantable && GCLOUD_RESOURCE_NAME.test(resource) ? [wordAt[2] as number] : []);
});

/** Null when the call is a read; `wordAt` receives the indexes of its command words. */
function gcloudProblem(args: string[], wordAt: number[]): string | null {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a.startsWith("-")) {
      const name = a.includes("=") ? a.slice(0, a.indexOf("=")) : a;
      if (!/^--?[a-z0-9][a-z0-9-]*$/.test(name)) return `option ${a} is not on the known-safe list`;
      if (GCLOUD_CLIENT_SIDE.has(name)) return `option ${name} reads files or changes the credentials used`;
      let value = a.includes("=") ? a.slice(a.indexOf("=") + 1) : undefined;
      if (value === undefined && GCLOUD_VALUED.has(name)) {
        value = args[i + 1];
        if (value === undefined) return `option ${a} needs a value`;
        i++;
      }
      if (value !== undefined && noFileReference(name, value)) return noFileReference(name, value);
      continue;
    }
    words.push(a);
    wordAt.push(i);
  }
  if (words.length === 0)
    return args.length && args.every((a) => /^(--version|--help|-h)$/.test(a)) ? null : "no command";
  if (words[0] === "help" || words[0] === "topic") return null;
  if (words[0] === "info" || words[0] === "version") return null;
  if (words[0] === "auth") return words[1] === "list" ? null : "gcloud auth can print or change credentials";
  if (words[0] === "config")
    return words[1] === "list" || words[1] === "get-value" || words[1] === "get" || words[1] === "configurations"
      ? words[1] !== "configurations" || words[2] === "list" || words[2] === "describe"
        ? null
        : "changes configurations"
      : "changes configuration";
  // IAP access settings (no OAuth client secret in them).
  if (words.join(" ") === "iap settings get") return null;
  const at = words.findIndex((w) => GCLOUD_READ_VERB.test(w));
  if (at < 1) return "not an inspection command (no list/describe verb)";
  const bad = gcloudGroupsProblem(words.slice(0, at), words[at] as string);
  if (bad) return bad;
  if (words.length > at + 2) return "unexpected positional arguments";
  // A read word used as a group name (`… logs delete`): the word after it is the real verb.
  if (words[at + 1] !== undefined && COMMAND_VERB.test(words[at + 1] as string))
    return `${words[at + 1]} after ${words[at]} is a command verb`;
  return null;
}

const AZ_CLIENT_SIDE = new Set(["--debug"]);
const AZ_READ_VERB = /^(list|show|exists|list-[a-z-]+|show-[a-z-]+|get-[a-z-]+|query|summarize|logs|tail)$/;
/** An Azure DevOps organization is named by its URL: the literal is a request field, never fetched. */
const AZ_ORGANIZATION = /^https:\/\/(dev\.azure\.com\/[A-Za-z0-9_.-]+|[A-Za-z0-9-]+\.visualstudio\.com)\/?$/;

const AZ_CREDENTIAL_KEY = /key|secret|token|connection|password|sas|credential/i;

/** Fixed az commands that read, outside the NOUN… list|show shape. */
function azSpecial(words: string[], args: string[]): string | null | undefined {
  const path = words.join(" ");
  if (path === "bicep version") return null;
  // Names and attributes of the secrets; the values only come from `secret show`.
  if (path === "keyvault secret list") return null;
  if (words[0] === "tag" && (words[1] === "list" || words[1] === "show")) return words.length === 2 ? null : "extra";
  // One `section.name` that is not a credential: the whole config (or a section) can hold storage.key.
  if (words[0] === "config" && words[1] === "get")
    return words.length === 3 &&
      /^[a-z_]+\.[a-z_]+$/.test(words[2] as string) &&
      !AZ_CREDENTIAL_KEY.test(words[2] as string)
      ? null
      : "az config get can print stored keys";
  // Examples from Microsoft's search service.
  if (words[0] === "find") return words.length <= 2 ? null : "extra";
  // Without --list, configure sets the defaults.
  if (path === "devops configure")
    return args.some((a) => a === "--list" || a === "-l") &&
      !args.some((a) => /^(--defaults|-d|--use-git-aliases)/.test(a))
      ? null
      : "az devops configure sets defaults";
  // `acr check-health` pulls a test image and fetches a registry token: not an inspection.
  return undefined;
}

/**
 * az options whose values are Azure Resource Manager ids or scopes (`/subscriptions/…/resourceGroups/…`):
 * names of resources on the service, never opened as files (an `@file` value is refused before this).
 */
const AZ_ID_OPTIONS = new Set(["--ids", "--resource", "--resource-id", "--scope"]);

/**
 * az groups and verbs that print access keys although no word says `keys`: `signalr key list`,
 * `webpubsub key show`, `eventgrid topic key list`, `search admin-key|query-key`, `communication
 * list-key`; an IoT hub's shared access policies carry their primary and secondary keys.
 */
const AZ_KEY_WORDS = /^(key|admin-key|query-key|list-key|list-keys|primary-key)$/;
const AZ_SECRET_PATHS = /^iot (hub|dps) (policy|access-policy)( |$)/;

/**
 * Before parsing, az replaces every word that starts with `@` (or whose text after its first `=` does:
 * `key=@notes.txt`, `--name=@x`) with the contents of that file: any word, option or positional.
 */
function azLoadsFile(word: string): boolean {
  const eq = word.indexOf("=");
  const tail = eq === -1 ? word : word.slice(eq + 1);
  return tail.startsWith("@") && tail.length > 1;
}

const az: Check = proving((args) => {
  const words: string[] = [];
  const values: { name: string; at: number }[] = [];
  const loads = args.find(azLoadsFile);
  if (loads !== undefined) return refused(`az reads the file named by ${loads}`);
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a.startsWith("-")) {
      const name = a.includes("=") ? a.slice(0, a.indexOf("=")) : a;
      if (!/^--?[a-zA-Z0-9][a-z0-9-]*$/.test(name)) return refused(`option ${a} is not on the known-safe list`);
      if (AZ_CLIENT_SIDE.has(name)) return refused(`option ${name} prints the requests with their tokens`);
      let value: string | undefined;
      if (a.includes("=")) value = a.slice(a.indexOf("=") + 1);
      else if (args[i + 1] !== undefined && !(args[i + 1] as string).startsWith("-")) value = args[++i];
      const organization = (name === "--organization" || name === "--org") && AZ_ORGANIZATION.test(value ?? "");
      const file = value === undefined || organization ? null : noFileReference(name, value);
      if (file) return refused(file);
      if (value !== undefined) values.push({ name, at: i });
      continue;
    }
    words.push(a);
  }
  const problem = azWords(words, args);
  if (problem) return refused(problem);
  // A wiki page path (`--path /page`) names a page of an Azure DevOps wiki, not a local file.
  const wiki = words[0] === "devops" && words[1] === "wiki";
  return proved(values.filter((v) => AZ_ID_OPTIONS.has(v.name) || (wiki && v.name === "--path")).map((v) => v.at));
});

/** The command words of an az call: null when they name a read. */
function azWords(words: string[], args: string[]): string | null {
  if (words.length === 0)
    return args.length && args.every((a) => /^(--version|--help|-h)$/.test(a)) ? null : "no command";
  // `az GROUP … --help` prints help.
  if (args.some((a) => a === "--help" || a === "-h") && args.every((a) => /^(--help|-h|[a-z][a-z0-9-]*)$/.test(a)))
    return words.length <= 4 ? null : "extra";
  if (words[0] === "version") return words.length === 1 ? null : "unexpected arguments";
  const special = azSpecial(words, args);
  if (special !== undefined) return special;
  if (words[0] === "account")
    return words[1] === "show" || words[1] === "list" || words[1] === "list-locations"
      ? null
      : "az account can print tokens or change the subscription";
  const at = words.findIndex((w) => AZ_READ_VERB.test(w));
  if (at < 1) return "not an inspection command (no list/show verb)";
  const path = words.slice(0, at + 1);
  if (path.slice(0, at).some((g) => !/^[a-z0-9][a-z0-9-]*$/.test(g) || COMMAND_VERB.test(g)))
    return "not an inspection command";
  // A Key Vault key's show prints its public part only (the service never exports the private key).
  const keyWords = path[0] !== "keyvault" && path.some((w) => AZ_KEY_WORDS.test(w));
  if (keyWords || path.some((w) => HANDS_OUT_SECRETS.test(w)) || AZ_SECRET_PATHS.test(path.join(" ")))
    return `az ${path.join(" ")} can print secrets`;
  if (words.length > at + 2) return "unexpected positional arguments";
  // A read word used as a group name (`… logs delete`): the word after it is the real verb.
  if (words[at + 1] !== undefined && COMMAND_VERB.test(words[at + 1] as string))
    return `${words[at + 1]} after ${words[at]} is a command verb`;
  return null;
}

const GH_COMMON = {
  flags: ["-h", "--help"],
  valued: ["-R", "--repo", "-q", "--jq", "-t", "--template", "--json"],
};
const GH_LIST = {
  flags: ["--draft", "-w", "--web"],
  valued: [
    "-L",
    "--limit",
    "-s",
    "--state",
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
    "-S",
    "--search",
    "--app",
    "--mention",
    "-m",
    "--milestone",
    "--order",
    "--sort",
  ],
};
const GH_SEARCH = {
  flags: ["-w", "--web", "--archived", "--include-forks", "--no-assignee", "--no-label", "--no-milestone", "--draft"],
  valued: [
    ...GH_LIST.valued,
    "--owner",
    "--language",
    "--topic",
    "--visibility",
    "--created",
    "--updated",
    "--match",
    "--stars",
    "--filename",
    "--extension",
    "--size",
    "--merged",
    "--closed",
    "--comments",
    "--reactions",
    "--involves",
    "--commenter",
    "--review-requested",
    "--reviewed-by",
    "--review",
    "--checks",
    "--forks",
    "--followers",
    "--license",
  ],
};
const GH_VIEW = { flags: ["-c", "--comments", "-w", "--web"], maxArgs: 1 };
const verbsFor = (noun: string, extra: Record<string, object>) =>
  Object.fromEntries(Object.entries(extra).map(([verb, spec]) => [`${noun} ${verb}`, spec]));

const GH_API_VALUED = new Set(["-X", "--method", "-f", "--raw-field", "-F", "--field"]);
const GH_OTHER_VALUED = new Set(["--cache", "-R", "--repo", "-q", "--jq", "-t", "--template", "--json"]);

/** The method and fields of a `gh api` call, read the way gh reads them (glued `-XGET`, `--field=k=v`). */
function ghApiRequest(args: string[]): { method: string | null; fields: string[] } | string {
  let method: string | null = null;
  const fields: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") break;
    if (!a.startsWith("-") || a.length < 2) continue;
    let name = a;
    let value: string | undefined;
    if (a.startsWith("--") && a.includes("=")) {
      name = a.slice(0, a.indexOf("="));
      value = a.slice(a.indexOf("=") + 1);
    } else if (!a.startsWith("--") && a.length > 2) {
      name = a.slice(0, 2);
      if (!GH_API_VALUED.has(name) && !GH_OTHER_VALUED.has(name)) return `gh api: bundled options ${a}`;
      value = a.slice(2);
    }
    if (GH_OTHER_VALUED.has(name)) {
      if (value === undefined) i++;
      continue;
    }
    if (!GH_API_VALUED.has(name)) continue;
    if (value === undefined) value = args[++i] ?? "";
    if (name === "-X" || name === "--method") method = value.toUpperCase();
    // pflag reads `-F=k=@file` as -F with the value `k=@file` (the `=` after a letter is dropped):
    // the field is checked in both readings (the method keeps the `=`, so `-X=GET` stays refused).
    else fields.push(value, ...(value.startsWith("=") ? [value.slice(1)] : []));
  }
  return { method, fields };
}

function ghApi(words: string[], args: string[]): string | null {
  const endpoint = words[0];
  if (endpoint === undefined || words.length !== 1) return "gh api: not one endpoint";
  const request = ghApiRequest(args);
  if (typeof request === "string") return request;
  const { method, fields } = request;
  if (fields.some((f) => f.slice(f.indexOf("=") + 1).startsWith("@"))) return "gh api: a field reads a file";
  if (endpoint === "graphql") {
    const query = fields
      .find((f) => f.startsWith("query="))
      ?.slice(6)
      .trim();
    if (method !== null || query === undefined || !/^(query\b|\{)/.test(query)) return "gh api graphql: not a query";
    return fields.some((f) => /mutation/i.test(f)) ? "gh api graphql: a mutation writes" : null;
  }
  if (endpoint.includes("://")) return "gh api: a full URL";
  if (method !== null && method !== "GET" && method !== "HEAD") return `gh api -X ${method} writes`;
  if (fields.length && method === null) return "gh api: fields without -X GET are sent as a POST";
  return null;
}

/** Built-in command groups: `gh GROUP [VERB] --help` prints help (an unknown name may be an extension). */
const GH_GROUPS = new Set(
  (
    "pr issue repo run workflow release gist project ruleset rs secret variable search codespace cs org ssh-key " +
    "gpg-key alias extension ext api auth config cache label browse status attestation at completion"
  ).split(" "),
);

function ghHelp(args: string[]): boolean {
  const words = args.filter((a) => a !== "-h" && a !== "--help");
  return (
    words.length < args.length &&
    words.length >= 1 &&
    words.length <= 2 &&
    GH_GROUPS.has(words[0] as string) &&
    words.every((w) => /^[a-z][a-z-]*$/.test(w))
  );
}

/** A page opened in the browser stays on a host gh is logged in to: `-R` without a HOST/ part, no URL. */
function ghBrowserHost(args: string[]): string | null {
  const opens = args.includes("browse") || args.includes("-w") || args.includes("--web");
  if (!opens) return null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    // `gh pr view https://HOST/o/r/pull/1 --web`: the URL names the host, which answers with the
    // page to open.
    if (a.includes("://")) return `gh ${a}: a URL names another host`;
    // `gh repo view HOST/OWNER/REPO --web` opens that host's page.
    if (/^[^-/\s][^/\s]*\/[^/\s]+\/[^/\s]+/.test(a) && a.split("/")[0]?.includes("."))
      return `gh ${a}: a repository on another host`;
    const value = a === "-R" || a === "--repo" ? args[i + 1] : /^(-R|--repo=)(.+)$/.exec(a)?.[2];
    if (value !== undefined && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(value))
      return `gh ${a}: a browser page on another host`;
  }
  return null;
}

const GH_TOOL: Tool = {
  global: GH_COMMON,
  verbs: {
    "": { flags: ["--version"], maxArgs: 0 },
    status: { valued: ["-e", "--exclude", "-o", "--org"], maxArgs: 0 },
    ...verbsFor("pr", {
      list: GH_LIST,
      view: GH_VIEW,
      status: { flags: ["-c", "--conflict-status"] },
      diff: { flags: ["--name-only", "--patch"], valued: ["--color"], maxArgs: 1 },
      checks: { flags: ["--required", "--watch", "--fail-fast"], valued: ["-i", "--interval"], maxArgs: 1 },
    }),
    ...verbsFor("issue", { list: GH_LIST, view: GH_VIEW, status: {} }),
    ...verbsFor("run", {
      list: {
        flags: ["-a", "--all"],
        valued: [
          "-L",
          "--limit",
          "-w",
          "--workflow",
          "-b",
          "--branch",
          "-u",
          "--user",
          "-e",
          "--event",
          "-s",
          "--status",
          "-c",
          "--commit",
          "--created",
        ],
      },
      view: {
        flags: ["--log", "--log-failed", "-v", "--verbose", "--exit-status", "-w", "--web"],
        valued: ["-j", "--job", "-a", "--attempt"],
        maxArgs: 1,
      },
      watch: { flags: ["--exit-status", "--compact"], valued: ["-i", "--interval"], maxArgs: 1 },
    }),
    ...verbsFor("workflow", {
      list: { flags: ["-a", "--all"], valued: ["-L", "--limit"] },
      view: { flags: ["-y", "--yaml", "-w", "--web"], valued: ["-r", "--ref"], maxArgs: 1 },
    }),
    ...verbsFor("release", {
      list: { flags: ["--exclude-drafts", "--exclude-pre-releases"], valued: ["-L", "--limit", "-O", "--order"] },
      view: { flags: ["-w", "--web"], maxArgs: 1 },
      // Checks the release's attestation against the published assets (or one local file).
      verify: { valued: ["--format"], maxArgs: 1 },
      "verify-asset": { valued: ["--format"], maxArgs: 2 },
    }),
    ...verbsFor("repo", {
      list: {
        flags: ["--fork", "--source", "--archived", "--no-archived"],
        valued: ["-L", "--limit", "-l", "--language", "--topic", "--visibility"],
        maxArgs: 1,
      },
      view: { flags: ["-w", "--web"], valued: ["-b", "--branch"], maxArgs: 1 },
    }),
    ...verbsFor("label", {
      list: { flags: ["-w", "--web"], valued: ["-L", "--limit", "-S", "--search", "--order", "--sort"] },
    }),
    ...verbsFor("cache", {
      list: { valued: ["-L", "--limit", "-k", "--key", "-r", "--ref", "-O", "--order", "-S", "--sort"] },
    }),
    ...verbsFor("gist", {
      list: { flags: ["--public", "--secret"], valued: ["-L", "--limit"] },
      view: { flags: ["-r", "--raw", "--files", "-w", "--web"], valued: ["-f", "--filename"], maxArgs: 1 },
    }),
    ...Object.fromEntries(
      ["ruleset", "rs"].flatMap((n) =>
        Object.entries(
          verbsFor(n, {
            list: { flags: ["-p", "--parents", "-w", "--web"], valued: ["-L", "--limit", "-o", "--org"], maxArgs: 0 },
            ls: { flags: ["-p", "--parents", "-w", "--web"], valued: ["-L", "--limit", "-o", "--org"], maxArgs: 0 },
            view: { flags: ["-p", "--parents", "-w", "--web"], valued: ["-o", "--org"], maxArgs: 1 },
            check: { flags: ["--default", "-w", "--web"], maxArgs: 1 },
          }),
        ),
      ),
    ),
    ...verbsFor("secret", { list: { valued: ["-e", "--env", "-o", "--org", "-a", "--app"] } }),
    ...verbsFor("variable", {
      list: { valued: ["-e", "--env", "-o", "--org"] },
      get: { valued: ["-e", "--env", "-o", "--org"], maxArgs: 1 },
    }),
    ...verbsFor("search", Object.fromEntries(["repos", "issues", "prs", "code", "commits"].map((k) => [k, GH_SEARCH]))),
    // `-t` here is --show-token, not --template.
    ...Object.fromEntries(
      ["codespace", "cs", "org", "ssh-key", "gpg-key", "alias", "extension", "ext"].flatMap((n) => [
        [`${n} list`, { valued: ["-L", "--limit", "-o", "--org", "-u", "--user", "-r", "--repo"], maxArgs: 0 }],
        [`${n} ls`, { valued: ["-L", "--limit", "-o", "--org"], maxArgs: 0 }],
      ]),
    ),
    // No `codespace logs|ports`: both open an SSH session to the codespace and start it when it is stopped.
    ...verbsFor("codespace", { view: { valued: ["-c", "--codespace"], maxArgs: 0 } }),
    ...verbsFor("cs", { view: { valued: ["-c", "--codespace"], maxArgs: 0 } }),
    ...aliases(["extension search", "ext search"], {
      flags: ["-w", "--web"],
      valued: ["-L", "--limit", "--license", "--order", "--owner", "--sort"],
    }),
    // Verifies an artifact (a path the path check proves, or an oci:// image) against its attestations.
    ...Object.fromEntries(
      ["attestation", "at"].flatMap((n) => [
        [
          `${n} verify`,
          {
            flags: ["--deny-self-hosted-runners", "--no-public-good", "--bundle-from-oci"],
            valued: [
              "-o",
              "--owner",
              "-b",
              "--bundle",
              "--cert-identity",
              "--cert-identity-regex",
              "-i",
              "--cert-oidc-issuer",
              "-d",
              "--digest-alg",
              "--format",
              "-L",
              "--limit",
              "--predicate-type",
              "--signer-repo",
              "--signer-workflow",
              "--signer-digest",
              "--source-digest",
              "--source-ref",
            ],
            maxArgs: 1,
          },
        ],
        [`${n} trusted-root`, { flags: ["--verify-only"], maxArgs: 0 }],
      ]),
    ),
    // Opens (or with -n prints) a page of the repository on the host gh is logged in to.
    browse: {
      flags: [
        "-n",
        "--no-browser",
        "-p",
        "--projects",
        "-r",
        "--releases",
        "-s",
        "--settings",
        "-w",
        "--wiki",
        "-a",
        "--actions",
        "-c",
        "--commit",
      ],
      valued: ["-b", "--branch"],
      maxArgs: 1,
    },
    ...verbsFor("project", {
      list: { flags: ["--closed"], valued: ["-L", "--limit", "--owner"], maxArgs: 0 },
      view: { flags: ["-w", "--web"], valued: ["--owner"], maxArgs: 1 },
      "field-list": { valued: ["-L", "--limit", "--owner"], maxArgs: 1 },
      "item-list": { valued: ["-L", "--limit", "--owner"], maxArgs: 1 },
    }),
    "auth status": {
      flags: ["-a", "--active"],
      valued: ["--hostname"],
      maxArgs: 0,
      last: (_w, args) => (args.some((a) => /^(-t|--show-token|-[a-z]*t)/.test(a)) ? "prints the token" : null),
    },
    // hosts.yml keeps oauth_token (and a user's token) when no keyring is used.
    "config get": {
      valued: ["-h", "--host"],
      maxArgs: 1,
      last: (w) => (w.some((k) => /token|secret|password|key/i.test(k)) ? "gh config get of a credential" : null),
    },
    "config list": { valued: ["-h", "--host"], maxArgs: 0 },
    // A read: GET or HEAD (fields only with an explicit -X GET: with fields gh sends a POST), or a
    // graphql `query` (never a mutation). No --input, no -H (X-HTTP-Method-Override), no --hostname,
    // no `key=@file` field (reads a file), no full URL. The endpoint (`/user`, `repos/o/r/pulls`) is a
    // path on the API host, never a local file: not a path to check.
    api: {
      flags: ["--paginate", "--slurp", "-i", "--include", "--silent", "--verbose"],
      valued: ["-X", "--method", "--cache", "-f", "--raw-field", "-F", "--field"],
      maxArgs: 1,
      last: ghApi,
      nameOperand: (word, position) =>
        position === 0 && word !== "graphql" && /^[A-Za-z0-9_./{}:?&=%+,@-]+$/.test(word),
    },
  },
};

/**
 * auth0: `NOUN… list|ls|show|search|tail|diff` with output and paging options only. Secrets stay
 * masked without `--reveal-secrets`, which is not listed; `auth0 api [get] PATH` is a GET without a body.
 * No --debug: it dumps the Management API requests, bearer token included.
 */
const AUTH0_READ_VERB = /^(list|ls|show|search|search-by-email|tail|diff|stats)$/;
const AUTH0_FLAGS = new Set(["--json", "--json-compact", "--csv", "--no-color", "--no-input", "-h", "--help"]);
const AUTH0_VALUED = new Set(["--tenant", "-t", "-n", "--number", "-q", "--query", "--filter", "--sort", "--format"]);
const auth0: Check = (args) => {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a.startsWith("-")) {
      const name = a.includes("=") ? a.slice(0, a.indexOf("=")) : a;
      if (AUTH0_FLAGS.has(a)) continue;
      if (!AUTH0_VALUED.has(name)) return `option ${a} is not on the known-safe list`;
      if (!a.includes("=")) {
        if (args[i + 1] === undefined) return `option ${a} needs a value`;
        i++;
      }
      continue;
    }
    words.push(a);
  }
  // `auth0 [GROUP [VERB]] --help` prints help (auth0 has no plugins).
  if (args.some((a) => a === "--help" || a === "-h"))
    return words.length <= 2 && words.every((w) => /^[a-z][a-z-]*$/.test(w)) ? null : "auth0 --help with arguments";
  if (words[0] === "api") {
    const rest = words[1] === "get" ? words.slice(2) : words.slice(1);
    return rest.length === 1 &&
      !(rest[0] as string).includes("://") &&
      !/^(post|put|patch|delete)$/i.test(rest[0] as string)
      ? null
      : "auth0 api: not a GET of one path";
  }
  const at = words.findIndex((w) => AUTH0_READ_VERB.test(w));
  if (at < 1) return "not an inspection command (no list/show verb)";
  if (words.slice(0, at).some((g) => !/^[a-z][a-z-]*$/.test(g) || COMMAND_VERB.test(g) || g === "test"))
    return "not an inspection command";
  return words.length - at - 1 <= 1 ? null : "unexpected positional arguments";
};

export const CLOUD: Record<string, Check> = {
  auth0,
  aws,
  gcloud,
  az,
  gh: proving((args) => {
    if (ghHelp(args)) return proved();
    const host = ghBrowserHost(args);
    return host ? refused(host) : proveTool(GH_TOOL, args);
  }),
};
