// ruff/black/isort configuration files, iconv, and per-verb help of built-in verbs, proved on the
// compiled binary in real temporary git repositories: "allow" can only come from the fast path (no
// classifier credentials), every refusal must fall through to the classifier. The config cases put
// hostile pyproject.toml / ruff.toml / .isort.cfg files in the repository, below it, above it, and
// behind symlinks.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeCommand } from "../../src/fastpath/analyze.ts";
import { DEFAULT_PROTECTED_BRANCHES } from "../../src/fastpath/facts.ts";
import { editorconfigProblem, ruffTextProblem } from "../../src/fastpath/ruff-config.ts";
import { type BinaryVerdict, ensureBinary, isolatedHome, put, verdictMismatches } from "../support/fastpath-binary.ts";
import { git } from "../support/git.ts";

const work = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-ruff-iconv-")));
const { env } = isolatedHome();
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(() => ensureBinary());

let count = 0;
/** A git repository at `work/<n>/repo` (the parent `work/<n>` is outside it) with `files` written. */
function repo(files: Record<string, string> = {}, above: Record<string, string> = {}): string {
  const base = join(work, `r${++count}`);
  const dir = join(base, "repo");
  mkdirSync(dir, { recursive: true });
  git(dir, "init", "-q", "-b", "main");
  put(join(dir, "src", "a.py"), "import os\n");
  put(join(dir, "other", "b.py"), "x = 1\n");
  put(join(dir, "notes.txt"), "caf\u00e9\n");
  for (const [p, t] of Object.entries(files)) put(join(dir, p), t);
  for (const [p, t] of Object.entries(above)) put(join(base, p), t);
  return dir;
}

async function expectVerdicts(dir: string, cases: Record<string, BinaryVerdict>): Promise<void> {
  expect(await verdictMismatches(dir, cases, env)).toEqual([]);
}

const all = (cmds: string[], v: BinaryVerdict) => Object.fromEntries(cmds.map((c) => [c, v]));

const BENIGN_PYPROJECT = [
  "[project]",
  'name = "x"',
  "",
  "[tool.ruff]",
  "line-length = 100",
  "# fix later: this comment names fix on a line without quotes",
  "",
  "[tool.ruff.lint]",
  'select = ["E", "F"]',
  'extend-select = ["B"]',
  'fixable = ["ALL"]',
  "unfixable = []",
  "",
].join("\n");

const RUFF_PLAIN = ["ruff check", "ruff check .", "ruff check src", "ruff check src/a.py", "ruff check --no-fix ."];
/** Allowed in a clean repository; refused where a config file names a dangerous setting. */
const RUFF_CHECKS = [...RUFF_PLAIN, "ruff check --diff .", "ruff check --select E501 src", "nice ruff check ."];
/** Config-free ruff verbs stay provable whatever the config says. */
const RUFF_FREE = ["ruff --version", "ruff rule E501", "ruff help check", "ruff check --help"];

describe("ruff configuration files", () => {
  test("a clean repository or a harmless config: plain ruff check is provable", async () => {
    const dir = repo({ "pyproject.toml": BENIGN_PYPROJECT, "alt.toml": "line-length = 90\n" });
    await expectVerdicts(dir, {
      ...all(RUFF_CHECKS, "allow"),
      ...all(RUFF_FREE, "allow"),
      "timeout 60 ruff check src": "allow",
      "ruff check --config alt.toml .": "allow",
      "ruff check --config 'line-length = 100' .": "allow",
      "ruff check --statistics --output-format json .": "allow",
      "ruff check --show-settings src/a.py": "allow",
    });
  });

  test("the command line cannot turn on fixing, move the cache or write a report", async () => {
    const dir = repo({ "hostile.toml": "fix = true\n", "ext.toml": 'extend = "/etc/passwd"\n' });
    await expectVerdicts(dir, {
      "ruff check --fix .": "fallthrough",
      "ruff check --fix-only .": "fallthrough",
      "ruff check --no-fix --fix .": "fallthrough",
      "ruff check --cache-dir /tmp/x .": "fallthrough",
      "ruff check --cache-dir=.c .": "fallthrough",
      "ruff check --cache-dir .c .": "fallthrough",
      "ruff check -o out.txt .": "fallthrough",
      "ruff check -oout.txt .": "fallthrough",
      "ruff check --output-file out.txt .": "fallthrough",
      "ruff check --output-file=out.txt .": "fallthrough",
      "ruff check --config 'fix = true' .": "fallthrough",
      "ruff check --config 'fix-only=true' .": "fallthrough",
      "ruff check --config=fix-only=true .": "fallthrough",
      "ruff check --config 'cache-dir = \"/tmp/x\"' .": "fallthrough",
      "ruff check --config 'extend = \"/etc/passwd\"' .": "fallthrough",
      "ruff check --config '\"\\u0066ix\" = true' .": "fallthrough",
      "ruff check --config hostile.toml .": "fallthrough",
      "ruff check --config ext.toml .": "fallthrough",
      "ruff check --config /etc/passwd .": "fallthrough",
      "ruff check --watch .": "fallthrough",
      "ruff check -w .": "fallthrough",
      "ruff format .": "fallthrough",
      "ruff format --check .": "fallthrough",
      "ruff check --add-noqa .": "fallthrough",
    });
  });

  const HOSTILE: Record<string, Record<string, string>> = {
    "fix in the repository pyproject.toml": { "pyproject.toml": "[tool.ruff]\nfix = true\n" },
    "fix-only in ruff.toml": { "ruff.toml": "fix-only = true\n" },
    "cache-dir in .ruff.toml": { ".ruff.toml": 'cache-dir = "~/.ssh"\n' },
    "extend in ruff.toml": { "ruff.toml": 'extend = "~/.aws/credentials"\n' },
    "output-file in ruff.toml": { "ruff.toml": 'output-file = "/tmp/report"\n' },
    "a dotted key": { "pyproject.toml": "[tool]\nruff.fix = true\n" },
    "an inline table": { "pyproject.toml": "tool = { ruff = { fix = true } }\n" },
    "an inline table after a string holding #": { "pyproject.toml": 'tool = { ruff = { a = "#", fix = true } }\n' },
    "quoted keys": { "pyproject.toml": '[tool."ruff"]\n"fix" = true\n' },
    "a literal-quoted key": { "pyproject.toml": "[tool.ruff]\n'fix-only' = true\n" },
    "an escaped key": { "pyproject.toml": '[tool.ruff]\n"\\u0066ix" = true\n' },
    "an escaped table name": { "pyproject.toml": '[tool."\\u0072uff"]\nline-length = 80\n' },
    "spaces around the dots": { "pyproject.toml": "[ tool . ruff ]\nfix=true\n" },
    "a config in a subdirectory": { "src/ruff.toml": "fix = true\n" },
    "a config deep below": { "src/pkg/deep/.ruff.toml": 'cache-dir = "/tmp/c"\n' },
    "a pyproject in a subdirectory": { "other/pyproject.toml": "[tool.ruff]\nfix-only = true\n" },
    "an oversized ruff.toml": { "ruff.toml": `${"# x\n".repeat(80000)}line-length = 80\n` },
    "an unsafe-fixes key is harmless but a fix one beside it is not": {
      "ruff.toml": "unsafe-fixes = true\nfix = true\n",
    },
  };
  for (const [name, files] of Object.entries(HOSTILE))
    test(`refused: ${name}`, async () => {
      const dir = repo(files);
      await expectVerdicts(dir, { ...all(RUFF_PLAIN, "fallthrough"), ...all(RUFF_FREE, "allow") });
    });

  test("a config above the repository counts too (ruff walks up to /)", async () => {
    const one = repo({}, { "pyproject.toml": "[tool.ruff]\nfix = true\n" });
    await expectVerdicts(one, all(RUFF_PLAIN, "fallthrough"));
    const two = repo({}, { "ruff.toml": 'extend = "/etc/passwd"\n' });
    await expectVerdicts(two, all(RUFF_PLAIN, "fallthrough"));
    const three = repo({}, { "pyproject.toml": '[project]\nname = "fix"\n' });
    await expectVerdicts(three, all(RUFF_PLAIN, "allow"));
  });

  test("symlinked, unreadable-as-file configs and a symlinked cache are refused", async () => {
    const outside = join(work, "outside.toml");
    put(outside, "line-length = 80\n");
    const a = repo();
    symlinkSync(outside, join(a, "ruff.toml"));
    const b = repo({ "cfg/real.toml": "line-length = 80\n" });
    symlinkSync("cfg/real.toml", join(b, ".ruff.toml"));
    const c = repo();
    mkdirSync(join(c, "pyproject.toml"));
    const d = repo();
    mkdirSync(join(work, "cache-out"), { recursive: true });
    symlinkSync(join(work, "cache-out"), join(d, ".ruff_cache"));
    const e = repo();
    symlinkSync(outside, join(e, "src", "pyproject.toml"));
    const f = repo({ ".ruff_cache/CACHEDIR.TAG": "x\n" });
    mkdirSync(join(f, ".ruff_cache", "0.6.0"));
    symlinkSync(join(work, "cache-out"), join(f, ".ruff_cache", "0.6.0", "deep"));
    const g = repo({ ".ruff_cache/CACHEDIR.TAG": "x\n" });
    symlinkSync("../.git/hooks/pre-commit", join(g, ".ruff_cache", ".gitignore"));
    for (const dir of [a, b, c, d, e, f, g]) await expectVerdicts(dir, all(RUFF_PLAIN, "fallthrough"));
    const clean = repo({ ".ruff_cache/CACHEDIR.TAG": "x\n", ".ruff_cache/0.6.0/123": "cache\n" });
    await expectVerdicts(clean, all(RUFF_PLAIN, "allow"));
  });

  test("a wrapped ruff walks the same tree: a symlink out of it is refused", async () => {
    const dir = repo();
    put(join(work, "secret.py"), "x = 1\n");
    symlinkSync(join(work, "secret.py"), join(dir, "src", "leak.py"));
    await expectVerdicts(dir, {
      "ruff check .": "fallthrough",
      "nice ruff check .": "fallthrough",
      "timeout 9 ruff check --no-fix .": "fallthrough",
      "nice black --check .": "fallthrough",
      "ruff check other": "allow",
    });
  });
});

describe("black and isort configuration files", () => {
  const BLACK = ["black --check .", "black --diff src", "black --check src/a.py"];
  const ISORT = ["isort --check-only .", "isort --diff src", "isort -c src/a.py", "isort -d src", "isort --stdout ."];
  const VERSIONS = ["black --version", "isort --version", "black --help"];

  test("without a config of theirs, check and diff modes are provable", async () => {
    const dir = repo({
      "pyproject.toml": BENIGN_PYPROJECT,
      "setup.cfg": "[metadata]\nname = x\n",
      ".editorconfig":
        "# layout\nroot = true\n\n[*]\nindent_style = space\nindent_size = 4\n[*.py]\nmax_line_length = 88\n",
    });
    await expectVerdicts(dir, {
      ...all(BLACK, "allow"),
      ...all(ISORT, "allow"),
      ...all(VERSIONS, "allow"),
      "black .": "fallthrough",
      "isort .": "fallthrough",
      "black --check --config cfg.toml .": "fallthrough",
      "black --check --config=cfg.toml .": "fallthrough",
      "isort --check --settings-path . .": "fallthrough",
      "isort --check --sp=. .": "fallthrough",
      "isort --check --settings-file setup.cfg .": "fallthrough",
    });
  });

  const BLACK_HOSTILE: Record<string, [Record<string, string>, Record<string, string>]> = {
    "[tool.black] in the repository": [{ "pyproject.toml": "[tool.black]\nline-length = 80\n" }, {}],
    "[tool.black] above it": [{}, { "pyproject.toml": "[tool.black]\nline-length = 80\n" }],
    "an escaped tool name": [{ "pyproject.toml": '[tool."\\u0062lack"]\nline-length = 80\n' }, {}],
  };
  for (const [name, [files, above]] of Object.entries(BLACK_HOSTILE))
    test(`black refused: ${name}`, async () => {
      await expectVerdicts(repo(files, above), { ...all(BLACK, "fallthrough"), "black --version": "allow" });
    });

  const ISORT_HOSTILE: Record<string, [Record<string, string>, Record<string, string>]> = {
    ".isort.cfg in the repository": [{ ".isort.cfg": "[settings]\nprofile = black\n" }, {}],
    "an empty .isort.cfg": [{ ".isort.cfg": "" }, {}],
    "[isort] in setup.cfg": [{ "setup.cfg": "[isort]\nline_length = 80\n" }, {}],
    "[tool:isort] in tox.ini": [{ "tox.ini": "[tool:isort]\nline_length = 80\n" }, {}],
    "[tool.isort] in pyproject.toml": [{ "pyproject.toml": "[tool.isort]\nprofile = 'black'\n" }, {}],
    ".isort.cfg above the repository": [{}, { ".isort.cfg": "[settings]\n" }],
    "an isort setting in .editorconfig": [{ ".editorconfig": "root = true\n[*]\nskip_gitignore = true\n" }, {}],
    "virtual_env in .editorconfig": [{ ".editorconfig": "[*.py]\nvirtual_env = /home\n" }, {}],
    "a continuation line in .editorconfig": [{ ".editorconfig": "[*]\nindent_style = space\n  skip_gitignore\n" }, {}],
    "an .editorconfig above the repository": [{}, { ".editorconfig": "[*]\nsrc_paths = /\n" }],
  };
  for (const [name, [files, above]] of Object.entries(ISORT_HOSTILE))
    test(`isort refused: ${name}`, async () => {
      await expectVerdicts(repo(files, above), { ...all(ISORT, "fallthrough"), "isort --version": "allow" });
    });

  test("a symlinked pyproject.toml is refused for both", async () => {
    const dir = repo();
    put(join(work, "elsewhere.toml"), "[project]\n");
    symlinkSync(join(work, "elsewhere.toml"), join(dir, "pyproject.toml"));
    await expectVerdicts(dir, { ...all(BLACK, "fallthrough"), ...all(ISORT, "fallthrough") });
  });
});

describe("iconv", () => {
  test("conversions to standard output are provable; -o and files outside are not", async () => {
    const dir = repo({ ".env": "TOKEN=x\n" });
    put(join(work, "outside.txt"), "x\n");
    symlinkSync(join(work, "outside.txt"), join(dir, "link.txt"));
    await expectVerdicts(dir, {
      "iconv --help": "allow",
      "iconv --version": "allow",
      "iconv -V": "allow",
      "iconv -l": "allow",
      "iconv --list": "allow",
      "iconv --usage": "allow",
      "iconv -f UTF-8 -t ASCII notes.txt": "allow",
      "iconv -f UTF-8 -t ASCII//TRANSLIT notes.txt": "allow",
      "iconv --from-code=UTF-8 --to-code=ASCII notes.txt": "allow",
      "iconv --from-code UTF-8 --to-code ASCII notes.txt": "allow",
      "iconv -fUTF-8 -tASCII notes.txt": "allow",
      "iconv -c -f UTF-8 -t ASCII notes.txt src/a.py": "allow",
      "iconv -cs -f UTF-8 -t ASCII notes.txt": "allow",
      "iconv -s -f UTF-8 -t ASCII notes.txt": "allow",
      "iconv --silent -f UTF-8 -t ASCII notes.txt": "allow",
      "iconv --verbose -f UTF-8 -t ASCII notes.txt": "allow",
      "cat notes.txt | iconv -f UTF-8 -t UTF-16": "allow",
      "iconv -f UTF-8 -t ASCII -o out.txt notes.txt": "fallthrough",
      "iconv -f UTF-8 -t ASCII -oout.txt notes.txt": "fallthrough",
      "iconv -f UTF-8 -t ASCII --output out.txt notes.txt": "fallthrough",
      "iconv -f UTF-8 -t ASCII --output=out.txt notes.txt": "fallthrough",
      "iconv -f UTF-8 -t ASCII --out=out.txt notes.txt": "fallthrough",
      "iconv -f UTF-8 -t ASCII --o=out.txt notes.txt": "fallthrough",
      "iconv -co out.txt -f UTF-8 -t ASCII notes.txt": "fallthrough",
      "iconv -f UTF-8 -t ASCII notes.txt > out.txt": "fallthrough",
      "iconv -f UTF-8 -t ASCII /etc/passwd": "fallthrough",
      "iconv -f UTF-8 -t ASCII ../outside.txt": "fallthrough",
      "iconv -f UTF-8 -t ASCII link.txt": "fallthrough",
      "iconv -f UTF-8 -t ASCII .env": "fallthrough",
      "iconv -f UTF-8 -t ASCII ~/.ssh/id_rsa": "fallthrough",
      "iconv --from-code=/etc/passwd -t ASCII notes.txt": "fallthrough",
      "iconv -f UTF-8 -t ASCII --unknown notes.txt": "fallthrough",
    });
  });
});

describe("per-verb help of built-in verbs", () => {
  test("aws, kubectl, docker and git print a verb's help without a request or a plugin", async () => {
    const dir = repo();
    await expectVerdicts(dir, {
      "aws --help": "allow",
      "aws s3 --help": "allow",
      "aws s3 rm --help": "allow",
      "aws ec2 terminate-instances --help": "allow",
      "aws ec2 terminate-instances help": "allow",
      "aws s3 rm s3://bucket/key --help": "fallthrough",
      "aws s3 rm --recursive --help": "fallthrough",
      "aws --endpoint-url http://evil.test s3 rm --help": "fallthrough",
      "aws s3 rm --help --recursive": "fallthrough",
      "aws s3 rm --help s3://bucket/key": "fallthrough",
      "aws s3 rm": "fallthrough",
      "kubectl delete --help": "allow",
      "kubectl apply -h": "allow",
      "kubectl exec --help": "allow",
      "kubectl foo --help": "fallthrough",
      "kubectl create deployment --help": "fallthrough",
      "kubectl delete pod --help": "fallthrough",
      "kubectl delete --help pod": "fallthrough",
      "kubectl delete pod x": "fallthrough",
      "docker run --help": "allow",
      "docker exec -h": "allow",
      "docker container rm --help": "allow",
      "docker image prune --help": "allow",
      "docker compose up --help": "fallthrough",
      "docker buildx build --help": "fallthrough",
      "docker build --help": "fallthrough",
      "docker scan --help": "fallthrough",
      "docker run --help ubuntu": "fallthrough",
      "docker run ubuntu --help": "fallthrough",
      "docker exec ctr --help": "fallthrough",
      "docker start ctr -h": "fallthrough",
      "docker container run --help": "allow",
      "docker container exec ctr --help": "fallthrough",
      "docker --config /tmp/c run --help": "fallthrough",
      "docker run --rm --help": "fallthrough",
      "git push --help": "allow",
      "git commit --help": "allow",
      "git bisect --help": "allow",
      "git push -h": "fallthrough",
      "git push --help origin": "fallthrough",
      "git push origin --help": "fallthrough",
      "git -c man.viewer=x push --help": "fallthrough",
      "git -c help.format=web push --help": "fallthrough",
      "git help -w push": "fallthrough",
      "git help --web push": "fallthrough",
      "git push": "fallthrough",
    });
  });

  test("a repository config that picks the help viewer or defines aliases makes git help unprovable", async () => {
    for (const extra of [
      ["man.viewer", "evil"],
      ["man.evil.cmd", "touch /tmp/pwned-ccgate"],
      ["help.format", "web"],
      ["help.browser", "evil"],
      ["web.browser", "evil"],
      ["browser.evil.cmd", "touch /tmp/pwned-ccgate"],
      ["alias.pu", "!touch /tmp/pwned-ccgate"],
      ["include.path", "../evil.cfg"],
    ]) {
      const dir = repo();
      git(dir, "config", extra[0] as string, extra[1] as string);
      await expectVerdicts(dir, { "git push --help": "fallthrough", "git commit --help": "fallthrough" });
    }
  });
});

describe("in process: the same rules on analyzeCommand", () => {
  const verdict = (command: string, dir: string) =>
    analyzeCommand(command, {
      cwd: dir,
      boundary: dir,
      home: join(work, "home"),
      branch: "feature/x",
      protectedBranches: DEFAULT_PROTECTED_BRANCHES,
      tempDirs: ["/tmp"],
    }).verdict;
  const ALLOW = [
    "ruff check",
    "ruff check src other",
    "ruff check --output-format=json --select E501 .",
    "black --check src",
    "isort --diff src",
    "iconv -f UTF-8 -t ASCII notes.txt",
    "iconv -l",
    "aws s3 rm --help",
    "kubectl delete --help",
    "docker run --help",
    "git push --help",
  ];
  const REFUSE = [
    "ruff check --fix",
    "ruff check --config 'fix=true'",
    "ruff check --cache-dir=/tmp/c",
    "iconv -f UTF-8 -t ASCII -o x notes.txt",
    "iconv -f UTF-8 -t ASCII --output=x notes.txt",
    "kubectl foo --help",
    "docker compose up --help",
    "docker run IMAGE --help",
    "git help -w push",
  ];
  test("allowed in a clean repository", () => {
    const dir = repo();
    expect(ALLOW.filter((c) => verdict(c, dir) !== "allow")).toEqual([]);
    expect(REFUSE.filter((c) => verdict(c, dir) !== "llm")).toEqual([]);
  });
  test("the text checks", () => {
    expect(ruffTextProblem("[tool.ruff]\nline-length = 80\n# fix me\n", true)).toBeNull();
    expect(ruffTextProblem('[project]\nname = "fix"\n', true)).toBeNull();
    expect(ruffTextProblem('[tool.ruff]\nx = "#" # fix\n', true)).not.toBeNull();
    expect(ruffTextProblem("fix=true", false)).not.toBeNull();
    expect(ruffTextProblem("lint.fixable = ['E']", false)).toBeNull();
    expect(ruffTextProblem("extend-select = ['B']", false)).toBeNull();
    expect(ruffTextProblem("[tool.ruff]\nextend = 'x'", true)).not.toBeNull();
    expect(ruffTextProblem('"\\x66ix" = true', false)).not.toBeNull();
    expect(editorconfigProblem("root = true\n[*]\nindent_size = 2\n")).toBeNull();
    expect(editorconfigProblem("[*]\nknown_first_party = x\n")).not.toBeNull();
    expect(editorconfigProblem("[*]\nweird line\n")).not.toBeNull();
  });
});
