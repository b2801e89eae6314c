// Help/version queries, language toolchains, database shells and infrastructure tools, proved on the
// compiled binary in real temporary git repositories: "allow" can only come from the fast path (no
// classifier credentials), every refusal must fall through to the classifier. The version-manager
// cases put rust-toolchain / .tool-versions files in the repository and in a directory above it.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type BinaryVerdict, binaryVerdicts, ensureBinary, isolatedHome } from "../support/fastpath-binary.ts";
import { git } from "../support/git.ts";

const work = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-help-tc-")));
const { env } = isolatedHome();
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(() => ensureBinary());

function put(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A git repository at `work/<name>/repo` (the parent `work/<name>` is outside it) with `files` written. */
function repo(name: string, files: Record<string, string> = {}, above: Record<string, string> = {}): string {
  const dir = join(work, name, "repo");
  mkdirSync(dir, { recursive: true });
  git(dir, "init", "-q", "-b", "feature/x");
  put(join(dir, "README.md"), "# r\n");
  put(join(dir, "Cargo.toml"), "[package]\nname = 'x'\nversion = '0.1.0'\n");
  put(join(dir, "cert.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
  put(join(dir, "sub", "x.txt"), "x\n");
  for (const [p, t] of Object.entries(files)) put(join(dir, p), t);
  for (const [p, t] of Object.entries(above)) put(join(work, name, p), t);
  return dir;
}

async function expectVerdicts(dir: string, cases: Record<string, BinaryVerdict>): Promise<void> {
  const got = await binaryVerdicts(Object.keys(cases), dir, env);
  const wrong = Object.entries(cases)
    .filter(([c, v]) => got.get(c) !== v)
    .map(([c, v]) => `${c}: want ${v}, got ${got.get(c)}`);
  expect(wrong).toEqual([]);
}

const RUST_VERSION = ["cargo --version", "cargo -V", "rustc --version", "rustup --version", "cargo help"];
const all = (cmds: string[], v: BinaryVerdict) => Object.fromEntries(cmds.map((c) => [c, v]));

describe("rustup toolchain files", () => {
  test("no toolchain file: version queries are local", async () => {
    await expectVerdicts(repo("rust-none"), all(RUST_VERSION, "allow"));
  });

  test("a path toolchain in the repository root makes every rustup proxy unprovable", async () => {
    const dir = repo("rust-path-root", { "rust-toolchain.toml": '[toolchain]\npath = "./tc"\n' });
    await expectVerdicts(dir, { ...all(RUST_VERSION, "fallthrough"), "ls README.md": "allow" });
  });

  test("a path toolchain in a directory above the repository is found too", async () => {
    const dir = repo("rust-path-above", {}, { "rust-toolchain.toml": '[toolchain]\npath = "/tmp/evil"\n' });
    await expectVerdicts(dir, all(RUST_VERSION, "fallthrough"));
  });

  test("a release channel (with components, targets, profile) stays provable", async () => {
    const dir = repo("rust-channel", {
      "rust-toolchain.toml":
        '# pinned\n[toolchain]\nchannel = "1.79.0"\ncomponents = ["rustfmt", "clippy"]\ntargets = [ "wasm32-unknown-unknown" ]\nprofile = "minimal"\n',
    });
    await expectVerdicts(dir, all(RUST_VERSION, "allow"));
    const dated = repo("rust-dated", { "rust-toolchain.toml": "[toolchain]\nchannel = 'nightly-2024-05-01'\n" });
    await expectVerdicts(dated, all(RUST_VERSION, "allow"));
  });

  test("the legacy one-line file: a release name is fine, anything else is not", async () => {
    await expectVerdicts(repo("legacy-stable", { "rust-toolchain": "stable\n" }), all(RUST_VERSION, "allow"));
    await expectVerdicts(repo("legacy-ver", { "rust-toolchain": "1.70\n" }), all(RUST_VERSION, "allow"));
    for (const [name, text] of [
      ["legacy-custom", "my-linked-toolchain\n"],
      ["legacy-path", "/tmp/evil-toolchain\n"],
      ["legacy-rel", "../tc\n"],
      ["legacy-toml", '[toolchain]\npath = "tc"\n'],
      ["legacy-two", "stable\nnightly\n"],
    ] as const)
      await expectVerdicts(repo(name, { "rust-toolchain": text }), all(RUST_VERSION, "fallthrough"));
  });

  test("TOML that is not understood, or a channel that is not a release, is refused", async () => {
    const bodies = [
      '[toolchain]\nchannel = "stable"\npath = "tc"\n',
      '[toolchain]\nchannel = "../tc"\n',
      '[toolchain]\nchannel = "stable-x86_64-unknown-linux-gnu/../../tc"\n',
      'toolchain.path = "tc"\n',
      '[toolchain]\nchannel = """\nstable"""\n',
      '[toolchain]\nchannel = "st\\u0061ble"\n',
      '[toolchain]\ncomponents = [\n "rustfmt",\n]\n',
      '[toolchain.extra]\nchannel = "stable"\n',
      '[toolchain]\nchannel = "stable"\n[other]\npath = "tc"\n',
      '[ toolchain ]\npath = "tc"\n',
      '[toolchain]\n"path" = "tc"\n',
    ];
    for (const [i, body] of bodies.entries())
      await expectVerdicts(repo(`toml-${i}`, { "rust-toolchain.toml": body }), all(RUST_VERSION, "fallthrough"));
  });

  test("a toolchain file that is a symlink to a device or a directory is refused", async () => {
    const dev = repo("rust-dev");
    symlinkSync("/dev/zero", join(dev, "rust-toolchain.toml"));
    await expectVerdicts(dev, all(RUST_VERSION, "fallthrough"));
    const dirFile = repo("rust-dir");
    mkdirSync(join(dirFile, "rust-toolchain"));
    await expectVerdicts(dirFile, all(RUST_VERSION, "fallthrough"));
  });

  test("after cd into a directory holding a toolchain file", async () => {
    const dir = repo("rust-cd", { "sub/rust-toolchain.toml": '[toolchain]\npath = "tc"\n' });
    await expectVerdicts(dir, {
      "cd sub && cargo --version": "fallthrough",
      "cd sub; rustc -V": "fallthrough",
      "cargo --version": "allow",
      "cd sub && ls": "allow",
    });
  });

  test("through a wrapper or bash -c", async () => {
    const dir = repo("rust-wrapped", { "rust-toolchain": "/tmp/evil\n" });
    await expectVerdicts(dir, {
      "nice cargo --version": "fallthrough",
      "timeout 5 rustc --version": "fallthrough",
      "bash -c 'cargo -V'": "fallthrough",
      "nice ls": "allow",
    });
  });
});

describe("asdf .tool-versions", () => {
  test("plain versions keep programs provable", async () => {
    const dir = repo("asdf-plain", { ".tool-versions": "# pins\nnodejs 20.11.1\npython 3.12.2 system\nrust 1.79.0\n" });
    await expectVerdicts(dir, { "node --version": "allow", ls: "allow", "cargo --version": "allow" });
  });

  const bad = [
    "nodejs path:./bin\n",
    "nodejs ref:v20.0.0\n",
    "python path:/tmp/evil\n",
    "nodejs ../../../repo/evil\n",
    "nodejs 20/../../x\n",
    "nodejs\n",
    "../evil 1.0\n",
    "nodejs latest:20\n",
  ];
  test("a path:/ref: or path-like version leaves only builtins provable (in the repo)", async () => {
    for (const [i, body] of bad.entries())
      await expectVerdicts(repo(`asdf-bad-${i}`, { ".tool-versions": body }), {
        "node --version": "fallthrough",
        ls: "fallthrough",
        "git status": "fallthrough",
        "cat README.md": "fallthrough",
        "echo hi": "allow",
        pwd: "allow",
      });
  });

  test("and above the repository, or in a directory cd enters", async () => {
    await expectVerdicts(repo("asdf-above", {}, { ".tool-versions": "ruby path:/tmp/r\n" }), {
      "ruby --version": "fallthrough",
      "ls -la": "fallthrough",
      "echo ok": "allow",
    });
    await expectVerdicts(repo("asdf-cd", { "sub/.tool-versions": "nodejs path:../bin\n" }), {
      "cd sub && node --version": "fallthrough",
      "cd sub && cat x.txt": "fallthrough",
      "node --version": "allow",
    });
  });

  test("a .tool-versions that is not a small regular file is refused", async () => {
    const dir = repo("asdf-fifo");
    symlinkSync("/dev/zero", join(dir, ".tool-versions"));
    await expectVerdicts(dir, { ls: "fallthrough", "echo hi": "allow" });
  });
});
