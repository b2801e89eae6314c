// A repository written by an attacker, for the provable-allow tests: symlinks that lead out (to a
// fake home's keys, to `/`, to a sibling directory), dot-files and secrets, and clean sources.
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { DEFAULT_PROTECTED_BRANCHES, type PathFacts } from "../../src/fastpath/facts.ts";

export interface AllowFixture {
  work: string;
  repo: string;
  home: string;
  facts: PathFacts;
  /** A clean repository (no secrets, no outside links) for the walk cases. */
  clean: string;
  cleanFacts: PathFacts;
}

function put(path: string, text = "x\n") {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

export function makeAllowFixture(): AllowFixture {
  const work = realpathSync(mkdtempSync(join(tmpdir(), "ccgate-allow-")));
  const home = join(work, "home");
  const repo = join(work, "repo");
  const clean = join(work, "clean");
  put(join(home, ".ssh", "id_rsa"), "PRIVATE KEY\n");
  put(join(home, ".bash_history"), "export KEY=1\n");
  put(join(work, "outside.txt"), "outside\n");
  put(join(work, "outdir", "sub", "f.txt"));
  put(join(repo, "README.md"), "# readme\n");
  put(join(repo, "src", "a.ts"), "export const a = 1;\n");
  put(join(repo, "src", "b.ts"), "export const b = 2;\n");
  put(join(repo, "src", "deep", "c.ts"));
  put(join(repo, "data.csv"), "a,b\n");
  put(join(repo, ".env"), "API_KEY=sk-live-secret\n");
  put(join(repo, ".env.local"), "K=1\n");
  put(join(repo, ".env~"), "K=1\n");
  put(join(repo, "server.pem"));
  put(join(repo, "server.key"));
  put(join(repo, "cert.p12"));
  put(join(repo, "terraform.tfstate"));
  put(join(repo, "terraform.tfstate.backup"));
  put(join(repo, ".dockercfg"));
  put(join(repo, ".docker", "config.json"));
  put(join(repo, ".boto"));
  put(join(repo, ".netrc"));
  put(join(repo, ".pgpass"));
  put(join(repo, ".kube", "config"));
  put(join(repo, "kubeconfig"));
  put(join(repo, "keys", "id_rsa"));
  put(join(repo, "config", "secrets.json"));
  put(join(repo, "prog.awk"), "BEGIN{}\n");
  symlinkSync(join(home, ".ssh", "id_rsa"), join(repo, "notes.txt"));
  symlinkSync("/", join(repo, "rootlink"));
  symlinkSync(join(work, "outdir", "sub"), join(repo, "outlink"));
  symlinkSync(join(repo, "src", "deep"), join(repo, "innerlink"));
  put(join(repo, "walk", "ok.txt"));
  symlinkSync(join(home, ".ssh"), join(repo, "walk", "sshlink"));
  put(join(repo, "src2", "x.ts"));
  symlinkSync(join(repo, ".env"), join(repo, "src2", "env-link.ts"));
  put(join(clean, "README.md"));
  put(join(clean, "src", "a.ts"), "const KEY = 1;\n");
  put(join(clean, "src", "b.ts"));
  const facts = (root: string): PathFacts => ({
    cwd: root,
    boundary: root,
    home,
    branch: "feature/x",
    protectedBranches: DEFAULT_PROTECTED_BRANCHES,
    tempDirs: ["/tmp"],
  });
  return { work, repo, home, facts: facts(repo), clean, cleanFacts: facts(clean) };
}
