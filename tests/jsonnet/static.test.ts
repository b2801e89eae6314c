// The static pass (src/jsonnet/static.ts): mistakes that do not depend on data are refused before
// evaluation, with file:line:col, even in code that would never run; programs that scope correctly
// (shadowing, recursion, `$` in nested objects, comprehension variables, imports) still evaluate.
// Positions were checked against libjsonnet's STATIC ERROR output for the same programs.
import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfigAt } from "../../src/app/config.ts";
import { evaluateFile, evaluateSnippet, type JsonValue } from "../../src/jsonnet/index.ts";
import { git } from "../support/git.ts";

const ev = (src: string, opts = {}): JsonValue => {
  const r = evaluateSnippet("t.jsonnet", src, opts);
  if (!r.ok) throw new Error(r.error.format());
  return r.value;
};

// [program, error message, "line:col"]
const STATIC_ERRORS: Array<[string, string, string]> = [
  // unknown variables, wherever they are (evaluated or not)
  ["local x = y; 1", "unknown variable: y", "1:11"],
  ["nope", "unknown variable: nope", "1:1"],
  ["if true then 1 else missing", "unknown variable: missing", "1:21"],
  ["local f(x) = x + z; 1", "unknown variable: z", "1:18"],
  ["{ a:: typo }", "unknown variable: typo", "1:7"],
  ["{ a: 1 }.a + [b for c in []]", "unknown variable: b", "1:15"],
  ["local a = 1;\nlocal b = 2;\n  a + b + c", "unknown variable: c", "3:11"],
  ["error unset", "unknown variable: unset", "1:7"],
  ["assert ok; 1", "unknown variable: ok", "1:8"],
  ["std.length(xs)", "unknown variable: xs", "1:12"],
  ["local s = 'a'; s[idx:]", "unknown variable: idx", "1:18"],
  ["std.foldl(function(acc, x) acc + y, [1], 0)", "unknown variable: y", "1:34"],
  ["local f(a) = a; f(a=b)", "unknown variable: b", "1:21"],
  ["{} + { a: 1 } { b: q }", "unknown variable: q", "1:20"],
  ["-neg", "unknown variable: neg", "1:2"],
  // function parameters: visible in the body and the defaults, nowhere else
  ["function(a=b) a", "unknown variable: b", "1:12"],
  ["local f(x) = x; x", "unknown variable: x", "1:17"],
  ["{ f(x): x, g: x }", "unknown variable: x", "1:15"],
  // comprehensions: a variable is visible to later clauses and the body, not to its own array
  ["[x for x in [x]]", "unknown variable: x", "1:14"],
  ["[x for x in [y] for y in [1]]", "unknown variable: y", "1:14"],
  ["[x for x in [1] if y for y in [2]]", "unknown variable: y", "1:20"],
  ["[[x] for x in [1]] + [x]", "unknown variable: x", "1:23"],
  ["1 + 2 * a + b", "unknown variable: a", "1:9"],
  ["{ [k]: v for k in ['a'] }", "unknown variable: v", "1:8"],
  // object locals: every field, assert and local sees them; computed names and the outside do not
  ["{ local a = 'k', [a]: 1 }", "unknown variable: a", "1:19"],
  ["{ local a = 1, [a + '']: 1 for x in ['p'] }", "unknown variable: a", "1:17"],
  ["local o = { local h = 1, b: h }; h", "unknown variable: h", "1:34"],
  ["{ local a = 1 } + { b: a }", "unknown variable: a", "1:24"],
  // self, super and $ belong inside an object
  ["self", "can't use self outside of an object", "1:1"],
  ["$", "can't use $ outside of an object", "1:1"],
  ["super.x", "can't use super outside of an object", "1:1"],
  ["super['x']", "can't use super outside of an object", "1:1"],
  ["local f() = self.a; { a: f() }", "can't use self outside of an object", "1:13"],
  ["local f() = $.a; 1", "can't use $ outside of an object", "1:13"],
  ["{ [self.k]: 1, k: 'a' }", "can't use self outside of an object", "1:4"],
  ["{ [x]: 1 for x in self.keys }", "can't use self outside of an object", "1:19"],
  ["{ [x]: 1 for x in ['a'] if self.on }", "can't use self outside of an object", "1:28"],
  ["{ [$.k]: 1 for x in [1] }", "can't use $ outside of an object", "1:4"],
  ["[self for x in [1]]", "can't use self outside of an object", "1:2"],
  // duplicates
  ["local x = 1, x = 2; x", "duplicate local var: x", "1:14"],
  ["local f(a) = a, g = 1, f = 2; g", "duplicate local var: f", "1:24"],
  ["{ local a = 1, local a = 2 }", "duplicate local var: a", "1:22"],
  ["{ local a = 1, local a = 3, [k]: a for k in ['x'] }", "duplicate local var: a", "1:22"],
  ["{ a: 1, a: 2 }", "duplicate field: a", "1:9"],
  ["{ a: 1, 'a':: 2 }", "duplicate field: a", "1:9"],
  ['{ "a b": 1, x: { y: 1, y+: 2 } }', "duplicate field: y", "1:24"],
];

describe("static errors: before evaluation, with file:line:col", () => {
  for (const [src, message, at] of STATIC_ERRORS) {
    test(src.replaceAll("\n", "\\n"), () => {
      const r = evaluateSnippet("t.jsonnet", src);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.message).toBe(message);
      expect(`${r.error.line}:${r.error.col}`).toBe(at);
      expect(r.error.isStatic).toBe(true);
      expect(r.error.format()).toStartWith(`t.jsonnet:${at}: ${message}`);
    });
  }

  test("nothing runs before the check: a trace or an error earlier in the program never fires", () => {
    const traces: string[] = [];
    const r = evaluateSnippet("t.jsonnet", "std.trace('ran', 1) + (error 'boom') + later", {
      trace: (l) => traces.push(l),
    });
    expect(!r.ok && r.error.message).toBe("unknown variable: later");
    expect(traces).toEqual([]);
  });

  test("very long operator and postfix chains are checked without exhausting the stack", () => {
    const n = 50_000;
    const dots = `.a${".a".repeat(n)}`;
    expect(ev(`local o = { a: o }; if true then 1 else o${dots}`)).toBe(1);
    expect(ev(`if true then 'short' else 0${" + 1".repeat(n)}`)).toBe("short");
    expect(ev(`local f() = f; if true then 2 else f${"()".repeat(n)}`)).toBe(2);
    expect(ev(`local o = {}; if true then 3 else o${" { a: 1 }".repeat(n)}`)).toBe(3);
    const late = evaluateSnippet("t.jsonnet", `local o = {}; o${".a".repeat(n)}[last]`);
    expect(!late.ok && [late.error.message, late.error.isStatic]).toEqual(["unknown variable: last", true]);
    const first = evaluateSnippet("t.jsonnet", `first${" + second".repeat(n)}`);
    expect(!first.ok && [first.error.message, first.error.col]).toEqual(["unknown variable: first", 1]);
  });

  test("errors that depend on values stay runtime errors", () => {
    for (const src of ["error 'x'", "{}.missing", "local o = { a: 1 }; o.b", "{ ['a']: 1, a: 2 }", "1 / 0"]) {
      const r = evaluateSnippet("t.jsonnet", src);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.isStatic).toBe(false);
    }
  });

  test("an imported file is checked too, and its error names that file", () => {
    const dir = mkdtempSync(join(tmpdir(), "ccgate-jsonnet-static-"));
    writeFileSync(join(dir, "lib.libsonnet"), "{\n  ok: 1,\n  bad:: undefinedThing,\n}\n");
    writeFileSync(join(dir, "main.jsonnet"), "(import 'lib.libsonnet').ok");
    const r = evaluateFile(join(dir, "main.jsonnet"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toBe("unknown variable: undefinedThing");
    expect([r.error.file, r.error.line, r.error.col]).toEqual([join(dir, "lib.libsonnet"), 3, 9]);
    expect(r.error.isStatic).toBe(true);
  });

  test("ext codes and top-level argument codes are checked when used", () => {
    const e = evaluateSnippet("t.jsonnet", "std.extVar('c')", { extCodes: { c: "{ a: nope }" } });
    expect(!e.ok && e.error.format()).toStartWith("<extvar:c>:1:6: unknown variable: nope");
    const t = evaluateSnippet("t.jsonnet", "function(a) a", { tlaCodes: { a: "self" } });
    expect(!t.ok && t.error.format()).toStartWith("<top-level-arg:a>:1:1: can't use self outside of an object");
  });
});

describe("valid programs still evaluate", () => {
  test("shadowing: inner binds, parameters and comprehension variables hide outer ones", () => {
    expect(ev("local x = 1; local f(x) = x * 2; [f(3), x]")).toEqual([6, 1]);
    expect(ev("local x = 1; [x for x in [5, 6]] + [x]")).toEqual([5, 6, 1]);
    expect(ev("local x = 1; local x = 2; x")).toBe(2);
    expect(ev("local std = { length(x): 42 }; std.length([])")).toBe(42);
    expect(ev("local f(std) = std; f(3)")).toBe(3);
    expect(ev("local o = { local x = 'in', a: x }; local x = 'out'; [o.a, x]")).toEqual(["in", "out"]);
    expect(ev("local a = 1; { a: a, b: { a: 2, c: self.a } }")).toEqual({ a: 1, b: { a: 2, c: 2 } });
  });

  test("recursion through local functions, mutual recursion, forward references in one local", () => {
    expect(ev("local fact(n) = if n <= 1 then 1 else n * fact(n - 1); fact(10)")).toBe(3628800);
    expect(
      ev(
        "local even(n) = if n == 0 then true else odd(n - 1), odd(n) = if n == 0 then false else even(n - 1); [even(10), odd(7)]",
      ),
    ).toEqual([true, true]);
    expect(ev("local a = b + 1, b = 1; a")).toBe(2);
    expect(ev("local fib = function(n) if n < 2 then n else fib(n - 1) + fib(n - 2); fib(15)")).toBe(610);
    expect(ev("{ local go(n) = if n == 0 then [] else [n] + go(n - 1), v: go(3) }")).toEqual({ v: [3, 2, 1] });
  });

  test("parameters see each other in their defaults", () => {
    expect(ev("local f(a, b = a * 2) = a + b; [f(1), f(1, 5)]")).toEqual([3, 6]);
    expect(ev("local f(x = y, y = 1) = x; f()")).toBe(1);
    expect(ev("(function(a, b = a + c, c = 10) b)(1)")).toBe(11);
    expect(ev("{ m(a, b = self.k + a): b, k: 100, v: self.m(1) }.v")).toBe(101);
  });

  test("$, self and super in nested objects, methods and object locals", () => {
    expect(ev("{ a: { b: { c: $.d } }, d: 4 }")).toEqual({ a: { b: { c: 4 } }, d: 4 });
    expect(ev("{ f(x):: x + $.k, k: 1, v: self.f(1), n: { w: $.v } }")).toEqual({ k: 1, v: 2, n: { w: 2 } });
    expect(ev("{ local me = self, a: 1, b: me.a + 1 }")).toEqual({ a: 1, b: 2 });
    expect(ev("{ a: 1 } + { a: super.a + 1, b: 'a' in super, c: 'z' in super }")).toEqual({
      a: 2,
      b: true,
      c: false,
    });
    expect(ev("local mk(v) = { x: v, y: self.x * 2 }; mk(3) + { x: 5 }")).toEqual({ x: 5, y: 10 });
    expect(ev("{ a: [x + $.k for x in [1, 2]], k: 10 }")).toEqual({ a: [11, 12], k: 10 });
  });

  test("object locals are visible to every field, assert and other local", () => {
    expect(ev("{ local a = b + 1, local b = 1, assert a == 2, x: a, y: self.x + b, [std.toString(1)]: 0 }")).toEqual({
      "1": 0,
      x: 2,
      y: 3,
    });
    expect(ev("local k = 'n'; { local k = 'ignored', [k]: 1 }")).toEqual({ n: 1 });
  });

  test("comprehension scoping: later clauses, conditions, keys and values see the variables", () => {
    expect(ev("[[x, y] for x in [1, 2] for y in [x * 10] if y > 10]")).toEqual([[2, 20]]);
    expect(ev("{ [k]: v for k in ['a', 'b'] for v in [k + '!'] }")).toEqual({ a: "a!", b: "b!" });
    expect(ev("{ [k]: self.base + k for k in ['x'] } + { base:: 'b-' }")).toEqual({ x: "b-x" });
    expect(ev("{ local up = std.asciiUpper(k), [k]: up + $.s for k in ['a', 'b'] } + { s:: '?' }")).toEqual({
      a: "A?",
      b: "B?",
    });
    expect(ev("local xs = [1, 2]; [x for x in xs if std.member(xs, x + 1)]")).toEqual([1]);
  });

  test("imports: libraries with their own locals, std and $; importstr / importbin", () => {
    const dir = mkdtempSync(join(tmpdir(), "ccgate-jsonnet-static-"));
    mkdirSync(join(dir, "lib"));
    writeFileSync(
      join(dir, "lib", "rules.libsonnet"),
      "local prefix = 'Rule: ';\n{ rule(t):: prefix + t, all: [self.rule(x) for x in ['a', 'b']], top: { n: $.all[0] } }",
    );
    writeFileSync(join(dir, "lib", "note.txt"), "hi");
    writeFileSync(
      join(dir, "main.jsonnet"),
      "local r = import 'lib/rules.libsonnet';\nr + { extra: r.rule('c'), note: importstr 'lib/note.txt', bytes: importbin 'lib/note.txt' }",
    );
    const r = evaluateFile(join(dir, "main.jsonnet"));
    expect(r.ok && r.value).toEqual({
      all: ["Rule: a", "Rule: b"],
      top: { n: "Rule: a" },
      extra: "Rule: c",
      note: "hi",
      bytes: [104, 105],
    });
  });

  test("the embedded defaults of every host evaluate", () => {
    const hosts = join(import.meta.dir, "..", "..", "src", "hosts");
    const dirs = readdirSync(hosts, { withFileTypes: true }).filter((d) => d.isDirectory());
    const files = dirs.flatMap(({ name: h }) =>
      readdirSync(join(hosts, h))
        .filter((f) => f.endsWith(".jsonnet"))
        .map((f) => join(hosts, h, f)),
    );
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const r = evaluateFile(f, { nativeFunctions: { env: () => "", must_env: () => "x" } });
      if (!r.ok) throw new Error(`${f}: ${r.error.format()}`);
      expect(typeof r.value).toBe("object");
    }
  });
});

test("a config file with an unknown variable in an untaken branch is a config error naming file, line and column", () => {
  const base = mkdtempSync(join(tmpdir(), "ccgate-config-static-"));
  const home = join(base, "home");
  const repo = join(base, "repo");
  mkdirSync(join(home, ".claude"), { recursive: true });
  mkdirSync(repo);
  git(repo, "init", "-q", "-b", "main");
  const file = join(home, ".claude", "ccgate.jsonnet");
  writeFileSync(
    file,
    "local env = std.native('env');\n{\n  append_allow: if env('CI') != '' then [ci_rules] else [],\n}\n",
  );
  const env = {
    HOME: home,
    PATH: process.env.PATH,
    XDG_STATE_HOME: join(base, "state"),
    XDG_CACHE_HOME: join(base, "c"),
  };
  const r = loadConfigAt("claude", { cwd: repo, env });
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.details).toEqual([
    `${file}: line 3, column 42: Jsonnet evaluation failed: unknown variable: ci_rules`,
  ]);
  // The same file with the name bound loads.
  writeFileSync(
    file,
    "local env = std.native('env');\nlocal ci_rules = 'x';\n{\n  append_allow: if env('CI') != '' then [ci_rules] else [],\n}\n",
  );
  expect(loadConfigAt("claude", { cwd: repo, env }).ok).toBe(true);
});
