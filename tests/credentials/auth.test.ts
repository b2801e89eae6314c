import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ProviderConfig } from "../../src/config/schema.ts";
import { parseKeyOutput } from "../../src/credentials/format.ts";
import { resolveCredential } from "../../src/credentials/resolve.ts";

const future = () => new Date(Date.now() + 3600_000).toISOString();
function ctx(auth?: ProviderConfig["auth"], env: Record<string, string | undefined> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "ccgate-cred-"));
  return {
    dir,
    opts: {
      target: "claude" as const,
      providerName: "anthropic",
      provider: { name: "anthropic", model: "m", ...(auth ? { auth } : {}) } as ProviderConfig,
      env: { PATH: process.env.PATH, ...env } as Record<string, string | undefined>,
      cwd: dir,
      stateDir: join(dir, "state"),
      cacheDir: join(dir, "cache"),
    },
  };
}

describe("environment keys", () => {
  test("CCGATE_<P>_API_KEY wins; blank counts as unset; none → no_apikey", async () => {
    expect(
      await resolveCredential(ctx(undefined, { CCGATE_ANTHROPIC_API_KEY: "a", ANTHROPIC_API_KEY: "b" }).opts),
    ).toMatchObject({
      ok: true,
      credential: { key: "a", source: "env", envVar: "CCGATE_ANTHROPIC_API_KEY", fromAuth: false },
    });
    expect(
      await resolveCredential(ctx(undefined, { CCGATE_ANTHROPIC_API_KEY: "  ", ANTHROPIC_API_KEY: " b " }).opts),
    ).toMatchObject({ ok: true, credential: { key: "b", envVar: "ANTHROPIC_API_KEY" } });
    expect(await resolveCredential(ctx(undefined, {}).opts)).toMatchObject({ ok: false, kind: "no_apikey" });
  });
  test("auth never falls back to environment keys", async () => {
    const c = ctx({ type: "exec", command: "exit 3" }, { ANTHROPIC_API_KEY: "env-key" });
    expect(await resolveCredential(c.opts)).toMatchObject({
      ok: false,
      kind: "credential_unavailable",
      reason: "command_exit",
      source: "exec",
    });
  });
});

describe("output format", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  const cases: Array<[string, string]> = [
    ["", "empty_output"],
    ["{not json", "json_parse"],
    ['{"expires_at":"2026-02-01T00:00:00Z"}', "json_parse"],
    ['{"key":"k","expires_at":"tomorrow"}', "invalid_expiration"],
    ["line one\nline two", "invalid_plain_output"],
    ['{"key":"k","expires_at":"2026-01-01T00:00:30Z"}', "expired"],
  ];
  for (const [text, reason] of cases)
    test(`${JSON.stringify(text)} → ${reason}`, () =>
      expect(parseKeyOutput(text, now, 60_000)).toMatchObject({ ok: false, reason }));
  test("a plain line and a JSON key with a future expiry are accepted", () => {
    expect(parseKeyOutput("  sk-plain \n", now, 0)).toEqual({ ok: true, key: "sk-plain", expiresAt: null });
    expect(parseKeyOutput('{"key":"k","expires_at":"2026-01-01T02:00:00+01:00","extra":1}', now, 60_000)).toEqual({
      ok: true,
      key: "k",
      expiresAt: Date.parse("2026-01-01T01:00:00Z"),
    });
  });
});

describe("exec helper", () => {
  test("the helper's key is cached (0600 in 0700, only key and expiry) and reused", async () => {
    const c = ctx({
      type: "exec",
      command: `echo run >> "$COUNT"; echo '{"key":"rotated","expires_at":"${future()}","note":"x"}'`,
    });
    c.opts.env.COUNT = join(c.dir, "count");
    expect(await resolveCredential(c.opts)).toMatchObject({
      ok: true,
      credential: { key: "rotated", source: "exec", fromAuth: true },
    });
    expect(await resolveCredential(c.opts)).toMatchObject({
      ok: true,
      credential: { key: "rotated", source: "cache" },
    });
    expect(readFileSync(join(c.dir, "count"), "utf8")).toBe("run\n");
    const dir = join(c.dir, "cache", "claude");
    const file = readdirSync(dir).find((f) => f.startsWith("api_key.") && f.endsWith(".json")) as string;
    expect(file).toMatch(/^api_key\.[0-9a-f]{16}\.json$/);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
    expect(Object.keys(JSON.parse(readFileSync(join(dir, file), "utf8")))).toEqual(["key", "expires_at"]);
  });

  test("a timeout kills the whole process tree", async () => {
    const c = ctx({ type: "exec", command: `sleep 30 & echo $! > "$PIDFILE"; wait`, timeout_ms: 300 });
    c.opts.env.PIDFILE = join(c.dir, "grandchild.pid");
    // The helper would run 30 s; ending with reason "timeout" shows the 300 ms deadline ended it.
    expect(await resolveCredential(c.opts)).toMatchObject({ ok: false, reason: "timeout", source: "exec" });
    const pid = Number(readFileSync(join(c.dir, "grandchild.pid"), "utf8"));
    // Dead means gone or a zombie waiting to be reaped by init (it no longer runs anything).
    const running = () => {
      try {
        process.kill(pid, 0);
      } catch {
        return false;
      }
      const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, "utf8") : "";
      return !/\) Z /.test(stat);
    };
    for (let i = 0; i < 20 && running(); i++) await Bun.sleep(50);
    expect(running()).toBe(false);
  });

  test("huge output is refused; stderr never appears in the detail", async () => {
    const big = await resolveCredential(ctx({ type: "exec", command: "head -c 200000 /dev/zero | tr '\\0' a" }).opts);
    expect(big).toMatchObject({ ok: false, reason: "output_too_large" });
    const noisy = await resolveCredential(ctx({ type: "exec", command: "echo SECRET-IN-STDERR >&2; exit 1" }).opts);
    expect(noisy).toMatchObject({ ok: false, reason: "command_exit" });
    expect(JSON.stringify(noisy)).not.toContain("SECRET-IN-STDERR");
  });

  test("a corrupt cache file is discarded and the helper runs again", async () => {
    const c = ctx({ type: "exec", command: `echo '{"key":"fresh","expires_at":"${future()}"}'` });
    await resolveCredential(c.opts);
    const dir = join(c.dir, "cache", "claude");
    const file = readdirSync(dir).find((f) => f.endsWith(".json")) as string;
    writeFileSync(join(dir, file), "{garbage");
    expect(await resolveCredential(c.opts)).toMatchObject({ ok: true, credential: { key: "fresh", source: "exec" } });
  });

  test("20 parallel hook processes run a slow helper exactly once", async () => {
    const c = ctx({
      type: "exec",
      command: `echo run >> "$COUNT"; sleep 0.5; echo '{"key":"shared","expires_at":"${future()}"}'`,
      timeout_ms: 10_000,
    });
    const count = join(c.dir, "count");
    c.opts.env.COUNT = count;
    const script = join(c.dir, "resolve.ts");
    writeFileSync(
      script,
      `import { resolveCredential } from ${JSON.stringify(join(import.meta.dir, "..", "..", "src", "credentials", "resolve.ts"))};\nconst r = await resolveCredential(${JSON.stringify(c.opts)});\nconsole.log(JSON.stringify(r.ok ? { key: r.credential?.key, source: r.credential?.source } : r));\n`,
    );
    const procs = Array.from({ length: 20 }, () => Bun.spawn([process.execPath, script], { stdout: "pipe" }));
    const outs = await Promise.all(procs.map(async (p) => JSON.parse(await new Response(p.stdout).text())));
    expect(readFileSync(count, "utf8")).toBe("run\n");
    expect(outs.every((o) => o.key === "shared")).toBe(true);
    expect(outs.filter((o) => o.source === "exec")).toHaveLength(1);
  }, 30_000);
});

describe("rotator file", () => {
  test("reads the default path under the state dir; missing, FIFO and directory never block", async () => {
    const c = ctx({ type: "file" });
    expect(await resolveCredential(c.opts)).toMatchObject({ ok: false, reason: "file_missing", source: "file" });
    const path = join(c.dir, "state", "claude", "auth_key.json");
    mkdirSync(join(c.dir, "state", "claude"), { recursive: true });
    writeFileSync(path, `{"key":"from-file","expires_at":"${future()}"}`, { mode: 0o600 });
    expect(await resolveCredential(c.opts)).toMatchObject({
      ok: true,
      credential: { key: "from-file", source: "file", fromAuth: true },
    });

    const fifo = join(c.dir, "fifo");
    expect(Bun.spawnSync(["mkfifo", fifo]).exitCode).toBe(0);
    // A blocking open of the FIFO would never return: the test timeout is the hang detector.
    expect(await resolveCredential(ctx({ type: "file", path: fifo }).opts)).toMatchObject({
      ok: false,
      reason: "file_read",
    });
    expect(await resolveCredential(ctx({ type: "file", path: c.dir }).opts)).toMatchObject({
      ok: false,
      reason: "file_read",
    });
    expect(existsSync(fifo)).toBe(true);
  });

  test("an expired key in the file is expired, not used", async () => {
    const c = ctx({ type: "file", path: "key.json", refresh_margin_ms: 0 });
    writeFileSync(join(c.dir, "key.json"), `{"key":"old","expires_at":"2020-01-01T00:00:00Z"}`);
    expect(await resolveCredential(c.opts)).toMatchObject({ ok: false, reason: "expired", source: "file" });
  });
});
