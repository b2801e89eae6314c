// Archive and encoding tools, provable only in the modes that print to stdout and write nothing:
// listing and testing archives (tar -t, unzip -l/-t/-Z, 7z l/t/h), gzip to stdout or listing, base64
// either way. Extraction, creation and in-place (de)compression are never listed, nor anything that
// runs a program (tar -I / --to-command / a `host:file` archive over rsh, unzip -p into a pipe is
// harmless but left out) or reads a list of names from a file (7z @list). Operands are checked as
// paths by the caller (analyze.ts), so a secret archive or one outside the repository is refused there.
import { allow, type Check, HELP_VERSION } from "./option-spec.ts";

/** base64 (GNU and BSD): encode or decode a file or stdin to stdout; never BSD's -o FILE / -i FILE. */
export const base64Check: Check = allow({
  // -e/--encode, -n/--noerrcheck, -u (usage) and --copyright are Fourmilab base64's; elsewhere they are errors.
  flags: "dDenu",
  valued: "wb",
  long: ["decode", "encode", "noerrcheck", "copyright", "wrap=", "break=", ...HELP_VERSION],
  // Fourmilab base64 writes a second operand (`base64 -e in out`).
  after: (_args, operands) => (operands.length > 1 ? "a second file operand is an output file" : null),
});

// -f only forces: with -c it still writes nothing but standard output (-c, -l or -t is required below).
const GZIP_FLAGS = "cdfltvqnN123456789";
const gzipSpec = allow({
  flags: GZIP_FLAGS,
  long: [
    "stdout",
    "to-stdout",
    "decompress",
    "uncompress",
    "list",
    "test",
    "verbose",
    "quiet",
    "name",
    "no-name",
    "fast",
    "best",
    "force",
    ...HELP_VERSION,
  ],
});

/** Letters given as short options (bundled or not) and the long names, for mode checks. */
function shortLetters(args: string[]): Set<string> {
  const out = new Set<string>();
  for (const a of args) {
    if (a === "--") break;
    if (/^-[A-Za-z0-9]+$/.test(a)) for (const c of a.slice(1)) out.add(c);
  }
  return out;
}
const hasLong = (args: string[], ...names: string[]) => args.some((a) => names.includes(a.replace(/^--/, "")));

/** gzip / gunzip: only to stdout (-c), listing (-l) or testing (-t); otherwise it replaces files. */
export function gzipCheck(decompressing: boolean): Check {
  return (args) => {
    const bad = gzipSpec(args);
    if (bad) return bad;
    if (args.length > 0 && args.every((a) => a === "--help" || a === "--version")) return null;
    const letters = shortLetters(args);
    const toStdout = letters.has("c") || hasLong(args, "stdout", "to-stdout");
    const inspects = letters.has("l") || letters.has("t") || hasLong(args, "list", "test");
    if (toStdout || inspects) return null;
    return `${decompressing ? "gunzip" : "gzip"} without -c, -l or -t replaces files`;
  };
}

const tarSpec = allow({
  flags: "tvzjJ",
  valued: "f",
  files: "f",
  long: [
    "list",
    "verbose",
    "file=",
    "gzip",
    "gunzip",
    "ungzip",
    "bzip2",
    "xz",
    "wildcards",
    "no-wildcards",
    "anchored",
    "no-anchored",
    "exclude=",
    "numeric-owner",
    "utc",
    "full-time",
    ...HELP_VERSION,
  ],
  after: (args) => {
    const letters = shortLetters(args);
    if (!letters.has("t") && !hasLong(args, "list") && !args.every((a) => a === "--help" || a === "--version"))
      return "tar other than -t/--list writes files";
    // `-f host:file` runs rsh to reach a remote archive; no archive name with a colon is listed
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      const value = a.startsWith("--file=")
        ? a.slice(7)
        : /^-[A-Za-z]*f$/.test(a)
          ? (args[i + 1] ?? "")
          : /^-[A-Za-z]*f./.test(a)
            ? a.slice(a.indexOf("f") + 1)
            : a === "--file"
              ? (args[i + 1] ?? "")
              : "";
      if (value.includes(":")) return `tar archive ${value} would be reached over rsh`;
    }
    return null;
  },
});

/** tar, list mode only; the old bundled first word (`tar tvf x`) is read as `-tvf`. */
export const tarCheck: Check = (args) => {
  const first = args[0];
  const normalised = first !== undefined && /^[tvzjJf]+$/.test(first) ? [`-${first}`, ...args.slice(1)] : args;
  return tarSpec(normalised);
};

/** unzip in its listing, testing and comment modes (-l, -v, -t, -z, and zipinfo's -Z). */
export const unzipCheck: Check = allow({
  flags: "lvtzqZ12shmM",
  long: HELP_VERSION,
  after: (args) => {
    if (args.length === 1 && /^(-h|-hh|--help)$/.test(args[0] as string)) return null;
    const letters = shortLetters(args);
    return ["l", "v", "t", "z", "Z"].some((c) => letters.has(c)) ? null : "unzip without -l, -v, -t, -z or -Z extracts";
  },
});

/** zcat: gzip -dc, always to stdout. */
export const zcatCheck: Check = gzipSpec;

/** zipinfo: listing only. */
export const zipinfoCheck: Check = allow({ flags: "12smlvhMtTz", long: HELP_VERSION });

/** 7z commands that only read: list, test, hash, info, benchmark; switches that only shape the output. */
export const sevenZipCheck: Check = (args) => {
  const [command, ...rest] = args;
  if (command === undefined) return null; // prints usage
  if (rest.length === 0 && /^(-h|--help)$/.test(command)) return null;
  if (!["l", "t", "h", "i", "b"].includes(command)) return `7z ${command} is not a read-only command`;
  for (const a of rest) {
    if (a.startsWith("@")) return `7z reads a list of names from ${a.slice(1)}`;
    // 7z expands wildcards itself, quoted or not (`7z h '*'` hashes dot-files, `'sub/*'` links out of it).
    if (!a.startsWith("-") && /[*?]/.test(a)) return `7z expands the wildcard in ${a} itself`;
    // The benchmark (7z b) compresses in memory: its method and dictionary size only shape that work.
    if (command === "b" && /^-(mm=[A-Za-z0-9*]+|md=\d+[bkmg]?)$/.test(a)) continue;
    if (a.startsWith("-") && !/^-(slt|ba|bd|p[^/]*|scrc[A-Za-z0-9*]*|mmt(=?\d+|=?on|=?off)?)$/.test(a))
      return `7z switch ${a} is not on the known-safe list`;
  }
  return null;
};
