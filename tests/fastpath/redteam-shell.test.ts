// Red-team cases against the shell-syntax layer (quoting, globs, arithmetic, blanks, zsh), through the
// compiled binary in a real temporary git repository holding hostile files, with no classifier
// credentials: "allow" can only come from the fast path. Each REFUSE row was a hole: the reading of
// the line saw a harmless path or command where bash (or zsh, the agent's shell on macOS) reads
// another. The ALLOW rows keep the fixes from refusing more than they must. DENY rows are hard denies
// that were missed.
import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { binaryVerdicts, isolatedHome, listMismatches, put } from "../support/fastpath-binary.ts";
import { git } from "../support/git.ts";

const work = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-redteam-shell-")));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const home = isolatedHome();
const outside = join(work, "outside.txt");
put(outside, "secret\n");
put(join(home.home, "notes.txt"), "secret\n");

const repo = join(work, "repo");
put(join(repo, "a.txt"));
put(join(repo, "src", "b.ts"));
git(repo, "init", "-q");
// Hostile names: each is a symlink to a file beside the repository, named so that only the shell's own
// reading of a word reaches it.
symlinkSync(outside, join(repo, "'leak")); // `$'\''l*`
symlinkSync(outside, join(repo, "a.txt\r")); // `cat a.txt\r`
symlinkSync(outside, join(repo, "lb")); // `l[!]a]`, `l[]b]`
put(join(repo, "xa.txt"));
symlinkSync(outside, join(repo, "xB.txt")); // `x[a-c].txt` in a shell whose ranges follow the locale's collation
symlinkSync(outside, join(repo, "5")); // zsh's `<->`
// `cat a=~/notes.txt` is `cat a=$HOME/notes.txt`: a committed `a=` directory leads to the home directory.
mkdirSync(join(repo, "a="));
symlinkSync(dirname(home.home), join(repo, "a=", dirname(home.home).split("/")[1] ?? "tmp"));
// zsh's `***/` follows symlinks: sub/lnk/outside.txt is the file beside the repository.
mkdirSync(join(repo, "sub"));
symlinkSync(work, join(repo, "sub", "lnk"));
// On macOS (case-insensitive) `.GIT/CONFIG` is `.git/config`; here it is a file of its own holding the same.
put(join(repo, ".GIT", "CONFIG"), '[remote "origin"]\n\turl = https://user:token@example.com/x.git\n');
put(join(repo, "x", ".DOCKER", "config.json"), '{"auths":{}}\n');
put(join(repo, "y", ".credentials.json"), '{"claudeAiOauth":{}}\n');
// `echo $[PATH=0]; ls` runs ./0/ls.
put(join(repo, "0", "ls"), "#!/bin/sh\necho PWNED\n");
chmodSync(join(repo, "0", "ls"), 0o755);

async function expectVerdicts(allow: readonly string[], refuse: readonly string[], deny: readonly string[] = []) {
  expect(await listMismatches(repo, home.env, allow, refuse, deny)).toEqual([]);
}

describe("quoting and blanks as bash reads them", () => {
  // `$'\''` is one quote character: the `*` after it is a glob (the scan took `'*` as quoted text).
  // A carriage return is part of a word for bash, not a blank. A `~` after `=` or `:` in an
  // assignment-shaped argument is tilde-expanded.
  test("refused; plain quoting stays provable", async () => {
    await expectVerdicts(
      [
        "cat $'a.txt'",
        "cat $'a\\x2etxt'",
        "cat $'a.t\\170t'",
        "cat $'\\u0061.txt'",
        "cat 'a.txt'",
        'cat "a.txt"',
        "cat a.txt",
        "cat a.txt ",
        "ls\n\tcat a.txt",
        "cat a=x",
      ],
      [
        "cat $'\\''*",
        "cat $'\\''l*",
        "cat $'\\''?eak",
        "cat a.txt\r",
        "cat a.txt\r\n",
        "cat a=~/notes.txt",
        "cat -- a=~/notes.txt",
        "cat x=a:~/notes.txt",
        "cat a[1]+=b:~/notes.txt",
        // bash reads `\x{2e}` as `.` (zsh as NUL then `{2e}`), `\cX` as a control character (zsh as `cX`),
        // and writes `\xe9`, `\u00e9`, `\U110000` as bytes the reading spelled as other characters.
        "cat $'\\x{2e}\\x{2e}/outside.txt'",
        "cat $'\\x{2e}\\x{2e}'/outside.txt",
        "cat $'a\\c.txt'",
        "cat $'a\\U110000b'",
        "cat $'\\xe9'",
        "cat $'\\u00e9'",
        "cat $'.env\\q'",
      ],
    );
  }, 60000);
});

describe("bracket expressions", () => {
  // A `]` right after `[` or `[!` is a member: `l[!]a]` and `l[]b]` match `lb` (the regular expression
  // built for them matched nothing). A range matches by collation in older bash (`[a-c]` matches `B`).
  test("refused; ordinary brackets stay provable", async () => {
    await expectVerdicts(
      ["cat a.tx[a-z]", "cat a.tx[!a]", "cat src/b.t[s]"],
      ["cat l[!]a]", "cat l[^]a]", "cat l[]b]", "cat l[b^]", "cat x[a-c].txt", "cat x[!x-z].txt"],
    );
  }, 60000);
});

describe("arithmetic", () => {
  // `$[ … ]` is the old spelling of `$(( … ))`: `$[PATH=0]` points command lookup into the repository.
  // bash evaluates the subscript of `test -v NAME[SUB]` as arithmetic, which runs `$( )`.
  test("refused; numbers stay provable", async () => {
    await expectVerdicts(
      ["echo $[1]", "echo $((1+2))", "test -v a", "[ -f a.txt ]"],
      [
        "echo $[PATH=0]; ls",
        "echo $[PATH=0] && git status",
        "ls $[PATH=0]; ls",
        "cat $[1+1]",
        "test -v 'a[$(ls)]'",
        "[ -v 'a[$(ls)]' ]",
        "test -R 'a[1]'",
      ],
      [
        "test -v 'a[$(rm -rf ~)]'",
        "[ -v 'a[`rm -rf /`]' ]",
        "unset 'a[$(rm -rf ~)]'",
        "read 'a[$(rm -rf ~)]' <<< x",
        "printf -v 'a[$(rm -rf ~)]' x",
        "let 'a[$(rm -rf ~)]'",
        "declare -p 'a[$(rm -rf ~)]'",
        "export 'a[$(rm -rf ~)]=1'",
        "getopts a 'x[$(rm -rf /)]'",
        "wait -p 'a[$(rm -rf /)]'",
        "x='a[$(rm -rf ~)]'; echo $((x))",
        "x='a[$(rm -rf ~)]'; (( x ))",
        "x='a[$(rm -rf ~)]'; [[ x -eq 1 ]]",
        "x='a[$(rm -rf ~)]'; let x",
        "y='a[$(rm -rf ~)]'; x=y; echo $((x+1))",
        "x='a[$(rm -rf ~)]'; echo $[x]",
        "echo $[a[$(rm -rf ~)]]",
      ],
    );
  }, 60000);
});

describe("what zsh expands and bash takes as text", () => {
  // The agent's shell is zsh on macOS: `=ls` is a path from PATH, `$~HOME` / `$=HOME` / `$^HOME` / `$+HOME`
  // are the home directory, `<->` is a glob of numeric names, and `***/` walks every level through symlinks.
  test("refused; the same characters quoted stay provable", async () => {
    await expectVerdicts(
      [
        "grep '$+' a.txt",
        "bash -c 'cat <-> /dev/null'",
        'echo "=x"',
        "echo '=x'",
        "grep \\=x a.txt",
        "sort -t= -k1 a.txt",
        "[ a = b ]",
      ],
      [
        "cat =ls",
        "cat $~HOME/notes.txt",
        "cat $=HOME/notes.txt",
        "ls $^HOME",
        "cat $+HOME",
        'echo "it\'s $~HOME"',
        "echo x;=ls",
        "cat <-> /dev/null",
        "zsh -c 'cat <-> /dev/null'",
        "zsh -lc 'cat <1-> /dev/null'",
        "cat <1-9> /dev/null",
        "cat a.txt <-> /dev/null",
        "cat ***/outside.txt",
        "cat sub/***/outside.txt",
        "cat ****/outside.txt",
      ],
      ["ls *(e:'rm -rf ~':)", "ls *(.e{'rm -rf /'})", 'ls *(e:"rm -rf ~":)'],
    );
  }, 60000);
});

/** `bash -c '…'` around `inner`, `levels` deep, each level quoting the one inside. */
function nestedShells(inner: string, levels: number): string {
  let s = inner;
  for (let i = 0; i < levels; i++) s = `bash -c '${s.replaceAll("'", "'\\''")}'`;
  return s;
}

describe("here-document delimiters", () => {
  // bash ends `<<"$x"` at a line `$x` (quotes removed, nothing expanded); the reading looked for `"$x"`,
  // so the commands after `$x` were taken for the document's text.
  test("the lines after the real delimiter are commands", async () => {
    await expectVerdicts(
      ["cat <<'EOF'\nhi\nEOF", 'cat <<E"O"F\nhi\nEOF', "cat <<\\EOF\n$x\nEOF", 'cat <<"a\\b"\nx\na\\b'],
      ['cat <<"$x"\n$x\ncat ../outside.txt\n"$x"', "cat <<'a$x'\na$x\ncat ../outside.txt\n'a$x'"],
      ['cat <<"a$x"\na$x\nrm -rf /usr\n"a$x"', 'cat <<"$x"y\n$xy\nrm -rf /usr\n"$x"y'],
    );
  }, 60000);
});

describe("secret names in any letter case", () => {
  // Claude Code's own token file is ~/.claude/.credentials.json; macOS file names match in any case.
  test("refused", async () => {
    await expectVerdicts(
      ["cat a.txt"],
      ["cat .GIT/CONFIG", "cat x/.DOCKER/config.json", "cat y/.credentials.json", "grep -r token y"],
    );
  }, 60000);
});

describe("re-parsing past its depth limit", () => {
  // Eight `bash -c` levels were not looked into, and the last one proved by its options alone: the
  // script inside (`cat` of a file outside, even `rm -rf ~`) was allowed unread.
  test("not provable; shallow nesting stays provable", async () => {
    await expectVerdicts(
      [nestedShells("cat a.txt", 2), nestedShells("ls", 5)],
      [
        nestedShells("cat ../outside.txt", 8),
        nestedShells("cat ../outside.txt", 12),
        nestedShells("rm -rf ~", 8),
        nestedShells("ls", 9),
      ],
      [nestedShells("rm -rf ~", 6)],
    );
  }, 60000);
});

describe("self-protection through abbreviated long options", () => {
  // GNU getopt takes any unambiguous prefix: `cp --target=DIR` is `--target-directory=DIR`, `sed --i` is
  // `--in-place`.
  test("denied", async () => {
    await expectVerdicts(
      ["sed -n p a.txt"],
      [],
      [
        "cp --target=$HOME/.claude settings.json",
        "mv --t=$HOME/.claude settings.json",
        "install --targ=$HOME/.claude settings.json",
        "sed --i s/a/b/ ~/.claude/settings.json",
        "sed --in-pl s/a/b/ ~/.claude/settings.json",
        "sed --in-place=.bak s/a/b/ ~/.claude/settings.json",
      ],
    );
  }, 60000);
});

describe("cd and CDPATH", () => {
  // bash looks a relative `cd NAME` up in CDPATH (from the user's environment or shell startup files):
  // with no NAME here it enters the one CDPATH finds (`cd etc` is /etc for CDPATH=/), and with CDPATH
  // set it tries those directories first.
  test("refused without the directory, or with CDPATH set", async () => {
    await expectVerdicts(["cd src && cat b.ts", "cd ./src && cat b.ts"], ["cd etc && cat passwd", "cd a.txt; ls"]);
    const cdpath = { ...home.env, CDPATH: "/" };
    const verdicts = await binaryVerdicts(["cd src && cat b.ts", "cd ./src && cat b.ts"], repo, cdpath);
    expect(verdicts.get("cd src && cat b.ts")).not.toBe("allow");
    expect(verdicts.get("cd ./src && cat b.ts")).toBe("allow");
  }, 60000);
});

describe("a relative PATH entry", () => {
  // `.`, an empty entry or `node_modules/.bin` in PATH is looked up from the directory the command runs
  // in, so `ls` could be a file of the repository: nothing is provable, hard deny still holds.
  test("nothing is allowed locally; hard deny holds", async () => {
    const commands = ["ls", "git status", "cat a.txt", "rm -rf /usr"];
    const base = home.env.PATH ?? "/usr/bin:/bin";
    for (const path of [`.:${base}`, `${base}::`, `node_modules/.bin:${base}`, `${base}:bin`]) {
      const verdicts = await binaryVerdicts(commands, repo, { ...home.env, PATH: path });
      expect([path, ...commands.map((c) => verdicts.get(c))]).toEqual([
        path,
        "fallthrough",
        "fallthrough",
        "fallthrough",
        "deny",
      ]);
    }
    const clean = await binaryVerdicts(commands, repo, home.env);
    expect(commands.map((c) => clean.get(c))).toEqual(["allow", "allow", "allow", "deny"]);
  }, 60000);
});

describe("hard deny spellings", () => {
  test("rm --recursive abbreviated, another user's home, positionals from set", async () => {
    await expectVerdicts(
      [],
      ["rm -rf node_modules", "set -x; rm -rf x", 'rm -rf "~root"'],
      [
        // (not ~: the isolated home holds .claude, which self-protection denies on its own)
        "rm --rec /usr",
        "rm --r -f /usr",
        "rm --recursi --force /usr",
        "chmod --rec 777 /",
        "rm -rf ~root",
        "rm -rf ~root/",
        'set -- ~; rm -rf "$1"',
        "set -- x /; rm -rf $2",
        "set / ; rm -rf $1",
        'set / ; rm -rf "$@"',
        "set -e -- ~; rm -rf $1",
      ],
    );
  }, 60000);
});
