// Why: every toolchain family proves "read-only" the same way — the subcommand path is on a list of
// inspection verbs and every option is on that verb's list of known-safe options. Anything else
// (an unknown verb, an unknown option, a plugin named like a verb) is not provable and goes to the
// classifier. This file is the small engine the per-family tables in this folder are written in.
// A table may also declare option values and operands that are names, not paths (an ARM id, an API
// endpoint): the same walk that proves the options reports them, so the path check skips exactly those.

/**
 * The outcome of proving one call: why it is not provable, or the indexes (into the arguments) of the
 * words the proof found to be names the tool never opens as files (analyze.ts does not check those as paths).
 */
export type Proof = { ok: true; names: number[] } | { ok: false; error: string };

/** Null when provably read-only, else why not; `proof` also names the words that are not paths. */
export type Check = ((args: string[]) => string | null) & { proof?: (args: string[]) => Proof };

/** A check from a proof: the verdict and the non-path words come out of the same walk over the words. */
export function proving(prove: (args: string[]) => Proof): Check {
  const check = (args: string[]) => {
    const p = prove(args);
    return p.ok ? null : p.error;
  };
  return Object.assign(check, { proof: prove });
}

/** The words of a provable call that are not paths (none when the call is not provable or says nothing). */
export function nonPathWords(check: Check, args: string[]): number[] {
  const p = check.proof?.(args);
  return p?.ok ? p.names : [];
}

export const proved = (names: number[] = []): Proof => ({ ok: true, names });
export const refused = (error: string): Proof => ({ ok: false, error });
/** A plain check's verdict as a proof with no non-path words. */
export const asProof = (problem: string | null): Proof => (problem === null ? proved() : refused(problem));

export interface Options {
  /** Options without a value: `-v`, `--json`. Single letters also combine (`-lq`). */
  flags?: readonly string[];
  /** Options that take a value (the next word, `--name=value`, or glued `-nVALUE`). */
  valued?: readonly string[];
  /** Check on each option value (e.g. refuse `file://` references). */
  value?: (option: string, value: string) => string | null;
  /**
   * Valued options whose value is a name the tool never opens as a file (an ARM resource id, a wiki
   * page path, a permission mode): the path check skips that value. Each one must be verified against
   * the tool: an option that reads `@file` or `file://` values must also refuse them in `value`.
   */
  names?: readonly string[];
}

export interface Verb extends Options {
  /** Positional words allowed after the verb path (default: any number). */
  maxArgs?: number;
  /** A last check on the positional words and the whole argument list. */
  last?: (words: string[], args: string[]) => string | null;
  /** Positional words (by position among the verb's words) that are names, not paths (`gh api /user`). */
  nameOperand?: (word: string, position: number) => boolean;
}

export interface Tool {
  /** Options accepted anywhere (before or after the verb). */
  global?: Options;
  /** Verb paths (`"list"`, `"config get"`, `""` for none) and what each accepts. */
  verbs: Record<string, Verb>;
  /** Options are spelled with one dash (`-noout`, `-chdir=DIR`): no letter bundling. */
  singleDash?: boolean;
  /** Where the words stop being a verb path (default: the longest matching verb path). */
  maxVerbWords?: number;
}

type Kind = "flag" | "valued" | "glued" | null;

function classify(a: string, o: Options, singleDash: boolean): Kind {
  const flags = o.flags ?? [];
  const valued = o.valued ?? [];
  const eq = a.indexOf("=");
  if (a.startsWith("--") || singleDash) {
    if (eq === -1) return flags.includes(a) ? "flag" : valued.includes(a) ? "valued" : null;
    return valued.includes(a.slice(0, eq)) ? "glued" : null;
  }
  if (flags.includes(a)) return "flag";
  if (valued.includes(a)) return "valued";
  // bundled single letters: `-lq`, `-n5`, `-ln5`
  for (let j = 1; j < a.length; j++) {
    const letter = `-${a[j]}`;
    if (valued.includes(letter)) return j === a.length - 1 ? "valued" : "glued";
    if (!flags.includes(letter)) return null;
  }
  return "flag";
}

function merged(a: Options | undefined, b: Options | undefined): Options {
  return {
    flags: [...(a?.flags ?? []), ...(b?.flags ?? [])],
    valued: [...(a?.valued ?? []), ...(b?.valued ?? [])],
    names: [...(a?.names ?? []), ...(b?.names ?? [])],
    value: (o, v) => a?.value?.(o, v) ?? b?.value?.(o, v) ?? null,
  };
}

/**
 * The option a value belongs to and the value, as the tool's parser reads them: in a bundle of short
 * letters the value belongs to the first valued letter and is the rest of the word (`-iXPOST`: -X
 * POST; `-X=GET`: -X "=GET") or the next word (`-iX POST`), so a check keyed on `-X` sees it.
 */
function optionValue(
  a: string,
  kind: Kind,
  next: string | undefined,
  o: Options,
  singleDash: boolean,
): { name: string; value: string } {
  const eq = a.indexOf("=");
  if (a.startsWith("--") || singleDash || (o.valued ?? []).includes(a)) {
    if (kind === "valued") return { name: a, value: next ?? "" };
    return { name: a.slice(0, eq), value: a.slice(eq + 1) };
  }
  for (let j = 1; j < a.length; j++) {
    const letter = `-${a[j]}`;
    if (!(o.valued ?? []).includes(letter)) continue;
    return { name: letter, value: j === a.length - 1 ? (next ?? "") : a.slice(j + 1) };
  }
  return { name: a, value: next ?? "" };
}

/** Check `args` (the words after the program name) against a tool table. */
export function checkTool(tool: Tool, args: string[]): string | null {
  const p = proveTool(tool, args);
  return p.ok ? null : p.error;
}

/** Prove `args` against a tool table, collecting the option values and operands it declares names. */
export function proveTool(tool: Tool, args: string[]): Proof {
  const verbs = Object.keys(tool.verbs);
  const singleDash = tool.singleDash ?? false;
  const path: string[] = [];
  let verb: Verb | undefined;
  let options = merged(tool.global, undefined);
  const words: string[] = [];
  const wordAt: number[] = [];
  const names: number[] = [];
  let ended = false;
  const settle = () => {
    if (verb !== undefined) return;
    const key = path.join(" ");
    verb = tool.verbs[key];
    if (verb) options = merged(tool.global, verb);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!ended && a === "--") {
      ended = true;
      settle();
      continue;
    }
    if (!ended && a.startsWith("-") && a.length > 1) {
      // Options after a partial verb path belong to what the path names so far.
      if (verb === undefined && path.length && tool.verbs[path.join(" ")]) settle();
      let kind = classify(a, options, singleDash);
      let from = options;
      // Before any verb word, the options of the bare form (`gh --version`, `brew -S x`) apply too.
      const bare = tool.verbs[""];
      if (kind === null && verb === undefined && path.length === 0 && bare) {
        from = merged(options, bare);
        kind = classify(a, from, singleDash);
      }
      if (kind === null) return refused(`option ${a} is not on the known-safe list`);
      if (kind === "valued" && args[i + 1] === undefined) return refused(`option ${a} needs a value`);
      if (kind !== "flag") {
        const { name, value } = optionValue(a, kind, args[i + 1], from, singleDash);
        // `-o=x`: curl reads the value `=x`, but pflag, argparse and clap read `x`: check both readings.
        const bad =
          from.value?.(name, value) ??
          (value.startsWith("=") && !a.startsWith("--") ? from.value?.(name, value.slice(1)) : null);
        if (bad) return refused(bad);
        if (from.names?.includes(name)) names.push(kind === "valued" ? i + 1 : i);
        if (kind === "valued") i++;
      }
      continue;
    }
    if (verb === undefined) {
      const longer = [...path, a].join(" ");
      const canGrow =
        (tool.maxVerbWords === undefined || path.length < tool.maxVerbWords) &&
        verbs.some((v) => v === longer || v.startsWith(`${longer} `));
      if (canGrow) {
        path.push(a);
        continue;
      }
      // A tool with verbs takes no positional word in its bare form: `brew install x` is not `brew`.
      if (path.length === 0 && verbs.some((v) => v !== "")) return refused(`${a} is not an inspection subcommand`);
      settle();
      if (verb === undefined) return refused(`${[...path, a].join(" ")} is not an inspection subcommand`);
    }
    words.push(a);
    wordAt.push(i);
  }
  if (path.length === 0 && args.length === 0 && verbs.some((v) => v !== "")) return refused("no subcommand");
  settle();
  if (verb === undefined) return refused(`${path.join(" ") || "(no subcommand)"} is not an inspection subcommand`);
  const chosen = verb as Verb;
  if (chosen.maxArgs !== undefined && words.length > chosen.maxArgs)
    return refused(`${path.join(" ")}: more than ${chosen.maxArgs} argument(s)`);
  const last = chosen.last?.(words, args);
  if (last) return refused(last);
  words.forEach((w, k) => {
    if (chosen.nameOperand?.(w, k)) names.push(wordAt[k] as number);
  });
  return proved(names);
}

export const tool = (t: Tool): Check => proving((args) => proveTool(t, args));

/** The same verb spec under several names (`ls`, `list`). */
export function aliases(names: string[], verb: Verb): Record<string, Verb> {
  return Object.fromEntries(names.map((n) => [n, verb]));
}

/** Values that make a CLI read a local file or fetch a URL instead of using the literal. */
export function noFileReference(option: string, value: string): string | null {
  return /^(file|fileb|https?):\/\//i.test(value) || value.startsWith("@")
    ? `${option} ${value} reads a file or URL`
    : null;
}
