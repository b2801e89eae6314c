// Archive and encoding tools on the fast path: listing, testing and to-stdout modes are proofs (every
// option listed, every archive path inside a real temporary repository); extraction, creation,
// in-place (de)compression, programs run by the tool, remote archives and name lists from files are
// refused to the classifier ("llm"), never allowed.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeCommand } from "../../src/fastpath/analyze.ts";
import { DEFAULT_PROTECTED_BRANCHES, type PathFacts } from "../../src/fastpath/facts.ts";
import { put } from "../support/fastpath-binary.ts";

const work = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-archives-")));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const repo = join(work, "repo");
for (const f of ["README.md", "a.tar", "a.tgz", "a.zip", "a.7z", "x.gz", "list.txt"]) put(join(repo, f));
put(join(work, "outside.tar"));
symlinkSync(join(work, "outside.tar"), join(repo, "linked.tar"));
put(join(repo, ".env"), "K=1\n");

const facts: PathFacts = {
  cwd: repo,
  boundary: repo,
  home: join(work, "home"),
  branch: "feature/x",
  protectedBranches: DEFAULT_PROTECTED_BRANCHES,
  tempDirs: ["/tmp"],
};
const verdict = (c: string) => analyzeCommand(c, facts).verdict;

const ALLOWED = [
  "base64 README.md",
  "base64 -d README.md",
  "base64 --decode README.md",
  "base64 -w 0 README.md",
  "base64 --wrap=76 README.md",
  "base64 -D README.md",
  "base64 --help",
  "gzip -c README.md",
  "gzip --stdout README.md",
  "gzip -dc x.gz",
  "gzip --decompress --stdout x.gz",
  "gzip -l x.gz",
  "gzip --list x.gz",
  "gzip -t x.gz",
  "gzip -dt x.gz",
  "gzip -9c README.md",
  "gzip --version",
  "gunzip -c x.gz",
  "gunzip -t x.gz",
  "zcat x.gz",
  "tar -tf a.tar",
  "tar -t -f a.tar",
  "tar tf a.tar",
  "tar tvf a.tar",
  "tar -tvf a.tar",
  "tar -tvzf a.tgz",
  "tar --list --file=a.tar",
  "tar -t --file a.tar",
  "tar -tjf a.tar",
  "tar -tJf a.tar",
  "unzip -l a.zip",
  "unzip -lv a.zip",
  "unzip -v a.zip",
  "unzip -t a.zip",
  "unzip -tq a.zip",
  "unzip -Z a.zip",
  "unzip -Z -1 a.zip",
  "unzip -z a.zip",
  "zipinfo a.zip",
  "zipinfo -1 a.zip",
  "7z l a.7z",
  "7z l -slt a.7z",
  "7z t a.7z",
  "7z t -p a.7z",
  "7z h README.md",
  "7z h -scrcSHA256 README.md",
  "7z i",
  "7z b",
  "7z b -mmt=4",
  "7za l a.7z",
];

const REFUSED = [
  // writes, extracts, creates
  "base64 -o out.txt README.md",
  "base64 -i README.md",
  "gzip README.md",
  "gzip -d x.gz",
  "gzip -f README.md",
  "gzip -k README.md",
  "gzip -r -c .",
  "gzip -S .z -c README.md",
  "gunzip x.gz",
  "gunzip -f x.gz",
  "tar -xf a.tar",
  "tar xf a.tar",
  "tar xvf a.tar",
  "tar -cf new.tar README.md",
  "tar cf new.tar README.md",
  "tar -rf a.tar README.md",
  "tar -uf a.tar README.md",
  "tar --delete -f a.tar x",
  "tar -tf a.tar -C /",
  "unzip a.zip",
  "unzip -o a.zip",
  "unzip -p a.zip",
  "unzip -d /tmp/x a.zip",
  "unzip -l a.zip -d /tmp",
  "unzip -T a.zip",
  "unzip -x a.zip",
  "7z x a.7z",
  "7z e a.7z",
  "7z a b.7z README.md",
  "7z u a.7z README.md",
  "7z d a.7z x",
  "7z rn a.7z a b",
  "7z l -o/tmp a.7z",
  "7z l -so a.7z",
  "7z l -si a.7z",
  "7z h -r .",
  // programs run by the tool, remote archives, name lists from files
  "tar -tf a.tar --to-command=sh",
  "tar -tI sh -f a.tar",
  "tar -t --use-compress-program=sh -f a.tar",
  "tar -tf host:a.tar",
  "tar -t --file=evil.example:a.tar",
  "tar -t --rsh-command=/bin/sh -f h:a.tar",
  "tar -t --checkpoint-action=exec=sh -f a.tar",
  "tar -t -T list.txt -f a.tar",
  "tar -t --files-from=list.txt -f a.tar",
  "tar -tvfa.tar",
  "7z l @list.txt",
  "7z h -i@list.txt",
  // paths outside the repository or secrets
  "tar -tf ../outside.tar",
  "tar -tf linked.tar",
  "unzip -l /etc/x.zip",
  "base64 .env",
  "gzip -c .env",
  "zcat ~/.ssh/id_rsa.gz",
  "7z h .env",
  // unknown options and abbreviations
  "base64 --wra=0 README.md",
  "gzip --std README.md",
  "tar --lis -f a.tar",
  "unzip -lX a.zip",
  "7z l -ccgate a.7z",
  // environment set for the tool
  "GZIP=-f gzip -c README.md",
  "TAR_OPTIONS=--to-command=sh tar -tf a.tar",
  "UNZIP=-o unzip -l a.zip",
];

describe("archives: listing, testing and stdout modes are provable", () => {
  for (const c of ALLOWED) test(c, () => expect(verdict(c)).toBe("allow"));
});

describe("archives: anything else goes to the classifier", () => {
  for (const c of REFUSED) test(c, () => expect(verdict(c)).toBe("llm"));
});
