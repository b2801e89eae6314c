// Hard deny holds however the command is spelled: every obfuscated case of obfuscation-cases.ts is
// denied by the fast path, and the look-alikes are not (they go to the classifier or are allowed).
import { describe, expect, test } from "bun:test";
import { analyzeCommand } from "../../src/fastpath/analyze.ts";
import { DEFAULT_PROTECTED_BRANCHES, type PathFacts } from "../../src/fastpath/facts.ts";
import { NOT_DENIED, OBFUSCATED } from "./obfuscation-cases.ts";

const facts: PathFacts = {
  cwd: "/work/repo",
  boundary: "/work/repo",
  home: "/home/dev",
  branch: "feature/x",
  protectedBranches: DEFAULT_PROTECTED_BRANCHES,
  tempDirs: ["/tmp"],
};

for (const [klass, cases] of Object.entries(OBFUSCATED)) {
  describe(`hard deny: ${klass}`, () => {
    test("at least ten spellings", () => expect(cases.length).toBeGreaterThanOrEqual(10));
    for (const command of cases) {
      test(command, () => {
        const a = analyzeCommand(command, facts);
        expect({ command, verdict: a.verdict }).toEqual({ command, verdict: "deny" });
      });
    }
  });
}

describe("look-alikes are not denied", () => {
  for (const command of NOT_DENIED) {
    test(command, () => {
      const a = analyzeCommand(command, facts);
      expect(a.verdict === "deny" ? `denied by ${a.rule}: ${a.reason}` : "not denied").toBe("not denied");
    });
  }
});

describe("what the rules see", () => {
  test("brace expansion is seen by the allow checks too", () => {
    expect(analyzeCommand("cat {README.md,/etc/shadow}", facts).verdict).toBe("llm");
  });
  test("a variable set earlier in the line becomes the command name", () => {
    const a = analyzeCommand("x=rm; $x -rf ~", facts);
    expect(a.reason).toBe("rm -r /home/dev");
  });
  test("cd moves where relative paths resolve", () => {
    expect(analyzeCommand("cd ~ && rm -rf ./x/..", facts).reason).toBe("rm -r /home/dev");
    expect(analyzeCommand("cd src && rm -rf ..", facts).verdict).not.toBe("deny");
  });
  test("a cd inside a subshell does not leak out", () => {
    expect(analyzeCommand("(cd ~) && rm -rf ./build", facts).verdict).not.toBe("deny");
  });
  test("an unknown cd target makes relative paths unknown, not denied", () => {
    expect(analyzeCommand('cd "$(mktemp -d)" && rm -rf ./*', facts).verdict).not.toBe("deny");
    expect(analyzeCommand("cd $DIR && rm -rf /", facts).verdict).toBe("deny");
  });
  test("a deletion call in interpreter code is judged by its path", () => {
    expect(analyzeCommand("python3 -c \"import shutil; shutil.rmtree('/work/repo/build')\"", facts).verdict).not.toBe(
      "deny",
    );
    expect(analyzeCommand("python3 -c \"import shutil; shutil.rmtree('/work/other')\"", facts).reason).toBe(
      "rm -r /work/other",
    );
  });
  test("large and deeply nested lines finish, and a deny still holds in them", () => {
    const manyCalls = `f(){ g; g; }; g(){ h; h; }; h(){ i; i; }; i(){ j; j; }; j(){ ls; ls; }; ${"f; ".repeat(200)}`;
    expect(analyzeCommand(manyCalls, facts).verdict).toBe("llm");
    const bigHeredoc = `bash <<EOF\n${"echo hi\n".repeat(5000)}EOF`;
    expect(analyzeCommand(bigHeredoc, facts).verdict).toBe("llm");
    expect(analyzeCommand(`rm -rf {x,/}${"{,}".repeat(30)}`, facts).verdict).toBe("deny");
    expect(analyzeCommand(`echo ${"{a,b}".repeat(30)}`, facts).verdict).not.toBe("deny");
    expect(analyzeCommand(`x='rm -rf ~'; ${'eval "$x"; '.repeat(300)}`, facts).verdict).toBe("deny");
  }, 60_000);
});
