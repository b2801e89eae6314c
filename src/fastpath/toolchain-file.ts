// Why: version managers pick the program that really runs from files in the working directory or any
// directory above it, and those files can name a program the repository ships:
// - rustup (behind cargo, rustc, rustfmt, rustdoc, clippy-driver, and rustup itself, whose --version
//   runs the active rustc) reads `rust-toolchain.toml` / `rust-toolchain` from the cwd up to `/`;
//   `[toolchain] path = "./x"` runs a toolchain directory of the repository's choosing, and a
//   channel that is not a release name can be a linked or path-like toolchain.
// - asdf (and mise) shims read `.tool-versions` the same way; a `path:/dir` or `ref:` version runs a
//   binary from that directory or builds one, and a version word with `/` or `..` walks out of the
//   installs directory into one the repository chooses. Any program may be a shim, so such a file
//   leaves only shell builtins provable.
// A file is accepted only when its content provably names release versions; anything unreadable,
// oversized, not a regular file or not understood makes the command unprovable (the classifier decides).
import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { commandName, type Invocation } from "./invocations.ts";

/** Programs rustup installs as proxies (plus `cargo-*` subcommand binaries). */
const RUSTUP_PROXY =
  /^(cargo|rustc|rustup|rustdoc|rustfmt|clippy-driver|rust-analyzer|rust-gdb|rust-gdbgui|rust-lldb|rls)$|^cargo-/;
/** Shell builtins: no shim can stand in for them. */
const BUILTINS = new Set(["cd", "echo", "printf", "pwd", "true", "false", ":", "test", "["]);
const MAX_BYTES = 16 * 1024;

const CHANNEL = /^(stable|beta|nightly|\d+\.\d+(\.\d+)?)(-\d{4}-\d{2}-\d{2})?$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/;

type Read = { ok: true; text: string | null } | { ok: false; error: string };

/** The file's text, null when it does not exist; an error when it exists but cannot be inspected safely. */
function readSmall(path: string): Read {
  let st: ReturnType<typeof statSync> | undefined;
  try {
    st = statSync(path, { throwIfNoEntry: false });
  } catch {
    return { ok: false, error: `${path} cannot be inspected` };
  }
  if (st === undefined) return { ok: true, text: null };
  if (!st.isFile() || st.size > MAX_BYTES) return { ok: false, error: `${path} is not a small regular file` };
  try {
    return { ok: true, text: readFileSync(path, "utf8") };
  } catch {
    return { ok: false, error: `${path} cannot be read` };
  }
}

const quoted = (v: string): string | null => {
  const m = /^"([^"\\]*)"$/.exec(v) ?? /^'([^']*)'$/.exec(v);
  return m ? (m[1] as string) : null;
};

/** A one-line array of quoted plain names: `["rustfmt", "clippy"]`. */
function nameArray(v: string): boolean {
  const m = /^\[(.*)\]$/.exec(v);
  if (!m) return false;
  const items = (m[1] as string)
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  return items.every((s) => {
    const name = quoted(s);
    return name !== null && NAME.test(name);
  });
}

/** The TOML form: only `[toolchain]` with a release channel, plain components/targets and a profile. */
function rustTomlProblem(text: string): string | null {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (line === "[toolchain]") continue;
    const m = /^([A-Za-z_-]+)\s*=\s*(.*?)\s*(#[^"']*)?$/.exec(line);
    if (!m) return "a line that is not a plain setting";
    const key = m[1] as string;
    const value = m[2] as string;
    if (key === "channel") {
      const channel = quoted(value);
      if (channel === null || !CHANNEL.test(channel)) return "a channel that is not a release name";
    } else if (key === "profile") {
      if (!/^(minimal|default|complete)$/.test(quoted(value) ?? "")) return "an unknown profile";
    } else if (key === "components" || key === "targets") {
      if (!nameArray(value)) return `${key} that is not a one-line list of names`;
    } else return `the key ${key}`;
  }
  return null;
}

function rustFileProblem(text: string, legacy: boolean): string | null {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  // The legacy file may hold only a toolchain name on one line.
  if (legacy && lines.length === 1 && !/[=[]/.test(lines[0] as string))
    return CHANNEL.test((lines[0] as string).trim()) ? null : "a toolchain that is not a release name";
  return rustTomlProblem(text);
}

/** `.tool-versions`: `tool version…` lines with plain version words only (no path:, ref:, /, ..). */
function toolVersionsProblem(text: string): string | null {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, "").trim();
    if (line === "") continue;
    const words = line.split(/\s+/);
    if (words.length < 2) return "a tool without a version";
    for (const w of words) if (!NAME.test(w) || w.includes("..")) return `the entry ${w.slice(0, 40)}`;
  }
  return null;
}

/** Null when no version-manager file from `cwd` up to `/` can make `inv` run a repository-chosen program. */
export function toolchainFileProblem(inv: Invocation, cwd: string): string | null {
  const name = commandName(inv.argv[0] ?? "");
  if (BUILTINS.has(name)) return null;
  const rust = RUSTUP_PROXY.test(name);
  let dir = cwd;
  for (;;) {
    const files: [string, (t: string) => string | null][] = [[".tool-versions", toolVersionsProblem]];
    if (rust)
      files.push(
        ["rust-toolchain", (t) => rustFileProblem(t, true)],
        ["rust-toolchain.toml", (t) => rustFileProblem(t, false)],
      );
    for (const [file, check] of files) {
      const path = join(dir, file);
      const read = readSmall(path);
      if (!read.ok) return read.error;
      const problem = read.text === null ? null : check(read.text);
      if (problem) return `${path} may pick the program that runs: ${problem}`;
    }
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}
