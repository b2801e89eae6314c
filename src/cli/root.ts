// Everything but the hook path: citty commands, each in its own file and loaded on demand.
// Exit codes: 0 success, 1 failure, 2 usage errors (unknown command, bad flag, removed command).
import { type CommandDef, defineCommand, runCommand, showUsage } from "citty";
import type { Target } from "../core/types.ts";
import { HOST_NAMES, HOSTS } from "../hosts/index.ts";
import { ExitCode } from "./exit-code.ts";

// biome-ignore lint: command definitions are heterogeneous in their args
type AnyCommand = CommandDef<any>;
const lazy = (load: () => Promise<unknown>) => () =>
  load().then((m) => ((m as { default?: AnyCommand }).default ?? m) as CommandDef);

function targetCommand(target: Target): CommandDef {
  const title = HOSTS[target].traits.title;
  return defineCommand({
    meta: { name: target, description: `${title} hook (reads the request on stdin)` },
    subCommands: {
      hook: () => Promise.resolve(hookCommand(target, title)),
      init: lazy(() => import("./init.ts").then((m) => m.initCommand(target))),
      config: lazy(() => import("./config.ts").then((m) => m.configCommand(target))),
      metrics: lazy(() => import("./metrics.ts").then((m) => m.metricsCommand(target))),
      explain: lazy(() => import("./explain.ts").then((m) => m.explainCommand(target))),
      replay: lazy(() => import("./replay.ts").then((m) => m.replayCommand(target))),
      eval: lazy(() => import("./eval.ts").then((m) => m.evalCommand(target))),
      trust: lazy(() => import("./trust.ts").then((m) => m.trustCommandDef(target))),
      setup: lazy(() => import("./setup.ts").then((m) => m.setupCommand(target))),
    },
    run: async ({ rawArgs }) => {
      if (rawArgs.length === 0) await printUsageHint(target, title);
    },
  });
}

function hookCommand(target: Target, title: string): CommandDef {
  return defineCommand({
    meta: { name: "hook", description: `Run the ${title} hook on the request JSON from stdin` },
    run: async () => printUsageHint(target, title),
  });
}

/** `ccgate claude` on a terminal: there is no request to read, so explain how it is used. */
async function printUsageHint(target: Target, title: string): Promise<void> {
  process.stderr.write(
    `ccgate ${target}: this is the ${title} hook (PermissionRequest and PreToolUse); it reads the request JSON on stdin.\n` +
      `Register it in your ${HOSTS[target].registration} with \`ccgate ${target} setup\` (see docs/${HOSTS[target].docsPage}.md), or try:\n` +
      `  ccgate ${target} setup\n  ccgate ${target} explain --command 'git status'\n  ccgate ${target} config\n  ccgate ${target} init\n`,
  );
}

function removed(name: string): CommandDef {
  return defineCommand({
    meta: { name, description: `(removed) use 'ccgate <${HOST_NAMES.join("|")}> ${name}'` },
    run: () => {
      const uses = HOST_NAMES.map((t) => `${`  ccgate ${t} ${name}`.padEnd(24)}(${HOSTS[t].traits.title})\n`).join("");
      process.stderr.write(`'ccgate ${name}' has been removed.\nUse one of:\n${uses}`);
      throw new ExitCode(2);
    },
  });
}

function rootCommand(version: string): CommandDef {
  return defineCommand({
    meta: {
      name: "ccgate",
      version,
      description: `Permission gate for AI coding agents: a PermissionRequest and PreToolUse hook for ${HOST_NAMES.map((t) => HOSTS[t].traits.title).join(", ")}`,
    },
    subCommands: {
      ...Object.fromEntries(HOST_NAMES.map((t) => [t, () => Promise.resolve(targetCommand(t))])),
      ...Object.fromEntries(
        HOST_NAMES.map((t) => [
          HOSTS[t].metricsAlias,
          lazy(() => import("./metrics.ts").then((m) => m.metricsCommand(t))),
        ]),
      ),
      doctor: lazy(() => import("./doctor.ts")),
      init: () => Promise.resolve(removed("init")),
      metrics: () => Promise.resolve(removed("metrics")),
    },
  });
}

export async function runCli(argv: string[], version: string): Promise<number> {
  const root = rootCommand(version);
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
    // The bare version, as the Go binary prints it (`v0.1.0`); the long form with the commit is in doctor.
    const bare = version.split(" ")[0] ?? version;
    process.stdout.write(`${/^\d/.test(bare) ? `v${bare}` : bare}\n`);
    return 0;
  }
  if (argv.length === 0) {
    // `ccgate` on a terminal: the usage banner goes to stderr, exit 0.
    process.stderr.write(`ccgate ${version}\n\n`);
    await showUsage(root).catch(() => {});
    return 0;
  }
  const { cmd, parent, path } = await resolveCommand(root, argv);
  if (argv.includes("--help") || argv.includes("-h")) {
    // Name the parent by its full path so usage reads `ccgate claude config`, not `claude config`.
    const named = parent
      ? { ...parent, meta: { ...(parent.meta as object), name: ["ccgate", ...path.slice(0, -1)].join(" ") } }
      : undefined;
    await showUsage(cmd, named as CommandDef | undefined);
    return 0;
  }
  const unknown = await unknownFlag(cmd, argv);
  if (unknown) {
    process.stderr.write(
      `ccgate: error: unknown option '${unknown.flag}' for 'ccgate ${path.join(" ")}'${unknown.hint ? ` (did you mean --${unknown.hint}?)` : ""}\nRun 'ccgate ${path.join(" ")} --help' for usage.\n`,
    );
    return 2;
  }
  try {
    await runCommand(root, { rawArgs: argv });
    return 0;
  } catch (e) {
    if (e instanceof ExitCode) return e.code;
    const err = e as Error & { code?: string };
    const message = process.stderr.isTTY ? err.message : err.message.replace(/\x1b\[[0-9;]*m/g, "");
    if (err.code?.startsWith("E_")) {
      process.stderr.write(`ccgate: error: ${message}\nRun 'ccgate --help' for usage.\n`);
      return 2;
    }
    process.stderr.write(`ccgate: error: ${message}\n`);
    return 1;
  }
}

/** The command the arguments select (the deepest subcommand named), its parent and its name path. */
async function resolveCommand(
  root: CommandDef,
  argv: string[],
): Promise<{ cmd: CommandDef; parent?: CommandDef; path: string[] }> {
  let cmd = root;
  let parent: CommandDef | undefined;
  const path = ["ccgate"];
  for (const a of argv) {
    if (a.startsWith("-")) continue;
    const subs = (typeof cmd.subCommands === "function" ? await cmd.subCommands() : await cmd.subCommands) as
      | Record<string, () => Promise<CommandDef>>
      | undefined;
    const next = subs?.[a];
    if (!next) break;
    parent = cmd;
    cmd = await next();
    path.push(a);
  }
  return { cmd, parent, path: path.slice(1) };
}

/** The first flag the command does not define (citty would silently ignore it), with a suggestion. */
async function unknownFlag(cmd: CommandDef, argv: string[]): Promise<{ flag: string; hint: string | null } | null> {
  const args = ((typeof cmd.args === "function" ? await cmd.args() : await cmd.args) ?? {}) as Record<
    string,
    { type?: string; alias?: string | string[] }
  >;
  const long = new Set(["help", "version"]);
  const short = new Set(["h", "v"]);
  const takesValue = new Set<string>();
  for (const [name, def] of Object.entries(args)) {
    if (def.type === "positional") continue;
    long.add(name);
    if (def.type === "string") takesValue.add(name);
    for (const a of [def.alias ?? []].flat()) {
      (a.length === 1 ? short : long).add(a);
      if (def.type === "string") takesValue.add(a);
    }
  }
  const { suggest } = await import("../util/suggest.ts");
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i] as string;
    if (tok === "--") break;
    if (tok.startsWith("--")) {
      const name = tok.slice(2).split("=")[0] as string;
      if (long.has(name) || (name.startsWith("no-") && long.has(name.slice(3)))) {
        if (takesValue.has(name) && !tok.includes("=")) i++;
        continue;
      }
      return { flag: `--${name}`, hint: suggest(name, [...long]) };
    }
    if (/^-[A-Za-z]+$/.test(tok)) {
      for (const c of tok.slice(1)) if (!short.has(c)) return { flag: `-${c}`, hint: null };
      if (takesValue.has(tok.slice(-1))) i++;
    }
  }
  return null;
}
