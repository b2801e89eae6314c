// Flatten a parsed command line into the simple commands ("invocations") it can run, looking
// through substitutions, subshells, groups, control structures, heredocs, `bash -c` / `eval`
// strings and wrappers (`sudo`, `env`, `xargs`, `timeout`, `find -exec`, …).

import { dirname, resolve as resolvePath } from "node:path";
import type { Command, Pipeline, Redirect, Script, SimpleCommand, Word } from "../shell/ast.ts";
import { literalOf, parseShell } from "../shell/parse.ts";
import { codeActions, inlineCode, interpreterFamily } from "./interpreter-code.ts";
import { evaluatedSubscripts } from "./subscripts.ts";

/** Placeholder for the unknown value of an expansion inside an argument. */
/** `via` of the worst-case copies of `find DIR -exec CMD {}` with DIR put in for `{}`: sound for
 * hard deny (what find may hand over includes DIR itself), but not what the command literally does. */
export const FIND_START_PATH = "find -exec {} = start path";

export const DYNAMIC = "\u0000";

export interface Invocation {
  /** Arguments after quote removal; expansions appear as DYNAMIC. argv[0] is the command name. */
  argv: string[];
  /** Per argument: holds an expansion whose value is unknown. */
  dynamic: boolean[];
  /** Raw source words (for `$HOME`-style checks). */
  raw: string[];
  redirects: Redirect[];
  assigns: string[];
  /** Per prefix assignment (same order as assigns): its literal value, null when only known at run time. */
  assignValues?: (string | null)[];
  /** Wrappers and re-parses this invocation was found through, outermost first. */
  via: string[];
  /** Where it sits: top level, or inside a substitution/heredoc/re-parsed string. */
  nested: boolean;
  /** Arguments are partly unknown (xargs / parallel / find -exec append arguments at run time). */
  openArgs: boolean;
  /**
   * Working directory it runs in after the `cd`/`pushd` earlier in the line: undefined when the
   * line did not change it (the request's cwd), null when it changed to somewhere unknown.
   */
  cwd?: string | null;
  /** Files its redirections write (`>`, `>>`, `&>`, …), after variables set earlier in the line. */
  writes?: string[];
  /** The invocation it was unwrapped from (the `find` of `find -exec`), when it came through a wrapper. */
  from?: Invocation;
  /**
   * Per argument holding a `$( )` / backquote substitution whose output is not known statically:
   * what it runs (null when the word also holds another unknown part, `$X`). Undefined elsewhere.
   * Such words are no longer marked "complex": analyze.ts lets only a command that prints them take them.
   */
  substitutions?: (Substitution | null | undefined)[];
}

/** A word made of literal text and command substitutions. */
export interface Substitution {
  /** For each substitution in the word, the commands it runs at its own level (a pipeline's stages). */
  producers: Invocation[][];
  /** Some substitution is unquoted: its output is split into words and globbed. */
  unquoted: boolean;
  /** Unquoted literal text of the word holds a glob character. */
  globLiteral: boolean;
}

export interface Structure {
  /** Every invocation, in source order. */
  invocations: Invocation[];
  /** Pipelines as lists of stages; each stage is the invocations of that stage (after unwrapping). */
  pipelines: Invocation[][][];
  /** Sequential invocations at each list level (for download-then-run detection). */
  sequences: Invocation[][];
  /** Anything that is not a plain simple command (subshell, loop, function, substitution …). */
  complex: string[];
  /** Function definitions: name → invocations in the body. */
  functions: Map<string, Invocation[]>;
  errors: string[];
}

/** Where the line starts: lets `cd` and `$HOME` be followed. Without it, directories are not tracked. */
export interface WalkContext {
  cwd: string;
  home: string;
}

const MAX_REPARSE_DEPTH = 6;

function wordArg(word: Word): { value: string; dynamic: boolean } {
  const lit = literalOf(word);
  if (lit !== null) return { value: lit, dynamic: false };
  let value = "";
  for (const part of word.parts) value += part.type === "lit" ? part.value : DYNAMIC;
  return { value, dynamic: true };
}

export function analyzeStructure(source: string, context?: WalkContext): Structure {
  const parsed = parseShell(source);
  const structure: Structure = {
    invocations: [],
    pipelines: [],
    sequences: [],
    complex: [],
    functions: new Map(),
    errors: [...parsed.errors],
  };
  const state: ShellState = { vars: new Map(), cwd: undefined, oldpwd: undefined, stack: [] };
  new Walker(structure, context ?? null).script(parsed.script, [], false, 0, state);
  return structure;
}

/** What the line has set so far: variables (null = unknown value) and the working directory. */
interface ShellState {
  vars: Map<string, string | null>;
  cwd: string | null | undefined;
  oldpwd: string | null | undefined;
  stack: Array<string | null | undefined>;
}

/** Literal text with nothing the shell would treat specially once it is part of an expanded word. */
const PLAIN_TEXT = /^[A-Za-z0-9_./:@%+,=-]*$/;
/** An echo's output made of such words, one space between them. */
const PLAIN_WORDS = /^[A-Za-z0-9_./:@%+,=-]+( [A-Za-z0-9_./:@%+,=-]+)*$/;

/**
 * A substitution body that is one `echo` of literal words, no option, redirection or assignment: its
 * output is exactly its words joined by spaces (no escapes are interpreted by bash's echo, and the
 * output holds no backslash once knownOutputFields accepts it as PLAIN_WORDS, so zsh's echo prints the same).
 */
function exactEcho(body: Script, found: Invocation[]): boolean {
  const only = body.items.length === 1 ? body.items[0]?.pipelines : undefined;
  const inv = found[0];
  if (only?.length !== 1 || found.length !== 1 || inv?.argv[0] !== "echo") return false;
  if (inv.redirects.length || inv.assigns.length || inv.dynamic.some(Boolean) || inv.substitutions) return false;
  return inv.argv.slice(1).every((a) => !a.startsWith("-"));
}

function fork(state: ShellState): ShellState {
  return { vars: new Map(state.vars), cwd: state.cwd, oldpwd: state.oldpwd, stack: [...state.stack] };
}

const DECLARES = new Set(["export", "declare", "typeset", "local", "readonly"]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `echo`/`printf` output with escapes (enough to re-read it as shell). */
function echoEscapes(text: string): string {
  return text.replace(/\\(n|t|\\|0?[0-7]{1,3}|x[0-9a-fA-F]{1,2})/g, (_m, e: string) => {
    if (e === "n") return "\n";
    if (e === "t") return "\t";
    if (e === "\\") return "\\";
    if (e.startsWith("x")) return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    return String.fromCharCode(Number.parseInt(e, 8));
  });
}

function printfOutput(format: string, args: string[]): string {
  const fmt = echoEscapes(format);
  if (!/%[-0-9.]*[sbdqc]/.test(fmt)) return fmt;
  let out = "";
  let i = 0;
  do {
    out += fmt.replace(/%([-0-9.]*)([sbdqc%])/g, (_m, _w, k: string) => {
      if (k === "%") return "%";
      const v = args[i++] ?? "";
      return k === "b" ? echoEscapes(v) : v;
    });
  } while (i < args.length);
  return out;
}

/** The output of a command whose output is known without running anything, or null. */
function staticOutput(argv: string[], stdin: string | null): string | null {
  const out = rawOutput(argv, stdin);
  return out === null ? null : out.replaceAll(DYNAMIC, "\n");
}

function rawOutput(argv: string[], stdin: string | null): string | null {
  if (argv.some((a) => a.includes(DYNAMIC))) return null;
  const name = commandName(argv[0] ?? "");
  if (name === "echo") {
    let i = 1;
    let escapes = false;
    let newline = true;
    while (/^-[neE]+$/.test(argv[i] ?? "")) {
      const f = argv[i] as string;
      if (f.includes("n")) newline = false;
      if (f.includes("e")) escapes = true;
      i++;
    }
    const text = argv.slice(i).join(" ");
    return (escapes ? echoEscapes(text) : text) + (newline ? "\n" : "");
  }
  if (name === "printf") {
    if (argv[1] === "-v" || argv[1] === undefined) return null;
    const start = argv[1] === "--" ? 2 : 1;
    return printfOutput(argv[start] ?? "", argv.slice(start + 1));
  }
  if (name === "which" || name === "type" || (name === "command" && /^-[vV]$/.test(argv[1] ?? ""))) {
    const target = argv.slice(1).find((a) => !a.startsWith("-"));
    return target === undefined ? null : `${target}\n`;
  }
  if ((name === "cat" && argv.length === 1) || name === "tee") return stdin;
  if ((name === "dirname" || name === "basename") && argv.length === 2) {
    const p = argv[1] as string;
    const trimmed = p.replace(/\/+$/, "") || "/";
    if (name === "basename") return `${trimmed.slice(trimmed.lastIndexOf("/") + 1) || "/"}\n`;
    const cut = trimmed.lastIndexOf("/");
    return `${cut === -1 ? "." : cut === 0 ? "/" : trimmed.slice(0, cut)}\n`;
  }
  if (name === "find" && !argv.some((a) => /^-(exec|execdir|ok|okdir|delete|fprint.*|printf)$/.test(a))) {
    // What it prints starts with its start paths (enough for `find ~ | xargs rm -rf`).
    const starts: string[] = [];
    for (const a of argv.slice(1)) {
      if (/^[-(!]/.test(a)) break;
      starts.push(a);
    }
    return starts.length ? `${starts.join("\n")}\n` : null;
  }
  if (name === "base64" && argv.slice(1).some((a) => /^(-d|-D|--decode)$/.test(a)) && stdin !== null) {
    const text = Buffer.from(stdin.replace(/\s/g, ""), "base64").toString("utf8");
    return text;
  }
  if (name === "rev" && argv.length === 1 && stdin !== null)
    return stdin
      .split("\n")
      .map((l) => [...l].reverse().join(""))
      .join("\n");
  return null;
}

/** Options of common tools whose value is a command line run by a shell. */
function commandOptions(argv: string[], stdin: string | null): string[] {
  const name = commandName(argv[0] ?? "");
  const out: string[] = [];
  const optionValue = (i: number, short: string[], long: string[]): string | null => {
    const a = argv[i] as string;
    if (short.includes(a) || long.includes(a)) return argv[i + 1] ?? null;
    for (const l of long) if (a.startsWith(`${l}=`)) return a.slice(l.length + 1);
    for (const s of short)
      if (s.length === 2 && a.startsWith(s) && a.length > 2 && !a.startsWith("--")) return a.slice(2);
    return null;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    let v: string | null = null;
    if (name === "tar" || name === "gtar" || name === "bsdtar") {
      v = optionValue(
        i,
        ["-I", "-F"],
        ["--to-command", "--use-compress-program", "--info-script", "--new-volume-script", "--rsh-command"],
      );
      if (/^--checkpoint-action=(exec|command)=/.test(a)) v = a.slice(a.indexOf("=", 20) + 1);
    } else if (name === "rsync") v = optionValue(i, ["-e"], ["--rsh", "--rsync-path"]);
    else if (name === "ssh" || name === "scp" || name === "sftp") {
      const o = optionValue(i, ["-o"], []);
      if (o && /^(ProxyCommand|LocalCommand|KnownHostsCommand|Match\s+exec)\s*[= ]\s*/i.test(o))
        v = o.replace(/^(ProxyCommand|LocalCommand|KnownHostsCommand|Match\s+exec)\s*[= ]\s*/i, "");
    } else if (name === "zip") v = optionValue(i, ["-TT"], ["--unzip-command"]);
    else if (name === "script" || name === "flock") {
      v = optionValue(i, ["-c"], ["--command"]);
      // bundled after other letters: `script -qc CMD`, `script -qcCMD`
      const bundle = /^-[a-zA-Z]+?c(.*)$/.exec(a);
      if (v === null && bundle && !a.startsWith("--")) v = bundle[1] ? (bundle[1] as string) : (argv[i + 1] ?? null);
    } else if (name === "vim" || name === "vi" || name === "nvim" || name === "ex" || name === "view") {
      const c = optionValue(i, ["-c", "--cmd"], []) ?? (a.startsWith("+") ? a.slice(1) : null);
      if (c && /^:?\s*!/.test(c)) v = c.replace(/^:?\s*!/, "");
    } else if (name === "env") {
      v = optionValue(i, ["-S"], ["--split-string"]);
      // bundled after flag letters: `env -vS 'CMD'`, `env -iS'CMD'`
      const bundle = /^-[iv0]+S(.*)$/.exec(a);
      if (v === null && bundle) v = bundle[1] ? (bundle[1] as string) : (argv[i + 1] ?? null);
    } else if (name === "watch" && i === argv.length - 1 && argv.length > 1) v = null;
    if (v !== null) out.push(v);
  }
  if (name === "sed" || name === "gsed") out.push(...sedCommands(argv, stdin));
  if (name === "git") out.push(...gitCommands(argv));
  return out;
}

/** `e COMMAND` and `s/…/COMMAND/e` in a sed script. */
function sedCommands(argv: string[], stdin: string | null): string[] {
  const scripts: string[] = [];
  let explicit = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "-e" || a === "--expression") {
      explicit = true;
      if (argv[i + 1] !== undefined) scripts.push(argv[i + 1] as string);
      i++;
    } else if (a.startsWith("--expression=")) {
      explicit = true;
      scripts.push(a.slice(13));
    } else if (/^-[a-zA-Z]*e.+/.test(a) && !a.startsWith("--")) {
      explicit = true;
      scripts.push(a.slice(a.indexOf("e") + 1));
    }
  }
  if (!explicit) {
    const first = argv.slice(1).find((a) => !a.startsWith("-"));
    if (first !== undefined) scripts.push(first);
  }
  const out: string[] = [];
  for (const script of scripts) {
    for (const line of script.split("\n")) {
      for (const m of line.matchAll(/(?:^|[;{}\s!])\s*(?:\d+|\$|\/(?:[^/\\]|\\.)*\/)?\s*!?\s*e(?:\s+(.+)|$)/g))
        if (m[1]) out.push(m[1]);
        else if (stdin !== null) out.push(stdin); // a bare `e` runs the pattern space
      for (const m of line.matchAll(/s(.)((?:\\.|(?!\1).)*)\1((?:\\.|(?!\1).)*)\1([a-zA-Z0-9]*)/g))
        if ((m[4] as string).includes("e")) out.push((m[3] as string).replace(/\\(.)/g, "$1"));
    }
  }
  return out;
}

const GIT_COMMAND_KEYS =
  /^(core\.(pager|editor|sshcommand|fsmonitor|askpass|hookspath)|sequence\.editor|pager\..+|diff\.external|diff\..+\.(textconv|command)|filter\..+\.(clean|smudge|process)|merge\..+\.driver|gpg(\..+)?\.program|interactive\.difffilter|uploadpack\.packobjectshook|credential(\..+)?\.helper|web\.browser|browser\..+\.cmd|mergetool\..+\.cmd|difftool\..+\.cmd)$/i;

/** Shell commands git runs from `-c key=value` options and from subcommands that take one. */
function gitCommands(argv: string[]): string[] {
  const out: string[] = [];
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "-c" || a.startsWith("-c")) {
      const kv = a === "-c" ? argv[++i] : a.slice(2);
      if (kv === undefined) break;
      const eq = kv.indexOf("=");
      const key = eq === -1 ? kv : kv.slice(0, eq);
      const value = eq === -1 ? "" : kv.slice(eq + 1);
      if (/^alias\./i.test(key) && value.trimStart().startsWith("!")) out.push(value.trimStart().slice(1));
      else if (GIT_COMMAND_KEYS.test(key) && value) out.push(value.replace(/^!/, ""));
    } else if (a === "-C" || a === "--git-dir" || a === "--work-tree" || a === "--namespace" || a === "--config-env")
      i++;
    else if (!a.startsWith("-")) break;
  }
  const sub = argv[i];
  const rest = argv.slice(i + 1);
  if (sub === "config") {
    // `git config alias.x '!…'` / `git config core.pager …`: stored now, run by a later git command.
    const pos = rest.filter((a, j) => !a.startsWith("-") && !/^(-f|--file|--type|--blob)$/.test(rest[j - 1] ?? ""));
    const [key, value] = pos;
    if (key !== undefined && value !== undefined) {
      if (/^alias\./i.test(key) && value.trimStart().startsWith("!")) out.push(value.trimStart().slice(1));
      else if (GIT_COMMAND_KEYS.test(key)) out.push(value.replace(/^!/, ""));
    }
  }
  if (sub === "submodule" && rest.includes("foreach")) {
    const cmd = rest.slice(rest.indexOf("foreach") + 1).filter((x) => !x.startsWith("--"));
    if (cmd.length) out.push(cmd.join(" "));
  }
  if (sub === "rebase") {
    for (let j = 0; j < rest.length; j++) {
      const a = rest[j] as string;
      if ((a === "-x" || a === "--exec") && rest[j + 1] !== undefined) out.push(rest[j + 1] as string);
      else if (a.startsWith("--exec=")) out.push(a.slice(7));
    }
  }
  if (sub === "bisect" && rest[0] === "run" && rest.length > 1)
    out.push(
      rest
        .slice(1)
        .map((x) => `'${x.replaceAll("'", `'\\''`)}'`)
        .join(" "),
    );
  return out;
}

/** Environment variables whose value a program runs as a shell command. */
const COMMAND_VARS = new Set([
  "GIT_SSH_COMMAND",
  "GIT_PAGER",
  "GIT_EDITOR",
  "GIT_SEQUENCE_EDITOR",
  "GIT_EXTERNAL_DIFF",
  "GIT_ASKPASS",
  "SSH_ASKPASS",
  "PAGER",
  "EDITOR",
  "VISUAL",
  "LESSOPEN",
  "MANPAGER",
  "BROWSER",
  "PROMPT_COMMAND",
]);

class Walker {
  /** Output of the last simple command walked, when it is known statically. */
  private lastOutput: string | null = null;
  private readonly outputs = new WeakMap<object, string | null>();
  /** The commands of each command substitution in a simple command's words. */
  private readonly substituted = new WeakMap<object, Invocation[]>();
  /** `$( )` parts whose output is known exactly, not just enough for hard deny (see knownOutputFields). */
  private readonly exact = new WeakSet<object>();
  /** Functions defined earlier in the line (bodies re-walked at each call, with its arguments). */
  private readonly defs = new Map<string, Script[]>();
  private readonly calling = new Set<string>();
  /** Files this line wrote with known content (`echo 'rm -rf ~' > x.sh`), by absolute path. */
  private readonly files = new Map<string, string>();
  /** `alias name='…'` earlier in the line (agents' shells may expand aliases). */
  private readonly aliases = new Map<string, string>();

  constructor(
    private readonly out: Structure,
    private readonly context: WalkContext | null,
  ) {}

  /** More than this many invocations: stop following re-parses (the line is not provable either way). */
  private overBudget(): boolean {
    if (this.out.invocations.length < 4000) return false;
    this.out.complex.push("too many commands to follow");
    return true;
  }

  script(
    script: Script,
    via: string[],
    nested: boolean,
    depth: number,
    state: ShellState,
    stdin: string | null = null,
  ): Invocation[] {
    const sequence: Invocation[] = [];
    let output: string | null = null;
    for (const item of script.items) {
      if (item.background) this.out.complex.push("background job (&)");
      for (const pipeline of item.pipelines) {
        sequence.push(...this.pipeline(pipeline, via, nested, depth, state, stdin));
        output = this.lastOutput;
      }
    }
    if (sequence.length) this.out.sequences.push(sequence);
    this.lastOutput = script.items.length === 1 && script.items[0]?.pipelines.length === 1 ? output : null;
    return sequence;
  }

  private pipeline(
    pipeline: Pipeline,
    via: string[],
    nested: boolean,
    depth: number,
    state: ShellState,
    input: string | null = null,
  ): Invocation[] {
    const stages: Invocation[][] = [];
    const all: Invocation[] = [];
    let stdin: string | null = input;
    const single = pipeline.commands.length === 1;
    for (const command of pipeline.commands) {
      this.lastOutput = null;
      const stage = this.command(command, via, nested, depth, single ? state : fork(state), stdin);
      stdin = this.lastOutput;
      stages.push(stage);
      all.push(...stage);
    }
    this.lastOutput = stdin;
    if (stages.length > 1) this.out.pipelines.push(stages);
    return all;
  }

  private command(
    command: Command,
    via: string[],
    nested: boolean,
    depth: number,
    state: ShellState,
    stdin: string | null,
  ): Invocation[] {
    switch (command.type) {
      case "simple":
        return this.simple(command, via, nested, depth, state, stdin);
      case "subshell":
      case "group": {
        this.out.complex.push(command.type === "subshell" ? "subshell ( … )" : "group { … }");
        this.redirects(command.redirects, via, depth, state);
        const found = this.script(command.body, via, nested, depth, command.type === "subshell" ? fork(state) : state);
        this.lastOutput = null;
        return found;
      }
      case "compound": {
        this.out.complex.push(`${command.keyword} construct`);
        this.redirects(command.redirects, via, depth, state);
        for (const word of command.words) this.word(word, via, depth, state);
        if (command.keyword === "arith" || command.keyword === "cond")
          for (const word of command.words) this.arithmeticValues(word.raw, via, depth, state);
        if (command.keyword === "for" && command.variable !== undefined && NAME.test(command.variable)) {
          // `for x in VALUE; do …` with a single known value sets x like an assignment.
          const values = command.words.flatMap((w) => this.expandWord(w, state, false)?.fields ?? [wordArg(w).value]);
          const only = values.length === 1 && !(values[0] as string).includes(DYNAMIC) ? (values[0] as string) : null;
          state.vars.set(command.variable, only);
        }
        const inner: Invocation[] = [];
        for (const body of command.bodies) inner.push(...this.script(body, via, nested, depth, state));
        if (command.keyword === "function") {
          const name = command.words[0] ? wordArg(command.words[0]).value : "";
          this.out.functions.set(name, inner);
          this.defs.set(name, command.bodies);
        }
        this.lastOutput = null;
        return inner;
      }
    }
  }

  /**
   * Visit the commands hidden inside a word's expansions. A substitution in an argument of a simple
   * command (`argument`) is recorded on that command instead of marking the line complex.
   */
  private word(
    word: Word,
    via: string[],
    depth: number,
    state: ShellState,
    stdin: string | null = null,
    argument = false,
  ): void {
    for (const part of word.parts) {
      if (part.type === "cmdsub") {
        if (!argument) this.out.complex.push("command substitution");
        this.lastOutput = null;
        // `bash -c "$(cat)" <<< '…'`: the substitution reads the command's standard input.
        const found = this.script(part.body, [...via, "$( )"], true, depth, fork(state), stdin);
        this.substituted.set(part, found);
        this.outputs.set(part, this.lastOutput);
        if (exactEcho(part.body, found)) this.exact.add(part);
        this.lastOutput = null;
      } else if (part.type === "procsub") {
        this.out.complex.push("process substitution");
        this.lastOutput = null;
        this.script(part.body, [...via, `${part.direction}( )`], true, depth, fork(state));
        if (part.direction === "<") this.outputs.set(part, this.lastOutput);
      } else if (part.type === "param" || part.type === "arith") {
        for (const inner of part.inner) {
          this.out.complex.push("command substitution");
          this.script(inner, [...via, "$( )"], true, depth, fork(state));
        }
        if (part.type === "arith") this.arithmeticValues(part.raw, via, depth, state);
      }
    }
    if (word.parts.some((p) => p.type === "lit" && !p.quoted && /[*?\]]\(/.test(p.value))) {
      const text = word.parts.map((p) => (p.type === "lit" ? p.value : " ")).join("");
      for (const code of globQualifierCode(text)) {
        const parsed = parseShell(code);
        this.out.errors.push(...parsed.errors);
        this.script(parsed.script, [...via, "zsh glob qualifier"], true, depth + 1, fork(state));
      }
    }
    this.lastOutput = null;
  }

  /**
   * Arithmetic evaluates the value of each variable it names as an expression, and a subscript in that
   * value runs its `$( )`: `x='a[$(rm -rf ~)]'; echo $((x))`. Known values holding `$` or a backquote
   * (also through other names) are parsed as commands.
   */
  private arithmeticValues(text: string, via: string[], depth: number, state: ShellState): void {
    const seen = new Set<string>();
    const pending = [text];
    while (pending.length && seen.size < 64 && !this.overBudget()) {
      for (const name of (pending.pop() as string).match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) {
        const value = state.vars.get(name);
        if (seen.has(name) || value === undefined || value === null) continue;
        seen.add(name);
        pending.push(value);
        if (!/[$`]/.test(value)) continue;
        const parsed = parseShell(value);
        this.out.errors.push(...parsed.errors);
        this.script(parsed.script, [...via, "$(( ))"], true, depth + 1, fork(state));
      }
    }
  }

  /**
   * What a word's command substitutions run (undefined: it has none; null: it mixes in another
   * expansion). `$(( ))` of numbers and operators only (no variable, so no assignment) counts as one that
   * runs nothing: its value is a number.
   */
  private substitution(word: Word): Substitution | null | undefined {
    const subs = word.parts.filter((p) => p.type === "cmdsub");
    const numeric = (p: Word["parts"][number]) =>
      p.type === "arith" && p.inner.length === 0 && /^[0-9\s+\-*/%()<>=!&|^~?:,]*$/.test(p.raw);
    if (!subs.length && !word.parts.some(numeric)) return undefined;
    if (!word.parts.every((p) => p.type === "lit" || p.type === "cmdsub" || numeric(p))) return null;
    return {
      producers: subs.map((p) => this.substituted.get(p) ?? []),
      unquoted: subs.some((p) => p.quoted !== true),
      globLiteral: word.parts.some((p) => p.type === "lit" && !p.quoted && /[*?[]|[@!+]\(/.test(p.value)),
    };
  }

  private redirects(redirects: Redirect[], via: string[], depth: number, state: ShellState): void {
    for (const r of redirects) {
      this.word(r.target, via, depth, state);
      if (r.heredoc?.word) {
        this.out.complex.push("heredoc with expansions");
        this.word(r.heredoc.word, via, depth, state);
      }
    }
  }

  /** The value of `$name` / `${name}` / `${name:-default}` when the line makes it known. */
  private paramValue(raw: string, state: ShellState, env: boolean): string | null {
    const array = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\[[@*]\]\}$/.exec(raw);
    if (array) return state.vars.get(`${array[1]}[@]`) ?? null;
    const m =
      /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*])(?:(:?[-=])(.*))?\}|([A-Za-z_][A-Za-z0-9_]*|[0-9]|[@*]))$/s.exec(
        raw,
      );
    if (!m) return null;
    const name = (m[1] ?? m[4]) as string;
    if (state.vars.has(name)) {
      const v = state.vars.get(name) ?? null;
      if (v !== null || !m[2]) return v;
    }
    if (m[2] !== undefined && !/[$`]/.test(m[3] ?? "")) return (m[3] ?? "").replace(/^["']|["']$/g, "");
    if (name === "SHELL" || name === "0") return "/bin/sh";
    if (name === "BASH") return "/bin/bash";
    if (name === "IFS") return " ";
    if (env && this.context) {
      if (name === "HOME") return this.context.home;
      if (name === "PWD" && typeof state.cwd !== "object") return state.cwd ?? this.context.cwd;
      if (name === "PWD" && state.cwd === undefined) return this.context.cwd;
    }
    return null;
  }

  /**
   * A word after the expansions the line makes known: fields (unquoted values split on blanks),
   * whether anything stays unknown, and whether a value was put in. Null when nothing changes.
   */
  private expandWord(
    word: Word,
    state: ShellState,
    env: boolean,
  ): { fields: string[]; dynamic: boolean; substituted: boolean } | null {
    if (!word.parts.some((p) => p.type === "param" || p.type === "cmdsub")) return null;
    const fields: string[] = [""];
    let dynamic = false;
    let substituted = false;
    for (const part of word.parts) {
      let value: string | null = null;
      let quoted = false;
      if (part.type === "lit") {
        fields[fields.length - 1] += part.value;
        continue;
      }
      if (part.type === "param") {
        value = this.paramValue(part.raw, state, env);
        quoted = part.quoted === true && !/^\$(@|\{@\}|\{[A-Za-z_][A-Za-z0-9_]*\[@\]\})$/.test(part.raw);
      } else if (part.type === "cmdsub") {
        const out = this.outputs.get(part);
        value = out == null ? null : out.replace(/\n+$/, "");
        quoted = part.quoted === true;
      }
      if (value === null) {
        fields[fields.length - 1] += DYNAMIC;
        dynamic = true;
        continue;
      }
      substituted = true;
      if (quoted) fields[fields.length - 1] += value;
      else {
        const pieces = value.split(/[ \t\n]+/);
        fields[fields.length - 1] += pieces[0] ?? "";
        for (const p of pieces.slice(1)) fields.push(p);
      }
    }
    if (!substituted) return null;
    return { fields: fields.filter((f, i) => f !== "" || i === 0 || fields.length === 1), dynamic, substituted };
  }

  /**
   * The fields of a word made of plain literal text and `$( )` of a plain `echo` (exactOutputs), as the
   * shell makes them: `kubectl logs $(echo nginx)` is `kubectl logs nginx`. Only text of letters, digits
   * and `_ . / : @ % + , = -` (and single spaces between the echoed words), so splitting on blanks and
   * the absence of globbing, quoting, tilde and escapes mean the same in bash and zsh; not after the
   * line sets IFS. Null for any other word (it keeps its own handling).
   */
  private knownOutputFields(word: Word, state: ShellState): string[] | null {
    if (!word.parts.some((p) => p.type === "cmdsub") || state.vars.has("IFS")) return null;
    const fields: string[] = [""];
    for (const part of word.parts) {
      if (part.type === "lit") {
        if (!PLAIN_TEXT.test(part.value)) return null;
        fields[fields.length - 1] += part.value;
        continue;
      }
      if (part.type !== "cmdsub" || !this.exact.has(part)) return null;
      const value = (this.outputs.get(part) ?? "").replace(/\n$/, "");
      if (!PLAIN_WORDS.test(value)) return null;
      if (part.quoted === true) fields[fields.length - 1] += value;
      else {
        const [first, ...more] = value.split(" ");
        fields[fields.length - 1] += first ?? "";
        fields.push(...more);
      }
    }
    return fields.every((f) => f !== "") ? fields : null;
  }

  /** An assignment's value: tilde and known variables expanded; null when unknown. */
  private assignedValue(word: Word, state: ShellState): string | null {
    const lit = literalOf(word);
    let value: string | null = lit;
    if (lit === null) {
      const e = this.expandWord(word, state, true);
      value = e && !e.dynamic ? e.fields.join(" ") : null;
    }
    if (value !== null && this.context && /^~(\/|$)/.test(word.raw)) value = this.context.home + value.slice(1);
    return value;
  }

  /** Follow `cd`/`pushd`/`popd`: the directory the rest of the line runs in. */
  private changeDirectory(argv: string[], dynamic: boolean[], raw: string[], state: ShellState): void {
    if (!this.context) return;
    const name = commandName(argv[0] ?? "");
    const current = state.cwd === undefined ? this.context.cwd : state.cwd;
    let at = 1;
    while (/^-[LPe@]+$/.test(argv[at] ?? "") || argv[at] === "--") at++;
    const args = argv.slice(at);
    const home = this.context.home;
    const target = (a: string | undefined, dyn: boolean): string | null => {
      if (a === undefined) return home;
      if (dyn || a.includes(DYNAMIC)) return null;
      if (a === "~" || a.startsWith("~/")) return home + a.slice(1);
      if (a.startsWith("~")) return `${dirname(home)}/${a.slice(1)}`;
      if (a.startsWith("/")) return resolvePath(a);
      return current === null ? null : resolvePath(current, a);
    };
    if (name === "popd") {
      const prev = state.stack.pop();
      state.oldpwd = current;
      state.cwd = prev === undefined ? null : prev;
      return;
    }
    let first = args[0];
    let dyn = dynamic[at] === true;
    const homeVar = /^"?(\$HOME|\$\{HOME\})(?=[/"]|$)/.exec(raw[at] ?? "");
    if (homeVar) {
      const rest = (raw[at] as string).slice(homeVar[0].length).replaceAll('"', "");
      if (!/[$`]/.test(rest)) {
        first = home + rest;
        dyn = false;
      }
    }
    let next: string | null;
    if (name === "cd" && first === "-") next = state.oldpwd === undefined ? this.context.cwd : state.oldpwd;
    else if (name === "pushd" && first === undefined) next = (state.stack.pop() ?? null) as string | null;
    else if (name === "pushd" && /^[+-]\d+$/.test(first ?? "")) next = null;
    else next = target(first, dyn);
    if (name === "pushd") state.stack.push(current);
    state.oldpwd = current;
    state.cwd = next;
  }

  private simple(
    command: SimpleCommand,
    via: string[],
    nested: boolean,
    depth: number,
    state: ShellState,
    stdin: string | null,
  ): Invocation[] {
    let early = stdin;
    for (const r of command.redirects) {
      const lit = r.op === "<<<" ? literalOf(r.target) : null;
      if (r.op === "<<<") early = lit === null ? null : `${lit}\n`;
      else if ((r.op === "<<" || r.op === "<<-") && r.heredoc) early = `${r.heredoc.body}\n`;
      else if (r.op === "<" && (r.fd === undefined || r.fd === 0)) early = null;
    }
    for (const w of command.words) this.word(w, via, depth, state, early, true);
    for (const a of command.assigns) {
      this.word(a.value, via, depth, state);
      for (const e of a.elements ?? []) this.word(e, via, depth, state);
    }
    this.redirects(command.redirects, via, depth, state);
    const argv: string[] = [];
    const dynamic: boolean[] = [];
    const raw: string[] = [];
    const substitutions: (Substitution | null | undefined)[] = [];
    let resolved = false;
    for (const w of command.words) {
      // Never the command or its first argument (a subcommand: `git $(echo status)` is for the classifier).
      const known = argv.length >= 2 ? this.knownOutputFields(w, state) : null;
      if (known) {
        for (const f of known) {
          argv.push(f);
          dynamic.push(false);
          raw.push(f);
          substitutions.push(undefined);
        }
        continue;
      }
      const e = this.expandWord(w, state, false);
      if (e) {
        resolved = true;
        for (const f of e.fields) {
          argv.push(f);
          dynamic.push(f.includes(DYNAMIC));
          raw.push(f.includes(DYNAMIC) ? w.raw : f);
          substitutions.push(w.parts.some((p) => p.type === "cmdsub") ? null : undefined);
        }
      } else {
        const a = wordArg(w);
        argv.push(a.value);
        dynamic.push(a.dynamic);
        raw.push(w.raw);
        substitutions.push(this.substitution(w));
      }
    }
    if (resolved) this.out.complex.push("expansion resolved from earlier in the line");
    // Prefix assignments reach only the command's environment; bare ones set the variable.
    const prefix = new Map<string, string | null>();
    for (const a of command.assigns) {
      if (!a.elements) prefix.set(a.name, this.assignedValue(a.value, state));
      else {
        const values = a.elements.map((e) => this.assignedValue(e, state));
        prefix.set(`${a.name}[@]`, values.some((v) => v === null) ? null : values.join(" "));
        prefix.set(a.name, values[0] ?? null);
      }
    }
    if (argv.length === 0) for (const [k, v] of prefix) state.vars.set(k, v);
    const env = argv.length ? fork(state) : state;
    for (const [k, v] of prefix) env.vars.set(k, v);
    // Standard input the command reads, when the line makes it known.
    let input = stdin;
    const writes: string[] = [];
    for (const r of command.redirects) {
      if (r.op === "<<<") {
        const e = this.expandWord(r.target, state, true);
        const v = e ? (e.dynamic ? null : e.fields.join(" ")) : wordArg(r.target).value;
        input = v === null ? null : `${v}\n`;
      } else if ((r.op === "<<" || r.op === "<<-") && r.heredoc) input = `${r.heredoc.body}\n`;
      else if (r.op === "<" && (r.fd === undefined || r.fd === 0)) input = null;
      else if (/^(>|>>|>\||&>|&>>|<>)$/.test(r.op)) {
        const e = this.expandWord(r.target, state, true);
        const v = e ? e.fields.join(" ") : wordArg(r.target).value;
        if (!v.includes(DYNAMIC)) writes.push(v.startsWith("~/") && this.context ? this.context.home + v.slice(1) : v);
      }
    }
    const invocation: Invocation = {
      argv,
      dynamic,
      raw,
      redirects: command.redirects,
      assigns: command.assigns.map((a) => a.name),
      assignValues: command.assigns.map((a) => (a.elements ? null : literalOf(a.value))),
      via,
      nested,
      openArgs: false,
      cwd: state.cwd,
      writes,
      ...(substitutions.some((x) => x !== undefined) ? { substitutions } : {}),
    };
    const name = commandName(argv[0] ?? "");
    const printed = command.words.flatMap((w) => this.expandWord(w, state, true)?.fields ?? [wordArg(w).value]);
    if (DECLARES.has(name)) {
      for (let i = 1; i < argv.length; i++) {
        const a = argv[i] as string;
        const eq = a.indexOf("=");
        if (eq > 0 && NAME.test(a.slice(0, eq))) {
          let v: string | null = a.slice(eq + 1);
          if (v.includes(DYNAMIC)) v = null;
          else if (this.context && /^~(\/|$)/.test(v)) v = this.context.home + v.slice(1);
          state.vars.set(a.slice(0, eq), v);
        }
      }
    } else if (name === "alias") {
      for (const a of argv.slice(1)) {
        const eq = a.indexOf("=");
        if (eq > 0 && !a.includes(DYNAMIC)) this.aliases.set(a.slice(0, eq), a.slice(eq + 1));
      }
    } else if (name === "unset") for (const a of argv.slice(1)) state.vars.delete(a);
    else if (name === "set" && argv.length > 1) this.setPositional(argv, raw, state);
    else if (name === "read") {
      const names = argv.slice(1).filter((a) => NAME.test(a));
      const line = input?.split("\n")[0] ?? null;
      for (const n of names) state.vars.set(n, names.length === 1 ? line : null);
    } else if (name === "printf" && argv[1] === "-v" && argv[2] && NAME.test(argv[2])) {
      state.vars.set(argv[2], argv[3] === undefined ? null : printfOutput(argv[3], argv.slice(4)));
    } else if (name === "cd" || name === "pushd" || name === "popd")
      this.changeDirectory(
        printed,
        printed.map((p) => p.includes(DYNAMIC)),
        raw,
        state,
      );
    for (const [k, v] of prefix)
      if (COMMAND_VARS.has(k) && v && argv.length) this.reparse(v, invocation, `${k}=`, depth, env);
    const found = this.expand(invocation, depth, env, input);
    const alias = this.aliases.get(argv[0] ?? "");
    if (alias !== undefined && depth < MAX_REPARSE_DEPTH) {
      const rest = command.words.slice(1).map((w) => w.raw);
      found.push(...this.reparse([alias, ...rest].join(" "), invocation, `alias ${argv[0]}`, depth, env));
    }
    // Brace expansion (`{rm,-rf,~}`, `/{etc,usr}`): the expanded words are a command too.
    const braced = command.words.map((w, i) =>
      literalOf(w) !== null && !hasQuotedBraces(w) ? braces(argv[i] as string) : null,
    );
    if (braced.some((b) => b !== null) && depth < MAX_REPARSE_DEPTH) {
      const words = braced.flatMap((b, i) => b ?? [argv[i] as string]);
      const child = this.child(
        invocation,
        "brace expansion",
        words,
        words.map((x) => x.includes(DYNAMIC)),
        words,
        false,
      );
      found.push(...this.expand({ ...child, redirects: command.redirects, writes }, depth + 1, env, input));
    }
    // A function defined earlier: its body runs with these arguments as $1, $2, …, $@.
    const body = this.defs.get(argv[0] ?? "");
    if (body && !this.calling.has(argv[0] as string) && depth < MAX_REPARSE_DEPTH && !this.overBudget()) {
      const call = fork(env);
      const args = command.words.slice(1).flatMap((w) => this.expandWord(w, state, true)?.fields ?? [wordArg(w).value]);
      for (const [i, a] of args.entries()) call.vars.set(String(i + 1), a.includes(DYNAMIC) ? null : a);
      call.vars.set("@", args.some((a) => a.includes(DYNAMIC)) ? null : args.join(" "));
      call.vars.set("*", call.vars.get("@") ?? null);
      this.calling.add(argv[0] as string);
      for (const b of body) found.push(...this.script(b, [...via, `function ${argv[0]}`], true, depth + 1, call));
      this.calling.delete(argv[0] as string);
    }
    // A program read from `<(…)` or from a file this line wrote: re-read what it contains.
    const family = interpreterFamily(name);
    const runsFile = SHELLS.has(name) || name === "source" || name === "." || family !== null;
    for (let i = 0; i < command.words.length; i++) {
      const w = command.words[i] as Word;
      const part = w.parts.length === 1 ? w.parts[0] : undefined;
      let program: string | null | undefined = null;
      if (part?.type === "procsub" && runsFile && i > 0) program = this.outputs.get(part);
      else if ((runsFile && i > 0) || (i === 0 && (argv[0] ?? "").includes("/")))
        program = this.files.get(this.fileKey(argv[i] ?? "", state));
      if (!program) continue;
      if (family && family !== "awk") this.code(program, family, invocation, depth, env);
      else found.push(...this.reparse(program, invocation, `${name || argv[0]} file`, depth, env));
      if (runsFile) break;
    }
    // Output uses the environment too (`echo $HOME | xargs …`).
    this.lastOutput = staticOutput(printed, input);
    for (const r of command.redirects) {
      if (r.op !== ">" && r.op !== ">>" && r.op !== ">|") continue;
      const target = wordArg(r.target).value;
      if (target.includes(DYNAMIC)) continue;
      const key = this.fileKey(target, state);
      const before = r.op === ">>" ? (this.files.get(key) ?? "") : "";
      if (this.lastOutput !== null) this.files.set(key, before + this.lastOutput);
    }
    if (name === "tee" && input !== null)
      for (const a of argv.slice(1))
        if (!a.startsWith("-") && !a.includes(DYNAMIC)) this.files.set(this.fileKey(a, state), input);
    return found;
  }

  /** `set -- a b` (or `set a b`): the words become `$1 $2 …` for the rest of the line. */
  private setPositional(argv: string[], raw: string[], state: ShellState): void {
    let at = 1;
    while (at < argv.length && /^[-+]/.test(argv[at] as string) && argv[at] !== "--") {
      if (/^[-+]o$/.test(argv[at] as string)) at++;
      at++;
    }
    if (argv[at] === "--") at++;
    else if (at >= argv.length) return; // `set -x`: no new positionals
    const words = argv.slice(at).map((a, i) => {
      if (a.includes(DYNAMIC)) return null;
      const tilde = this.context && /^~(\/|$)/.test(a) && raw[at + i]?.startsWith("~");
      return tilde && this.context ? this.context.home + a.slice(1) : a;
    });
    for (const [i, w] of words.entries()) state.vars.set(String(i + 1), w);
    state.vars.set("@", words.some((w) => w === null) ? null : words.join(" "));
  }

  private fileKey(path: string, state: ShellState): string {
    const base = state.cwd ?? this.context?.cwd ?? "/";
    return resolvePath(base, path.startsWith("~/") && this.context ? this.context.home + path.slice(1) : path);
  }

  private reparse(script: string, from: Invocation, wrapper: string, depth: number, state: ShellState): Invocation[] {
    if (this.overBudget()) return [];
    const parsed = parseShell(script);
    this.out.errors.push(...parsed.errors);
    const saved = this.lastOutput;
    const found = this.script(parsed.script, [...from.via, wrapper], true, depth + 1, fork(state));
    this.lastOutput = saved;
    return found;
  }

  /** Record an invocation and whatever it runs through wrappers or re-parsed strings. */
  private expand(inv: Invocation, depth: number, state: ShellState, stdin: string | null): Invocation[] {
    this.out.invocations.push(inv);
    const found = [inv];
    if (inv.argv.length === 0) return found;
    // Past the depth limit nothing is looked into, so nothing here is proved: `bash -c` eight levels
    // deep is not read, and its script could be anything.
    if (depth > MAX_REPARSE_DEPTH) {
      this.out.complex.push("wrappers or re-parsed strings nested too deep");
      return found;
    }
    const name = commandName(inv.argv[0] ?? "");
    // A program fed on standard input: a shell reads it as commands, an interpreter as code.
    if (stdin !== null && programFromStdin(inv.argv)) {
      const family = interpreterFamily(name);
      if (family) this.code(stdin, family, inv, depth, state);
      else found.push(...this.reparse(stdin, inv, `${name} < stdin`, depth, state));
    }
    const inline = inlineCode(inv.argv);
    if (inline) for (const code of inline.code) this.code(code, inline.family, inv, depth, state);
    for (const script of commandOptions(inv.argv, stdin))
      found.push(...this.reparse(script, inv, `${name} option`, depth, state));
    for (const text of evaluatedSubscripts(name, inv.argv.slice(1)))
      found.push(...this.reparse(text, inv, `${name} subscript`, depth, state));
    if (name === "let") this.arithmeticValues(inv.argv.slice(1).join(" "), [...inv.via, "let"], depth, state);
    const unwrapped = unwrap(inv);
    if (!unwrapped) return found;
    if (name === "env") {
      // `env NAME=VALUE cmd`: the command (and any shell it starts) sees NAME.
      state = fork(state);
      for (const a of inv.argv.slice(1)) {
        const eq = a.indexOf("=");
        if (eq > 0 && NAME.test(a.slice(0, eq)))
          state.vars.set(a.slice(0, eq), a.includes(DYNAMIC) ? null : a.slice(eq + 1));
      }
    }
    if (unwrapped.kind === "argv") {
      let argv = unwrapped.argv;
      let dynamic = unwrapped.dynamic;
      let raw = unwrapped.raw;
      if (name === "xargs" && stdin !== null) {
        // xargs appends the words it reads (or puts each line in place of -I's marker).
        const marker = xargsMarker(inv.argv);
        const items = marker ? stdin.split("\n").filter(Boolean) : xargsWords(stdin);
        if (marker) {
          for (const item of items.length ? items : [""]) {
            const a = argv.map((x) => x.replaceAll(marker, item));
            this.expand(
              this.child(
                inv,
                unwrapped.wrapper,
                a,
                a.map(() => false),
                a,
                false,
              ),
              depth + 1,
              state,
              null,
            );
          }
          return found;
        }
        argv = [...argv, ...items];
        dynamic = [...dynamic, ...items.map(() => false)];
        raw = [...raw, ...items];
      }
      if (name === "find" && argv.includes("{}")) this.findStartPaths(inv, argv, dynamic, raw, depth, state);
      const inner = this.child(inv, unwrapped.wrapper, argv, dynamic, raw, inv.openArgs || unwrapped.openArgs);
      if (inner.argv.length)
        found.push(...this.expand(inner, depth + 1, state, name === "xargs" || name === "find" ? null : stdin));
      // `find . -exec cat {} ; -exec rm -rf ~ ;`, `fd -x cat ; -X rm -rf ~`: every later segment runs too.
      for (const [s, e, glued] of laterExecSegments(inv.argv, name)) {
        const head = glued ? [glued] : [];
        const seg = this.child(
          inv,
          unwrapped.wrapper,
          [...head, ...inv.argv.slice(s, e)],
          [...head.map(() => inv.dynamic[s - 1] ?? false), ...inv.dynamic.slice(s, e)],
          [...head, ...inv.raw.slice(s, e)],
          true,
        );
        if (!seg.argv.length) continue;
        if (name === "find" && seg.argv.includes("{}"))
          this.findStartPaths(inv, seg.argv, seg.dynamic, seg.raw, depth, state);
        found.push(...this.expand(seg, depth + 1, state, null));
      }
    } else {
      // `sh -c 'SCRIPT' arg0 arg1 …`: the script sees them as $0, $1, …
      const call = unwrapped.args?.length ? fork(state) : state;
      for (const [i, a] of (unwrapped.args ?? []).entries()) call.vars.set(String(i), a.includes(DYNAMIC) ? null : a);
      if (unwrapped.args?.length) call.vars.set("@", unwrapped.args.slice(1).join(" "));
      found.push(...this.reparse(unwrapped.script, inv, unwrapped.wrapper, depth, call));
    }
    return found;
  }

  /** `find ~ -exec rm -rf {} +` runs on what it finds: at least the start paths themselves. */
  private findStartPaths(
    inv: Invocation,
    argv: string[],
    dynamic: boolean[],
    raw: string[],
    depth: number,
    state: ShellState,
  ): void {
    for (let i = 1; i < inv.argv.length && !/^[-(!]/.test(inv.argv[i] as string); i++) {
      const a = argv.map((x) => (x === "{}" ? (inv.argv[i] as string) : x));
      const r = raw.map((x, j) => (argv[j] === "{}" ? (inv.raw[i] as string) : x));
      this.expand(this.child(inv, FIND_START_PATH, a, dynamic, r, true), depth + 1, state, null);
    }
  }

  private child(
    inv: Invocation,
    wrapper: string,
    argv: string[],
    dynamic: boolean[],
    raw: string[],
    openArgs: boolean,
  ): Invocation {
    return {
      argv,
      dynamic,
      raw,
      redirects: [],
      assigns: [],
      via: [...inv.via, wrapper],
      nested: inv.nested,
      openArgs,
      cwd: inv.cwd,
      from: inv,
    };
  }

  /** What interpreter code runs or deletes, as invocations. */
  private code(code: string, family: string, inv: Invocation, depth: number, state: ShellState): void {
    const wrapper = `${family} code`;
    for (const action of codeActions(code, family)) {
      if (action.kind === "shell") this.reparse(action.script, inv, wrapper, depth, state);
      else {
        const argv =
          action.kind === "argv"
            ? action.argv
            : action.kind === "write"
              ? ["tee", action.path]
              : action.recursive
                ? ["rm", "-rf", action.path]
                : ["rm", action.path];
        this.expand(
          this.child(
            inv,
            wrapper,
            argv,
            argv.map(() => false),
            argv,
            false,
          ),
          depth + 1,
          state,
          null,
        );
      }
    }
  }
}

const QUALIFIER_CLOSERS: Record<string, string> = { "{": "}", "[": "]", "<": ">", "(": ")" };

/**
 * zsh runs the code of an `e` glob qualifier for every file a pattern matches: `ls *(e:'rm -rf ~':)`,
 * `*(.e{…})`. The code of each qualifier list after a wildcard, one level of quotes removed.
 */
function globQualifierCode(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[*?\]]\((.*)\)/g)) {
    const list = m[1] as string;
    for (let i = list.indexOf("e"); i !== -1; i = list.indexOf("e", i + 1)) {
      const open = list[i + 1];
      if (open === undefined || /[\w\s]/.test(open)) continue;
      const end = list.indexOf(QUALIFIER_CLOSERS[open] ?? open, i + 2);
      const code = list.slice(i + 2, end === -1 ? list.length : end);
      out.push(code.replace(/^(['"])(.*)\1$/s, "$2"));
    }
  }
  return out;
}

/** Words of a brace expansion (`a{b,c}d` → abd acd), or null when there is none. */
function braces(word: string): string[] | null {
  let words = [word];
  let changed = false;
  for (let round = 0; round < 8; round++) {
    const next: string[] = [];
    let any = false;
    for (const w of words) {
      const m = /^(.*?)\{([^{}]*,[^{}]*)\}(.*)$/s.exec(w);
      if (!m) {
        next.push(w);
        continue;
      }
      any = true;
      for (const alt of (m[2] as string).split(",")) next.push(`${m[1]}${alt}${m[3]}`);
      if (next.length > 64) return coveringBraces(word);
    }
    if (!any) break;
    changed = true;
    words = next;
  }
  return changed ? words : null;
}

/** Too many combinations: a few words that together use every alternative of every group. */
function coveringBraces(word: string): string[] {
  const groups: string[][] = [];
  const pieces: string[] = [];
  let rest = word;
  for (let m = /^(.*?)\{([^{}]*,[^{}]*)\}(.*)$/s.exec(rest); m; m = /^(.*?)\{([^{}]*,[^{}]*)\}(.*)$/s.exec(rest)) {
    pieces.push(m[1] as string);
    groups.push((m[2] as string).split(","));
    rest = m[3] as string;
  }
  const width = Math.min(64, Math.max(...groups.map((g) => g.length)));
  const out: string[] = [];
  for (let j = 0; j < width; j++)
    out.push(pieces.map((p, i) => p + (groups[i]?.[j % (groups[i]?.length ?? 1)] ?? "")).join("") + rest);
  return out;
}

function hasQuotedBraces(word: Word): boolean {
  return word.parts.some((p) => p.type === "lit" && p.quoted && /[{},]/.test(p.value));
}

/** A shell or interpreter that takes its program from standard input. */
function programFromStdin(argv: string[]): boolean {
  const name = commandName(argv[0] ?? "");
  if (name === "source" || name === ".")
    return argv[1] === "/dev/stdin" || argv[1] === "-" || argv[1] === "/proc/self/fd/0";
  if (!SHELLS.has(name) && !interpreterFamily(name)) return false;
  if (/^(g|m|n|busybox-)?awk$/.test(name)) return false;
  const args = argv.slice(1);
  if (args.some((a) => a === "-" || a === "/dev/stdin" || /^-[a-zA-Z]*s[a-zA-Z]*$/.test(a))) return true;
  if (args.some((a) => /^-[a-zA-Z]*[ceEr]$/.test(a) || a === "--eval")) return false;
  return !args.some((a) => !a.startsWith("-") && !a.startsWith("+"));
}

export function xargsMarker(argv: string[]): string | null {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "-I" || a === "--replace") return argv[i + 1] ?? "{}";
    if (a.startsWith("-I") && a.length > 2) return a.slice(2);
    if (a === "-i") return "{}";
    if (a.startsWith("--replace=")) return a.slice(10);
    if (!a.startsWith("-")) break;
  }
  return null;
}

function xargsWords(raw: string): string[] {
  const text = raw.replaceAll("\u0000", "\n");
  const out: string[] = [];
  for (const m of text.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) out.push((m[1] ?? m[2] ?? m[3]) as string);
  return out;
}

type Unwrapped =
  | { kind: "argv"; wrapper: string; argv: string[]; dynamic: boolean[]; raw: string[]; openArgs: boolean }
  | { kind: "script"; wrapper: string; script: string; args?: string[] };

export const SHELLS = new Set([
  "bash",
  "sh",
  "zsh",
  "dash",
  "ksh",
  "mksh",
  "fish",
  "ash",
  "busybox-sh",
  "rbash",
  "yash",
  "posh",
  "tcsh",
  "csh",
  "oksh",
  "loksh",
]);

export function commandName(arg: string): string {
  const base = arg.slice(arg.lastIndexOf("/") + 1);
  return base.startsWith("\\") ? base.slice(1) : base;
}

/** Options (with their value arity) of wrappers that run the rest of the line as a command. */
const WRAPPERS: Record<string, { valued: Set<string>; stopAtFirstPositional?: boolean; skipPositionals?: number }> = {
  sudo: {
    valued: new Set([
      "-u",
      "-g",
      "-C",
      "-D",
      "-h",
      "-p",
      "-r",
      "-t",
      "-U",
      "-T",
      "-R",
      "--user",
      "--group",
      "--chdir",
      "--host",
      "--prompt",
      "--role",
      "--type",
      "--other-user",
      "--close-from",
      "--command-timeout",
      "--chroot",
    ]),
  },
  doas: { valued: new Set(["-u", "-C"]) },
  env: {
    valued: new Set([
      "-u",
      "--unset",
      "-C",
      "--chdir",
      "-S",
      "--split-string",
      "-P",
      // coreutils 9.7 `-a ARG` / `--argv0 ARG`; --block-signal / --default-signal / --ignore-signal take
      // their value only glued (`=SIG`), so the next word is the command.
      "-a",
      "--argv0",
    ]),
  },
  nice: { valued: new Set(["-n", "--adjustment"]) },
  ionice: { valued: new Set(["-c", "-n", "-p", "-P", "-u", "--class", "--classdata"]) },
  nohup: { valued: new Set() },
  time: { valued: new Set(["-f", "--format", "-o", "--output"]) },
  command: { valued: new Set() },
  builtin: { valued: new Set() },
  exec: { valued: new Set(["-a"]) },
  stdbuf: { valued: new Set(["-i", "-o", "-e"]) },
  timeout: { valued: new Set(["-s", "--signal", "-k", "--kill-after"]), skipPositionals: 1 },
  chronic: { valued: new Set() },
  unbuffer: { valued: new Set() },
  caffeinate: { valued: new Set(["-t", "-w"]) },
  watch: { valued: new Set(["-n", "--interval", "-d", "--differences"]) },
  // BSD `script [-aq] FILE CMD …`; util-linux's `-c CMD` is read by commandOptions.
  // BSD -F (flush) takes no value.
  script: { valued: new Set(["-c", "--command", "-t", "-T", "-E", "-I", "-O", "-B", "-m"]), skipPositionals: 1 },
  arch: { valued: new Set(["-arch", "--arch", "-d", "-e"]) },
  xargs: {
    valued: new Set([
      "-a",
      "--arg-file",
      "-d",
      "--delimiter",
      "-E",
      // GNU -e[EOF], -i[MARKER], -l[LINES] take their value only glued; BSD -R / -S take the next word.
      "-I",
      "-R",
      "-S",
      "-L",
      "-n",
      "--max-args",
      "-P",
      "--max-procs",
      "-s",
      "--max-chars",
      "--process-slot-var",
      "-J",
    ]),
  },
  parallel: { valued: new Set(["-j", "--jobs", "-S", "--sshlogin", "--joblog", "-a", "--arg-file"]) },
  flock: { valued: new Set(["-w", "--wait", "--timeout", "-E", "--conflict-exit-code"]), skipPositionals: 1 },
  busybox: { valued: new Set() },
  npx: { valued: new Set(["-p", "--package"]) },
  uv: { valued: new Set() },
  setsid: { valued: new Set() },
  taskset: { valued: new Set(), skipPositionals: 1 },
  chrt: { valued: new Set(), skipPositionals: 1 },
  unshare: { valued: new Set(["-S", "-G", "-R", "-w"]) },
  nsenter: { valued: new Set(["-t", "--target", "-S", "-G"]) },
  strace: { valued: new Set(["-o", "-e", "-p", "-s", "-u", "-E", "-P", "-a", "-b", "-I", "-O", "-S", "-X"]) },
  ltrace: { valued: new Set(["-o", "-e", "-p", "-s", "-u", "-n", "-a"]) },
  "systemd-run": { valued: new Set(["-p", "--property", "-u", "--unit", "-E", "--setenv", "--uid", "--gid", "-M"]) },
  firejail: { valued: new Set() },
  proxychains: { valued: new Set(["-f"]) },
  proxychains4: { valued: new Set(["-f"]) },
  torsocks: { valued: new Set(["-u", "-p", "-a", "-P"]) },
  "xvfb-run": { valued: new Set(["-n", "--server-num", "-s", "--server-args", "-f", "-e"]) },
  "dbus-run-session": { valued: new Set() },
  rlwrap: { valued: new Set() },
  catchsegv: { valued: new Set() },
  fakeroot: { valued: new Set() },
  prlimit: { valued: new Set(["-p", "--pid"]) },
};

/** Wrappers whose options are single-dash words (`arch -arm64e`), not bundles of letters. */
const SINGLE_DASH_LONG = new Set(["arch"]);

/** In `-abc`, is the first value-taking letter the last one (so its value is the next word)? */
function bundleTakesNextWord(bundle: string, valued: Set<string>): boolean {
  for (let j = 1; j < bundle.length; j++) if (valued.has(`-${bundle[j]}`)) return j === bundle.length - 1;
  return false;
}

/**
 * For an fd word that starts an exec segment, its glued command word ("" when the command is the next
 * word); undefined for any other word. In a bundle the first letter taking a value owns the rest.
 */
function fdExecValue(a: string): string | undefined {
  if (/^(-x|-X|--exec|--exec-batch)$/.test(a)) return "";
  const long = /^--exec(-batch)?=(.*)$/.exec(a);
  if (long) return long[2] as string;
  if (!/^-[^-]/.test(a)) return undefined;
  for (let j = 1; j < a.length; j++) {
    const c = a[j] as string;
    if (c === "x" || c === "X") return a.slice(j + 1);
    if ("dteSEocj".includes(c)) return undefined;
  }
  return undefined;
}

/**
 * The [start, end) word ranges of the exec segments after the first in a find (`-exec … ;|+`, also
 * -execdir/-ok/-okdir) or fd (`-x|-X|--exec|--exec-batch … [;]`) command: unwrap returns only the first.
 */
function laterExecSegments(argv: string[], name: string): [number, number, string][] {
  const fd = name === "fd" || name === "fdfind";
  if (name !== "find" && !fd) return [];
  const segments: [number, number, string][] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    const glued = fd ? fdExecValue(a) : /^-(exec|execdir|ok|okdir)$/.test(a) ? "" : undefined;
    if (glued === undefined) continue;
    let end = argv.findIndex((x, j) => j > i && (x === ";" || (!fd && x === "+")));
    if (end === -1) end = argv.length;
    segments.push([i + 1, end, glued]);
    i = end;
  }
  return segments.slice(1);
}

function unwrap(inv: Invocation): Unwrapped | null {
  const argv = inv.argv;
  const name = commandName(argv[0] ?? "");
  const slice = (from: number, wrapper: string, openArgs = false): Unwrapped => ({
    kind: "argv",
    wrapper,
    argv: argv.slice(from),
    dynamic: inv.dynamic.slice(from),
    raw: inv.raw.slice(from),
    openArgs,
  });

  if ((name === "busybox" || name === "toybox") && argv[1] !== undefined) return slice(1, name);
  if (SHELLS.has(name) || (name === "busybox" && argv[1] && SHELLS.has(argv[1]))) {
    const start = name === "busybox" ? 2 : 1;
    for (let i = start; i < argv.length; i++) {
      const a = argv[i] as string;
      if (a === "--") continue;
      // `-o pipefail`, `-O extglob`, `--rcfile F`: the value is not the script (read-only-cli.ts shellDashC).
      if (
        /^([-+][oO]|--rcfile|--init-file)$/.test(a) &&
        argv[i + 1] !== undefined &&
        !/^[-+]/.test(argv[i + 1] as string)
      ) {
        i++;
        continue;
      }
      if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(a) || a === "-c") {
        const script = argv[i + 1];
        return script === undefined ? null : { kind: "script", wrapper: `${name} -c`, script, args: argv.slice(i + 2) };
      }
      if (!a.startsWith("-") && !a.startsWith("+")) return null;
    }
    return null;
  }
  if (name === "eval") return { kind: "script", wrapper: "eval", script: argv.slice(1).join(" ") };
  if (name === "su") {
    const c = argv.findIndex((a) => a === "-c" || a === "--command");
    if (c > 0 && argv[c + 1] !== undefined) return { kind: "script", wrapper: "su -c", script: argv[c + 1] as string };
    return null;
  }
  if (name === "find") {
    const exec = argv.findIndex((a) => /^-(exec|execdir|ok|okdir)$/.test(a));
    if (exec === -1) return null;
    let end = argv.findIndex((a, i) => i > exec && (a === ";" || a === "+"));
    if (end === -1) end = argv.length;
    return {
      kind: "argv",
      wrapper: "find -exec",
      argv: argv.slice(exec + 1, end),
      dynamic: inv.dynamic.slice(exec + 1, end),
      raw: inv.raw.slice(exec + 1, end),
      openArgs: true,
    };
  }
  if (name === "fd" || name === "fdfind") {
    // `fd … -x CMD ARGS [;] …`: every word up to `;` belongs to the command.
    // Also as clap reads the other spellings: `--exec=CMD`, `-xCMD`, `-Hx CMD` (only the exact words are
    // provable, search-options.ts; these are unwrapped for the hard deny).
    const exec = argv.findIndex((a) => fdExecValue(a) !== undefined);
    if (exec === -1) return null;
    let end = argv.indexOf(";", exec + 1);
    if (end === -1) end = argv.length;
    const glued = fdExecValue(argv[exec] as string);
    const head = glued ? [glued] : [];
    return {
      kind: "argv",
      wrapper: "fd -x",
      argv: [...head, ...argv.slice(exec + 1, end)],
      dynamic: [...head.map(() => inv.dynamic[exec] ?? false), ...inv.dynamic.slice(exec + 1, end)],
      raw: [...head, ...inv.raw.slice(exec + 1, end)],
      openArgs: true,
    };
  }
  if (name === "git" || name === "npm" || name === "pnpm" || name === "yarn" || name === "bun") return null;
  const spec = WRAPPERS[name];
  if (!spec) return null;
  let i = 1;
  let positionalsToSkip = spec.skipPositionals ?? 0;
  for (; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--") {
      // The positionals the wrapper owns still follow: `timeout -- 5 CMD`, `script -q -- FILE CMD`.
      i += 1 + positionalsToSkip;
      break;
    }
    if (name === "env" && /^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) continue;
    if (name === "env" && a === "-") continue;
    if (name === "nice" && /^-\d+$/.test(a)) continue;
    if (name === "parallel" && a === ":::") break;
    if (a.startsWith("-") && a.length > 1) {
      if (spec.valued.has(a)) i++;
      else if (/^--[^=]+=/.test(a)) continue;
      // A getopt bundle (`caffeinate -iw 1 CMD`, `timeout -vs KILL 5 CMD`): the first letter that takes
      // a value ends it — glued (`-n1`, `-uroot`, `-I{}`) or, as the last letter, the next word.
      else if (!a.startsWith("--") && !SINGLE_DASH_LONG.has(name) && bundleTakesNextWord(a, spec.valued)) i++;
      continue;
    }
    if (positionalsToSkip > 0) {
      positionalsToSkip--;
      continue;
    }
    break;
  }
  if (i >= argv.length) return null;
  if (name === "parallel") {
    const sep = argv.indexOf(":::", i);
    if (sep === i) return { kind: "script", wrapper: "parallel", script: argv.slice(sep + 1).join("\n") };
    if (sep > i) {
      const keep = (list: string[] | boolean[]) => [...list.slice(i, sep), ...list.slice(sep + 1)];
      return {
        kind: "argv",
        wrapper: name,
        argv: keep(argv) as string[],
        dynamic: keep(inv.dynamic) as boolean[],
        raw: keep(inv.raw) as string[],
        openArgs: true,
      };
    }
  }
  const open = name === "xargs" || name === "parallel";
  return slice(i, name, open);
}
