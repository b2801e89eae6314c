// Why: fast-path rules are proved on the compiled binary, not only on analyzeCommand in-process.
// This helper sends each command as a Bash PermissionRequest to `dist/ccgate claude` in a given
// repository, with no classifier credentials at all, so the only way to an allow is the fast path:
// "allow" = decided locally, "deny" = hard deny, "fallthrough" = left to the classifier/human.
import { existsSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const root = join(import.meta.dir, "..", "..");
export const ccgateBin = join(root, "dist", "ccgate");

export type BinaryVerdict = "allow" | "deny" | "fallthrough";

export function ensureBinary(): void {
  if (!existsSync(ccgateBin)) Bun.spawnSync([process.execPath, "build.ts"], { cwd: root });
}

/** A home and state directory of its own, beside nothing the user has. */
export function isolatedHome(): { home: string; env: Record<string, string> } {
  const work = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-fpbin-")));
  const home = join(work, "home");
  mkdirSync(join(home, ".claude"), { recursive: true });
  return {
    home,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: home,
      XDG_STATE_HOME: join(work, "state"),
      XDG_CACHE_HOME: join(work, "cache"),
      XDG_CONFIG_HOME: join(work, "config"),
    },
  };
}

async function one(command: string, cwd: string, env: Record<string, string>): Promise<BinaryVerdict> {
  const p = Bun.spawn([ccgateBin, "claude"], {
    cwd,
    env,
    stdin: Buffer.from(
      JSON.stringify({
        hook_event_name: "PermissionRequest",
        cwd,
        permission_mode: "default",
        tool_name: "Bash",
        tool_input: { command },
      }),
    ),
    stdout: "pipe",
    stderr: "ignore",
  });
  const out = (await new Response(p.stdout).text()).trim();
  await p.exited;
  if (!out) return "fallthrough";
  const behavior = JSON.parse(out)?.hookSpecificOutput?.decision?.behavior;
  return behavior === "allow" ? "allow" : behavior === "deny" ? "deny" : "fallthrough";
}

/** The binary's verdict for each command, run in `cwd` (a few processes at a time). */
export async function binaryVerdicts(
  commands: readonly string[],
  cwd: string,
  env: Record<string, string>,
  concurrency = 4,
): Promise<Map<string, BinaryVerdict>> {
  ensureBinary();
  const out = new Map<string, BinaryVerdict>();
  let next = 0;
  const worker = async () => {
    while (next < commands.length) {
      const command = commands[next++] as string;
      out.set(command, await one(command, cwd, env));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, commands.length) }, worker));
  return out;
}

/** Each command whose verdict is not the one asked for, as `command: want X, got Y` (empty: all as asked). */
export async function verdictMismatches(
  cwd: string,
  cases: Record<string, BinaryVerdict>,
  env: Record<string, string>,
): Promise<string[]> {
  const got = await binaryVerdicts(Object.keys(cases), cwd, env);
  return Object.entries(cases)
    .filter(([c, v]) => got.get(c) !== v)
    .map(([c, v]) => `${c}: want ${v}, got ${got.get(c)}`);
}

/** Write `text` to `path`, making its directories (a file of a test repository). */
export function put(path: string, text = "x\n"): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/**
 * What is wrong with the binary's verdicts in `cwd`: each `allow` command must be allowed locally, no
 * `refuse` command may be, and each `deny` command must be denied (empty: all hold).
 */
export async function listMismatches(
  cwd: string,
  env: Record<string, string>,
  allow: readonly string[],
  refuse: readonly string[],
  deny: readonly string[] = [],
): Promise<string[]> {
  const verdicts = await binaryVerdicts([...allow, ...refuse, ...deny], cwd, env);
  const wrong: string[] = [];
  for (const c of allow) if (verdicts.get(c) !== "allow") wrong.push(`expected allow: ${c} (${verdicts.get(c)})`);
  for (const c of refuse) if (verdicts.get(c) === "allow") wrong.push(`expected no allow: ${c}`);
  for (const c of deny) if (verdicts.get(c) !== "deny") wrong.push(`expected deny: ${c} (${verdicts.get(c)})`);
  return wrong;
}
