// Where the labelled peer corpora (shared/eval-seed, MIT, not part of this repository) are:
// $CCGATE_EVAL_SEED, else ../shared/eval-seed beside this checkout, else beside the repository this
// checkout was cloned from (a CI clone of a local repository). null when none is found.
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";

export function evalSeedDir(): string | null {
  const root = join(import.meta.dir, "..", "..");
  const candidates = [process.env.CCGATE_EVAL_SEED, join(root, "..", "shared", "eval-seed")];
  const origin = Bun.spawnSync(["git", "-C", root, "remote", "get-url", "origin"], {
    stdout: "pipe",
    stderr: "ignore",
  });
  const url = origin.success
    ? origin.stdout
        .toString()
        .trim()
        .replace(/^file:\/\//, "")
    : "";
  if (url && isAbsolute(url))
    candidates.push(join(dirname(url.replace(/\/\.git\/?$/, "").replace(/\/+$/, "")), "shared", "eval-seed"));
  return candidates.find((d) => d && existsSync(join(d, "dippy-commands.jsonl"))) ?? null;
}
