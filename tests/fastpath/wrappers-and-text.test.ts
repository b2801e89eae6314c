// Wrappers (env, arch, caffeinate, script, login/interactive shells), find -exec / fd -x readers,
// xargs over unknown input, awk and sed programs and a few small tools, proved through the compiled
// binary in real temporary git repositories with no classifier credentials: "allow" can only come
// from the fast path. Every ALLOW row has REFUSE neighbours that smuggle a write, a second command,
// a path outside or a secret; those must never be allowed.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { analyzeCommand } from "../../src/fastpath/analyze.ts";
import { DEFAULT_PROTECTED_BRANCHES, type PathFacts } from "../../src/fastpath/facts.ts";
import { type BinaryVerdict, binaryVerdicts, isolatedHome } from "../support/fastpath-binary.ts";
import { git } from "../support/git.ts";

const work = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-wraptext-")));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function put(path: string, text = "x\n"): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A clean repository: no secret, no symlink out. */
const repo = join(work, "repo");
for (const f of ["file.txt", "foo.txt", "README.md", "src/a.py", "src/b.py", "script.sed", "typescript", "f.gz"])
  put(join(repo, f), f === "script.sed" ? "s/a/b/\n" : "1 x\n");
put(join(repo, "bad.sed"), "s/a/b/w out.txt\n");
git(repo, "init", "-q");

/** A repository whose walk meets a secret and a symlink out. */
const dirty = join(work, "dirty");
put(join(dirty, "file.txt"));
put(join(dirty, "sub", ".env"), "TOKEN=1\n");
put(join(work, "outside.txt"), "secret\n");
symlinkSync(join(work, "outside.txt"), join(dirty, "link.txt"));
git(dirty, "init", "-q");

const home = isolatedHome();

async function expectVerdicts(cwd: string, allow: readonly string[], refuse: readonly string[]): Promise<void> {
  const verdicts = await binaryVerdicts([...allow, ...refuse], cwd, home.env);
  const wrong: string[] = [];
  for (const c of allow) if (verdicts.get(c) !== "allow") wrong.push(`expected allow: ${c} (${verdicts.get(c)})`);
  for (const c of refuse) if (verdicts.get(c) === "allow") wrong.push(`expected no allow: ${c}`);
  expect(wrong).toEqual([]);
}

function facts(cwd: string): PathFacts {
  return {
    cwd,
    boundary: cwd,
    home: home.home,
    branch: "feature/x",
    protectedBranches: DEFAULT_PROTECTED_BRANCHES,
    tempDirs: ["/tmp"],
  };
}

const verdict = (c: string, cwd = repo): BinaryVerdict | string => analyzeCommand(c, facts(cwd)).verdict;

const WRAPPERS_ALLOW = [
  "env ls",
  "env pwd",
  "env -- ls",
  "env LANG=C ls -la",
  "env -u HOME -- git status",
  "env --unset=HOME git status",
  "env --ignore-environment PATH=/bin ls",
  "env -i PATH=/usr/bin:/bin cat file.txt",
  "arch",
  "arch -x86_64 ls",
  "arch -arm64 cat foo.txt",
  "arch --arch x86_64 pwd",
  "arch -32 ls",
  "caffeinate -disu",
  "caffeinate -t 3600",
  "caffeinate -i ls -la",
  "caffeinate -t 5 -w 12 cat file.txt",
  "script -q /dev/null ls",
  "script -q /dev/null git status",
  "script -aq /dev/null cat file.txt",
  "script -p typescript",
  "script -dp typescript",
  "bash -lc 'echo hello'",
  "bash -ilc 'ls -la'",
  "zsh -ilc 'pwd'",
  "bash -cl 'echo hello'",
  "bash -cxl 'ls'",
  "sh -lc 'cat file.txt'",
  "bash -o pipefail -c 'git log'",
  "bash -o errexit -o nounset -c 'ls | head'",
  "bash --login -c 'ls'",
  "rtk --version",
  "rtk --help",
];

const WRAPPERS_REFUSE = [
  // env: prints the environment, moves the cwd, second command line, loses PATH, unsafe names
  "env",
  "env -0",
  "env --null",
  "env LANG=C",
  "env -u HOME",
  "env -C /tmp ls",
  "env --chdir=/tmp ls",
  "env -C.. ls",
  "env -S 'ls'",
  "env --split-string='rm -rf x'",
  "env -i ls",
  "env - ls",
  "env -u PATH ls",
  "env --unset PATH ls",
  "env PATH=.:/bin ls",
  "env PATH=/bin:. ls",
  "env PATH=bin ls",
  "env -i PATH= ls",
  "env FOO=bar ls",
  "env PAGER=evil git log",
  "env GIT_PAGER=evil git log",
  "env GIT_SSH_COMMAND=evil git status",
  "env LD_PRELOAD=./x.so ls",
  "env BASH_ENV=./x.sh bash -c 'ls'",
  "env -iu HOME ls",
  "env -u -i ls",
  "env ls > out.txt",
  "env rm -rf x",
  "env cat /etc/passwd",
  "env cat .env",
  "env -- rm x",
  "env LANG=C sh -c 'rm x'",
  // arch
  "arch -e FOO=bar ls",
  "arch -e DYLD_INSERT_LIBRARIES=./x.dylib ls",
  "arch -c ls",
  "arch -d HOME ls",
  "arch -x86_64 rm -rf x",
  "arch -arch x86_64",
  "arch -arch evil ls",
  "arch -x86_64 ./run.sh",
  // caffeinate
  "caffeinate -i rm x",
  "caffeinate -it 5 ls",
  "caffeinate -t x ls",
  "caffeinate -w ls",
  "caffeinate -x ls",
  // script: any file but /dev/null is written; -c is a command line
  "script",
  "script typescript",
  "script /tmp/out.log ls -la",
  "script -a /tmp/out.log cat file.txt",
  "script -q out.log ls",
  "script -q /dev/null",
  "script -q /dev/null rm -rf x",
  "script -c ls /dev/null",
  "script -c 'rm x' typescript",
  "script -q -c ls",
  "script -d /dev/null ls",
  "script -p a b",
  "script -pa typescript",
  "script -p ../outside.txt",
  "script -F pipe ls",
  "script -t 0 /dev/null ls",
  "script -k /dev/null ls",
  // shells
  "bash -c 'x' extra",
  "bash -c 'ls' _ a",
  "bash -o posix -c 'ls'",
  "bash -o -c 'ls'",
  "bash +o pipefail -c 'rm x'",
  "bash --rcfile F -c 'ls'",
  "bash --init-file F -c 'ls'",
  "bash -O extglob -c 'ls'",
  "bash -s",
  "bash -s < file.txt",
  "bash script.sh",
  "bash -l script.sh",
  "bash -l",
  "bash -i",
  "bash -c -x 'rm x'",
  "bash -c -- 'ls'",
  "bash -c",
  "bash -c ''",
  "bash -ic 'echo !!'",
  "bash -ic 'echo !rm'",
  "bash -lc 'rm -rf x'",
  "bash -o pipefail -c 'rm x'",
  "bash -lc 'ls > out.txt'",
  "bash -lc 'cat ../outside.txt'",
  "bash -lc 'cat .env'",
  "bash -xc 'ls' -x",
  "ksh -c 'ls'",
  "fish -c 'ls'",
  "tcsh -c 'ls'",
  // rtk rewrites what it runs
  "rtk git status",
  "rtk proxy ls",
  "rtk ls",
  "rtk cat README.md",
  "rtk gain",
  "rtk discover",
  "rtk version",
  "rtk --version extra",
];

describe("wrappers through the binary", () => {
  beforeAll(() => {
    // The in-process analysis and the binary must agree; a quick guard that the tables are alive.
    expect(verdict("env ls")).toBe("allow");
    expect(verdict("env -i ls")).not.toBe("allow");
  });
  test("allowed and refused", async () => expectVerdicts(repo, WRAPPERS_ALLOW, WRAPPERS_REFUSE), 120_000);
});

const EXEC_ALLOW = [
  "find . -exec cat {} \\;",
  "find . -exec ls {} \\;",
  "find . -name '*.py' -exec wc -l {} \\;",
  "find . -name '*.py' -exec grep TODO {} \\;",
  "find . -type f -exec md5sum {} +",
  "find . -execdir cat {} \\;",
  "find . -name '*.py' -print -exec cat {} \\;",
  "find src -exec head -n 2 {} +",
  "find src -type f -exec file {} \\;",
  "fd -x echo",
  "fd --exec echo",
  "fd pattern -x cat",
  "fd --type f --exec cat {}",
  "fd -e py -X wc -l",
];

const EXEC_REFUSE = [
  "find . -exec sh -c 'cat {}' \\;",
  "find . -exec bash -c 'cat \"$1\"' _ {} \\;",
  "find . -ok cat {} \\;",
  "find . -okdir cat {} \\;",
  "find . -exec rm {} \\;",
  "find . -execdir rm -f {} +",
  "find . -exec cat {} \\; -delete",
  "find . -delete -exec cat {} \\;",
  "find . -exec cat {} \\; -exec rm {} \\;",
  "find . -exec cat {} + -fprint x",
  "find . -fprint x -exec cat {} +",
  "find / -exec cat {} \\;",
  "find ~ -exec cat {} \\;",
  "find .. -exec cat {} \\;",
  "find /home/user -exec cat {} +",
  "find . ../ -exec cat {} +",
  "find . -exec grep -r x {} \\;",
  "find . -exec grep -R x {} +",
  "find . -exec cat + -delete \\;",
  "find . -exec {} \\;",
  "find . -exec ./{} \\;",
  "find . -exec env cat {} \\;",
  "find . -exec xargs cat {} \\;",
  "find . -exec cat {}",
  "find . -exec \\;",
  "find . -L -exec cat {} \\;",
  "find . -follow -exec cat {} \\;",
  "find . -exec cat {} \\; > out.txt",
  "find . -exec tee out.txt {} \\;",
  "find . -exec cp {} /tmp \\;",
  "find . -exec sed -i s/a/b/ {} +",
  "find . -exec git add {} +",
  "find . -exec cat {} \\; -fls x",
  "fd -x rm",
  "fd -x sh -c 'cat {}'",
  "fd -L -x cat",
  "fd --follow --exec cat",
  "fd -x cat \\; -x rm",
  "fd -Hx cat",
  "fd --exec=cat",
  "fd pattern /etc -x cat",
  "fd pattern .. -x cat",
  "fd --base-directory /etc -x cat",
  "fd --base-directory=.. -x cat",
  "fd -x grep -r x",
  "fd -x",
];

/** In a repository whose walk meets `sub/.env` and `link.txt -> ../outside.txt`, no reader may run over it. */
const EXEC_DIRTY_REFUSE = [
  "find . -exec cat {} \\;",
  "find . -type f -exec md5sum {} +",
  "find sub -exec cat {} +",
  "find . -name '*.txt' -exec head {} \\;",
  "fd -x cat",
  "fd txt -x cat",
];

describe("find -exec and fd -x readers through the binary", () => {
  test("in a clean repository", async () => expectVerdicts(repo, EXEC_ALLOW, EXEC_REFUSE), 120_000);
  test("never over a secret or a symlink out", async () => {
    expect(verdict("find . -exec cat {} \\;")).toBe("allow");
    await expectVerdicts(dirty, ["find . -maxdepth 1 -name file.txt"], EXEC_DIRTY_REFUSE);
  }, 120_000);
});
