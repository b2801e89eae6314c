// Red-team cases against the read-only text tools of the fast path (diff, grep/rg/ag/ack/git grep walks,
// locale variables, special files, yq), through the compiled binary in real temporary repositories
// with no classifier credentials: "allow" can only come from the fast path. Each REFUSE row was a hole
// found by attacking the allows as a hostile repository or agent would; the ALLOW rows keep the fixes
// from refusing more than they must.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { binaryVerdicts, isolatedHome, listMismatches, put } from "../support/fastpath-binary.ts";
import { git } from "../support/git.ts";

const work = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-redteam-text-")));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function mkfifo(path: string): void {
  const r = Bun.spawnSync(["mkfifo", path]);
  if (r.exitCode !== 0) throw new Error(`mkfifo ${path}: ${r.stderr}`);
}

/** A file beside the repositories that no allow may read. */
put(join(work, "outside.txt"), "SECRET\n");

/** diff: d/ holds a link out of the repository, e/ a secret; ok/ and empty/ are harmless. */
const dirs = join(work, "dirs");
put(join(dirs, "a.txt"));
put(join(dirs, "b.txt"), "y\n");
put(join(dirs, "d", "b.txt"));
symlinkSync("../../outside.txt", join(dirs, "d", "a.txt"));
put(join(dirs, "e", ".env"), "TOKEN=1\n");
put(join(dirs, "ok", "a.txt"));
mkdirSync(join(dirs, "empty"));
git(dirs, "init", "-q");

/** Special files: a FIFO in the tree (and a link to it); a block device when this user may make one. */
const special = join(work, "special");
put(join(special, "a.txt"));
put(join(special, "clean", "c.txt"));
mkfifo(join(special, "fifo"));
symlinkSync("fifo", join(special, "pipe.txt"));
const device = Bun.spawnSync(["mknod", join(special, "disk"), "b", "8", "0"]).exitCode === 0;
git(special, "init", "-q");

/** A repository whose .git/config is a FIFO: the gate's own config checks must not wait on it. */
const piped = join(work, "piped");
put(join(piped, "a.txt"));
git(piped, "init", "-q");
renameSync(join(piped, ".git", "config"), join(piped, ".git", "config.orig"));
mkfifo(join(piped, ".git", "config"));

/** Walks from a/: the secret is in b/, committed; a/pat is a pattern file. */
const walks = join(work, "walks");
put(join(walks, "a", "f.txt"));
put(join(walks, "a", "pat"), "TOKEN\n");
put(join(walks, "b", "g.txt"));
put(join(walks, "b", ".env"), "TOKEN=1\n");
git(walks, "init", "-q");
git(walks, "add", "-A", "-f");
git(walks, "commit", "-qm", "init");

/** Nothing secret anywhere: walks and git grep stay provable. list / sums name a file outside. */
const clean = join(work, "clean");
put(join(clean, "a.txt"));
put(join(clean, "list"), `${join(work, "outside.txt")}\n`);
put(join(clean, "sums"), `d41d8cd98f00b204e9800998ecf8427e  ${join(work, "outside.txt")}\n`);
put(join(clean, "a.yml"), "a: 1\n");
put(join(clean, "sub", "b.txt"));
git(clean, "init", "-q");
git(clean, "add", "-A");
git(clean, "commit", "-qm", "init");

/** Listing walkers that follow links: lnk points out of the repository, inner -> a directory inside. */
const listing = join(work, "listing");
put(join(listing, "src", "a.txt"));
put(join(listing, "docs", "b.txt"));
symlinkSync(work, join(listing, "lnk"));
symlinkSync("../docs", join(listing, "src", "inner"));
git(listing, "init", "-q");

/** Credentials in a worktree config and in a bare repository kept in the tree (a test fixture). */
const creds = join(work, "creds");
put(join(creds, "a.txt"));
git(creds, "init", "-q");
git(creds, "init", "-q", "--bare", "fixtures/up.git");
git(join(creds, "fixtures", "up.git"), "config", "remote.origin.url", "https://u:tok@example.com/x");
git(creds, "config", "extensions.worktreeConfig", "true");
git(creds, "config", "--worktree", "http.extraHeader", "AUTHORIZATION: basic abc");

/** From sub/: sub/link -> ../other, which holds a secret the walk of sub/ does not enter. */
const linked = join(work, "linked");
put(join(linked, "sub", "a.txt"));
put(join(linked, "other", ".env"), "TOKEN=1\n");
symlinkSync("../other", join(linked, "sub", "link"));
git(linked, "init", "-q");

const home = isolatedHome();

async function expectVerdicts(cwd: string, allow: readonly string[], refuse: readonly string[]): Promise<void> {
  expect(await listMismatches(cwd, home.env, allow, refuse)).toEqual([]);
}

describe("diff with a directory operand", () => {
  // Without -r, diff still reads every file one level down a directory operand (`diff -N d empty` prints
  // them all, following links) and `diff DIR FILE` reads DIR/FILE: d/a.txt links outside, e/.env is secret.
  test("walks the directory", async () => {
    await expectVerdicts(
      dirs,
      ["diff a.txt b.txt", "diff -u a.txt b.txt", "diff -N ok empty", "diff ok empty", "diff -r ok empty"],
      [
        "diff d a.txt",
        "diff -N d empty",
        "diff -u d empty",
        "diff --new-file d empty",
        "diff -q d empty",
        "diff empty d",
        "diff -N e empty",
        "diff -N empty e",
        "diff --unified=3 -N e/ empty/",
        "diff -rN d empty",
      ],
    );
  }, 60000);
});

describe("locale and terminal variables naming a path", () => {
  // gettext builds the catalog path from LANGUAGE / LC_*: `LANGUAGE=../../x cat f` loads x/LC_MESSAGES/
  // coreutils.mo from the repository (the tool's printf formats); glibc loads a locale from an absolute name.
  test("refused; plain names stay provable", async () => {
    await expectVerdicts(
      clean,
      [
        "LC_ALL=C cat a.txt",
        "LANG=en_US.UTF-8 grep x a.txt",
        "LC_ALL=C.UTF-8 sort a.txt",
        "TZ=Europe/Berlin date",
        "env LC_ALL=C sort a.txt",
        "TERM=xterm-256color cat a.txt",
      ],
      [
        "LANGUAGE=../../../../repo/x cat missing",
        "LANGUAGE=de:../x cat a.txt",
        "LC_ALL=/tmp/x cat a.txt",
        "LC_MESSAGES=../x cat a.txt",
        "LANG=/x grep x a.txt",
        "LANG=$X cat a.txt",
        'LC_ALL="$X" cat a.txt',
        "TERM=../x cat a.txt",
        "env LANGUAGE=../x cat a.txt",
        "env LC_ALL=/x sort a.txt",
        "timeout 5 env LC_MESSAGES=/x cat a.txt",
        "LANGUAGE=../x; cat a.txt",
      ],
    );
  }, 60000);
});

describe("devices and FIFOs in the repository", () => {
  // A FIFO hands over what another process writes (and blocks); a device node reads a disk or memory.
  test("refused as paths and in walks", async () => {
    await expectVerdicts(
      special,
      ["cat a.txt", "cat /dev/null", "grep -r x clean", "rg x clean", "wc -c a.txt"],
      [
        "cat fifo",
        "head -c 1 fifo",
        "wc -c fifo",
        "cat pipe.txt",
        "grep x < fifo",
        "grep --devices=read x fifo",
        "cat fif?",
        "grep -r x .",
        "grep -R x .",
        "rg x",
        "rg -L x .",
        "diff -N clean .",
        ...(device ? ["head -c 100 disk", "od -N 16 disk", "grep -r x ."] : []),
      ],
    );
  }, 60000);

  test("a FIFO as $KUBECONFIG does not hang the gate", async () => {
    const verdicts = await binaryVerdicts(["kubectl config view"], special, {
      ...home.env,
      KUBECONFIG: join(special, "fifo"),
    });
    expect(verdicts.get("kubectl config view")).not.toBe("allow");
  }, 20000);

  test("a FIFO as .git/config does not hang the gate", async () => {
    await expectVerdicts(piped, ["cat a.txt"], ["git status", "git log", "cat .git/config", "grep -r x ."]);
  }, 20000);
});

describe("recursive readers with the pattern glued to its option", () => {
  // `-eKEY`, `-reKEY`, `-fFILE`, `--match=KEY` were not seen as giving the pattern, so the first real
  // root was taken for the pattern and the walk went over the working directory instead of ../b.
  test("every operand is walked", async () => {
    await expectVerdicts(
      join(walks, "a"),
      ["grep -r -eTOKEN .", "grep -reTOKEN .", "rg -eTOKEN .", "rg -fpat .", "rg -m 1 TOKEN .", "grep -rA 2 x ."],
      [
        "grep -r -eTOKEN ../b",
        "grep -reTOKEN ../b",
        "grep -rieTOKEN ../b",
        "egrep -r -eTOKEN ../b",
        "grep -r -fpat ../b",
        "grep -r --file=pat ../b",
        "rg -eTOKEN ../b",
        "rg -uuueTOKEN ../b",
        "rg -fpat ../b",
        "rg -ifpat ../b",
        "ack --noenv --match=TOKEN ../b",
        "ack --noenv --match TOKEN ../b",
        "ag -GTOKEN x ../b",
      ],
    );
  }, 60000);
});

describe("git grep beyond the working directory", () => {
  // Pathspecs reach the whole work tree from a subdirectory (`../b`, `:/`, `:(top)`, `git -C ..`).
  // Without such a pathspec git grep searches only below the directory it runs in (checked with git 2.39).
  test("walks the whole repository", async () => {
    await expectVerdicts(
      join(walks, "a"),
      ["git grep TOKEN", "git grep TOKEN -- ."],
      [
        "git grep TOKEN ../b",
        "git grep TOKEN -- ..",
        "git grep TOKEN -- :/",
        "git grep TOKEN -- ':(top)'",
        "git -C .. grep TOKEN",
        "git grep -e TOKEN ..",
      ],
    );
    await expectVerdicts(join(clean, "sub"), ["git grep x", "git grep x -- ..", "git -C .. grep x"], []);
  }, 60000);
});

describe("yq operators that run commands or read files", () => {
  // system() runs a command; mikefarah's lexer also takes `strload`, `loadstr`, `xml_load`, `loadbase64`
  // (no word boundaries), which read any file.
  test("refused; plain expressions stay provable", async () => {
    await expectVerdicts(
      clean,
      ["yq .a a.yml", "yq -o=json . a.yml", "yq e '.a | length' a.yml", "yq '.a' a.yml"],
      [
        `yq 'system("id")' a.yml`,
        `yq '.a = system("id"; "x")' a.yml`,
        `yq e 'system("id")' a.yml`,
        `yq -n 'strload("/etc/passwd")'`,
        `yq -n 'loadstr("/etc/passwd")'`,
        `yq e -n 'str_load("/etc/passwd")'`,
        `yq -n 'xmlload("/etc/x.xml")'`,
        `yq -n 'loadprops("/etc/x")'`,
        `yq -n 'loadbase64("/etc/x")'`,
        "yq -n '1env(HOME)'",
        `yq -o json -n 'strload("/etc/passwd")'`,
        `yq --expression='strload("/etc/passwd")' a.yml`,
      ],
    );
  }, 60000);
});

describe("lists of files to open, read from a file", () => {
  // The names in the list are opened by the tool and no path check sees them: ack prints matching lines,
  // file prints a type (and strings some formats embed), the checksum tools say whether each matches.
  test("refused; the same tools on named files stay provable", async () => {
    await expectVerdicts(
      clean,
      [
        "ack --noenv SECRET a.txt",
        "file a.txt",
        "file -b a.txt",
        "md5sum a.txt",
        "sha256sum --tag a.txt",
        "cksum a.txt",
      ],
      [
        "ack --noenv --files-from=list SECRET",
        "ack --noenv --files-from list SECRET",
        "ack --noenv -x SECRET < list",
        "cat list | ack --noenv -x SECRET",
        "ack --noenv -ix SECRET < list",
        "file -f list",
        "file -bf list",
        "file --files-from=list",
        "file --files-from list",
        "md5sum -c sums",
        "md5sum --check sums",
        "md5sum -c < sums",
        "sha256sum --check --quiet sums",
        "sha1sum -wc sums",
        "b2sum -c sums",
        "cksum -c sums",
        "cksum --check sums",
        "shasum -c sums",
        "shasum --check sums",
      ],
    );
  }, 60000);
});

describe("listing walkers that follow symlinks", () => {
  // `ls lnk/` is refused (lnk points out of the repository), but `find -L .` listed the same directory.
  test("refused when a followed link leaves the repository", async () => {
    await expectVerdicts(
      listing,
      [
        "find . -name a.txt",
        "ls -R",
        "tree",
        "du -a .",
        "fd a.txt",
        "find -L src -name b.txt",
        "tree -l src",
        "ls -RL src",
        "du -L -a src",
        "fd -L b.txt src",
      ],
      [
        "find -L . -name outside.txt",
        "find . -follow -name outside.txt",
        "find -L . -type f",
        "tree -l",
        "tree -al .",
        "du -L -a .",
        "du --dereference -a",
        "ls -RL",
        "ls -lRL .",
        "ls -R --dereference .",
        "fd -L outside",
        "fd --follow outside",
        "fd -HL outside .",
      ],
    );
  }, 60000);
});

describe("7z h over directories and its own wildcards", () => {
  // 7z h hashes a directory's files recursively (following links) and expands quoted wildcards itself;
  // a hash of a short secret is enough to test guesses.
  test("refused; named files stay provable", async () => {
    await expectVerdicts(
      dirs,
      ["7z h a.txt", "7z h -scrcSHA256 a.txt b.txt", "7z h ok", "7z l a.7z"],
      ["7z h e", "7z h d", "7z h -scrcSHA256 e", "7za h e/", "7z h '*'", "7z h 'd/*'", "7z h 'e/.en?'", "7z l '*.7z'"],
    );
  }, 60000);
});

describe("git diff --no-index and git -C", () => {
  // --no-index on directories prints every file below them; after `-C DIR` git reads its operands
  // relative to DIR, not to where the path check looked (`git -C .. diff --no-index ../outside.txt a.txt`
  // from a subdirectory reads the file beside the repository).
  test("--no-index: directories are walked", async () => {
    await expectVerdicts(
      dirs,
      ["git diff --no-index a.txt b.txt", "git diff --no-index ok empty"],
      ["git diff --no-index e empty", "git diff --no-index -- empty e", "git diff --no-index --stat e empty"],
    );
  }, 60000);

  test("git -C: operands are checked where git runs", async () => {
    await expectVerdicts(
      join(clean, "sub"),
      ["git -C .. status", "git -C .. log --oneline", "git -C .. diff --no-index a.txt sub/b.txt", "git status"],
      [
        "git -C .. diff --no-index ../outside.txt a.txt",
        "git -C .. diff --no-index -- a.txt ../outside.txt",
        "git -C .. -C .. status",
        "git -C .. -C .. log",
      ],
    );
  }, 60000);
});

describe("git configs holding a credential beyond .git/config", () => {
  test("config.worktree and a bare repository's config are secrets", async () => {
    await expectVerdicts(
      creds,
      ["cat a.txt", "cat fixtures/up.git/HEAD", "ls fixtures/up.git"],
      [
        "cat fixtures/up.git/config",
        "head fixtures/up.git/config",
        "grep -r tok fixtures",
        "rg -uu tok fixtures",
        "cat .git/config.worktree",
        "grep -r basic .",
      ],
    );
  }, 60000);
});

describe("grep -d ACTION abbreviated", () => {
  // grep takes any unambiguous prefix of an action: `-d rec` and `--directories=recu` recurse.
  test("counts as recursion, also under find -exec / fd -x", async () => {
    await expectVerdicts(
      join(walks, "a"),
      ["grep -d skip TOKEN ../b", "grep -d read TOKEN f.txt", "grep --directories=skip TOKEN ../b"],
      [
        "grep -d rec TOKEN ../b",
        "grep -d recu TOKEN ../b",
        "grep --directories=recu TOKEN ../b",
        "grep --directories rec TOKEN ../b",
        "grep -nd rec TOKEN ../b",
        "grep -drec TOKEN ../b",
      ],
    );
    await expectVerdicts(
      join(linked, "sub"),
      ["cat a.txt"],
      [
        "find . -exec grep -d rec TOKEN {} +",
        "find . -exec grep --directories=recu TOKEN {} +",
        "find . -exec grep -nd rec TOKEN {} \\;",
        "fd -x grep -d rec TOKEN",
      ],
    );
    await expectVerdicts(clean, ["find . -exec grep -d skip x {} +", "find . -exec grep x {} +"], []);
  }, 60000);
});

describe("jq $ ENV with a blank", () => {
  // jq 1.6 reads `$` and `ENV` as two tokens: `$ ENV.HOME` prints the environment.
  test("refused; plain programs stay provable", async () => {
    await expectVerdicts(
      clean,
      ["jq -n '1 + 1'", "jq '.a' a.yml", "jq -n '$__loc__'"],
      ["jq -n '$ ENV.HOME'", "jq -n '$\tENV'", "jq -n '$ #c\nENV'", "jq -n '$ENV'", "jq -n 'env'"],
    );
  }, 60000);
});

describe("walk roots written as globs", () => {
  // The path check expands `../b*` to ../b (inside, not a secret name), but the walks took the word as
  // written, found no such directory and walked only the working directory: ../b/.env was printed.
  test("every match is walked", async () => {
    await expectVerdicts(
      join(walks, "a"),
      ["grep -r x f*", "rg x *.txt", "grep -rn x ./f*", "find . -name '*.txt' -exec cat {} +"],
      [
        "grep -r TOKEN ../b*",
        "grep -R TOKEN ../?",
        "rg TOKEN ../b*",
        "ack --noenv TOKEN ../b*",
        "ag TOKEN ../b*",
        "diff -N ../b* f.txt",
        "git diff --no-index ../b* f.txt",
        "find ../b* -exec cat {} +",
        "find ../b* -type f -exec cat {} \\;",
        "fd . ../b* -x cat",
      ],
    );
  }, 60000);
});
