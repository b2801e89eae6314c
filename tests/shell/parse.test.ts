import { describe, expect, test } from "bun:test";
import type { Command, Script, SimpleCommand } from "../../src/shell/ast.ts";
import { literalOf, parseShell } from "../../src/shell/parse.ts";

function simple(script: Script, item = 0, pipeline = 0, command = 0): SimpleCommand {
  const c = script.items[item]?.pipelines[pipeline]?.commands[command] as Command;
  expect(c.type).toBe("simple");
  return c as SimpleCommand;
}
const argv = (c: SimpleCommand) => c.words.map((w) => literalOf(w));

describe("shell parser", () => {
  test("lists, pipelines and operators", () => {
    const { script, errors } = parseShell("a 1 | b 2 && c || d; e & f\ng");
    expect(errors).toEqual([]);
    expect(script.items.map((i) => i.pipelines.length)).toEqual([3, 1, 1, 1]);
    expect(script.items[0]?.ops).toEqual(["&&", "||"]);
    expect(script.items[0]?.pipelines[0]?.commands.length).toBe(2);
    expect(script.items.map((i) => i.background)).toEqual([false, true, false, false]);
    expect(argv(simple(script, 3))).toEqual(["g"]);
  });

  test("quoting: single, double, ANSI-C, escapes, concatenation", () => {
    const { script } = parseShell(`echo 'a b' "c $HOME d" $'e\\tf' g\\ h x"y"'z'`);
    const c = simple(script);
    expect(c.words.map((w) => w.raw)).toEqual(["echo", "'a b'", '"c $HOME d"', "$'e\\tf'", "g\\ h", `x"y"'z'`]);
    expect(literalOf(c.words[1]!)).toBe("a b");
    expect(literalOf(c.words[2]!)).toBeNull();
    expect(literalOf(c.words[3]!)).toBe("e\tf");
    expect(literalOf(c.words[4]!)).toBe("g h");
    expect(literalOf(c.words[5]!)).toBe("xyz");
  });

  test("command substitution, backquotes, arithmetic and process substitution keep their commands", () => {
    const { script } = parseShell("echo $(rm -rf x) `id` $(( $(date +%s) + 1 )) <(ls) > >(cat)");
    const c = simple(script);
    const parts = c.words.flatMap((w) => w.parts.map((p) => p.type));
    expect(parts).toEqual(["lit", "cmdsub", "cmdsub", "arith", "procsub"]);
    const sub = c.words[1]!.parts[0]!;
    expect(sub.type === "cmdsub" && argv(simple(sub.body))).toEqual(["rm", "-rf", "x"]);
    const arith = c.words[3]!.parts[0]!;
    expect(arith.type === "arith" && arith.inner.length).toBe(1);
    expect(c.redirects[0]?.op).toBe(">");
    expect(c.redirects[0]?.target.parts[0]?.type).toBe("procsub");
  });

  test("nested parentheses and quotes inside $( )", () => {
    const { script, errors } = parseShell(`echo "$(echo ")" ; (cd a && ls))" done`);
    expect(errors).toEqual([]);
    expect(simple(script).words.length).toBe(3);
  });

  test("redirections with file descriptors", () => {
    const { script } = parseShell("cmd 2>/dev/null >out.txt 2>&1 &>all <in <<<'here' >>log");
    const ops = simple(script).redirects.map((r) => `${r.fd ?? ""}${r.op}${r.target.raw}`);
    expect(ops).toEqual(["2>/dev/null", ">out.txt", "2>&1", "&>all", "<in", "<<<'here'", ">>log"]);
  });

  test("heredocs: bodies are read, unquoted ones keep their substitutions", () => {
    const { script, errors } = parseShell("cat <<EOF > f\nhello $(whoami)\nEOF\ncat <<'X'\n$(not run)\nX\necho after");
    expect(errors).toEqual([]);
    expect(script.items.length).toBe(3);
    const first = simple(script, 0).redirects[0]!;
    expect(first.heredoc?.body).toBe("hello $(whoami)");
    expect(first.heredoc?.word?.parts.some((p) => p.type === "cmdsub")).toBe(true);
    expect(simple(script, 1).redirects[0]?.heredoc?.word).toBeNull();
    expect(argv(simple(script, 2))).toEqual(["echo", "after"]);
  });

  test("assignments and env prefixes", () => {
    const { script } = parseShell("A=1 B='two words' cmd arg");
    const c = simple(script);
    expect(c.assigns.map((a) => a.name)).toEqual(["A", "B"]);
    expect(argv(c)).toEqual(["cmd", "arg"]);
  });

  test("compound commands expose their bodies", () => {
    const src =
      "for f in *.ts; do echo $f; done; if test -f x; then cat x; elif true; then :; else rm y; fi; while false; do sleep 1; done; case $a in x|y) echo 1;; *) echo 2;; esac; f() { rm -rf z; }; [[ -n $x && -f y ]]; (( i++ ))";
    const { script, errors } = parseShell(src);
    expect(errors).toEqual([]);
    const kinds = script.items.map((i) => {
      const c = i.pipelines[0]!.commands[0]!;
      return c.type === "compound" ? c.keyword : c.type;
    });
    expect(kinds).toEqual(["for", "if", "while", "case", "function", "cond", "arith"]);
    const fn = script.items[4]!.pipelines[0]!.commands[0]!;
    expect(fn.type === "compound" && fn.bodies.length).toBe(1);
  });

  test("subshells and groups", () => {
    const { script, errors } = parseShell("(cd a && make) | { read x; echo $x; } 2>/dev/null");
    expect(errors).toEqual([]);
    const p = script.items[0]!.pipelines[0]!;
    expect(p.commands.map((c) => c.type)).toEqual(["subshell", "group"]);
    expect(p.commands[1]!.type === "group" && p.commands[1]!.redirects.length).toBe(1);
  });

  test("broken input yields errors but keeps what it read", () => {
    const { script, errors } = parseShell("rm -rf /x 'unterminated");
    expect(errors.length).toBeGreaterThan(0);
    expect(argv(simple(script))).toEqual(["rm", "-rf", "/x", "unterminated"]);
    expect(parseShell("echo $(ls").errors.length).toBeGreaterThan(0);
    expect(parseShell("cat <<EOF\nno end").errors.length).toBeGreaterThan(0);
  });

  test("deep nesting ends in an error, not a stack overflow", () => {
    const deep = `${"$(".repeat(5000)}x${")".repeat(5000)}`;
    const { errors } = parseShell(`echo ${deep}`);
    expect(errors.some((e) => e.includes("too deep"))).toBe(true);
  });

  test("comments and line continuations", () => {
    const { script } = parseShell("ls \\\n  -la # a comment | not a pipe\necho '#not comment'");
    expect(argv(simple(script, 0))).toEqual(["ls", "-la"]);
    expect(argv(simple(script, 1))).toEqual(["echo", "#not comment"]);
  });
});
