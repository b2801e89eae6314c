// Why: infrastructure tools whose inspection verbs are provable, and the ones that are not.
// terraform: only `version`, `fmt` in check mode and `workspace show`. plan/validate/providers/show
// start provider plugins — executables under .terraform/ that an attacker-written repository can ship
// — and show/state print state, which holds secrets. packer and ansible load plugins, inventory
// scripts and ansible.cfg callbacks from the repository, so nothing of theirs is listed.
// openssl: inspection of certificates, certificate requests and CRLs named with -in, without -out; no s_client (it
// connects to a host the command names, like curl, and curl is not provable either: a request to an
// attacker-chosen host carries whatever the agent put in it).
import { type Check, checkTool, type Tool } from "./spec.ts";

const TERRAFORM: Tool = {
  global: { flags: ["-help", "--help", "-h"], valued: ["-chdir"] },
  singleDash: true,
  verbs: {
    "": { flags: ["-version", "--version", "-v"], maxArgs: 0 },
    version: { flags: ["-json"], maxArgs: 0 },
    fmt: {
      flags: ["-check", "-diff", "-recursive", "-no-color", "-list=true", "-list=false", "-write=false"],
      last: (_w, args) =>
        args.includes("-check") || args.includes("-write=false") ? null : "terraform fmt writes without -check",
    },
    "workspace show": { maxArgs: 0 },
  },
};

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
      maxArgs: 0,
      last: (_w, args) => (args.includes("-in") ? null : "openssl x509 without -in"),
    },
    req: { flags: ["-noout", "-text", "-verify", "-subject", "-pubkey", "-modulus"], valued: OPENSSL_IN, maxArgs: 0 },
    crl: {
      flags: ["-noout", "-text", "-issuer", "-lastupdate", "-nextupdate", "-hash", "-fingerprint"],
      valued: OPENSSL_IN,
      maxArgs: 0,
    },
    verify: { flags: ["-verbose", "-show_chain"], valued: ["-CAfile", "-untrusted", "-purpose"] },
    ciphers: { flags: ["-v", "-V", "-s", "-tls1_2", "-tls1_3", "-stdname"], maxArgs: 1 },
    errstr: {},
    prime: { flags: ["-hex", "-checks"] },
  },
};

export const INFRA: Record<string, Check> = {
  terraform: (args) => checkTool(TERRAFORM, args),
  openssl: (args) => checkTool(OPENSSL, args),
};
