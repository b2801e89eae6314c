// Per-tool allowlists of options. A command is provable read-only only when every option it is given
// is one we have read the manual for and know cannot write, run code or read elsewhere; any other
// option (a new flag, an abbreviation, a misspelling) makes it "not provable" and the LLM decides.
// Option values are skipped here exactly as the tool itself consumes them; the words themselves are
// checked as paths elsewhere (analyze.ts treats every word as a path).

/** Null when the arguments are fine, else why not (toolchains/spec.ts: a check may also carry a proof). */
export type { Check } from "./toolchains/spec.ts";

import type { Check } from "./toolchains/spec.ts";

export const ok: Check = () => null;

export interface OptionSpec {
  /** Single-letter options without a value (combinable: `-la`). */
  flags?: string;
  /** Letters taking a value, glued (`-n5`) or as the next word (`-n 5`). */
  valued?: string;
  /** Letters taking an optional value that can only be glued (`-M50%`, `-w16`); never the next word. */
  glued?: string;
  /**
   * Letters among `valued`/`glued` whose value names a file: glued after other letters (`-nfFILE`)
   * the word is not checked as a path by the caller, so that spelling is refused.
   */
  files?: string;
  /** `--names`: a trailing `=` takes a value (`--x=v` or `--x v`); list both `x` and `x=` for an optional one. */
  long?: string[];
  /** `--names` taking the next two words (`jq --arg name value`). */
  long2?: string[];
  /** Whole words accepted as they are (`-ps` for xxd, `-productName` for sw_vers, `-print` for find). */
  words?: string[];
  /** `-20` means a count (head, git log). */
  counts?: boolean;
  /** Stop checking at the first operand (bash builtins and tools that do not permute). */
  firstOperandEnds?: boolean;
  /** Further checks once every option is known: all arguments, and the operands (option values left out). */
  after?: (args: string[], operands: string[]) => string | null;
}

/** A separate value word that the checker skips: one that looks like an option is refused. */
function valueWord(word: string | undefined, option: string): string | null {
  if (word === undefined) return null; // the tool reports the missing value itself
  if (word.startsWith("-") && word !== "-" && !/^-\d+$/.test(word))
    return `the value of ${option} looks like an option (${word})`;
  return null;
}

/** Builds a check that accepts exactly the options in `spec` (and any operand). */
export function allow(spec: OptionSpec): Check {
  const flags = spec.flags ?? "";
  const valued = spec.valued ?? "";
  const glued = spec.glued ?? "";
  const files = spec.files ?? "";
  const long = spec.long ?? [];
  // The sets are built on first use: a hook call checks one or two commands, not the whole table.
  let sets: { longFlags: Set<string>; longValued: Set<string>; long2: Set<string>; words: Set<string> } | undefined;
  return (args) => {
    sets ??= {
      longFlags: new Set(long.filter((l) => !l.endsWith("="))),
      longValued: new Set(long.filter((l) => l.endsWith("=")).map((l) => l.slice(0, -1))),
      long2: new Set(spec.long2 ?? []),
      words: new Set(spec.words ?? []),
    };
    const { longFlags, longValued, long2, words } = sets;
    const operands: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i] as string;
      if (a === "--") {
        operands.push(...args.slice(i + 1));
        break;
      }
      if (!a.startsWith("-") || a === "-") {
        if (spec.firstOperandEnds) {
          operands.push(...args.slice(i));
          break;
        }
        operands.push(a);
        continue;
      }
      if (words.has(a)) continue;
      if (a.startsWith("--")) {
        const eq = a.indexOf("=");
        const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
        if (eq === -1 && longFlags.has(name)) continue;
        if (longValued.has(name)) {
          if (eq === -1) {
            const bad = valueWord(args[i + 1], a);
            if (bad) return bad;
            i++;
          }
          continue;
        }
        if (eq === -1 && long2.has(name)) {
          const bad = valueWord(args[i + 1], a) ?? valueWord(args[i + 2], a);
          if (bad) return bad;
          i += 2;
          continue;
        }
        return `option ${a} is not on the known-safe list`;
      }
      if (spec.counts && /^-\d+$/.test(a)) continue;
      for (let j = 1; j < a.length; j++) {
        const c = a[j] as string;
        if (valued.includes(c) || glued.includes(c)) {
          const rest = a.slice(j + 1);
          if (rest !== "" && j > 1 && files.includes(c))
            return `option ${a} glues a file name after other letters; spell it -${c} FILE`;
          if (rest === "" && valued.includes(c)) {
            const bad = valueWord(args[i + 1], `-${c}`);
            if (bad) return bad;
            i++;
          }
          break;
        }
        if (!flags.includes(c)) return `option -${c} is not on the known-safe list`;
      }
    }
    return spec.after ? spec.after(args, operands) : null;
  };
}

/** The older positional form: `opts(flags, valued, long, then)`; `-20` is a count when `n` takes a value. */
export function opts(flags: string, valued = "", long: string[] = [], then?: Check): Check {
  return allow({ flags, valued, long, counts: valued.includes("n"), after: then });
}

/** Both checks must pass. */
export function both(first: Check, second: Check): Check {
  return (args) => first(args) ?? second(args);
}

/** `--help` / `--version` and nothing else (tools whose only options are those). */
export const HELP_VERSION = ["help", "version"];
