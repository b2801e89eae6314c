// Run a credential helper: `bash -c <command>` (or PowerShell), stdin closed, in its own process
// group so that a timeout kills the whole tree, stdout capped at 64 KiB, stderr counted but never
// kept (it may echo secrets).
import { spawn } from "node:child_process";
import type { Env } from "../util/env.ts";

export const MAX_HELPER_OUTPUT = 64 * 1024;

export type HelperResult =
  | { ok: true; stdout: string }
  | {
      ok: false;
      reason: "command_exit" | "timeout" | "output_too_large" | "spawn_failed";
      detail: string;
      stderrBytes: number;
    };

function shellArgv(shell: "bash" | "powershell", command: string): string[] {
  if (shell === "bash") return ["bash", "-c", command];
  const pwsh = Bun.which("pwsh") ? "pwsh" : "powershell";
  return [pwsh, "-NoProfile", "-NonInteractive", "-Command", command];
}

export function runHelper(
  command: string,
  shell: "bash" | "powershell",
  timeoutMs: number,
  env: Env,
): Promise<HelperResult> {
  return new Promise((resolve) => {
    const [bin, ...args] = shellArgv(shell, command) as [string, ...string[]];
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(bin, args, {
        stdio: ["ignore", "pipe", "pipe"],
        detached: process.platform !== "win32",
        env: { ...env, CCGATE_API_KEY_RESOLUTION: "1" } as NodeJS.ProcessEnv,
      });
    } catch (e) {
      return resolve({ ok: false, reason: "spawn_failed", detail: (e as Error).message, stderrBytes: 0 });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let stderrBytes = 0;
    let settled = false;
    const killTree = () => {
      try {
        if (child.pid && process.platform !== "win32") process.kill(-child.pid, "SIGKILL");
        else child.kill("SIGKILL");
      } catch {
        // already gone
      }
    };
    const finish = (r: HelperResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // A descendant that left the group (setsid) may still hold the pipes: stop reading them and
      // let go of the child so the hook never waits on it. That descendant itself survives.
      child.stdout?.destroy();
      child.stderr?.destroy();
      child.unref();
      resolve(r);
    };
    const timer = setTimeout(() => {
      killTree();
      finish({
        ok: false,
        reason: "timeout",
        detail: `the helper did not finish within ${timeoutMs} ms; its process group was killed`,
        stderrBytes,
      });
    }, timeoutMs);
    child.stdout?.on("data", (d: Buffer) => {
      size += d.length;
      if (size > MAX_HELPER_OUTPUT) {
        killTree();
        finish({
          ok: false,
          reason: "output_too_large",
          detail: `the helper printed more than ${MAX_HELPER_OUTPUT} bytes`,
          stderrBytes,
        });
        return;
      }
      chunks.push(d);
    });
    child.stderr?.on("data", (d: Buffer) => {
      stderrBytes += d.length;
    });
    child.on("error", (e) => finish({ ok: false, reason: "spawn_failed", detail: e.message, stderrBytes }));
    child.on("close", (code, signal) => {
      if (code === 0) finish({ ok: true, stdout: Buffer.concat(chunks).toString("utf8") });
      else
        finish({ ok: false, reason: "command_exit", detail: `the helper exited with ${code ?? signal}`, stderrBytes });
    });
  });
}
