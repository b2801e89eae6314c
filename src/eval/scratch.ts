// Why: corpus rows name paths like $REPO/src/index.ts and must be judged the same way on every
// machine, so each eval run builds its own small git repository in a temp directory (on a feature
// branch, with one secret-looking file) instead of borrowing the user's checkout. Layout: docs/eval.md.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const SCRATCH_BRANCH = "feature/eval";

const FILES: Record<string, string> = {
  "README.md": "# Title\n\nA scratch project for ccgate eval.\n",
  "package.json": '{ "name": "scratch", "version": "1.0.0", "scripts": { "test": "true", "build": "true" } }\n',
  "src/index.ts": "export const foo = 1; // TODO\n",
  "src/util.ts": "export const util = (foo: string) => foo;\n",
  "docs/guide.md": "# Guide\n",
  "docs/a.ipynb": '{ "cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5 }\n',
};

export type ScratchResult = { ok: true; repo: string; remove(): void } | { ok: false; error: string };

export function createScratchRepo(): ScratchResult {
  let base = "";
  try {
    base = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-eval-")));
    const repo = join(base, "repo");
    mkdirSync(repo);
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(repo, path)), { recursive: true });
      writeFileSync(join(repo, path), text);
    }
    // Git runs without the caller's GIT_* variables so the user's environment cannot redirect it.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("GIT_")));
    const git = (...args: string[]) =>
      Bun.spawnSync(["git", "-c", "user.email=eval@ccgate", "-c", "user.name=ccgate eval", ...args], {
        cwd: repo,
        env: { ...env, GIT_CONFIG_NOSYSTEM: "1" },
        stdout: "ignore",
        stderr: "pipe",
      });
    for (const args of [
      ["init", "-q", "-b", SCRATCH_BRANCH],
      ["add", "-A"],
      ["commit", "-q", "--no-verify", "-m", "scratch"],
    ]) {
      const r = git(...args);
      if (r.exitCode !== 0) throw new Error(`git ${args[0]}: ${r.stderr.toString().trim().split("\n")[0]}`);
    }
    // Untracked after the commit, like a real .env that is git-ignored.
    writeFileSync(join(repo, ".env"), "API_KEY=scratch-not-a-real-key\n");
    return { ok: true, repo, remove: () => rmSync(base, { recursive: true, force: true }) };
  } catch (e) {
    if (base) rmSync(base, { recursive: true, force: true });
    return { ok: false, error: `cannot create the scratch repository: ${(e as Error).message}` };
  }
}
