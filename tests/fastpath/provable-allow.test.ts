// Provable allow is sound: in an attacker's repository (symlinks out, dot-files, secrets) every
// command and file-tool request allowed locally really stays inside and away from secrets, and the
// oracle lets the real bash expand every word of every locally allowed command to check that.
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import type { DecisionRequest } from "../../src/core/types.ts";
import { analyzeCommand, isSensitivePath } from "../../src/fastpath/analyze.ts";
import { fastPathDecide } from "../../src/fastpath/decide.ts";
import type { PathFacts } from "../../src/fastpath/facts.ts";
import { analyzeStructure, commandName } from "../../src/fastpath/invocations.ts";
import { nonPathWordIndexes } from "../../src/fastpath/read-only.ts";
import { makeAllowFixture } from "../support/allow-fixture.ts";
import { evalSeedDir } from "../support/eval-seed.ts";
import {
  SAFE as OPTION_SAFE,
  UNSAFE as OPTION_UNSAFE,
  UNSAFE_VALUES as OPTION_VALUES,
} from "./option-allowlist-cases.ts";

const fx = makeAllowFixture();
afterAll(() => rmSync(fx.work, { recursive: true, force: true }));

const SOUND: string[] = [
  "cat README.md",
  "cat src/*.ts",
  "cat src/?.ts",
  "cat s*/a.ts",
  "cat */deep/*.ts",
  "wc -l src/*.ts src/deep/*.ts",
  "cat 'weird*name'",
  'cat "src/{a,b}.ts"',
  "ls src",
  "ls -la",
  "ls",
  "head -n 5 README.md",
  "sed -n 1p README.md",
  "grep -n export src/a.ts",
  "grep -rn export src",
  "grep -Rn export src/deep",
  // GNU grep -r does not follow symlinks below its roots (walk/sshlink → ~/.ssh is skipped)
  "grep -rn KEY walk",
  "rg export src",
  "find . -name '*.ts'",
  "cd src && cat a.ts",
  "cd src/deep && ls",
  "cat src/../README.md",
  "cat innerlink/c.ts",
  "awk -F, '{print $1}' data.csv",
  "awk -v n=1 '{print n}' data.csv",
  "cat < README.md",
  "git stash show stash@{0}",
  "git show HEAD:README.md",
  "stat src/deep",
  "diff -r src/deep src",
  "diff README.md data.csv",
  "diff -u README.md data.csv",
  "sort -t, -k2 -n data.csv",
  "uniq -c data.csv",
  "tree -L 2 src",
  "file README.md",
  "head -20 README.md",
  "tail -n 3 README.md",
  "grep -A 3 -B2 -C1 export src/a.ts",
  "grep --color=never -E 'a|b' src/a.ts",
  "cut -d, -f1 data.csv",
  "wc -lc README.md",
  "du -sh src",
];

const UNSOUND: Array<[string, RegExp]> = [
  // globs and braces
  ["cat s*/../../outside.txt", /after a wildcard|secret/],
  ["cat {..,x}/outside.txt", /brace/],
  ["cat .en?", /dot-file/],
  ["cat *.pem", /secret/],
  ["cat **/.env", /\*\*/],
  ["cat .*", /dot-file/],
  ["cat */id_rsa", /secret/],
  ["cat *", /secret/],
  ["cat ?env", /secret/],
  ["cat *.key", /secret/],
  ["cat *.p12", /secret/],
  ["cat terraform.tfstate*", /secret/],
  ["cat src/{a,b}.ts", /brace/],
  ["cat {a..z}", /brace/],
  ["cat [.]env", /dot-file/],
  ["cat r*/etc/passwd", /outside/],
  ["cat out*/f.txt", /outside/],
  ["cat src2/*.ts", /secret|outside/],
  ["ls ~/*", /outside/],
  ["cat src/*/../../../outside.txt", /after a wildcard|secret/],
  ["cat @(README.md)", /./],
  // symlinks
  ["cat notes.txt", /secret|outside/],
  ["cat rootlink/etc/passwd", /outside/],
  ["cat outlink/../../outside.txt", /outside/],
  ["cat outlink/f.txt", /outside/],
  ["cat -- notes.txt", /secret|outside/],
  ["cat < notes.txt", /outside|secret/],
  ["cd rootlink && cat etc/hostname", /cd leaves/],
  ["cd outlink && ls", /cd leaves/],
  ["head -n1 src2/env-link.ts", /secret/],
  ["grep -f notes.txt README.md", /secret|outside/],
  ["grep -fnotes.txt README.md", /./],
  ["grep -f/etc/passwd README.md", /option/],
  ["grep -Rn KEY walk", /outside/],
  ["stat rootlink", /outside/],
  // recursive readers over secrets
  ["grep -r KEY .", /secret/],
  ["grep -rn KEY", /secret/],
  ["grep -r -A 3 KEY", /secret/],
  ["grep --recursive KEY .", /secret/],
  ["grep -d recurse KEY .", /secret/],
  ["rg KEY", /secret/],
  ["rg -L KEY walk", /outside/],
  ["ag KEY", /secret|outside/],
  ["git grep KEY", /secret/],
  ["diff -r . src", /secret|outside/],
  ["diff -ru walk src", /outside/],
  ["diff --recursive config src", /secret/],
  // options that run code, write or print credentials
  ["awk -f prog.awk data.csv", /known-safe/],
  ["awk -E prog.awk data.csv", /known-safe/],
  ["awk -W exec prog.awk", /known-safe/],
  ["gawk -i inplace '{print}' data.csv", /known-safe/],
  ["gawk -l filefuncs '{print}' data.csv", /known-safe/],
  ["gawk --load=filefuncs '{print}' data.csv", /known-safe/],
  ["gawk --include=prog.awk '{print}' data.csv", /known-safe/],
  ["mawk -f prog.awk", /known-safe/],
  ["awk '@include \"prog.awk\"' data.csv", /awk program/],
  ["awk '{print > \"out\"}' data.csv", /awk program/],
  ["gh auth status -t", /./],
  ["gh auth status --show-token", /./],
  ["go env -w GOFLAGS=-x", /./],
  ["go env -u GOPROXY", /./],
  ["file -C -m magic", /known-safe/],
  ["cd -", /cd leaves/],
  ["cd", /cd leaves/],
  ["cd ~", /cd leaves/],
  ["cd $HOME", /cd leaves|run time/],
  ["cd /etc", /cd leaves/],
  ["cd src/* && ls", /cd leaves/],
  ["cd .. && ls", /cd leaves/],
  // options that are not on a tool's known-safe list
  ["cat --foo README.md", /known-safe/],
  ["head --follow README.md", /known-safe/],
  ["wc --files0-from=list.txt", /known-safe/],
  ["du --files0-from=list.txt", /known-safe/],
  ["ls --zzz", /known-safe/],
  ["grep --pre=sh KEY src", /known-safe/],
  ["grep -X KEY src", /known-safe/],
  ["rg --pre=./x KEY src", /writes or executes|known-safe/],
  ["rg -z KEY src", /writes or executes|known-safe/],
  ["rg -iz KEY src", /writes or executes|known-safe/],
  ["rg --hostname-bin=./x KEY src", /writes or executes|known-safe/],
  ["stat --zzz src", /known-safe/],
  ["cut --zzz -f1 data.csv", /known-safe/],
  ["sort -o out.txt data.csv", /known-safe/],
  ["sort -nro out.txt data.csv", /known-safe/],
  ["sort --compress-program=./x data.csv", /known-safe/],
  ["sort -T /tmp data.csv", /known-safe|outside/],
  ["tree -o out.txt", /known-safe/],
  ["tree -R src", /known-safe/],
  ["diff -l README.md data.csv", /known-safe/],
  ["uniq -c data.csv out.txt", /file argument/],
  // the repository's own files run code or set options
  ["make -n", /version/],
  ["make --dry-run all", /version/],
  ["make -p", /version/],
  ["make -q", /version/],
  ["ack KEY src", /ackrc/],
  // (git ls-remote REMOTE is a network read now: tests/fastpath/cloud-and-vcs.test.ts)
  ["git ls-remote --upload-pack=./x origin", /known-safe/],
  ["git ls-remote ext::sh", /not a remote name/],
  ["ag --pager=./x KEY src", /writes or executes|known-safe/],
  ["fd -x rm", /read-only list|known-safe/],
  ["fd -Hx cat", /writes or executes|known-safe/],
  ["yq '.a = env(AWS_SECRET)' data.csv", /environment/],
  ["yq 'load(\"/etc/passwd\")' data.csv", /environment|other files/],
  // secret names
  ["cat .env~", /secret/],
  ["cat .env.local", /secret/],
  ["cat terraform.tfstate.backup", /secret/],
  ["cat .dockercfg", /secret/],
  ["cat .docker/config.json", /secret/],
  ["cat .boto", /secret/],
  ["cat .netrc", /secret/],
  ["cat .pgpass", /secret/],
  ["cat .kube/config", /secret/],
  ["cat kubeconfig", /secret/],
  ["cat server.key", /secret/],
  ["cat cert.p12", /secret/],
  ["cat config/secrets.json", /secret/],
  ["git show HEAD:.env", /secret/],
  ["git cat-file blob HEAD:.env", /secret/],
  ["git show HEAD:config/.env.production", /secret/],
  ["git show :keys/id_rsa", /secret/],
  ["git show main:.ssh/config", /secret/],
  // other hosts (§7)
  // (docker -H/--context read verbs and gh --web are allowed now: tests/fastpath/cloud-and-vcs.test.ts)
  ["docker -H ssh://-oProxyCommand=x ps", /plain daemon address/],
  ["docker --config ./cfg ps", /./],
  ["gh -R evil.example/o/r pr view 1 --web", /another host/],
  ["gh --repo=evil.example/o/r repo view -w", /another host/],
  ["aws ssm get-parameter --name db", /./],
  ["aws ssm get-parameters-by-path --path /", /./],
  ["aws lambda get-function --function-name f", /./],
  ["aws --endpoint-url http://evil s3 ls", /another host|changes where the client connects/],
  ["kubectl --kubeconfig ./kubeconfig get pods", /./],
  ["kubectl --server=https://evil get pods", /another host|known-safe list/],
  ["helm --kubeconfig=k.yaml list", /another host|known-safe list/],
];

const HOME_BOUNDARY: PathFacts = { ...fx.facts, cwd: fx.home, boundary: fx.home };
const ROOT_BOUNDARY: PathFacts = { ...fx.facts, cwd: "/", boundary: "/" };
const ANCESTOR_BOUNDARY: PathFacts = { ...fx.facts, cwd: fx.work, boundary: fx.work };
const HOME_CASES = ["cat .bash_history", "grep -r KEY .", "ls", "cat .ssh/id_rsa", "wc -l *", "git status"];

describe("sound allows in the attacker's repository", () => {
  for (const command of SOUND)
    test(`allowed: ${command}`, () => {
      const a = analyzeCommand(
        command,
        command.startsWith("grep -r") || command.startsWith("rg") ? { ...fx.facts } : fx.facts,
      );
      expect(a.parts.filter((p) => p.status !== "read-only")).toEqual([]);
      expect(a.verdict).toBe("allow");
    });
  test("a clean repository allows a recursive grep of its root", () => {
    expect(analyzeCommand("grep -rn KEY .", fx.cleanFacts).verdict).toBe("allow");
    expect(analyzeCommand("rg KEY", fx.cleanFacts).verdict).toBe("allow");
  });
});

describe("unsound allows go to the LLM", () => {
  for (const [command, why] of UNSOUND)
    test(`llm: ${command}`, () => {
      const a = analyzeCommand(command, fx.facts);
      expect(a.verdict).toBe("llm");
      expect(`${a.reason} ${a.parts.map((p) => p.note).join(" ")}`).toMatch(why);
    });
  for (const [label, facts] of [
    ["home", HOME_BOUNDARY],
    ["/", ROOT_BOUNDARY],
    ["an ancestor of home", ANCESTOR_BOUNDARY],
    ["a dot-dir of home", { ...fx.facts, cwd: `${fx.home}/.ssh`, boundary: `${fx.home}/.ssh` }],
  ] as const)
    for (const command of HOME_CASES)
      test(`boundary ${label}: ${command}`, () => {
        const a = analyzeCommand(command, facts);
        expect(a.verdict).toBe("llm");
        expect(a.parts.map((p) => p.note).join(" ")).toMatch(/no repository/);
      });
});

const req = (toolName: string, toolInput: Record<string, unknown>, cwd = fx.repo) =>
  ({
    toolName,
    toolInput,
    cwd,
  }) as unknown as DecisionRequest;
const settings = { enabled: true, hardDeny: [] };

describe("file tools", () => {
  const allowed: Array<[string, Record<string, unknown>]> = [
    ["Read", { file_path: `${fx.repo}/README.md` }],
    ["Read", { file_path: "src/a.ts" }],
    ["Read", { file_path: `${fx.repo}/innerlink/c.ts` }],
    ["Grep", { pattern: "export", path: `${fx.repo}/src` }],
    ["Grep", { pattern: "export", path: "src", glob: "*.ts" }],
    ["Glob", { pattern: "src/**/*.ts" }],
    ["LS", { path: `${fx.repo}/src` }],
  ];
  const refused: Array<[string, Record<string, unknown>]> = [
    ["Read", { file_path: `${fx.repo}/notes.txt` }],
    ["Read", { file_path: `${fx.repo}/rootlink/etc/shadow` }],
    ["Read", { file_path: `${fx.repo}/outlink/f.txt` }],
    ["Read", { file_path: `${fx.repo}/outlink/../../outside.txt` }],
    ["Read", { file_path: `${fx.repo}/src2/env-link.ts` }],
    ["Read", { file_path: `${fx.repo}/.env.local` }],
    ["Read", { file_path: `${fx.repo}/terraform.tfstate` }],
    ["Read", { file_path: "~/.ssh/id_rsa" }],
    ["Grep", { pattern: "KEY", path: `${fx.repo}/rootlink/etc` }],
    ["Grep", { pattern: "KEY", path: `${fx.repo}` }],
    ["Grep", { pattern: "KEY" }],
    ["Grep", { pattern: "KEY", path: "src", glob: "../*" }],
    ["Grep", { pattern: "KEY", path: "src", glob: "**/.env" }],
    ["Grep", { pattern: "KEY", path: "src", glob: "{..,x}/*" }],
    ["Grep", { pattern: "KEY", path: "src", glob: "/etc/*" }],
    ["Glob", { pattern: "{..,x}/*" }],
    ["Glob", { pattern: "**/.env" }],
    ["Glob", { pattern: "../*" }],
    ["Glob", { pattern: "*", path: `${fx.repo}/rootlink` }],
    ["LS", { path: `${fx.repo}/outlink` }],
  ];
  for (const [tool, input] of allowed)
    test(`allowed: ${tool} ${JSON.stringify(input)}`, () => {
      expect(fastPathDecide(req(tool, input), fx.facts, settings).verdict).toBe("allow");
    });
  for (const [tool, input] of refused)
    test(`llm: ${tool} ${JSON.stringify(input)}`, () => {
      expect(fastPathDecide(req(tool, input), fx.facts, settings).verdict).toBe("llm");
    });
  test("Read with cwd at home and no repository is not provable", () => {
    expect(fastPathDecide(req("Read", { file_path: ".bash_history" }, fx.home), HOME_BOUNDARY, settings).verdict).toBe(
      "llm",
    );
    expect(fastPathDecide(req("Grep", { pattern: "KEY" }, fx.home), HOME_BOUNDARY, settings).verdict).toBe("llm");
  });
});

// ---- oracle: the real bash expands every word of every locally allowed command ----

function realOf(path: string): string {
  let p = path;
  const tail: string[] = [];
  while (!existsSync(p) && p !== dirname(p)) {
    tail.unshift(p.slice(dirname(p).length + 1));
    p = dirname(p);
  }
  return resolve(realpathSync(p), ...tail);
}

/** A bash script that prints, NUL-separated, the cwd marker after each cd and every expanded word. */
function oracleScript(command: string, root: string): string | null {
  const s = analyzeStructure(command);
  const lines: string[] = [];
  for (const inv of s.invocations) {
    // hard deny's copy of a brace word, already expanded: bash expands the original word itself
    if (inv.via.length === 1 && inv.via[0] === "brace expansion") continue;
    if (inv.nested || inv.via.length) return null;
    if (commandName(inv.argv[0] ?? "") === "cd") {
      lines.push(`cd ${inv.raw[1]} || exit 9; printf '%s\\0' "@@CWD=$PWD"`);
      continue;
    }
    // a proved awk program or sed script is code, not a path (read-only.ts nonPathWordIndexes)
    const code = nonPathWordIndexes(inv, root);
    const words = inv.raw.slice(1).filter((_, i) => !inv.dynamic[i + 1] && !code.includes(i + 1));
    for (const r of inv.redirects) if (r.op === "<") words.push(r.target.raw);
    if (words.length) lines.push(`printf '%s\\0' ${words.join(" ")}`);
  }
  return lines.join("\n");
}

/** cert-input.ts: openssl's certificate decoders may read a certificate-named file (never printing a key). */
function certificateInput(command: string, real: string): boolean {
  return (
    /^openssl (x509|req|crl) /.test(command) &&
    /\.(pem|crt|cer|der|csr|crl)$/i.test(real) &&
    !/\/\.(ssh|gnupg|aws|kube|docker|azure|gcloud|password-store)\//.test(real)
  );
}

function oracleProblems(commands: string[], root: string, home: string): string[] {
  const edge = realpathSync(root);
  const bad: string[] = [];
  for (const command of commands) {
    const script = oracleScript(command, root);
    if (script === null) continue;
    const env = { HOME: home, PATH: process.env.PATH ?? "/usr/bin:/bin" };
    // zsh, the agent's shell on macOS, expands the same words too (a glob without a match is kept, as in bash)
    const outputs = [Bun.spawnSync(["bash", "-O", "globstar", "-c", script], { cwd: root, env }).stdout.toString()];
    if (zsh)
      outputs.push(Bun.spawnSync([zsh, "-c", `setopt nonomatch\n${script}`], { cwd: root, env }).stdout.toString());
    for (const output of outputs) {
      let cwd = root;
      for (const word of output.split("\0")) {
        if (word === "") continue;
        if (word.startsWith("@@CWD=")) {
          cwd = word.slice(6);
          continue;
        }
        const value = word.startsWith("-") ? (word.includes("=") ? word.slice(word.indexOf("=") + 1) : "") : word;
        if (value === "" || value.startsWith("/dev/")) continue;
        const real = realOf(isAbsolute(value) ? value : `${cwd}/${value}`);
        const rel = relative(edge, real);
        if (rel.startsWith("..") || isAbsolute(rel)) bad.push(`${command}: ${word} → ${real} is outside`);
        else if ((isSensitivePath(real) || isSensitivePath(resolve(cwd, value))) && !certificateInput(command, real))
          bad.push(`${command}: ${word} → ${real} is a secret`);
      }
    }
  }
  return bad;
}

const zsh = Bun.which("zsh");

describe("oracle: bash's own expansion of every locally allowed word", () => {
  test("the oracle itself catches an unsound allow", () => {
    const unsound = ["cat s*/../../outside.txt", "cat notes.txt", "cat .en?", "cat {..,x}/outside.txt", "cat *.pem"];
    const found = oracleProblems(unsound, fx.repo, fx.home);
    for (const c of unsound) expect(found.some((f) => f.startsWith(`${c}:`))).toBe(true);
  });
  test("commands of this file allowed locally", () => {
    const options = [...Object.values(OPTION_SAFE), ...Object.values(OPTION_UNSAFE), OPTION_VALUES].flat();
    const all = [...SOUND, ...UNSOUND.map(([c]) => c), ...HOME_CASES, ...options];
    const allowed = all.filter((c) => analyzeCommand(c, fx.facts).verdict === "allow");
    expect(allowed.length).toBeGreaterThanOrEqual(SOUND.length);
    expect(oracleProblems(allowed, fx.repo, fx.home)).toEqual([]);
  });
  const seed = evalSeedDir();
  test.skipIf(seed === null)(
    "eval-seed commands allowed locally in the attacker's repository",
    () => {
      const commands: string[] = [];
      for (const file of ["dippy-commands.jsonl", "safety-net-commands.jsonl"])
        for (const line of readFileSync(`${seed}/${file}`, "utf8").trim().split("\n"))
          commands.push((JSON.parse(line) as { command: string }).command);
      const allowed = commands.filter((c) => analyzeCommand(c, fx.facts).verdict === "allow");
      console.log(`oracle: ${allowed.length} eval-seed commands allowed locally in the fixture repository`);
      expect(allowed.length).toBeGreaterThan(500);
      expect(oracleProblems(allowed, fx.repo, fx.home)).toEqual([]);
    },
    120_000,
  );
});

describe("the repository's git config can run programs", () => {
  const evil: Array<[string, string]> = [
    ["core.fsmonitor", "[core]\n\tfsmonitor = ./evil.sh\n"],
    ["diff.external", "[diff]\n\texternal = ./evil.sh\n"],
    ["textconv", '[diff "x"]\n\ttextconv = ./evil.sh\n'],
    ["filter clean", '[filter "x"]\n\tclean = ./evil.sh\n'],
    ["core.pager", "[core]\n\tpager = ./evil.sh\n"],
    ["include.path", "[include]\n\tpath = ../evil.config\n"],
    ["includeIf", '[includeIf "gitdir:/"]\n\tpath = ../evil.config\n'],
    ["gpg.program", "[gpg]\n\tprogram = ./evil.sh\n"],
    ["alias", "[alias]\n\tst = !./evil.sh\n"],
    ["core.sshCommand", "[core]\n\tsshCommand = ./evil.sh\n"],
    ["core.hooksPath", "[core]\n\thooksPath = hooks\n"],
    ["continued value", "[core]\n\tbare = false \\\n\n"],
    ["key on the header line", "[core] fsmonitor = ./evil.sh\n"],
  ];
  const base = "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n";
  for (const [label, text] of evil)
    for (const command of ["git status", "git diff", "git log -p", "git -C sub status"])
      test(`${label}: ${command}`, () => {
        const repo = `${fx.work}/git-${label.replaceAll(/\W/g, "-")}`;
        if (!existsSync(repo)) {
          Bun.spawnSync(["git", "init", "-q", repo]);
          Bun.spawnSync(["mkdir", "-p", `${repo}/sub`]);
          Bun.write(`${repo}/.git/config`, base + text);
        }
        const a = analyzeCommand(command, { ...fx.facts, cwd: repo, boundary: repo });
        expect(a.verdict).toBe("llm");
        expect(a.parts.map((p) => p.note).join(" ")).toMatch(/git config|not plain/);
      });
  test("a fresh repository's config is inert: git status is provable", () => {
    const repo = `${fx.work}/git-clean`;
    Bun.spawnSync(["git", "init", "-q", repo]);
    Bun.spawnSync(["git", "-C", repo, "remote", "add", "origin", "https://example.com/x.git"]);
    for (const command of ["git status", "git log --oneline", "git diff HEAD"])
      expect(analyzeCommand(command, { ...fx.facts, cwd: repo, boundary: repo }).verdict).toBe("allow");
  });
  test("a remote URL holding a token: git remote -v and git config -l are not provable", () => {
    const repo = `${fx.work}/git-token`;
    Bun.spawnSync(["git", "init", "-q", repo]);
    Bun.spawnSync(["git", "-C", repo, "remote", "add", "origin", "https://bot:ghp_abcdef123456@github.com/x/y.git"]);
    const facts = { ...fx.facts, cwd: repo, boundary: repo };
    for (const command of [
      "git remote -v",
      "git config -l",
      "git config --get remote.origin.url",
      "git remote get-url origin",
    ])
      expect(analyzeCommand(command, facts).verdict).toBe("llm");
    expect(analyzeCommand("git status", facts).verdict).toBe("allow");
  });
  test("a worktree's .git file leads to the config of its common dir", () => {
    const main = `${fx.work}/git-wt-main`;
    Bun.spawnSync(["git", "init", "-q", "-b", "main", main]);
    Bun.spawnSync([
      "git",
      "-C",
      main,
      "-c",
      "user.name=t",
      "-c",
      "user.email=t@t",
      "commit",
      "-q",
      "--allow-empty",
      "-m",
      "x",
    ]);
    Bun.spawnSync(["git", "-C", main, "worktree", "add", "-q", `${fx.work}/git-wt`, "-b", "wt"]);
    const wt = `${fx.work}/git-wt`;
    const facts = { ...fx.facts, cwd: wt, boundary: wt };
    expect(analyzeCommand("git status", facts).verdict).toBe("allow");
    Bun.spawnSync(["git", "-C", main, "config", "core.fsmonitor", "./evil.sh"]);
    expect(analyzeCommand("git status", facts).verdict).toBe("llm");
  });
});
