// Why: infrastructure tools whose inspection verbs are provable, and the ones that are not.
// terraform: `version`, `fmt` in check mode, `workspace show`, `metadata functions` (built-in
// function signatures only), and `VERB -help` for every subcommand (the CLI prints the help text
// without running the verb). plan/validate/show/state/output/console/graph/get/test/refresh/modules
// start provider plugins — executables under .terraform/ that an attacker-written repository can ship
// — or print state, which holds secrets; `providers` and `workspace list` are left out too: both
// initialise the backend the configuration names and read its state or workspaces (a network call to
// a repository-chosen endpoint, with the user's credentials for it).
// packer: help/version and `fmt` without writing (-check, -diff, -write=false). Packer before 1.11
// runs every `packer-plugin-*` in the working directory (`describe`) on any call, --version included,
// so toolchain-file.ts refuses packer where such a file exists; fmt's walk (it prints diffs and parse
// errors with source lines) is checked there too. validate/inspect/console/plugins/init/build load
// the plugins a template names.
// ansible: only help and version (help.ts); its verbs load plugins, inventory scripts and ansible.cfg
// callbacks from the repository.
// openssl: inspection of certificates, certificate requests and CRLs named with -in (a .pem name is
// proved in cert-input.ts: these decoders never print a private key) or read from stdin, without -out;
// no word shaped like a URI (`http://…` is fetched, `file:…` opens any path); no s_client (it
// connects to a host the command names, like curl, and curl is not provable either: a request to an
// attacker-chosen host carries whatever the agent put in it).
import { type Check, checkTool, type Tool, type Verb } from "./spec.ts";

const TERRAFORM_VERBS = [
  "init",
  "validate",
  "plan",
  "apply",
  "destroy",
  "console",
  "fmt",
  "force-unlock",
  "get",
  "graph",
  "import",
  "login",
  "logout",
  "metadata",
  "metadata functions",
  "modules",
  "output",
  "providers",
  "providers lock",
  "providers mirror",
  "providers schema",
  "refresh",
  "show",
  "state",
  "state list",
  "state mv",
  "state pull",
  "state push",
  "state replace-provider",
  "state rm",
  "state show",
  "taint",
  "test",
  "untaint",
  "version",
  "workspace",
  "workspace list",
  "workspace select",
  "workspace new",
  "workspace delete",
  "workspace show",
];
const HELP_FLAGS = ["-help", "--help", "-h"];
/** A verb only its help is provable for: the help flag and nothing else after it. */
const helpOnly: Verb = {
  maxArgs: 0,
  last: (_w, args) => (args.some((a) => HELP_FLAGS.includes(a)) ? null : "only the verb's -help is provable"),
};
const withHelp = (verbs: Record<string, Verb>): Record<string, Verb> => {
  const out: Record<string, Verb> = {};
  for (const v of TERRAFORM_VERBS) out[v] = helpOnly;
  for (const [k, v] of Object.entries(verbs)) {
    const own = v.last;
    out[k] = {
      ...v,
      last: (w, args) => (args.some((a) => HELP_FLAGS.includes(a)) && w.length === 0 ? null : (own?.(w, args) ?? null)),
    };
  }
  return out;
};

/** `-write=false` / `-list=true|false` only (as `-write=false`, one word: a bare `-write` is a flag in Go). */
const fmtValue = (o: string, v: string): string | null =>
  (o === "-write" && v === "false") || (o === "-list" && (v === "true" || v === "false")) ? null : `${o}=${v}`;

const TERRAFORM: Tool = {
  global: { flags: ["-help", "--help", "-h"], valued: ["-chdir"] },
  singleDash: true,
  verbs: withHelp({
    "": { flags: ["-version", "--version", "-v"], maxArgs: 0 },
    version: { flags: ["-json"], maxArgs: 0 },
    fmt: {
      flags: ["-check", "-diff", "-recursive", "-no-color"],
      valued: ["-list", "-write"],
      value: fmtValue,
      last: (_w, args) =>
        args.includes("-check") || args.includes("-write=false") ? null : "terraform fmt writes without -check",
    },
    "workspace show": { maxArgs: 0 },
    "metadata functions": { flags: ["-json"], maxArgs: 0 },
  }),
};

const PACKER: Tool = {
  singleDash: true,
  global: { flags: ["-help", "--help", "-h"] },
  verbs: {
    "": { flags: ["-version", "--version", "-v"], maxArgs: 0 },
    version: { maxArgs: 0 },
    ...Object.fromEntries(
      ["build", "console", "fix", "fmt", "hcl2_upgrade", "init", "inspect", "plugins", "validate"].map((v) => [
        v,
        helpOnly,
      ]),
    ),
    fmt: {
      flags: ["-check", "-diff", "-recursive"],
      valued: ["-write"],
      value: fmtValue,
      last: (_w, args) =>
        args.some((a) => HELP_FLAGS.includes(a)) || args.includes("-check") || args.includes("-write=false")
          ? null
          : "packer fmt writes without -check or -write=false",
    },
  },
};

/** Only with -noout: the decoders otherwise re-encode the object as well (Dippy asks for that form). */
const noout = (_w: string[], args: string[]) => (args.includes("-noout") ? null : "without -noout");
const OPENSSL_IN = ["-in", "-inform", "-certopt", "-nameopt"];
const OPENSSL: Tool = {
  singleDash: true,
  global: { flags: ["-help"] },
  verbs: {
    version: { flags: ["-a", "-v", "-b", "-o", "-f", "-p", "-d", "-e", "-c", "-r"], maxArgs: 0 },
    help: { maxArgs: 1 },
    list: {
      flags: [
        "-commands",
        "-digest-commands",
        "-cipher-commands",
        "-cipher-algorithms",
        "-digest-algorithms",
        "-public-key-algorithms",
        "-public-key-methods",
        "-mac-algorithms",
        "-kdf-algorithms",
        "-options",
        "-disabled",
        "-objects",
        "-1",
        "-verbose",
      ],
      maxArgs: 0,
    },
    x509: {
      flags: [
        "-noout",
        "-text",
        "-subject",
        "-issuer",
        "-dates",
        "-startdate",
        "-enddate",
        "-serial",
        "-fingerprint",
        "-sha1",
        "-sha256",
        "-md5",
        "-pubkey",
        "-modulus",
        "-email",
        "-ocsp_uri",
        "-purpose",
        "-hash",
        "-subject_hash",
        "-issuer_hash",
        "-nocert",
        "-alias",
      ],
      valued: [...OPENSSL_IN, "-checkend", "-ext"],
      // Without -in it decodes standard input (a pipe whose source is proved on its own).
      maxArgs: 0,
      last: noout,
    },
    req: {
      flags: ["-noout", "-text", "-verify", "-subject", "-pubkey", "-modulus"],
      valued: OPENSSL_IN,
      maxArgs: 0,
      last: noout,
    },
    crl: {
      flags: ["-noout", "-text", "-issuer", "-lastupdate", "-nextupdate", "-hash", "-fingerprint"],
      valued: OPENSSL_IN,
      maxArgs: 0,
      last: noout,
    },
    verify: { flags: ["-verbose", "-show_chain"], valued: ["-CAfile", "-untrusted", "-purpose"] },
    ciphers: { flags: ["-v", "-V", "-s", "-tls1_2", "-tls1_3", "-stdname"], maxArgs: 1 },
    errstr: {},
    prime: { flags: ["-hex", "-checks"] },
  },
};

/**
 * OpenSSL 3 reads a certificate, CRL or CA file argument as a URI: `http://…` is fetched (a request
 * to a host the command names) and `file:…` opens any path, past the path check. No word of the
 * file-reading verbs may look like `scheme:` (the cipher lists of `ciphers` use `:` as a separator).
 */
const OPENSSL_URI_VERBS = new Set(["x509", "req", "crl", "verify"]);
const opensslUri = (args: string[]): string | null => {
  if (!OPENSSL_URI_VERBS.has(args[0] ?? "")) return null;
  const uri = args.find((a) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(a));
  return uri === undefined ? null : `openssl reads ${uri} as a URI`;
};

export const INFRA: Record<string, Check> = {
  terraform: (args) => checkTool(TERRAFORM, args),
  packer: (args) => checkTool(PACKER, args),
  openssl: (args) => opensslUri(args) ?? checkTool(OPENSSL, args),
};
