// Wrappers (env, arch, caffeinate, script, login/interactive shells), find -exec / fd -x readers,
// xargs over unknown input, awk and sed programs and a few small tools, proved through the compiled
// binary in real temporary git repositories with no classifier credentials: "allow" can only come
// from the fast path. Every ALLOW row has REFUSE neighbours that smuggle a write, a second command,
// a path outside or a secret; those must never be allowed.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeCommand } from "../../src/fastpath/analyze.ts";
import { DEFAULT_PROTECTED_BRANCHES, type PathFacts } from "../../src/fastpath/facts.ts";
import { type BinaryVerdict, isolatedHome, listMismatches, put } from "../support/fastpath-binary.ts";
import { git } from "../support/git.ts";

const work = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-wraptext-")));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A clean repository: no secret, no symlink out. */
const repo = join(work, "repo");
for (const f of ["file.txt", "foo.txt", "README.md", "src/a.py", "src/b.py", "script.sed", "typescript", "f.gz"])
  put(join(repo, f), f === "script.sed" ? "s/a/b/\n" : "1 x\n");
put(join(repo, "bad.sed"), "s/a/b/w out.txt\n");
put(join(repo, "expr.yq"), 'load("/etc/passwd")\n');
put(join(repo, "file.yaml"), "key: 1\n");
git(repo, "init", "-q");

/** A repository whose walk meets a secret and a symlink out. */
const dirty = join(work, "dirty");
put(join(dirty, "file.txt"));
put(join(dirty, "sub", ".env"), "TOKEN=1\n");
put(join(dirty, ".key"), "PRIVATE\n");
put(join(work, "outside.txt"), "secret\n");
symlinkSync(join(work, "outside.txt"), join(dirty, "link.txt"));
git(dirty, "init", "-q");

const home = isolatedHome();

async function expectVerdicts(cwd: string, allow: readonly string[], refuse: readonly string[]): Promise<void> {
  expect(await listMismatches(cwd, home.env, allow, refuse)).toEqual([]);
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
  "env -u HOME bash -c 'cat $HOME/x'",
  "env -u HOME bash -c 'cat ~/x'",
  "env -i PATH=/bin bash -c 'cat \"$HOME\"/x'",
  "env -u PWD sh -c 'cat $PWD/file.txt'",
  "env -u HOME -- sh -c 'cat `echo x`'",
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

describe("hard denies hold through the wrappers", () => {
  test("rm -rf ~ is denied however it is wrapped", () => {
    for (const c of [
      "script -qc 'rm -rf ~' /dev/null",
      "script -qfc 'rm -rf ~'",
      "script -q /dev/null rm -rf ~",
      "script /tmp/x rm -rf ~",
      "bash -o pipefail -c 'rm -rf ~'",
      "bash -lc 'rm -rf ~'",
      "bash --rcfile x -c 'rm -rf ~'",
      "env -u HOME rm -rf ~",
      "arch -x86_64 rm -rf ~",
      "caffeinate -i rm -rf ~",
      "fd -x rm -rf ~",
      "find . -exec rm -rf ~ \\;",
      // a getopt bundle whose last letter takes the next word: that word is not the command
      "caffeinate -iw 1 rm -rf ~",
      "caffeinate -it 5 rm -rf ~",
      "timeout -vs KILL 5 rm -rf ~",
      "xargs -tn1 rm -rf ~",
      "env -iu HOME rm -rf ~",
      "nice -n5 rm -rf ~",
      "stdbuf -oL rm -rf ~",
      "arch -arm64e rm -rf ~",
    ])
      expect([c, verdict(c)]).toEqual([c, "deny"]);
  });
});

describe("env without HOME", () => {
  // The repository inside the home directory: `$HOME/repo/file.txt` is checked as inside, but with
  // HOME removed the shell reads `/repo/file.txt`.
  const inHome = { ...facts(repo), home: work };
  test("a script that expands $HOME is not provable once env removed HOME", () => {
    expect(analyzeCommand("bash -c 'cat $HOME/repo/file.txt'", inHome).verdict).toBe("allow");
    for (const c of [
      "env -u HOME bash -c 'cat $HOME/repo/file.txt'",
      "env -i PATH=/bin bash -c 'cat $HOME/repo/file.txt'",
      "env --unset=HOME -- sh -c 'cat ~/repo/file.txt'",
    ])
      expect(analyzeCommand(c, inHome).verdict).not.toBe("allow");
    expect(analyzeCommand("env -u HOME -- git status", inHome).verdict).toBe("allow");
  });
});

describe("fd -x walks every search path", () => {
  test("a --search-path= beside the working directory is walked too", () => {
    // cwd dirty/sub2 is clean; its sibling dirty/sub holds .env
    mkdirSync(join(dirty, "sub2"), { recursive: true });
    put(join(dirty, "sub2", "a.txt"));
    const inSub2 = { ...facts(dirty), cwd: join(dirty, "sub2") };
    expect(analyzeCommand("fd -x cat", inSub2).verdict).toBe("allow");
    expect(analyzeCommand("fd --search-path=../sub -x cat", inSub2).verdict).not.toBe("allow");
    expect(analyzeCommand("fd --search-path ../sub -x cat", inSub2).verdict).not.toBe("allow");
    expect(analyzeCommand("find ../sub -exec cat {} +", inSub2).verdict).not.toBe("allow");
  });
});

describe("find -exec and fd -x readers through the binary", () => {
  test("in a clean repository", async () => expectVerdicts(repo, EXEC_ALLOW, EXEC_REFUSE), 120_000);
  test("never over a secret or a symlink out", async () => {
    expect(verdict("find . -exec cat {} \\;")).toBe("allow");
    await expectVerdicts(dirty, ["find . -maxdepth 1 -name file.txt"], EXEC_DIRTY_REFUSE);
  }, 120_000);
});

const TEXT_ALLOW = [
  "sed -f script.sed file.txt",
  "sed --file=script.sed file.txt",
  "sed -n -f script.sed file.txt",
  "bash -c 'sed -f script.sed file.txt'",
  "nawk '{print $1}' file.txt",
  "awk '/pattern/ {print}' file.txt",
  "awk '/foo/ {print $1}' file.txt",
  "awk 'NR > 1 {print}' file.txt",
  "awk 'NR == 1 || /pattern/' file.txt",
  "awk 'NR==1 {min=max=$1} {if($1<min)min=$1;if($1>max)max=$1} END{print min,max}' file.txt",
  "awk '{if ($1 > 10) print}' file.txt",
  "awk '$1 > 10 {print}' file.txt",
  'awk \'{print ($1 > 0 ? "positive" : "non-positive")}\' file.txt',
  "awk '$1 > 10' file.txt",
  "awk 'NR > 5' file.txt",
  "awk '{print > \"/dev/null\"}' file.txt",
  'awk \'BEGIN {FS=":"; OFS=","} NR>1 {print $1,$2}\' file.txt',
  "awk '{ n = $1 > 3 ? 1 : 0; print n }' file.txt",
  "awk -F: '$2 ~ /x/ {print $1}' file.txt",
  "awk '/start/,/end/' file.txt",
  "awk '{s+=$1; n++} END {print s/n}' file.txt",
  "awk '{print $1/2, ($2 > 1)}' file.txt",
  "sed '/pattern/d' file.txt",
  "sed '/pattern/p' file.txt",
  "sed -n '/pattern/p' file.txt",
  "sed 'y/abc/xyz/' file.txt",
  "sed '/start/,/end/d' file.txt",
  "sed '1!G;h;$!d' file.txt",
  "sed ':a;N;$!ba;s/\\n/ /g' file.txt",
  "sed -e '/x/d' -e 's/a/b/g' file.txt",
  "sed -n '$p' file.txt",
  "sed '0,/re/d' file.txt",
  "sed '2,+3d' file.txt",
  "sed '/a/I,/b/Id' file.txt",
  "sed '$!{N;P;D}' file.txt",
  "sed 's/[[:space:]]*$//' file.txt",
  "sed 's/a/b/2g' file.txt",
  "sed '=' file.txt",
  "sed 'q5' file.txt",
  "sed '1~2d' file.txt",
  "sed -n '/x/{p;q}' file.txt",
];

const TEXT_REFUSE = [
  "sed -f bad.sed file.txt",
  "sed --file=bad.sed file.txt",
  "sed -f - file.txt",
  "sed -f /dev/stdin file.txt",
  "sed -f ../outside.txt file.txt",
  "sed -f .env file.txt",
  "sed -f script.sed -f bad.sed file.txt",
  "sed -i -f script.sed file.txt",
  "sed -f script.sed file.txt > out.txt",
  "sudo sed -f script.sed file.txt",
  "xargs sed -f script.sed",
  "find . -exec sed -f script.sed {} +",
  "sed -f missing.sed file.txt",
  "awk '{print>\"x\"}' file.txt",
  'awk \'{printf "%s", $1 > "f"}\' file.txt',
  "awk '{print $1 >> \"f\"}' file.txt",
  "awk 'BEGIN{\"date\" | getline d; print d}'",
  "awk 'BEGIN{system(\"rm x\")}'",
  "awk 'BEGIN{print ENVIRON[\"HOME\"]}'",
  "awk -f prog.awk file.txt",
  'awk \'{print > "/dev/null" "x"}\' file.txt',
  "awk 'BEGIN{ARGV[1]=\"/etc/passwd\";ARGC=2}{print}'",
  "awk '{print $1 | \"sort\"}' file.txt",
  'awk \'{printf("%s", $1) > "out"}\' file.txt',
  "awk '{print (a) > \"out\"}' file.txt",
  'awk \'if (1) /"/; {print > "f"}\' file.txt',
  "awk '{ x = 1; print x > \"o\" }' file.txt",
  "awk '{print $1, $2 > \"o\"}' file.txt",
  "awk '{@f(\"x\")}' file.txt",
  "awk '$1 ~ /[/]/ {print > \"f\"}' file.txt",
  "awk 'BEGIN{while ((\"ls\" | getline l) > 0) print l}'",
  "awk '{getline line < \"/etc/passwd\"; print line}' file.txt",
  "awk '{print |& \"cat\"}' file.txt",
  "awk '@include \"x.awk\"' file.txt",
  "awk '/etc/' /etc/passwd",
  "awk '{print}' .env",
  "awk '{print}' ../outside.txt",
  "awk '{print > FILENAME}' file.txt",
  "gawk -e 'BEGIN{system(\"id\")}'",
  "awk -v x=1 -f prog.awk",
  'awk \'{print "a" > "/dev/null" x}\' file.txt',
  'awk \'{print > "/dev/null"; print > "o"}\' file.txt',
  "awk '{print > \"/dev/stderr\"}' file.txt",
  "awk '{print > \"/dev/stdout\"}' file.txt",
  "sed 's/a/b/w out.txt' file.txt",
  "sed 's/a/b/e' file.txt",
  "sed '1e rm x' file.txt",
  "sed 'w out.txt' file.txt",
  "sed '/x/w out' file.txt",
  "sed 'r /etc/passwd' file.txt",
  "sed 'R /etc/passwd' file.txt",
  "sed 'W out' file.txt",
  "sed '1a hello' file.txt",
  "sed -i 's/a/b/' file.txt",
  "sed -i.bak 's/a/b/' file.txt",
  "sed 's/[/]/x/w out/' file.txt",
  "sed 's/[[:alpha:]/]/x/w out' file.txt",
  "sed ':a w out' file.txt",
  "sed 'ba;w out' file.txt",
  "sed -n p /etc/passwd",
  "sed 'y/a/b/w x' file.txt",
  "sed 's/x/y/gw /dev/stdout' file.txt",
  "sed -e 'p' -e 'w x' file.txt",
  "sed --expression='w x' file.txt",
  "sed -ne 'w x' file.txt",
  "sed 's/a/b/;e' file.txt",
  "sed -n p .env",
  "sed -e 's/a/b\\\\' -e '/w x' file.txt",
  "sed -e '{' -e 'w x' -e '}' file.txt",
  "sed file.txt 'w x'",
  "sed -n '/x/{p;w o' file.txt",
];

describe("awk programs and sed scripts through the binary", () => {
  test(
    "print-only programs are proved, writes and commands are not",
    async () => expectVerdicts(repo, TEXT_ALLOW, TEXT_REFUSE),
    120_000,
  );
});

/** basename, dirname and echo print whatever words they get: only they may take words from an unknown input. */
const XARGS_ALLOW = [
  "xargs basename",
  "xargs dirname",
  "xargs echo",
  "xargs -n1 basename -s .py",
  "xargs -I {} echo {}",
  "xargs basename --help",
  "xargs -0 dirname -z",
  "find . -name '*.py' | xargs basename",
];

const XARGS_REFUSE = [
  "xargs -I {} sh -c 'echo {}'",
  "xargs -I {} bash -c 'cat {}'",
  "xargs sh -c 'echo hello'",
  "xargs -I ch echo x",
  "xargs -I e echo x",
  "xargs -I {} {} x",
  "xargs cat",
  "xargs ls",
  "xargs git status",
  "xargs env echo",
  "xargs env FOO=bar cat",
  "xargs time cat",
  "xargs echo > out.txt",
  "xargs nice echo",
  "xargs -a ../outside.txt echo",
  "xargs rm",
  "xargs printf",
  "xargs basename | sh",
  "xargs echo | bash",
  "xargs -I {} echo {} > {}",
];

describe("xargs over an unknown input through the binary", () => {
  test("only pure string commands", async () => expectVerdicts(repo, XARGS_ALLOW, XARGS_REFUSE), 120_000);
});

const SMALL_ALLOW = [
  "ip --brief addr",
  "ip --human-readable link",
  "journalctl -b",
  "journalctl --boot",
  "journalctl --boot=-1",
  "journalctl -b -1",
  "journalctl --boot -2 -n 50",
  "dmesg -s 16384",
  "dmesg --buffer-size=16384",
  "mktemp -u",
  "mktemp -u template.XXXX",
  "mktemp -u -t prefix",
  "mktemp --dry-run",
  "base64 -e file.txt",
  "base64 --encode file.txt",
  "base64 -n file.txt",
  "base64 --noerrcheck file.txt",
  "base64 -d -n file.txt",
  "base64 -u",
  "base64 --copyright",
  "gunzip -c -f f.gz",
  "unzip -h",
  "unzip -hh",
  "unzip --help",
  "7z -h",
  "7z --help",
  "7zz -h",
  "7zz --help",
  "7zr l archive.7z",
];

const SMALL_REFUSE = [
  "ip -rc route",
  "ip --brief addr add 1.2.3.4/24 dev lo",
  "journalctl --vacuum-size=1",
  "journalctl -b -1 --vacuum-time=1s",
  "journalctl -b --rotate -1",
  "journalctl -b --rotate",
  "dmesg -n 8",
  "dmesg --console-level=8",
  "dmesg -s 16384 -c",
  "dmesg -C",
  "mktemp",
  "mktemp -d",
  "mktemp template.XXXX",
  "mktemp -pu x",
  "mktemp -u -p /etc",
  "mktemp -u --tmpdir=/etc",
  "mktemp -u > out.txt",
  "base64 -e file.txt out.txt",
  "base64 file.txt out.txt",
  "base64 -d file.txt out.txt",
  "base64 -o out.txt file.txt",
  "base64 -i ../outside.txt",
  "base64 .env",
  "gunzip -f f.gz",
  "gzip -f file.txt",
  "gunzip -c -f ../outside.gz",
  "unzip -h x.zip",
  "unzip -hh -o x.zip",
  "7z -h x",
  "7zr x a.7z",
  "7z --help a",
  "7zz a out.7z file.txt",
];

describe("mktemp -u, base64, gunzip -c -f, unzip / 7z help through the binary", () => {
  test("print-only modes", async () => expectVerdicts(repo, SMALL_ALLOW, SMALL_REFUSE), 120_000);
});

const YQ_ALLOW = [
  "yq '.key'",
  "yq '.key' file.yaml",
  "yq eval '.key' file.yaml",
  "yq eval-all '.key' file.yaml",
  "yq --colors '.key' file.yaml",
  "yq -C '.key' file.yaml",
  "yq -o json '.a' file.yaml",
  "yq file.yaml",
];

const YQ_REFUSE = [
  "yq '.a = env(X)' file.yaml",
  "yq 'load(\"/etc/passwd\")' file.yaml",
  "yq 'strenv(HOME)' file.yaml",
  "yq '.a' .env",
  "yq expr.yq file.yaml",
  "yq eval expr.yq file.yaml",
  "yq x.yq file.yaml",
  "yq -i '.a = 1' file.yaml",
  "yq '.a' ../outside.txt",
  "yq '.a' file.yaml > out.txt",
  "yq --from-file=expr.yq file.yaml",
  "yq '.a' /etc/passwd",
];

describe("yq expressions through the binary", () => {
  test(
    "an expression word is not a path, a file word is",
    async () => expectVerdicts(repo, YQ_ALLOW, YQ_REFUSE),
    120_000,
  );
  test("a first word that names an existing secret is read as a file", async () => {
    expect(verdict("yq '.key'", dirty)).not.toBe("allow");
    await expectVerdicts(dirty, ["yq '.a' file.txt"], ["yq '.key'", "yq .key", "yq eval .key", "yq '.key' file.txt"]);
  }, 120_000);
});
