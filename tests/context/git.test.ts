// Git facts are read from the repository's files; they must agree with git itself in every layout.
import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gitFacts } from "../../src/context/git.ts";
import { git } from "../support/git.ts";

function fromGit(cwd: string) {
  const [top, dir, common] = git(
    cwd,
    "rev-parse",
    "--path-format=absolute",
    "--show-toplevel",
    "--git-dir",
    "--git-common-dir",
  ).split("\n");
  const branch =
    Bun.spawnSync(["git", "symbolic-ref", "--short", "-q", "HEAD"], { cwd }).stdout.toString().trim() || "HEAD";
  return { repoRoot: top, gitDir: dir, gitCommonDir: common, branch, isWorktree: dir !== common };
}

describe("git facts", () => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-git-")));
  const repo = join(base, "repo");
  mkdirSync(repo);
  git(repo, "init", "-q", "-b", "main");
  writeFileSync(join(repo, "a"), "1");
  git(repo, "add", ".");
  git(repo, "commit", "-q", "-m", "one");
  mkdirSync(join(repo, "src", "deep"), { recursive: true });
  const wt = join(base, "wt");
  git(repo, "worktree", "add", "-q", "-b", "feature/x", wt);
  mkdirSync(join(wt, "sub"));

  for (const [name, cwd] of [
    ["main checkout", repo],
    ["subdirectory of the main checkout", join(repo, "src", "deep")],
    ["linked worktree", wt],
    ["subdirectory of a linked worktree", join(wt, "sub")],
  ] as const) {
    test(`${name}: same answers as git, absolute paths`, () => {
      const facts = gitFacts(cwd, { PATH: process.env.PATH });
      expect(facts).toMatchObject(fromGit(cwd));
      expect(facts?.primaryCheckoutRoot).toBe(repo);
    });
  }

  test("a subdirectory of the main checkout is not a worktree; a linked worktree is", () => {
    expect(gitFacts(join(repo, "src", "deep"))?.isWorktree).toBe(false);
    expect(gitFacts(wt)?.isWorktree).toBe(true);
  });

  test("detached HEAD reports HEAD", () => {
    const d = join(base, "detached");
    git(repo, "worktree", "add", "-q", "--detach", d);
    expect(gitFacts(d)?.branch).toBe("HEAD");
  });

  test("a repository without commits still has a branch", () => {
    const empty = join(base, "empty");
    mkdirSync(empty);
    git(empty, "init", "-q", "-b", "trunk");
    expect(gitFacts(empty)).toMatchObject({ repoRoot: empty, branch: "trunk", isWorktree: false });
  });

  test("outside any repository, or with a relative/empty cwd: null", () => {
    const plain = mkdtempSync(join(tmpdir(), "ccgate-nogit-"));
    expect(gitFacts(plain)).toBeNull();
    expect(gitFacts("")).toBeNull();
    expect(gitFacts("relative/dir")).toBeNull();
  });
});
