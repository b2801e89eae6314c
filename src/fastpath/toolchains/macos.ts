// Why: macOS ships many inspection tools (network, launchd, Time Machine, receipts, disks, code
// signatures, certificates, images, property lists) whose read verbs are harmless but whose write
// verbs change the machine. Each tool below is proved against a closed list of read verbs and options;
// anything unlisted goes to the classifier. Refused on purpose (each also said where it is decided):
//   - networksetup -set* / -create* / -remove* / -delete* / -add* / -switch* / -detect* / -order* …;
//     tmutil backup, exclusion, destination and snapshot changes; pkgutil --bom (writes to /tmp),
//     --forget / --learn / --expand / --flatten; profiles -output (writes), show -verbose (payloads),
//     install / remove / renew; hdiutil -shadow and key options; codesign signing, --entitlements FILE,
//     -r FILE; scutil --set / --prefs / --nc and bare scutil (stdin commands); say -o / -n.
//   - launchctl print / print-cache / procinfo / dumpstate / getenv and `list LABEL`: they print the
//     environment or the program arguments of jobs and processes, which can hold tokens.
//   - security find-generic-password / find-internet-password / find-key / dump-keychain and
//     list-keychains / default-keychain / login-keychain (secrets, or `-s` sets the search list).
//   - defaults read / find: preferences can hold tokens, and `find` prints every matching value.
//   - sample: it suspends another process and writes its report to /tmp by default.
//   - plutil -extract / -convert without `-o -` rewrite the file in place; lipo -create / -thin /
//     -output, sips -s / -r / -z / --out and friends write.
//   - mdimport -t runs the importer plugin that claims the file's type (a repository can ship one in an
//     app bundle), mdimport without it imports; qlmanage -p / -t open windows and run Quick Look
//     generators the same way.
//   - textutil -info / -convert / -cat: a directory argument is read as RTFD, whose TXT.rtf may be a
//     symlink out of the repository (HTML and web archive input also load other files and URLs).
//   - dscl reads without named harmless attributes: as root a record read includes password hashes.
//   - diskutil apfs / appleRAID / coreStorage: their verb trees mix listing with changes.
//   - caffeinate with a command: it is a wrapper, and wrappers are proved in wrapped.ts.
// Common to all: no argument that is a URL (hdiutil, spctl and friends would fetch it), no short or
// single-dash option spelled `-x=value` (getopt reads the value as `=value`, the table would not), and
// no `--` (tools with their own parsers read options past it). Arguments stay path-checked (analyze.ts),
// except dscl's record paths (`/Users`): names in the directory service, never opened as files.
import { aliases, asProof, type Check, checkTool, proved, proving, refused, type Tool, type Verb } from "./spec.ts";

const URL_WORD = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/** The checks every macOS tool here shares, then the tool's own. */
function guarded(check: Check, urls = false): Check {
  return proving((args) => {
    for (const a of args) {
      // Several of these tools parse their own options and ignore `--`: what follows may still be one.
      if (a === "--") return refused("-- is not an end of options to every tool here");
      if (!urls && (URL_WORD.test(a) || URL_WORD.test(a.slice(a.indexOf("=") + 1)))) return refused(`${a} is a URL`);
      if (/^-[^-].*=/.test(a)) return refused(`option ${a}: a value glued with = is read differently by the tool`);
    }
    return check.proof ? check.proof(args) : asProof(check(args));
  });
}

const spec =
  (t: Tool): Check =>
  (args) =>
    checkTool(t, args);

const oneOf =
  (option: string, values: readonly string[]) =>
  (o: string, v: string): string | null =>
    o === option && !values.includes(v) ? `${o} ${v} is not a known read-only value` : null;

// networksetup: the verb is its first word (`-listallnetworkservices`); only list/get/show/is verbs.
// Matched case-insensitively (the tool accepts either spelling; an unknown spelling only errors).
const NETWORKSETUP_READ = new Set(
  [
    "listnetworkserviceorder",
    "listallnetworkservices",
    "listallhardwareports",
    "listpreferredwirelessnetworks",
    "listvalidmturange",
    "listvalidmedia",
    "listvlans",
    "listdevicesthatsupportvlan",
    "listbonds",
    "listpppoeservices",
    "listlocations",
    "getmacaddress",
    "getcomputername",
    "getinfo",
    "getadditionalroutes",
    "getv6additionalroutes",
    "getdnsservers",
    "getsearchdomains",
    "getwebproxy",
    "getsecurewebproxy",
    "getftpproxy",
    "getsocksfirewallproxy",
    "getstreamingproxy",
    "getgopherproxy",
    "getproxybypassdomains",
    "getproxyautodiscovery",
    "getautoproxyurl",
    "getpassiveftp",
    "getairportnetwork",
    "getairportpower",
    "getnetworkserviceenabled",
    "getmtu",
    "getmedia",
    "getcurrentlocation",
    "showbondstatus",
    "showpppoestatus",
    "isbondsupported",
    "version",
    "help",
    "printcommands",
  ].map((v) => `-${v}`),
);
const networksetup: Check = (args) => {
  const [verb, ...rest] = args;
  if (verb === undefined) return "no subcommand";
  if (!NETWORKSETUP_READ.has(verb.toLowerCase())) return `networksetup ${verb} is not an inspection verb`;
  const option = rest.find((a) => a.startsWith("-"));
  return option ? `networksetup: ${option} after the verb` : null;
};

const LAUNCHCTL: Tool = {
  verbs: {
    list: { maxArgs: 0 },
    blame: { maxArgs: 1 },
    "print-disabled": { maxArgs: 1 },
    plist: { maxArgs: 2 },
    resolveport: { maxArgs: 2 },
    error: { maxArgs: 2 },
    help: { maxArgs: 1 },
    ...aliases(["hostinfo", "managerpid", "manageruid", "managername", "variant", "version", "dumpjpcategory"], {
      maxArgs: 0,
    }),
  },
};

const atLeastOne: Verb["last"] = (w) => (w.length ? null : "needs a path (without one it walks the whole disk)");
const TMUTIL: Tool = {
  verbs: {
    help: { maxArgs: 1 },
    version: { maxArgs: 0 },
    machinedirectory: { maxArgs: 0 },
    destinationinfo: { flags: ["-X"], maxArgs: 0 },
    ...aliases(["latestbackup", "listbackups"], { flags: ["-m", "-t"], valued: ["-d"], maxArgs: 0 }),
    listlocalsnapshotdates: { maxArgs: 1 },
    listlocalsnapshots: { maxArgs: 1, last: atLeastOne },
    ...aliases(["isexcluded", "uniquesize", "verifychecksums"], { flags: ["-X"], last: atLeastOne }),
    calculatedrift: { flags: ["-X"], maxArgs: 1, last: atLeastOne },
    compare: {
      flags: ["-@", "-a", "-c", "-d", "-e", "-f", "-g", "-l", "-m", "-n", "-s", "-t", "-u", "-E", "-U", "-X"],
      valued: ["-D", "-I"],
      maxArgs: 2,
      last: atLeastOne,
    },
  },
};

// pkgutil: the command is an option (`--files ID`); exactly one, with the known modifiers.
// --bom writes .bom files to /tmp; --forget / --learn / --expand / --flatten change things.
const PKGUTIL_COMMANDS: Record<string, 0 | 1> = {
  "--pkgs": 0,
  "--packages": 0,
  "--pkgs-plist": 0,
  "--groups": 0,
  "--groups-plist": 0,
  "--help": 0,
  "-h": 0,
  "--files": 1,
  "--pkg-info": 1,
  "--pkg-info-plist": 1,
  "--export-plist": 1,
  "--pkg-groups": 1,
  "--group-pkgs": 1,
  "--file-info": 1,
  "--file-info-plist": 1,
  "--payload-files": 1,
  "--check-signature": 1,
};
const PKGUTIL_FLAGS = new Set(["--only-files", "--only-dirs", "--regexp", "-v", "--verbose"]);
const pkgutil: Check = (args) => {
  let command: string | null = null;
  let words = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith("-")) {
      words++;
      continue;
    }
    const eq = a.indexOf("=");
    const name = eq === -1 ? a : a.slice(0, eq);
    if (name === "--volume") {
      if (eq === -1) i++;
      continue;
    }
    if (PKGUTIL_FLAGS.has(a)) continue;
    // `--pkgs=REGEX` filters the list; no other command takes a glued value.
    if (Object.hasOwn(PKGUTIL_COMMANDS, name) && (eq === -1 || name === "--pkgs" || name === "--packages")) {
      if (command !== null) return "pkgutil: more than one command";
      command = name;
      continue;
    }
    return `pkgutil option ${a} is not on the known-safe list`;
  }
  if (command === null) return "pkgutil: no inspection command";
  const arity = PKGUTIL_COMMANDS[command];
  if (arity === 0 && words) return `pkgutil ${command} takes no argument`;
  if (arity === 1 && !words) return `pkgutil ${command} needs an argument`;
  return null;
};

// profiles: no -output (writes a file), no install / remove / renew / sync. `show -verbose` is left out:
// it prints payload contents, and a Wi-Fi or VPN payload is not promised to hold no credential.
// `show -type enrollment` fetches the enrollment configuration from Apple's servers: left out.
const PROFILE_TYPES = ["configuration", "provisioning"];
const PROFILES: Tool = {
  singleDash: true,
  verbs: {
    help: { maxArgs: 1 },
    version: { maxArgs: 0 },
    status: { valued: ["-type"], value: oneOf("-type", ["configuration", "enrollment", "bootstraptoken"]), maxArgs: 0 },
    list: {
      flags: ["-verbose", "-all"],
      valued: ["-type", "-user"],
      value: oneOf("-type", PROFILE_TYPES),
      maxArgs: 0,
    },
    show: { flags: ["-all"], valued: ["-type", "-user"], value: oneOf("-type", PROFILE_TYPES), maxArgs: 0 },
    validate: {
      valued: ["-path"],
      maxArgs: 0,
      last: (_w, args) => (args.includes("-path") ? null : "profiles validate without -path (enrollment) is unproven"),
    },
  },
};

const DISKUTIL: Tool = {
  singleDash: true,
  verbs: {
    list: { flags: ["-plist"], maxArgs: 3 },
    ...aliases(["info", "information"], { flags: ["-plist", "-all", "--all"], maxArgs: 1 }),
    activity: { maxArgs: 0 },
    listFilesystems: { flags: ["-plist"], maxArgs: 0 },
  },
};

// hdiutil: no -shadow (writes a shadow file), no key or passphrase options, no attach/create/convert.
const HDIUTIL_COMMON = ["-plist", "-verbose", "-quiet"];
const HDIUTIL: Tool = {
  singleDash: true,
  verbs: {
    help: { maxArgs: 0 },
    info: { flags: HDIUTIL_COMMON, maxArgs: 0 },
    plugins: { flags: HDIUTIL_COMMON, maxArgs: 0 },
    ...aliases(["verify", "imageinfo", "isencrypted"], { flags: HDIUTIL_COMMON, maxArgs: 1, last: atLeastOne }),
    checksum: {
      flags: HDIUTIL_COMMON,
      valued: ["-type"],
      value: (o, v) => (o === "-type" && !/^[A-Za-z0-9-]+$/.test(v) ? `checksum type ${v}` : null),
      maxArgs: 1,
      last: atLeastOne,
    },
    pmap: { flags: [...HDIUTIL_COMMON, "-simple", "-standard", "-complete"], maxArgs: 1, last: atLeastOne },
  },
};

// codesign: display and verify only. `--entitlements PATH` and `-r PATH` write to PATH unless it is
// `-` (stdout); --extract-certificates and --file-list write files; every signing option is unlisted.
const CODESIGN_OPERATIONS = /^(-[a-zA-Z]*[dvh][a-zA-Z-]*|--display|--verify|--hosting|--validate-constraint)$/;
const CODESIGN: Tool = {
  global: {
    flags: [
      "-d",
      "--display",
      "-v",
      "--verify",
      "-h",
      "--hosting",
      "--validate-constraint",
      "--deep",
      "--strict",
      "--no-strict",
      "--verbose",
      "--check-notarization",
      "--xml",
      "--der",
      "--all-architectures",
    ],
    valued: ["--entitlements", "-r", "-R", "--test-requirement", "-a", "--architecture"],
    value: (o, v) =>
      (o === "--entitlements" && v !== "-" && v !== ":-") || (o === "-r" && v !== "-")
        ? `codesign ${o} ${v} writes a file`
        : null,
  },
  verbs: {
    "": {
      last: (_w, args) =>
        args.some((a) => CODESIGN_OPERATIONS.test(a)) ? null : "codesign without a display or verify operation",
    },
  },
};

/**
 * The values of codesign's short options, read as getopt reads them: in `-dvrFILE` or `-dvr FILE` the
 * value of -r is FILE, where the requirements are written unless it is `-`. (The table engine names
 * a bundle by its first letter, so a check keyed on `-r` would not see it.)
 */
function codesignShortValues(args: string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") break;
    if (a === "--entitlements") i++;
    if (!/^-[^-]/.test(a)) continue;
    for (let j = 1; j < a.length; j++) {
      const letter = a[j] as string;
      if (letter !== "r" && letter !== "R" && letter !== "a") continue;
      const last = j === a.length - 1;
      const value = last ? args[i + 1] : a.slice(j + 1);
      if (letter === "r" && value !== "-") return `codesign -r ${value ?? ""} writes the requirements to a file`;
      if (last) i++;
      break;
    }
  }
  return null;
}

// scutil: the fixed query forms; bare `scutil` and --prefs read commands from stdin, --nc controls VPNs.
const SCUTIL_NAMES = ["ComputerName", "HostName", "LocalHostName"];
const scutil: Check = (args) => {
  const [first, ...rest] = args;
  if (first === "--get") return rest.length === 1 && SCUTIL_NAMES.includes(rest[0] as string) ? null : "scutil --get";
  if (first === "--dns" || first === "--proxy" || first === "--nwi")
    return rest.length ? `scutil ${first} takes no argument` : null;
  if (first === "-r") {
    const words = rest.filter((a) => a !== "-W");
    if (rest.filter((a) => a === "-W").length > 1 || words.some((a) => a.startsWith("-"))) return "scutil -r option";
    return words.length >= 1 && words.length <= 2 ? null : "scutil -r takes one or two names";
  }
  if (first === "-w") {
    if (rest.length === 1 && !rest[0]?.startsWith("-")) return null;
    if (rest.length === 3 && !rest[0]?.startsWith("-") && rest[1] === "-t" && /^\d+$/.test(rest[2] as string))
      return null;
    return "scutil -w KEY [-t SECONDS]";
  }
  return `scutil ${first ?? ""} is not an inspection form`;
};

const SECURITY: Tool = {
  verbs: {
    help: { maxArgs: 1 },
    error: { flags: ["-h"] },
    leaks: { maxArgs: 0 },
    "list-smartcards": { maxArgs: 0 },
    "dump-trust-settings": { flags: ["-s", "-d"], maxArgs: 0 },
    "show-keychain-info": { maxArgs: 1 },
    "find-certificate": { flags: ["-a", "-m", "-p", "-Z"], valued: ["-c", "-e"] },
    "find-identity": { flags: ["-v"], valued: ["-p", "-s"] },
    "get-identity-preference": { flags: ["-p", "-c", "-Z"], valued: ["-s", "-u"], maxArgs: 1 },
    "verify-cert": {
      flags: ["-L", "-l", "-q", "-C"],
      valued: ["-c", "-r", "-p", "-k", "-n", "-e", "-s", "-d", "-R"],
      maxArgs: 0,
    },
    ...aliases(["translocate-policy-check", "translocate-status-check", "translocate-original-path"], { maxArgs: 1 }),
    "requirement-evaluate": {},
  },
};

// sips: property queries only; every option that sets, resamples, rotates, embeds, extracts or runs a
// script (-j) is unlisted.
const SIPS: Tool = {
  global: {
    flags: ["--verify", "-1", "--oneLine", "-h", "--help", "-H", "--helpProperties"],
    valued: ["-g", "--getProperty"],
    value: (_o, v) => (/^[A-Za-z0-9]+$/.test(v) ? null : `sips property ${v}`),
  },
  verbs: { "": {} },
};

// spctl: assessments and the two status queries; every rule or policy change is unlisted.
const SPCTL_MODES = /^(--status|--disable-status|-[a-zA-Z]*a[a-zA-Z]*|--assess)$/;
const SPCTL: Tool = {
  global: {
    flags: [
      "--status",
      "--disable-status",
      "-a",
      "--assess",
      "-v",
      "--verbose",
      "--raw",
      "--ignore-cache",
      "--no-cache",
      "--continue",
    ],
    valued: ["-t", "--type"],
    value: (_o, v) => (["execute", "exec", "install", "open"].includes(v) ? null : `spctl type ${v}`),
  },
  verbs: {
    "": {
      last: (w, args) => {
        const modes = args.filter((a) => SPCTL_MODES.test(a));
        if (modes.length !== 1) return "spctl needs exactly one of --status, --disable-status, --assess";
        const assess = !modes[0]?.startsWith("--") || modes[0] === "--assess";
        return assess === w.length > 0 ? null : "spctl: files only with --assess";
      },
    },
  },
};

// xattr: list and print; no -w / -d / -c (write) and no -r (a recursive walk the path check does not see).
const XATTR: Tool = {
  global: { flags: ["-l", "-p", "-x", "-v", "-s", "-h"] },
  verbs: { "": { last: (w, args) => (w.length || args.includes("-h") ? null : "xattr needs a file") } },
};

// plutil: -p / -lint / bare files print; -extract and -convert only with `-o -` (without it they
// rewrite the file), and only to formats that are one stream (objc / swift write source files).
const PLUTIL_FORMATS = ["xml1", "binary1", "json"];
const plutil: Check = (args) => {
  let op: string | null = null;
  let format: string | null = null;
  let out: string | null = null;
  let files = 0;
  let ended = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (ended || !a.startsWith("-") || a === "-") {
      files++;
      continue;
    }
    if (a === "--") {
      ended = true;
      continue;
    }
    if (a === "-s" || a === "-r" || a === "-n") continue;
    if (a === "-o") {
      // Which of two -o words plutil keeps is its parser's business: one only.
      if (out !== null) return "plutil: more than one -o";
      out = args[++i] ?? "";
      continue;
    }
    if (op !== null) return "plutil: more than one command";
    if (a === "-p" || a === "-lint" || a === "-help") op = a;
    else if (a === "-convert") {
      op = a;
      format = args[++i] ?? "";
    } else if (a === "-extract") {
      op = a;
      i++; // the key path
      format = args[++i] ?? "";
    } else return `plutil option ${a} is not on the known-safe list`;
  }
  if (op === "-help") return files || out !== null ? "plutil -help takes nothing else" : null;
  if (op === "-convert" || op === "-extract") {
    if (out !== "-") return `plutil ${op} without -o - rewrites the file`;
    const formats = op === "-extract" ? [...PLUTIL_FORMATS, "raw"] : PLUTIL_FORMATS;
    if (!formats.includes(format ?? "")) return `plutil format ${format} is not a single stream`;
  } else if (out !== null) return "plutil -o writes a file";
  return files ? null : "plutil needs a file";
};

// lipo: the read operations; every option that builds, thins or writes (-create, -output …) is unlisted.
const lipo: Check = (args) => {
  let ops = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "-info" || a === "-archs" || a === "-detailed_info" || a === "-verify_arch") ops++;
    else if (a === "-arch") i++;
    else if (a === "-hideARM64") continue;
    else if (a.startsWith("-")) return `lipo option ${a} is not on the known-safe list`;
  }
  return ops === 1 ? null : "lipo needs exactly one of -info, -archs, -detailed_info, -verify_arch";
};

// textutil: only its help. A directory is read as RTFD whatever its name (`notes.rtf/`), and an RTFD's
// TXT.rtf may be a symlink out of the repository, which -info (it shows the first characters) and
// -convert / -cat -stdout would print: this table sees words, not the file system, so it cannot tell.
const textutil: Check = (args) =>
  args.length === 1 && (args[0] === "-help" || args[0] === "--help")
    ? null
    : "textutil reads a directory argument as RTFD, whose parts may lead out of the repository";

// mdimport: only the listings. `-t` (a test import) runs whichever importer plugin claims the file's type
// inside this process, and an app bundle in the repository can register one; without -t it imports.
const mdimport: Check = (args) =>
  args.length === 1 && ["-L", "-A", "-X"].includes(args[0] as string)
    ? null
    : "mdimport: only -L, -A and -X are provable (-t runs importer plugins, the rest imports)";

const SAY: Tool = {
  global: {
    flags: ["-i", "--interactive", "--progress"],
    valued: ["-v", "--voice", "-r", "--rate", "-f", "--input-file", "-a", "--audio-device"],
  },
  verbs: { "": {} },
};

const QLMANAGE_STATS = ["plugins", "server", "memory", "burst", "threads", "other"];
const qlmanage: Check = (args) => {
  if (args.length === 1 && args[0] === "-h") return null;
  if (args[0] === "-m" && args.slice(1).every((a) => QLMANAGE_STATS.includes(a))) return null;
  return "qlmanage: only -m statistics and -h are provable (-p / -t open windows and run generators)";
};

const DEFAULTS: Tool = {
  singleDash: true,
  global: { flags: ["-currentHost"] },
  verbs: {
    domains: { maxArgs: 0 },
    help: { maxArgs: 0 },
    "read-type": { maxArgs: 2, last: (w) => (w.length === 2 ? null : "defaults read-type DOMAIN KEY") },
  },
};

// binhex / applesingle / macbinary (one program): probe, or encode / decode to stdout only.
const BINHEX_STDOUT = ["-c", "--pipe", "--to-stdout"];
const binhex: Check = (args) => {
  if (args.length === 1 && ["-h", "--help", "-V", "--version"].includes(args[0] as string)) return null;
  const [verb, ...rest] = args;
  const options = rest.filter((a) => a.startsWith("-") && a !== "-");
  const files = rest.length - options.length;
  if (verb === "probe") return options.length || !files ? "binhex probe FILE…" : null;
  if (verb !== "encode" && verb !== "decode") return `binhex ${verb ?? ""} is not an inspection verb`;
  const bad = options.find((a) => !BINHEX_STDOUT.includes(a));
  if (bad) return `binhex option ${bad} is not on the known-safe list`;
  return options.length && files ? null : `binhex ${verb} without -c writes files`;
};

// compression_tool: output goes to stdout unless -o names a file; -o is unlisted.
const compressionTool: Check = (args) => {
  if (args.length === 1 && args[0] === "-h") return null;
  let modes = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "-encode" || a === "-decode") modes++;
    else if (a === "-v") continue;
    else if (a === "-a" || a === "-A") {
      if (!/^[a-z0-9_]+$/.test(args[++i] ?? "")) return `compression_tool ${a} needs an algorithm name`;
    } else if (a === "-b" || a === "-t") {
      if (!/^\d+[kKmMbB]?$/.test(args[++i] ?? "")) return `compression_tool ${a} needs a number`;
    } else if (a === "-i") {
      if (args[++i] === undefined) return "compression_tool -i needs a file";
    } else return `compression_tool option ${a} is not on the known-safe list`;
  }
  return modes === 1 ? null : "compression_tool needs exactly one of -encode, -decode";
};

// symbols: -saveSignature and -symbolsPackageDir write; the rest prints.
const SYMBOLS: Tool = {
  singleDash: true,
  global: {
    flags: [
      "-help",
      "-v",
      "-uuid",
      "-noHeaders",
      "-printSignature",
      "-w",
      "-noSourceInfo",
      "-noDemangling",
      "-fullSourcePath",
    ],
    valued: ["-arch", "-lookup"],
  },
  verbs: { "": {} },
};

// caffeinate with no command only holds a power assertion; with one it is a wrapper (see above).
const CAFFEINATE: Tool = {
  global: {
    flags: ["-d", "-i", "-m", "-s", "-u"],
    valued: ["-t", "-w"],
    value: (o, v) => (/^\d+$/.test(v) ? null : `caffeinate ${o} needs a number`),
  },
  verbs: { "": { maxArgs: 0 } },
};

// dscl: only the local node, only list / read / search, and reads only of named harmless attributes.
const DSCL_ATTRIBUTES = new Set([
  "RecordName",
  "RealName",
  "UniqueID",
  "PrimaryGroupID",
  "NFSHomeDirectory",
  "UserShell",
  "GroupMembership",
  "GeneratedUID",
]);
/**
 * A record path of the directory service (`/Users`, `/Groups/staff`): dscl asks opendirectoryd for it
 * on the local node and never opens it as a file, so the path check skips it.
 */
const DSCL_RECORD_PATH = /^\/[A-Za-z]+(\/[A-Za-z0-9_.@-]+)?$/;
const dscl: Check = proving((args) => {
  let i = 0;
  while (args[i] === "-plist" || args[i] === "-raw") i++;
  const [node, command, path, ...rest] = args.slice(i);
  if (node !== "." && node !== "localhost") return refused("dscl: only the local node");
  if (path === undefined || path.startsWith("-")) return refused("dscl needs a record path");
  const harmless = (a: string) => DSCL_ATTRIBUTES.has(a);
  const read = (ok: boolean, why: string) =>
    ok ? proved(DSCL_RECORD_PATH.test(path) && !path.includes("..") ? [i + 2] : []) : refused(why);
  switch (command?.replace(/^-/, "")) {
    case "list":
      return read(rest.length <= 1 && rest.every(harmless), "dscl list: only a harmless attribute");
    case "read":
      return read(rest.length >= 1 && rest.every(harmless), "dscl read: name harmless attributes");
    case "search":
      return read(rest.length === 2 && harmless(rest[0] as string), "dscl search PATH KEY VALUE");
    default:
      return refused(`dscl ${command ?? ""} is not an inspection command`);
  }
});

export const MACOS: Record<string, Check> = {
  networksetup: guarded(networksetup),
  launchctl: guarded(spec(LAUNCHCTL)),
  tmutil: guarded(spec(TMUTIL)),
  pkgutil: guarded(pkgutil),
  profiles: guarded(spec(PROFILES)),
  diskutil: guarded(spec(DISKUTIL)),
  hdiutil: guarded(spec(HDIUTIL)),
  codesign: guarded((args) => codesignShortValues(args) ?? checkTool(CODESIGN, args)),
  scutil: guarded(scutil),
  // security names services by URL (`get-identity-preference -s https://…`) and opens files, not URLs.
  security: guarded(spec(SECURITY), true),
  sips: guarded(spec(SIPS)),
  spctl: guarded(spec(SPCTL)),
  xattr: guarded(spec(XATTR)),
  plutil: guarded(plutil),
  lipo: guarded(lipo),
  textutil: guarded(textutil),
  mdimport: guarded(mdimport),
  say: guarded(spec(SAY)),
  qlmanage: guarded(qlmanage),
  defaults: guarded(spec(DEFAULTS)),
  binhex: guarded(binhex),
  applesingle: guarded(binhex),
  macbinary: guarded(binhex),
  compression_tool: guarded(compressionTool),
  symbols: guarded(spec(SYMBOLS)),
  caffeinate: guarded(spec(CAFFEINATE)),
  dscl: guarded(dscl),
};
