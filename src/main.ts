// ccgate entry point. The hook path (`ccgate`, `ccgate claude`, `ccgate codex` with piped stdin)
// is dispatched before the command framework loads, so a hook call pays only for what it uses.
declare const CCGATE_VERSION: string | undefined;
export const VERSION = typeof CCGATE_VERSION === "string" ? CCGATE_VERSION : "dev";

const argv = process.argv.slice(2);
const TARGETS = new Set(["claude", "codex"]);

async function hook(target: "claude" | "codex"): Promise<never> {
  const { runHook } = await import("./cli/hook.ts");
  const code = await runHook(target, {
    stdin: Bun.stdin.stream(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(`${t}\n`),
    env: process.env,
    cwd: process.cwd(),
  });
  process.exit(code);
}

const first = argv[0];
const isHookCall = (argv.length === 0 || (argv.length === 1 && TARGETS.has(first as string)) || (argv.length === 2 && TARGETS.has(first as string) && argv[1] === "hook"));
if (isHookCall && !process.stdin.isTTY) {
  await hook((first as "claude" | "codex" | undefined) ?? "claude");
} else {
  const { runCli } = await import("./cli/root.ts");
  process.exit(await runCli(argv, VERSION));
}
