// Flatten a parsed command line into the simple commands ("invocations") it can run, looking
// through substitutions, subshells, groups, control structures, heredocs, `bash -c` / `eval`
// strings and wrappers (`sudo`, `env`, `xargs`, `timeout`, `find -exec`, …).
import type { Command, Pipeline, Redirect, Script, SimpleCommand, Word } from "../shell/ast.ts";
import { literalOf, parseShell } from "../shell/parse.ts";

/** Placeholder for the unknown value of an expansion inside an argument. */
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
  /** Wrappers and re-parses this invocation was found through, outermost first. */
  via: string[];
  /** Where it sits: top level, or inside a substitution/heredoc/re-parsed string. */
  nested: boolean;
  /** Arguments are partly unknown (xargs / parallel / find -exec append arguments at run time). */
  openArgs: boolean;
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

const MAX_REPARSE_DEPTH = 6;

export function wordArg(word: Word): { value: string; dynamic: boolean } {
  const lit = literalOf(word);
  if (lit !== null) return { value: lit, dynamic: false };
  let value = "";
  for (const part of word.parts) value += part.type === "lit" ? part.value : DYNAMIC;
  return { value, dynamic: true };
}

export function analyzeStructure(source: string): Structure {
  const parsed = parseShell(source);
  const structure: Structure = {
    invocations: [],
    pipelines: [],
    sequences: [],
    complex: [],
    functions: new Map(),
    errors: [...parsed.errors],
  };
  new Walker(structure).script(parsed.script, [], false, 0);
  return structure;
}

class Walker {
  constructor(private readonly out: Structure) {}

  script(script: Script, via: string[], nested: boolean, depth: number): Invocation[] {
    const sequence: Invocation[] = [];
    for (const item of script.items) {
      if (item.background) this.out.complex.push("background job (&)");
      for (const pipeline of item.pipelines) sequence.push(...this.pipeline(pipeline, via, nested, depth));
    }
    if (sequence.length) this.out.sequences.push(sequence);
    return sequence;
  }

  private pipeline(pipeline: Pipeline, via: string[], nested: boolean, depth: number): Invocation[] {
    const stages: Invocation[][] = [];
    const all: Invocation[] = [];
    for (const command of pipeline.commands) {
      const stage = this.command(command, via, nested, depth);
      stages.push(stage);
      all.push(...stage);
    }
    if (stages.length > 1) this.out.pipelines.push(stages);
    return all;
  }

  private command(command: Command, via: string[], nested: boolean, depth: number): Invocation[] {
    switch (command.type) {
      case "simple":
        return this.simple(command, via, nested, depth);
      case "subshell":
      case "group": {
        this.out.complex.push(command.type === "subshell" ? "subshell ( … )" : "group { … }");
        this.redirects(command.redirects, via, depth);
        return this.script(command.body, via, nested, depth);
      }
      case "compound": {
        this.out.complex.push(`${command.keyword} construct`);
        this.redirects(command.redirects, via, depth);
        for (const word of command.words) this.word(word, via, depth);
        const inner: Invocation[] = [];
        for (const body of command.bodies) inner.push(...this.script(body, via, nested, depth));
        if (command.keyword === "function") {
          const name = command.words[0] ? wordArg(command.words[0]).value : "";
          this.out.functions.set(name, inner);
        }
        return inner;
      }
    }
  }

  /** Visit the commands hidden inside a word's expansions. */
  private word(word: Word, via: string[], depth: number): void {
    for (const part of word.parts) {
      if (part.type === "cmdsub") {
        this.out.complex.push("command substitution");
        this.script(part.body, [...via, "$( )"], true, depth);
      } else if (part.type === "procsub") {
        this.out.complex.push("process substitution");
        this.script(part.body, [...via, `${part.direction}( )`], true, depth);
      } else if (part.type === "param" || part.type === "arith") {
        for (const inner of part.inner) {
          this.out.complex.push("command substitution");
          this.script(inner, [...via, "$( )"], true, depth);
        }
      }
    }
  }

  private redirects(redirects: Redirect[], via: string[], depth: number): void {
    for (const r of redirects) {
      this.word(r.target, via, depth);
      if (r.heredoc?.word) {
        this.out.complex.push("heredoc with expansions");
        this.word(r.heredoc.word, via, depth);
      }
    }
  }

  private simple(command: SimpleCommand, via: string[], nested: boolean, depth: number): Invocation[] {
    for (const w of command.words) this.word(w, via, depth);
    for (const a of command.assigns) this.word(a.value, via, depth);
    this.redirects(command.redirects, via, depth);
    const args = command.words.map(wordArg);
    const invocation: Invocation = {
      argv: args.map((a) => a.value),
      dynamic: args.map((a) => a.dynamic),
      raw: command.words.map((w) => w.raw),
      redirects: command.redirects,
      assigns: command.assigns.map((a) => a.name),
      via,
      nested,
      openArgs: false,
    };
    return this.expand(invocation, depth);
  }

  /** Record an invocation and whatever it runs through wrappers or re-parsed strings. */
  private expand(inv: Invocation, depth: number): Invocation[] {
    this.out.invocations.push(inv);
    const found = [inv];
    if (depth > MAX_REPARSE_DEPTH || inv.argv.length === 0) return found;
    const unwrapped = unwrap(inv);
    if (!unwrapped) return found;
    if (unwrapped.kind === "argv") {
      const inner: Invocation = {
        argv: unwrapped.argv,
        dynamic: unwrapped.dynamic,
        raw: unwrapped.raw,
        redirects: [],
        assigns: [],
        via: [...inv.via, unwrapped.wrapper],
        nested: inv.nested,
        openArgs: inv.openArgs || unwrapped.openArgs,
      };
      if (inner.argv.length) found.push(...this.expand(inner, depth + 1));
    } else {
      const parsed = parseShell(unwrapped.script);
      this.out.errors.push(...parsed.errors);
      found.push(...this.script(parsed.script, [...inv.via, unwrapped.wrapper], true, depth + 1));
    }
    return found;
  }
}

type Unwrapped =
  | { kind: "argv"; wrapper: string; argv: string[]; dynamic: boolean[]; raw: string[]; openArgs: boolean }
  | { kind: "script"; wrapper: string; script: string };

export const SHELLS = new Set(["bash", "sh", "zsh", "dash", "ksh", "mksh", "fish", "ash", "busybox-sh"]);

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
      "--block-signal",
      "--default-signal",
      "--ignore-signal",
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
  script: { valued: new Set() },
  xargs: {
    valued: new Set([
      "-a",
      "--arg-file",
      "-d",
      "--delimiter",
      "-E",
      "-e",
      "-I",
      "-i",
      "-L",
      "-l",
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
};

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

  if (SHELLS.has(name) || (name === "busybox" && argv[1] && SHELLS.has(argv[1]))) {
    const start = name === "busybox" ? 2 : 1;
    for (let i = start; i < argv.length; i++) {
      const a = argv[i] as string;
      if (a === "--") continue;
      if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(a) || a === "-c") {
        const script = argv[i + 1];
        return script === undefined ? null : { kind: "script", wrapper: `${name} -c`, script };
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
  if (name === "git" || name === "npm" || name === "pnpm" || name === "yarn" || name === "bun") return null;
  const spec = WRAPPERS[name];
  if (!spec) return null;
  let i = 1;
  let positionalsToSkip = spec.skipPositionals ?? 0;
  for (; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--") {
      i++;
      break;
    }
    if (name === "env" && /^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) continue;
    if (name === "env" && a === "-") continue;
    if (name === "nice" && /^-\d+$/.test(a)) continue;
    if (name === "parallel" && a === ":::") break;
    if (a.startsWith("-") && a.length > 1) {
      if (spec.valued.has(a)) i++;
      else if (/^--[^=]+=/.test(a)) continue;
      // short option with attached value (e.g. -uroot, -n1, -I{}) needs no extra skip
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
