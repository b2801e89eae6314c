// Drives the REAL Claude Code CLI (pinned, installed on demand) in -p mode against the loopback
// mock in claude-code-mock.ts, inside a throw-away HOME and git repository, and collects what
// ccgate recorded. Hooks come from the HOME's settings.json (written here, or by `ccgate claude setup`)
// or from a plugin directory.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { ClaudeCodeMock } from "./claude-code-mock.ts";
import { installNpmTool } from "./npm-tool.ts";
import { CLAUDE_CODE_VERSION } from "./versions.ts";

export const ROOT = join(import.meta.dir, "..", "..");
export const CCGATE = join(ROOT, "dist", "ccgate");

/** The real Claude Code binary (the platform package's native binary when the wrapper is a stub). */
export async function installClaude(): Promise<string> {
  if (!existsSync(CCGATE)) Bun.spawnSync([process.execPath, "build.ts"], { cwd: ROOT });
  const wrapper = await installNpmTool("@anthropic-ai/claude-code", CLAUDE_CODE_VERSION, "claude");
  const native = join(
    dirname(dirname(wrapper)),
    "@anthropic-ai",
    `claude-code-${process.platform}-${process.arch}`,
    "claude",
  );
  return existsSync(native) ? native : wrapper;
}

export interface ClaudeRun {
  code: number;
  stdout: string;
  projDir: string;
  metrics: Array<Record<string, unknown>>;
  /** What `ccgate claude setup` printed and left in settings.json (with `setup`). */
  setupRun?: { code: number; stdout: string; stderr: string; settings: string };
}

export interface ClaudeRunOptions {
  /** settings.json hooks by event (command strings); omitted with `pluginDir`. */
  hooks?: Record<string, string>;
  /** Load this plugin directory (`--plugin-dir`); `ccgate` is then found on PATH. */
  pluginDir?: string;
  /** Register through `ccgate claude setup --yes <args>` (PATH and HOME as Claude Code gets them)
   * into a settings.json that starts as `settings`, instead of writing `hooks` here. */
  setup?: { args?: string[]; settings?: Record<string, unknown> };
  permissionMode?: string;
  env?: Record<string, string>;
  dotenv?: string;
}

export async function runClaude(
  claude: string,
  mock: ClaudeCodeMock,
  command: string,
  opts: ClaudeRunOptions = {},
): Promise<ClaudeRun> {
  const dir = mkdtempSync(join(tmpdir(), "ccgate-e2e-claude-"));
  const home = join(dir, "home");
  const proj = join(dir, "proj");
  const bin = join(dir, "bin");
  mkdirSync(join(home, ".claude"), { recursive: true });
  mkdirSync(proj);
  mkdirSync(bin);
  // The plugin's hooks run `ccgate claude`: put the binary under test first on PATH.
  symlinkSync(CCGATE, join(bin, "ccgate"));
  Bun.spawnSync(["git", "init", "-q", "-b", "feature/e2e", proj]);
  if (opts.dotenv) writeFileSync(join(proj, ".env"), opts.dotenv);
  const hooks = opts.pluginDir ? {} : (opts.hooks ?? { PermissionRequest: `${CCGATE} claude` });
  const settingsPath = join(home, ".claude", "settings.json");
  writeFileSync(
    settingsPath,
    opts.setup
      ? `${JSON.stringify(opts.setup.settings ?? {}, null, 2)}\n`
      : JSON.stringify({
          hooks: Object.fromEntries(
            Object.entries(hooks).map(([event, cmd]) => [
              event,
              [{ matcher: "", hooks: [{ type: "command", command: cmd, timeout: 30 }] }],
            ]),
          ),
        }),
  );
  mock.command = command;
  mock.reset();
  const env: Record<string, string> = {
    PATH: `${bin}:/usr/local/bin:/usr/bin:/bin`,
    HOME: home,
    TERM: "xterm-256color",
    ANTHROPIC_BASE_URL: mock.url,
    ANTHROPIC_API_KEY: "sk-ant-api03-e2e-dummy-key-0000000000",
    XDG_STATE_HOME: join(dir, "state"),
    XDG_CACHE_HOME: join(dir, "cache"),
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    DISABLE_AUTOUPDATER: "1",
    DISABLE_TELEMETRY: "1",
    DISABLE_ERROR_REPORTING: "1",
    ...opts.env,
  };
  let setupRun: ClaudeRun["setupRun"];
  if (opts.setup) {
    const p = Bun.spawnSync([CCGATE, "claude", "setup", "--yes", ...(opts.setup.args ?? [])], { cwd: proj, env });
    setupRun = {
      code: p.exitCode,
      stdout: p.stdout.toString(),
      stderr: p.stderr.toString(),
      settings: readFileSync(settingsPath, "utf8"),
    };
  }
  const args = [
    claude,
    "-p",
    `please run: ${command}`,
    "--output-format",
    "stream-json",
    "--verbose",
    "--permission-mode",
    opts.permissionMode ?? "default",
    ...(opts.pluginDir ? ["--plugin-dir", opts.pluginDir] : []),
  ];
  const p = Bun.spawn(args, { cwd: proj, env, stdout: "pipe", stderr: "pipe", stdin: "ignore" });
  const timer = setTimeout(() => p.kill(), 120_000);
  const [stdout, code] = await Promise.all([new Response(p.stdout).text(), p.exited]);
  clearTimeout(timer);
  const mpath = join(dir, "state", "ccgate", "claude", "metrics.jsonl");
  const metrics = existsSync(mpath)
    ? readFileSync(mpath, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l))
    : [];
  return { code, stdout, projDir: proj, metrics, ...(setupRun ? { setupRun } : {}) };
}
