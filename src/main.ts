// ccgate entry point. The hook path (`ccgate`, `ccgate claude`, `ccgate codex` with piped stdin)
// is dispatched before the command framework loads, so a hook call pays only for what it uses.
// It never touches process.stdin / process.stdout: setting up those Node streams costs a few
// milliseconds, more than a whole fast-path decision (bench/hook); Bun's own stdin/stdout do not.
import { fstatSync } from "node:fs";
import { VERSION } from "./core/build-info.ts";

const TARGETS = new Set(["claude", "codex"]);

async function hook(target: "claude" | "codex"): Promise<number> {
  const { runHook } = await import("./cli/hook.ts");
  let written: Promise<unknown> = Promise.resolve();
  const code = await runHook(target, {
    stdin: Bun.stdin.stream(),
    stdout: (t) => {
      written = written.then(() => Bun.write(Bun.stdout, t));
    },
    stderr: (t) => process.stderr.write(`${t}\n`),
    env: process.env,
    cwd: process.cwd(),
  });
  await written; // the answer is out before process.exit
  return code;
}

/** process.stdin.isTTY without process.stdin, and without node:tty (which loads Node's streams) for
 * the pipe or file a host hands a hook: only a character device needs isatty's answer. */
async function stdinIsTerminal(): Promise<boolean> {
  try {
    if (!fstatSync(0).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return (await import("node:tty")).isatty(0);
}

async function main(argv: string[]): Promise<number> {
  const first = argv[0];
  const isHookCall =
    argv.length === 0 ||
    (argv.length === 1 && TARGETS.has(first as string)) ||
    (argv.length === 2 && TARGETS.has(first as string) && argv[1] === "hook");
  if (isHookCall && !(await stdinIsTerminal())) return hook((first as "claude" | "codex" | undefined) ?? "claude");
  // Help and errors are plain text when piped (the command framework colours them otherwise).
  if (!process.stdout.isTTY && process.env.NO_COLOR === undefined) process.env.NO_COLOR = "1";
  const { runCli } = await import("./cli/root.ts");
  return runCli(argv, VERSION);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    // Nothing should reach here; if it does, say so in one line and let the host ask the human.
    process.stderr.write(`ccgate: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    process.exit(1);
  },
);
