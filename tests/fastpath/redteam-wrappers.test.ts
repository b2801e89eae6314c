// Red-team cases against the widened fast path (wrappers, find -exec / fd -x, awk, sed, macOS tools),
// through the compiled binary in real temporary repositories with no classifier credentials: "allow"
// can only come from the fast path. Each REFUSE row was a hole (or a near miss) found by attacking the
// new allows as a hostile repository or agent would; the ALLOW rows keep the fixes from refusing more
// than they must. Hard denies are checked through every wrapper spelling.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { binaryVerdicts, isolatedHome, listMismatches, put } from "../support/fastpath-binary.ts";
import { git } from "../support/git.ts";

const work = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-redteam-")));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** No secret inside; a file beside the repository that no allow may read. */
const clean = join(work, "clean");
put(join(clean, "file.txt"));
put(join(clean, "sub", "a.txt"));
put(join(work, "outside.txt"), "secret\n");
git(clean, "init", "-q");

/** A secret in other/, reachable from sub/ only through the in-repository symlink sub/link -> ../other. */
const linked = join(work, "linked");
put(join(linked, "sub", "a.txt"));
put(join(linked, "other", ".env"), "TOKEN=1\n");
symlinkSync("../other", join(linked, "sub", "link"));
git(linked, "init", "-q");

const home = isolatedHome();

async function expectVerdicts(cwd: string, allow: readonly string[], refuse: readonly string[]): Promise<void> {
  expect(await listMismatches(cwd, home.env, allow, refuse)).toEqual([]);
}

describe("find -exec / fd -x: the found path inside a longer word", () => {
  // For the start directory `.`, `{}/../outside.txt` is read as `./../outside.txt` (beside the repository),
  // while the path check saw `{}/../outside.txt` = `outside.txt` inside it.
  test("refused; whole placeholders stay provable", async () => {
    await expectVerdicts(
      clean,
      [
        "find . -exec cat {} \\;",
        "find . -exec cat {} +",
        "fd -x cat",
        "fd -x cat {}",
        "fd -x cat {//}",
        "fd -X wc -l {}",
      ],
      [
        "find . -maxdepth 0 -exec cat {}/../outside.txt \\;",
        "find . -maxdepth 0 -execdir cat {}/../outside.txt \\;",
        "find . -exec cat {}x \\;",
        "find . -exec cat x{} \\;",
        "find . -exec cat ./{} \\;",
        "fd . -x cat {//}/../outside.txt",
        "fd -x cat {//}/../../outside.txt",
        "fd -X cat {/}/../outside.txt",
        "fd -x cat {.}x",
      ],
    );
  }, 60000);
});

describe("a symlinked directory beside the walked one", () => {
  // From sub/, the walk of `.` met sub/link (inside the repository, not a secret name) and did not enter
  // it, but grep -R, rg -L and grep -d recurse on a handed ./link read other/.env through it.
  test("followed by the walk", async () => {
    await expectVerdicts(
      join(linked, "sub"),
      ["ls", "cat a.txt", "grep -r TOKEN .", "rg TOKEN ."],
      [
        "grep -R TOKEN .",
        "grep --dereference-recursive TOKEN .",
        "rg -L TOKEN .",
        "rg --follow TOKEN .",
        "find . -exec grep -d recurse TOKEN {} +",
        "find . -exec grep --directories=recurse TOKEN {} +",
        "fd -x grep -d recurse TOKEN",
        "grep -r TOKEN link",
        "cat link/.env",
      ],
    );
  }, 60000);
});

describe("sed -l", () => {
  // BSD sed's -l is line buffering and takes no value: `sed -l 'w FILE' s/x/y/ f` writes FILE there.
  test("needs a number", async () => {
    await expectVerdicts(
      clean,
      ["sed -l 5 s/x/y/ file.txt", "sed -l5 s/x/y/ file.txt", "sed -nl 5 p file.txt"],
      [
        "sed -l 'w /tmp/ccgate-redteam-pwn' 's/x/y/' file.txt",
        "sed -nl 'w out.txt' p file.txt",
        "sed -l 1p s/x/y/ file.txt",
        "sed -ln p file.txt",
      ],
    );
  }, 60000);
});

describe("hard denies through every wrapper spelling", () => {
  // Each of these runs `rm -rf ~` (or removes the start path ~); before the fixes the unwrap read an option
  // value where the tool reads none (script -F, xargs -i/-e/-l, env --default-signal), missed a bundled
  // -S (env -vS), skipped a value it did not know (xargs -R, env -a) or stopped at the first exec segment.
  const DENY = [
    "script -F /dev/null rm -rf ~",
    "script -qF /dev/null rm -rf ~",
    "script -q /dev/null rm -rf ~",
    "script -qc 'rm -rf ~'",
    "env -vS 'rm -rf ~'",
    "env -iS 'rm -rf ~'",
    "env -0S 'rm -rf ~'",
    "env -v -S 'rm -rf ~'",
    "env -S'rm -rf ~'",
    "env --split-string='rm -rf ~'",
    "env -a x rm -rf ~",
    "env --argv0 x rm -rf ~",
    "env --default-signal rm -rf ~",
    "env --block-signal rm -rf ~",
    "env --ignore-signal=INT rm -rf ~",
    "env -u HOME -- rm -rf ~",
    "xargs -i rm -rf ~",
    "xargs -e rm -rf ~",
    "xargs -l rm -rf ~",
    "xargs -I{} -R 1 rm -rf ~",
    "xargs -S 10 rm -rf ~",
    "xargs -tn1 rm -rf ~",
    "find . -name x -exec cat {} \\; -exec rm -rf ~ \\;",
    "find . -exec cat {} + -exec rm -rf ~ \\;",
    "find . -exec cat {} \\; -o -execdir rm -rf ~ \\;",
    "find . -exec cat {} \\; -okdir rm -rf ~ \\;",
    "find ~ -exec cat {} \\; -exec rm -rf {} \\;",
    "fd . -x cat {} \\; -X rm -rf ~",
    "fd -x cat \\; --exec rm -rf ~",
    "fd -X cat \\; --exec-batch rm -rf ~",
    // `--` ends the options, but the positionals the wrapper owns still follow it
    "script -q -- /dev/null rm -rf ~",
    "timeout -- 5 rm -rf ~",
    "timeout -s KILL -- 5 rm -rf ~",
    "flock -- /tmp/lock rm -rf ~",
    "taskset -- 1 rm -rf ~",
    // clap's other spellings of the exec option
    "fd --exec=rm -rf ~",
    "fd --exec-batch=rm -rf ~",
    "fd -xrm -rf ~",
    "fd -Hx rm -rf ~",
    "fd -HX rm -rf ~",
    "fd -x cat \\; -Xrm -rf ~",
    "fd -x cat \\; --exec=rm -rf ~",
    "caffeinate -disu rm -rf ~",
    "caffeinate -t5 rm -rf ~",
    "arch --arch=x86_64 rm -rf ~",
    "arch -d X rm -rf ~",
    "arch -e X=1 rm -rf ~",
    "bash -O extglob -c 'rm -rf ~'",
    "bash +O extglob -c 'rm -rf ~'",
    "bash --norc --noprofile -c 'rm -rf ~'",
    "bash -x -o pipefail -O extglob -lc 'rm -rf ~'",
    "bash --init-file x -c 'rm -rf ~'",
    "zsh -fc 'rm -rf ~'",
    "dash -lc 'rm -rf ~'",
  ];
  test("denied", async () => {
    const verdicts = await binaryVerdicts(DENY, clean, home.env);
    expect(DENY.filter((c) => verdicts.get(c) !== "deny")).toEqual([]);
  }, 60000);
  test("the wrappers still allow what they allowed", async () => {
    await expectVerdicts(
      clean,
      [
        "script -q /dev/null cat file.txt",
        "env -i PATH=/bin ls",
        "xargs -I{} echo {}",
        "xargs -0 -n1 echo",
        "xargs -L1 echo",
        "find . -exec cat {} +",
        "fd -x cat",
        "caffeinate -i ls",
        "timeout -- 5 ls",
        "env -- ls",
      ],
      [
        "find . -exec cat {} \\; -exec cat {} \\;",
        "fd -x cat \\; -x cat",
        "fd -Hx cat",
        "fd --exec=cat",
        "script -F /dev/null ls",
        "env -vS ls",
        "xargs -i echo {}",
      ],
    );
  }, 60000);
});

describe("zsh -c expansions the bash reading takes as text", () => {
  // `=ls` is the path of ls in PATH (a script in ~/bin may hold a token); `$~HOME/x` is $HOME/x in zsh.
  test("refused; plain zsh -c scripts stay provable", async () => {
    await expectVerdicts(
      clean,
      ["zsh -c ls", "zsh -c 'cat file.txt'", "zsh -lc 'ls | grep x'", "zsh -c 'echo a=b'", "bash -c 'cat =ls'"],
      [
        "zsh -c 'cat =ls'",
        "zsh -lc 'cat =ls'",
        "zsh -c 'cat file.txt =ls'",
        "zsh -c 'cat $~HOME/x'",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell command, not a template
        "zsh -c 'cat ${~HOME}/x'",
        "zsh -c 'cat $=x'",
        "zsh -c 'cat $^x'",
        "zsh -o pipefail -c 'cat;cat =ls'",
      ],
    );
  }, 60000);
});

describe("plutil -o", () => {
  // Which -o plutil keeps when there are two is not what the table should guess.
  test("one only", async () => {
    put(join(clean, "p.plist"), '<?xml version="1.0"?><plist version="1.0"><dict/></plist>\n');
    await expectVerdicts(
      clean,
      ["plutil -convert json -o - p.plist", "plutil -p p.plist"],
      ["plutil -convert json -o out.json -o - p.plist", "plutil -convert json -o - -o out.json p.plist"],
    );
  }, 60000);
});

describe("yq eval()", () => {
  // yq's eval operator runs an expression built at run time: from strings, or from the document.
  test("the operator is refused, the verb is not", async () => {
    put(join(clean, "doc.yaml"), 'x: load("/etc/passwd")\na: 1\n');
    await expectVerdicts(
      clean,
      ["yq .a doc.yaml", "yq eval .a doc.yaml", "yq e .a doc.yaml", "yq eval-all .a doc.yaml"],
      [
        "yq 'eval(.x)' doc.yaml",
        "yq '.a | eval(.x)' doc.yaml",
        "yq eval 'eval(.x)' doc.yaml",
        'yq -n \'eval("lo" + "ad(\\"/etc/passwd\\")")\'',
        "yq -n 'EVAL(\"1\")'",
        "yq -n 'LOAD(\"/etc/passwd\")'",
      ],
    );
  }, 60000);
});

describe("a git config holding a credential", () => {
  // `git remote -v` was refused for a token in a remote URL, but `cat .git/config`, `grep -r x .` and
  // `find . -exec cat {} +` printed the same file.
  const withToken = join(work, "token");
  const withHeader = join(work, "header");
  put(join(withToken, "a.txt"));
  put(join(withHeader, "a.txt"));
  git(withToken, "init", "-q");
  git(withToken, "remote", "add", "origin", "https://user:ghp_notreal@github.com/x/y");
  git(withHeader, "init", "-q");
  git(withHeader, "config", "http.https://github.com/.extraheader", "AUTHORIZATION: basic bm90cmVhbA==");
  const REFUSE = [
    "cat .git/config",
    "head -n 50 .git/config",
    "grep -r url .",
    "grep -r url .git",
    "find . -exec cat {} +",
    "find .git -name config -exec cat {} \\;",
    "fd -H -x cat",
    "fd -u -X grep -h url",
  ];
  test("is a secret", async () => {
    await expectVerdicts(withToken, ["cat a.txt", "ls .git"], REFUSE);
    await expectVerdicts(withHeader, ["cat a.txt"], REFUSE);
    await expectVerdicts(clean, ["cat .git/config", "grep -r url .git", "find . -exec cat {} +"], []);
  }, 60000);
});

describe("script's options among the command's words", () => {
  // util-linux's getopt permutes: in `script -q /dev/null ls -B x` the -B x is script's (log to the file x),
  // and `-c CMD` there runs CMD through $SHELL.
  test("util-linux's valued letters and long options are refused after the command", async () => {
    await expectVerdicts(
      clean,
      ["script -q /dev/null ls -la", "script -q /dev/null cat file.txt", "script -q /dev/null -- ls -B x"],
      [
        "script -q /dev/null ls -B x",
        "script -q /dev/null ls -Ix",
        "script -q /dev/null cat -T file.txt",
        "script -q /dev/null ls -O x",
        "script -q /dev/null ls -ltx",
        "script -q /dev/null ls --log-out x",
        "script -q /dev/null ls --log-o=x",
        "script -q /dev/null ls -c 'touch x'",
        "script -q /dev/null ls -lc 'touch x'",
        "script -q /dev/null ls --command=x",
      ],
    );
  }, 60000);
});
