// Every read-only tool and git subcommand takes only the options on its own known-safe list: the
// everyday spellings (combined short flags, `--opt=value`, `--opt value`, `--`) stay provable, and
// options that write, run programs, read elsewhere or are simply unknown go to the LLM. Option
// values that name files are checked as paths (inside the repository, not a secret, after symlinks).
import { afterAll, describe, expect, test } from "bun:test";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeCommand } from "../../src/fastpath/analyze.ts";
import { GIT } from "../../src/fastpath/git-options.ts";
import { allow } from "../../src/fastpath/option-spec.ts";
import { READ_ONLY } from "../../src/fastpath/read-only.ts";
import { makeAllowFixture } from "../support/allow-fixture.ts";
import { SAFE, UNSAFE, UNSAFE_VALUES } from "./option-allowlist-cases.ts";

const fx = makeAllowFixture();
afterAll(() => rmSync(fx.work, { recursive: true, force: true }));
for (const [name, text] of [
  ["data.csv", "1,a\n2,b\n"],
  ["b.csv", "1,x\n2,y\n"],
  ["file.bin", "\u0000\u0001binary"],
  ["pats.txt", "export\n"],
  ["x.json", '{"name":"x"}\n'],
  ["x.yaml", "a: 1\n"],
  ["sums.txt", "d41d8cd98f00b204e9800998ecf8427e  README.md\n"],
  ["prog.jq", ".name\n"],
  ["prog.sed", "1w out.txt\n"],
  ["opts.txt", "-n 8\n"],
  ["dump.hex", "00000000: 6869\n"],
] as const)
  writeFileSync(join(fx.clean, name), text);

function verdict(command: string, clean = true) {
  return analyzeCommand(command, clean ? fx.cleanFacts : fx.facts);
}

describe("known-safe options stay provable", () => {
  for (const [tool, commands] of Object.entries(SAFE))
    for (const command of commands)
      test(`${tool}: ${command}`, () => {
        const a = verdict(command);
        expect(a.parts.filter((p) => p.status !== "read-only")).toEqual([]);
        expect(a.verdict).toBe("allow");
      });
});

describe("other options go to the LLM", () => {
  for (const [tool, commands] of Object.entries(UNSAFE))
    for (const command of commands)
      test(`${tool}: ${command}`, () => {
        expect(verdict(command).verdict).not.toBe("allow");
        expect(verdict(command, false).verdict).not.toBe("allow");
      });
  for (const command of UNSAFE_VALUES)
    test(`file-valued option: ${command}`, () => {
      const a = verdict(command, false);
      expect(a.verdict).toBe("llm");
    });
});

describe("every table entry refuses an option it does not list", () => {
  const argsIgnored = new Set(["true", "false"]);
  for (const name of Object.keys(READ_ONLY).filter((n) => !argsIgnored.has(n)))
    test(`${name} --ccgate-unknown`, () => {
      const check = READ_ONLY[name] as (a: string[]) => string | null;
      expect(check(["--ccgate-unknown"])).not.toBeNull();
      expect(check(["--ccgate-unknown=1", "x"])).not.toBeNull();
    });
  for (const sub of Object.keys(GIT))
    test(`git ${sub} --ccgate-unknown`, () => {
      const check = GIT[sub] as (a: string[]) => string | null;
      expect(check(["--ccgate-unknown"])).not.toBeNull();
      expect(analyzeCommand(`git ${sub} --ccgate-unknown`, fx.cleanFacts).verdict).not.toBe("allow");
    });
});

describe("the option parser", () => {
  const spec = allow({ flags: "la", valued: "en", files: "f", long: ["all", "color", "color=", "file="] });
  const files = allow({ flags: "n", valued: "f", files: "f" });
  test("combined short flags", () => {
    expect(spec(["-la"])).toBeNull();
    expect(spec(["-lz"])).toMatch(/-z/);
  });
  test("long options with and without values", () => {
    expect(spec(["--all", "--color", "--color=never", "--file=x", "--file", "x"])).toBeNull();
    expect(spec(["--all=1"])).toMatch(/known-safe/);
    expect(spec(["--al"])).toMatch(/known-safe/); // abbreviations are not matched
  });
  test("a value word that looks like an option is refused; a number or - is fine", () => {
    expect(spec(["-e", "--evil"])).toMatch(/looks like an option/);
    expect(spec(["--file", "--evil"])).toMatch(/looks like an option/);
    expect(spec(["-e", "-5"])).toBeNull();
    expect(spec(["-n", "-"])).toBeNull();
  });
  test("-- ends the options", () => {
    expect(spec(["--", "--evil", "-z"])).toBeNull();
  });
  test("a file name glued after other letters is refused", () => {
    expect(files(["-nfx"])).toMatch(/glues a file name/);
    expect(files(["-fx"])).toBeNull();
    expect(files(["-nf", "x"])).toBeNull();
  });
  test("two-word options and operands", () => {
    const two = allow({ long2: ["arg"], after: (_a, operands) => (operands.length === 1 ? null : "operands") });
    expect(two(["--arg", "a", "b", "prog"])).toBeNull();
    expect(two(["--arg", "a", "--evil", "prog"])).toMatch(/looks like an option/);
    expect(two(["--arg", "a", "b", "prog", "more"])).toBe("operands");
  });
  test("builtins stop at the first operand", () => {
    const builtin = allow({ flags: "a", firstOperandEnds: true });
    expect(builtin(["-a", "ls", "-x"])).toBeNull();
    expect(allow({ flags: "a" })(["-a", "ls", "-x"])).toMatch(/-x/);
  });
});
