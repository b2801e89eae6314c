// Red-team cases against the widened fast path (wrappers, find -exec / fd -x, awk, sed, macOS tools),
// through the compiled binary in real temporary repositories with no classifier credentials: "allow"
// can only come from the fast path. Each REFUSE row was a hole (or a near miss) found by attacking the
// new allows as a hostile repository or agent would; the ALLOW rows keep the fixes from refusing more
// than they must. Hard denies are checked through every wrapper spelling.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { binaryVerdicts, isolatedHome } from "../support/fastpath-binary.ts";
import { git } from "../support/git.ts";

const work = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-redteam-")));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function put(path: string, text = "x\n"): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

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
  const verdicts = await binaryVerdicts([...allow, ...refuse], cwd, home.env);
  const wrong: string[] = [];
  for (const c of allow) if (verdicts.get(c) !== "allow") wrong.push(`expected allow: ${c} (${verdicts.get(c)})`);
  for (const c of refuse) if (verdicts.get(c) === "allow") wrong.push(`expected no allow: ${c}`);
  expect(wrong).toEqual([]);
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
