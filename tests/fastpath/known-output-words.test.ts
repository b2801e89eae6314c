// The last widenings of the fast path, proved on the compiled binary in real temporary repositories
// (no classifier credentials: "allow" can only come from the fast path):
// - a word built from `$( )` of a plain `echo` is the text echo prints (`kubectl logs $(echo nginx)`);
// - `git -p` / `--paginate` runs the user's pager, which a repository's config cannot choose;
// - `7z b` takes its method and dictionary switches.
// Each block has cases that must stay with the classifier (or be denied) beside the allowed ones.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BinaryVerdict, ensureBinary, isolatedHome, verdictMismatches } from "../support/fastpath-binary.ts";
import { git } from "../support/git.ts";

const work = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-known-output-")));
const { env } = isolatedHome();
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(() => ensureBinary());

function repo(name: string, config = ""): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  git(dir, "init", "-q", "-b", "feature/x");
  writeFileSync(join(dir, "a.txt"), "a\n");
  writeFileSync(join(dir, ".env"), "TOKEN=1\n");
  writeFileSync(join(work, "outside.txt"), "private\n");
  symlinkSync(join(work, "outside.txt"), join(dir, "leak"));
  git(dir, "add", "a.txt");
  git(dir, "commit", "-q", "-m", "init");
  if (config) writeFileSync(join(dir, ".git", "config"), `${config}\n`, { flag: "a" });
  return dir;
}

async function expectVerdicts(dir: string, cases: Record<string, BinaryVerdict>): Promise<void> {
  expect(await verdictMismatches(dir, cases, env)).toEqual([]);
}

describe("$( ) of a plain echo", () => {
  test("becomes the words echo prints; anything else stays unproved", async () => {
    await expectVerdicts(repo("echo"), {
      "kubectl logs $(echo nginx)": "allow",
      'kubectl describe $(echo "pod nginx")': "allow",
      "aws s3 ls s3://$(echo bucket)/path": "allow",
      "head -n1 $(echo a).txt": "allow",
      'head -n1 "$(echo a.txt)"': "allow",
      "head -n1 `echo a.txt`": "allow",
      // never the command or its subcommand
      "$(echo ls)": "fallthrough",
      "git $(echo status)": "fallthrough",
      "cat $(echo a.txt)": "fallthrough",
      // the printed word is a path like any other: a symlink out, a secret, a path outside
      "head -n1 $(echo leak)": "fallthrough",
      "head -n1 $(echo .env)": "fallthrough",
      "head -n1 $(echo ..)/outside.txt": "fallthrough",
      "head -n1 $(echo ../outside.txt)": "fallthrough",
      // output the shell would glob, unescape or split otherwise, or that is not known exactly
      "head -n1 $(echo '*')": "fallthrough",
      "head -n1 $(echo 'a?txt')": "fallthrough",
      "head -n1 $(echo '~/x')": "fallthrough",
      "head -n1 $(echo 'a\\tb')": "fallthrough",
      'head -n1 $(echo "a  b")': "fallthrough",
      "head -n1 $(echo -e a.txt)": "fallthrough",
      "head -n1 $(echo a.txt | tr a b)": "fallthrough",
      "head -n1 $(echo a; echo b)": "fallthrough",
      "head -n1 $(printf a.txt)": "fallthrough",
      "head -n1 $(/bin/echo a.txt)": "fallthrough",
      "IFS=.; head -n1 $(echo a.txt)": "fallthrough",
      "echo() { cat ../outside.txt; }; head -n1 $(echo a.txt)": "fallthrough",
      "kubectl logs $(echo nginx) > out.txt": "fallthrough",
      "git $(echo -c) core.pager=x log": "fallthrough",
      "find . $(echo -delete)": "fallthrough",
      // hard deny still sees through it
      "rm -rf $(echo /)": "deny",
      'rm -rf "$(echo ~)"': "deny",
    });
  }, 60000);
});

describe("git -p / --paginate", () => {
  test("allowed where the repository does not choose the pager", async () => {
    await expectVerdicts(repo("pager-clean"), {
      "git -p log --oneline": "allow",
      "git --paginate diff": "allow",
      "git -p status": "allow",
      "git -p -c core.pager=sh log": "fallthrough",
      "GIT_PAGER=sh git -p log": "fallthrough",
      "PAGER=sh git -p log": "fallthrough",
    });
    for (const config of [
      '[core]\n\tpager = "touch pwned; less"',
      "[pager]\n\tlog = touch pwned",
      "[pager]\n\tstatus = true",
    ])
      await expectVerdicts(repo(`pager-${config.length}`, config), {
        "git -p log --oneline": "fallthrough",
        "git --paginate status": "fallthrough",
      });
  }, 60000);
});

describe("7z b", () => {
  test("method and dictionary switches of the benchmark", async () => {
    await expectVerdicts(repo("seven"), {
      "7z b": "allow",
      "7zz b -mm=LZMA2": "allow",
      "7z b -mm=LZMA2 -md=24": "allow",
      "7z b -mm=LZMA2 -o/tmp/x": "fallthrough",
      "7z a -mm=LZMA2 x.7z a.txt": "fallthrough",
      "7z l -mm=LZMA2 x.7z": "fallthrough",
    });
  }, 60000);
});
