// `ccgate doctor` against the REAL Codex CLI (pinned, installed on demand): whether Codex will run
// the registered hook. Codex itself is the oracle: its own `hooks/list` trustStatus for the user's
// real CODEX_HOME must agree with what doctor reports, for an untrusted, a trusted and an edited hook.
import { beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { resolveCodexBinary } from "../../src/providers/codex-oauth/binary.ts";
import { initialize, startAppServer } from "../support/app-server.ts";
import { installNpmTool } from "../support/npm-tool.ts";
import { CODEX_VERSION } from "../support/versions.ts";

const root = join(import.meta.dir, "..", "..");
const ccgate = join(root, "dist", "ccgate");
let wrapper = "";

beforeAll(async () => {
  if (!existsSync(ccgate)) Bun.spawnSync([process.execPath, "build.ts"], { cwd: root });
  wrapper = await installNpmTool("@openai/codex", CODEX_VERSION, "codex");
}, 300_000);

function setup() {
  const work = mkdtempSync(join(tmpdir(), "ccgate-e2e-trust-"));
  const home = join(work, "home");
  const codexHome = join(home, ".codex");
  mkdirSync(codexHome, { recursive: true });
  const hooksJson = join(codexHome, "hooks.json");
  const writeHook = (timeout: number) =>
    writeFileSync(
      hooksJson,
      JSON.stringify({
        hooks: {
          PermissionRequest: [{ matcher: "Bash", hooks: [{ type: "command", command: `${ccgate} codex`, timeout }] }],
        },
      }),
    );
  writeHook(30);
  writeFileSync(join(codexHome, "config.toml"), "");
  // `codex` on PATH is the npm wrapper, as after `npm i -g @openai/codex`.
  const env = {
    PATH: `${dirname(wrapper)}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    HOME: home,
    XDG_STATE_HOME: join(work, "state"),
    XDG_CACHE_HOME: join(work, "cache"),
  };
  return { work, home, codexHome, hooksJson, writeHook, env };
}

/** Codex's own view of the hook in the user's CODEX_HOME. */
async function codexSays(
  codexHome: string,
  env: Record<string, string>,
): Promise<{ key: string; currentHash: string; trustStatus: string }> {
  const bin = resolveCodexBinary(wrapper, env);
  if (!bin.ok) throw new Error(bin.error);
  const server = startAppServer(bin.path, { ...env, CODEX_HOME: codexHome });
  try {
    await initialize(server);
    const listed = await server.call<{
      data: Array<{ hooks: Array<{ key: string; currentHash: string; trustStatus: string }> }>;
    }>("hooks/list", { cwds: [codexHome] });
    const hook = listed.data.flatMap((d) => d.hooks).find((h) => h.key.includes(":permission_request:"));
    if (!hook) throw new Error("codex lists no PermissionRequest hook");
    return hook;
  } finally {
    await server.close();
  }
}

async function doctor(env: Record<string, string>) {
  const p = Bun.spawn([ccgate, "doctor", "--json"], { env, stdout: "pipe", stderr: "pipe" });
  const out = await new Response(p.stdout).text();
  await p.exited;
  return (JSON.parse(out).checks as Array<{ area: string; status: string; message: string }>).filter(
    (c) => c.area === "codex",
  );
}

describe(`ccgate doctor and Codex ${CODEX_VERSION} hook trust`, () => {
  test("untrusted → warn; trusted → ok; edited after trusting → fail, exactly when Codex says so", async () => {
    const s = setup();
    expect((await codexSays(s.codexHome, s.env)).trustStatus).toBe("untrusted");
    expect((await doctor(s.env)).find((c) => c.message.includes("not trusted yet"))?.status).toBe("warn");

    const { key, currentHash } = await codexSays(s.codexHome, s.env);
    writeFileSync(
      join(s.codexHome, "config.toml"),
      `[features]\nhooks = true\n\n[hooks.state."${key}"]\ntrusted_hash = "${currentHash}"\n`,
    );
    expect((await codexSays(s.codexHome, s.env)).trustStatus).toBe("trusted");
    const trusted = await doctor(s.env);
    expect(trusted.find((c) => c.message.startsWith("trusted by Codex"))?.status).toBe("ok");
    expect(trusted.some((c) => c.status === "fail" || c.status === "warn")).toBe(false);

    s.writeHook(31);
    expect((await codexSays(s.codexHome, s.env)).trustStatus).toBe("modified");
    expect((await doctor(s.env)).find((c) => c.message.includes("changed since you trusted it"))?.status).toBe("fail");
  }, 120_000);
});
