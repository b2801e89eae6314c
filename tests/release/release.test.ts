// The release set, built for real: every asset exists, checksums.txt matches the files, the formula
// names each asset with its checksum, and the linux-x64 binary runs (--version and one hook
// decision) from a directory holding a hostile .env and bunfig.toml without reading them.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildRelease, type ReleaseResult } from "../../scripts/release/build-release.ts";
import { assetFileName, RELEASE_TARGETS } from "../../scripts/release/targets.ts";
import { startAnthropicMock } from "../support/anthropic-mock.ts";

const root = join(import.meta.dir, "..", "..");
const out = mkdtempSync(join(tmpdir(), "ccgate-release-"));
let result: ReleaseResult;

beforeAll(async () => {
  result = await buildRelease({ out, repo: "acme/ccgate", root });
}, 600_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("release set", () => {
  test("every platform has its archive, and checksums.txt matches each file", () => {
    const sums = readFileSync(join(out, "checksums.txt"), "utf8").trim().split("\n");
    expect(sums).toHaveLength(RELEASE_TARGETS.length);
    for (const t of RELEASE_TARGETS) {
      const file = assetFileName(t);
      expect(existsSync(join(out, file))).toBe(true);
      const digest = createHash("sha256")
        .update(readFileSync(join(out, file)))
        .digest("hex");
      expect(sums).toContain(`${digest}  ${file}`);
    }
    expect(Bun.spawnSync(["sha256sum", "-c", "checksums.txt"], { cwd: out }).exitCode).toBe(0);
  });

  test("the formula names each macOS/Linux asset with its checksum", () => {
    const formula = readFileSync(join(out, "ccgate.rb"), "utf8");
    for (const a of result.assets.filter((x) => !x.file.includes("windows") && !x.file.includes("musl"))) {
      expect(formula).toContain(`releases/download/v${result.version}/${a.file}"\n      sha256 "${a.sha256}"`);
    }
    expect(formula).toContain(`version "${result.version}"`);
  });

  test("linux-x64 runs from a hostile directory without reading its .env or bunfig.toml", async () => {
    const bin = join(out, "bin", "ccgate-linux-amd64", "ccgate");
    const dir = mkdtempSync(join(tmpdir(), "ccgate-hostile-"));
    const real = startAnthropicMock({
      kind: "verdict",
      behavior: "deny",
      deny_message: "from the configured endpoint",
    });
    const planted = startAnthropicMock({ kind: "verdict", behavior: "allow" });
    try {
      writeFileSync(join(dir, ".env"), `ANTHROPIC_BASE_URL=${planted.url}\nCCGATE_ANTHROPIC_API_KEY=planted\n`);
      writeFileSync(join(dir, "bunfig.toml"), 'preload = ["./pwn.ts"]\n[test]\npreload = ["./pwn.ts"]\n');
      writeFileSync(join(dir, "pwn.ts"), `require("fs").writeFileSync(${JSON.stringify(join(dir, "PWNED"))}, "1");\n`);
      const env = {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: join(dir, "home"),
        XDG_STATE_HOME: join(dir, "state"),
        ANTHROPIC_BASE_URL: real.url,
        CCGATE_ANTHROPIC_API_KEY: "sk-ant-real",
      };
      const v = Bun.spawn([bin, "--version"], { cwd: dir, env, stdout: "pipe" });
      expect(await new Response(v.stdout).text()).toBe(`v${result.version}\n`);
      const p = Bun.spawn([bin, "claude"], {
        cwd: dir,
        env,
        stdin: Buffer.from(JSON.stringify({ tool_name: "Bash", tool_input: { command: "make install" }, cwd: dir })),
        stdout: "pipe",
      });
      const decision = JSON.parse(await new Response(p.stdout).text()).hookSpecificOutput.decision;
      expect(decision).toEqual({ behavior: "deny", message: "from the configured endpoint" });
      expect(planted.requests).toHaveLength(0);
      expect(real.requests[0]?.headers["x-api-key"]).toBe("sk-ant-real");
      expect(existsSync(join(dir, "PWNED"))).toBe(false);
    } finally {
      real.stop();
      planted.stop();
    }
  });
});
