// ccgate entry point. The hook path (`ccgate`, `ccgate <host>`, `ccgate <host> hook` with piped stdin)
// is dispatched before the command framework loads, so a hook call pays only for what it uses.

import type { Target } from "./core/types.ts";
import { isHostName } from "./hosts/index.ts";
import { VERSION } from "./util/build-info.ts";

async function hook(target: Target): Promise<number> {
  const { runHook } = await import("./app/hook.ts");
  return runHook(target, {
    stdin: Bun.stdin.stream(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(`${t}\n`),
    env: process.env,
    cwd: process.cwd(),
  });
}

async function main(argv: string[]): Promise<number> {
  const first = argv[0];
  const isHookCall =
    argv.length === 0 ||
    (argv.length === 1 && isHostName(first)) ||
    (argv.length === 2 && isHostName(first) && argv[1] === "hook");
  if (isHookCall && !process.stdin.isTTY) return hook(isHostName(first) ? first : "claude");
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
