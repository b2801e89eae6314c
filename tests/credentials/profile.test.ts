// `provider.auth: { type: 'profile' }`: `ant auth login` profiles on real files, refreshed against a
// loopback server speaking the OAuth token endpoint; and end to end through the compiled hook.
import { afterAll, describe, expect, test } from "bun:test";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ProviderConfig } from "../../src/config/schema.ts";
import { anthropicConfigDir } from "../../src/credentials/profile.ts";
import { resolveCredential } from "../../src/credentials/resolve.ts";
import { startAnthropicMock } from "../support/anthropic-mock.ts";

const mock = startAnthropicMock({ kind: "verdict", behavior: "allow", reason: "fine" });
afterAll(() => mock.stop());

interface World {
  dir: string;
  configDir: string;
  env: Record<string, string | undefined>;
  profile(name: string, config: unknown, credentials?: unknown, mode?: number): string;
  resolve(auth?: { profile?: string }, extraEnv?: Record<string, string>): ReturnType<typeof resolveCredential>;
}

function world(): World {
  const dir = mkdtempSync(join(tmpdir(), "ccgate-profile-"));
  const configDir = join(dir, "anthropic");
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: join(dir, "home"),
    ANTHROPIC_CONFIG_DIR: configDir,
  };
  return {
    dir,
    configDir,
    env,
    profile(name, config, credentials, mode = 0o600) {
      mkdirSync(join(configDir, "configs"), { recursive: true });
      mkdirSync(join(configDir, "credentials"), { recursive: true });
      writeFileSync(join(configDir, "configs", `${name}.json`), JSON.stringify(config));
      const cred = join(configDir, "credentials", `${name}.json`);
      if (credentials !== undefined) {
        writeFileSync(cred, JSON.stringify(credentials), { mode });
        chmodSync(cred, mode);
      }
      return cred;
    },
    resolve(auth = {}, extraEnv = {}) {
      const provider = {
        name: "anthropic",
        model: "m",
        base_url: mock.url,
        auth: { type: "profile", ...auth },
      } as ProviderConfig;
      return resolveCredential({
        target: "claude",
        providerName: "anthropic",
        provider,
        env: { ...env, ...extraEnv },
        cwd: dir,
        cacheDir: join(dir, "cache"),
        stateDir: join(dir, "state"),
      });
    },
  };
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
const userOAuth = (extra: Record<string, unknown> = {}) => ({
  version: "1.0",
  authentication: { type: "user_oauth", ...extra },
});

describe("finding the profile", () => {
  test("config dir: ANTHROPIC_CONFIG_DIR, else XDG_CONFIG_HOME/anthropic, else ~/.config/anthropic", () => {
    expect(anthropicConfigDir({ ANTHROPIC_CONFIG_DIR: "/a", XDG_CONFIG_HOME: "/x", HOME: "/h" })).toBe("/a");
    if (process.platform !== "win32") {
      expect(anthropicConfigDir({ XDG_CONFIG_HOME: "/x", HOME: "/h" })).toBe("/x/anthropic");
      expect(anthropicConfigDir({ HOME: "/h" })).toBe("/h/.config/anthropic");
    }
  });

  test("name: auth.profile, else ANTHROPIC_PROFILE, else active_config, else default", async () => {
    const w = world();
    for (const name of ["named", "fromenv", "active", "default"])
      w.profile(name, userOAuth(), { access_token: `tok-${name}`, expires_at: inAnHour() });
    writeFileSync(join(w.configDir, "active_config"), "active\n");
    expect(await w.resolve({ profile: "named" }, { ANTHROPIC_PROFILE: "fromenv" })).toMatchObject({
      ok: true,
      credential: { key: "tok-named" },
    });
    expect(await w.resolve({}, { ANTHROPIC_PROFILE: "fromenv" })).toMatchObject({
      ok: true,
      credential: { key: "tok-fromenv" },
    });
    expect(await w.resolve()).toMatchObject({ ok: true, credential: { key: "tok-active" } });
    writeFileSync(join(w.configDir, "active_config"), "  \n");
    expect(await w.resolve()).toMatchObject({
      ok: true,
      credential: { key: "tok-default", source: "profile", fromAuth: true, scheme: "bearer" },
    });
  });

  test("a fresh token is used as is, with the profile's base URL and workspace", async () => {
    const w = world();
    w.profile(
      "default",
      { ...userOAuth({ client_id: "cid" }), base_url: "https://proxy.example", workspace_id: "wrkspc_1" },
      { access_token: "tok", refresh_token: "r", expires_at: inAnHour() },
    );
    expect(await w.resolve()).toMatchObject({
      ok: true,
      credential: { key: "tok", baseUrl: "https://proxy.example", headers: { "anthropic-workspace-id": "wrkspc_1" } },
    });
    expect(mock.tokenRequests).toHaveLength(0);
  });

  test("every way to be unusable is credential_unavailable with a reason that says what to do", async () => {
    const w = world();
    const missing = await w.resolve({ profile: "nope" });
    expect(missing).toMatchObject({
      ok: false,
      kind: "credential_unavailable",
      reason: "profile_load",
      source: "profile",
    });
    expect(!missing.ok && "detail" in missing && missing.detail).toContain("ant auth login");
    expect(await w.resolve({ profile: "../etc" })).toMatchObject({ ok: false, reason: "profile_load" });
    w.profile("fed", { authentication: { type: "oidc_federation", federation_rule_id: "fdrl_1" } });
    const fed = await w.resolve({ profile: "fed" });
    expect(!fed.ok && "detail" in fed && fed.detail).toContain("oidc_federation");
    mkdirSync(join(w.configDir, "configs"), { recursive: true });
    writeFileSync(join(w.configDir, "configs", "broken.json"), "{nope");
    expect(await w.resolve({ profile: "broken" })).toMatchObject({ ok: false, reason: "profile_load" });
    w.profile("nocreds", userOAuth());
    expect(await w.resolve({ profile: "nocreds" })).toMatchObject({ ok: false, reason: "profile_load" });
    const open = w.profile("open", userOAuth(), { access_token: "tok" }, 0o644);
    const openResult = await w.resolve({ profile: "open" });
    expect(!openResult.ok && "detail" in openResult && openResult.detail).toContain(`chmod 600 ${open}`);
    const real = join(w.dir, "real.json");
    writeFileSync(real, JSON.stringify({ access_token: "tok" }), { mode: 0o600 });
    w.profile("linked", userOAuth());
    symlinkSync(real, join(w.configDir, "credentials", "linked.json"));
    const linked = await w.resolve({ profile: "linked" });
    expect(!linked.ok && "detail" in linked && linked.detail).toContain("symlink");
    w.profile("stale", userOAuth(), { access_token: "old", expires_at: Math.floor(Date.now() / 1000) - 10 });
    expect(await w.resolve({ profile: "stale" })).toMatchObject({ ok: false, reason: "expired", source: "profile" });
  });
});

describe("refresh", () => {
  test("an expiring token is refreshed once, the rotated pair written back 0600, unknown keys kept", async () => {
    const w = world();
    const cred = w.profile("default", userOAuth({ client_id: "client-123" }), {
      access_token: "old",
      refresh_token: "refresh-1",
      expires_at: Math.floor(Date.now() / 1000) + 10,
      note: "kept",
    });
    mock.tokenRequests.length = 0;
    mock.tokenScript.push({ access_token: "new-token", refresh_token: "refresh-2", expires_in: 3600 });
    const r = await w.resolve();
    expect(r).toMatchObject({ ok: true, credential: { key: "new-token", scheme: "bearer" } });
    expect(mock.tokenRequests).toHaveLength(1);
    expect(mock.tokenRequests[0]?.body).toEqual({
      grant_type: "refresh_token",
      refresh_token: "refresh-1",
      client_id: "client-123",
    });
    expect(mock.tokenRequests[0]?.headers["anthropic-beta"]).toBe("oauth-2025-04-20");
    const saved = JSON.parse(readFileSync(cred, "utf8"));
    expect(saved).toMatchObject({ access_token: "new-token", refresh_token: "refresh-2", note: "kept" });
    expect(saved.expires_at).toBeGreaterThan(Date.now() / 1000 + 3500);
    expect(statSync(cred).mode & 0o777).toBe(0o600);
    // Now fresh: no second refresh.
    expect(await w.resolve()).toMatchObject({ ok: true, credential: { key: "new-token" } });
    expect(mock.tokenRequests).toHaveLength(1);
  });

  test("ten parallel hooks with an expired token cause exactly one refresh", async () => {
    const w = world();
    w.profile("default", userOAuth({ client_id: "c" }), { access_token: "old", refresh_token: "r1", expires_at: 1 });
    mock.tokenRequests.length = 0;
    mock.tokenScript.push({ access_token: "shared", refresh_token: "r2", expires_in: 3600, delayMs: 200 });
    const results = await Promise.all(Array.from({ length: 10 }, () => w.resolve()));
    for (const r of results) expect(r).toMatchObject({ ok: true, credential: { key: "shared" } });
    expect(mock.tokenRequests).toHaveLength(1);
  });

  test("a refused refresh is provider_auth; a non-https endpoint is never sent the refresh token", async () => {
    const w = world();
    const cred = w.profile("default", userOAuth({ client_id: "c" }), {
      access_token: "old",
      refresh_token: "r1",
      expires_at: 1,
    });
    mock.tokenRequests.length = 0;
    mock.tokenScript.push({ status: 400, error: "invalid_grant" });
    expect(await w.resolve()).toMatchObject({ ok: false, reason: "provider_auth", source: "profile" });
    expect(JSON.parse(readFileSync(cred, "utf8")).refresh_token).toBe("r1");
    const provider = {
      name: "anthropic",
      model: "m",
      base_url: "http://api.example.com",
      auth: { type: "profile" },
    } as ProviderConfig;
    const plain = await resolveCredential({
      target: "claude",
      providerName: "anthropic",
      provider,
      env: w.env,
      cwd: w.dir,
      cacheDir: join(w.dir, "cache"),
    });
    expect(plain).toMatchObject({ ok: false, reason: "profile_load" });
    expect(!plain.ok && "detail" in plain && plain.detail).toContain("non-https");
    expect(mock.tokenRequests).toHaveLength(1);
  });
});

describe("through the hook binary", () => {
  const bin = join(import.meta.dir, "..", "..", "dist", "ccgate");
  async function hook(w: World, command: string) {
    const home = join(w.dir, "home");
    mkdirSync(join(home, ".claude"), { recursive: true });
    writeFileSync(
      join(home, ".claude", "ccgate.jsonnet"),
      `{ provider: { name: 'anthropic', model: 'claude-haiku-4-5', base_url: '${mock.url}', auth: { type: 'profile' } }, cache: { enabled: false } }`,
    );
    const repo = join(w.dir, "repo");
    if (!existsSync(repo)) Bun.spawnSync(["git", "init", "-q", "-b", "feature/p", repo]);
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: home,
      ANTHROPIC_CONFIG_DIR: w.configDir,
      XDG_STATE_HOME: join(w.dir, "state"),
      XDG_CACHE_HOME: join(w.dir, "cache"),
      ANTHROPIC_API_KEY: "sk-ant-env-key-that-must-not-be-used-0000",
    };
    const p = Bun.spawn([bin, "claude"], {
      env,
      cwd: repo,
      stdin: Buffer.from(
        JSON.stringify({ tool_name: "Bash", tool_input: { command }, cwd: repo, hook_event_name: "PermissionRequest" }),
      ),
      stdout: "pipe",
      stderr: "pipe",
    });
    const [stdout, code] = await Promise.all([new Response(p.stdout).text(), p.exited]);
    const metrics = readFileSync(join(w.dir, "state", "ccgate", "claude", "metrics.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    return { stdout, code, last: metrics[metrics.length - 1] };
  }

  test("the classifier is called with the bearer token and OAuth beta, never the environment's API key", async () => {
    const w = world();
    w.profile(
      "default",
      { ...userOAuth(), workspace_id: "wrkspc_9" },
      { access_token: "profile-access-token", expires_at: inAnHour() },
    );
    mock.requests.length = 0;
    const r = await hook(w, "make lint");
    expect(r.stdout).toContain('"behavior":"allow"');
    const headers = mock.requests[0]?.headers ?? {};
    expect(headers.authorization).toBe("Bearer profile-access-token");
    expect(headers["anthropic-beta"]).toBe("oauth-2025-04-20");
    expect(headers["anthropic-workspace-id"]).toBe("wrkspc_9");
    expect(headers["x-api-key"]).toBeUndefined();
    expect(r.last).toMatchObject({ decision: "allow", source: "llm" });
  });

  test("a rejected profile token falls through as credential_unavailable (provider_auth, profile)", async () => {
    const w = world();
    w.profile("default", userOAuth(), { access_token: "revoked", expires_at: inAnHour() });
    mock.script.push({ kind: "error", status: 401, type: "authentication_error", message: "invalid bearer token" });
    const r = await hook(w, "make lint");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.last).toMatchObject({
      decision: "fallthrough",
      ft_kind: "credential_unavailable",
      credential_source: "profile",
    });
  });

  test("doctor reports the profile it would use without refreshing or printing the token", async () => {
    const w = world();
    w.profile("default", userOAuth({ client_id: "c" }), {
      access_token: "secret-access-token",
      refresh_token: "r",
      expires_at: 1,
    });
    await hook(w, "true").catch(() => null); // writes the global config file
    const home = join(w.dir, "home");
    mock.tokenRequests.length = 0;
    const p = Bun.spawn([bin, "doctor", "--json"], {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: home,
        ANTHROPIC_CONFIG_DIR: w.configDir,
        XDG_STATE_HOME: join(w.dir, "state"),
        XDG_CACHE_HOME: join(w.dir, "cache"),
      },
      cwd: w.dir,
      stdout: "pipe",
      stderr: "pipe",
    });
    const out = await new Response(p.stdout).text();
    await p.exited;
    const line = (JSON.parse(out).checks as Array<{ area: string; status: string; message: string }>).find(
      (c) => c.area === "claude provider" && c.message.includes("profile"),
    );
    expect(line).toMatchObject({ status: "ok" });
    expect(line?.message).toContain("refreshable");
    expect(out).not.toContain("secret-access-token");
    expect(mock.tokenRequests).toHaveLength(0);
  });
});
