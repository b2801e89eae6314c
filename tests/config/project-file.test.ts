// The checks behind a project layer, called directly: the filesystem walk, the case-insensitive
// git question, and the environment a git child gets.
import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isUntracked, readProjectFile } from "../../src/config/project-file.ts";
import { GIT_HARDENING, gitEnv } from "../../src/util/hardened-git.ts";
import { git } from "../support/git.ts";

function repo() {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-pf-")));
  git(dir, "init", "-q", "-b", "main");
  return dir;
}

describe("readProjectFile", () => {
  test("outside the root, or the root itself: skipped-outside", () => {
    const r = repo();
    expect(readProjectFile(r, join(r, "..", "x")).ok).toBe(false);
    expect(readProjectFile(r, join(r, "..", "x"))).toMatchObject({ status: "skipped-outside" });
    expect(readProjectFile(r, r)).toMatchObject({ status: "skipped-outside" });
  });

  test("regular file: the bytes read are the file's; missing parent or file: absent", () => {
    const r = repo();
    expect(readProjectFile(r, join(r, ".claude", "f"))).toMatchObject({ status: "absent" });
    mkdirSync(join(r, ".claude"));
    expect(readProjectFile(r, join(r, ".claude", "f"))).toMatchObject({ status: "absent" });
    writeFileSync(join(r, ".claude", "f"), "{ a: 1 }");
    const got = readProjectFile(r, join(r, ".claude", "f"));
    expect(got.ok && got.bytes.toString()).toBe("{ a: 1 }");
  });

  test("a symlink anywhere on the way, and a .git file (worktree-style) in a parent", () => {
    const r = repo();
    mkdirSync(join(r, "real", "deeper"), { recursive: true });
    writeFileSync(join(r, "real", "deeper", "f"), "{}");
    symlinkSync("real", join(r, "a"));
    expect(readProjectFile(r, join(r, "a", "deeper", "f"))).toMatchObject({ status: "skipped-symlink" });
    writeFileSync(join(r, "real", ".git"), "gitdir: /elsewhere\n");
    expect(readProjectFile(r, join(r, "real", "deeper", "f"))).toMatchObject({ status: "skipped-nested-repo" });
  });
});

describe("isUntracked", () => {
  test("the file, a parent directory as a symlink or gitlink entry, any case: tracked", () => {
    const r = repo();
    mkdirSync(join(r, "d"));
    writeFileSync(join(r, "d", "ok"), "x");
    symlinkSync("d", join(r, "LINK"));
    git(r, "add", "-A");
    expect(isUntracked(r, join(r, "link", "f"))).toBe(false); // LINK tracked, asked as `link`
    expect(isUntracked(r, join(r, "D", "OK"))).toBe(false);
    expect(isUntracked(r, join(r, "d", "other"))).toBe(true); // siblings of tracked files do not count
    expect(isUntracked(r, join(r, "d"))).toBe(false);
  });

  test("not a repository, or no git on PATH: null (cannot tell)", () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-pf-norepo-")));
    expect(isUntracked(dir, join(dir, ".claude", "f"), { PATH: process.env.PATH, HOME: dir })).toBeNull();
    const r = repo();
    expect(isUntracked(r, join(r, ".claude", "f"), { PATH: "/nonexistent" })).toBeNull();
  });

  test("pathspec magic in a name is taken literally", () => {
    const r = repo();
    writeFileSync(join(r, "a*"), "x");
    git(r, "add", "-A");
    expect(isUntracked(r, join(r, "ab"))).toBe(true);
    expect(isUntracked(r, join(r, "a*"))).toBe(false);
  });
});

describe("git child environment", () => {
  test("keeps PATH, HOME, XDG_CONFIG_HOME, locale; drops keys, GIT_*, everything else", () => {
    const env = gitEnv({
      PATH: "/bin",
      HOME: "/h",
      XDG_CONFIG_HOME: "/h/.config",
      LANG: "ja_JP.UTF-8",
      LC_CTYPE: "C",
      CCGATE_ANTHROPIC_API_KEY: "k1",
      ANTHROPIC_API_KEY: "k2",
      OPENAI_API_KEY: "k3",
      GIT_DIR: "/x",
      GIT_WORK_TREE: "/y",
      GIT_INDEX_FILE: "/z",
      GIT_CONFIG_GLOBAL: "/g",
      GIT_CONFIG_COUNT: "1",
      GIT_SSH_COMMAND: "evil",
      LD_PRELOAD: "/evil.so",
      SSH_AUTH_SOCK: "/sock",
    });
    expect(env).toEqual({
      PATH: "/bin",
      HOME: "/h",
      XDG_CONFIG_HOME: "/h/.config",
      LANG: "ja_JP.UTF-8",
      LC_CTYPE: "C",
      GIT_OPTIONAL_LOCKS: "0",
      GIT_TERMINAL_PROMPT: "0",
      GIT_PAGER: "cat",
    });
  });

  test("hardening turns off fsmonitor and hooks and refuses implicit bare repositories", () => {
    const pairs = GIT_HARDENING.filter((_, i) => i % 2 === 1);
    expect(pairs).toContain("core.fsmonitor=false");
    expect(pairs).toContain("core.hooksPath=/dev/null");
    expect(pairs).toContain("safe.bareRepository=explicit");
    expect(GIT_HARDENING.filter((_, i) => i % 2 === 0).every((a) => a === "-c")).toBe(true);
  });
});
