// ccgate entry point. The hook path (`ccgate`, `ccgate <host>`, `ccgate <host> hook` with piped stdin)
// is dispatched before the command framework loads, so a hook call pays only for what it uses.
// It never touches process.stdin / process.stdout: setting up those Node streams costs a few
// milliseconds, more than a whole fast-path decision (bench/hook); Bun's own stdin/stdout do not.
import { fstatSync } from "node:fs";
import type { Target } from "./core/types.ts";
import { isHostName } from "./hosts/index.ts";
import { VERSION } from "./util/build-info.ts";

async function hook(target: Target): Promise<number> {
  const { runHook } = await import("./app/hook.ts");
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
    (argv.length === 1 && isHostName(first)) ||
    (argv.length === 2 && isHostName(first) && argv[1] === "hook");
  if (isHookCall && !(await stdinIsTerminal())) return hook(isHostName(first) ? first : "claude");
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
