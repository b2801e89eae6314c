// Our own cases for each construct of the language (the official suite is run separately, see
// bench/jsonnet/conformance.ts; its files are never committed).
import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evaluateFile, evaluateSnippet, renderJson } from "../../src/jsonnet/index.ts";

const ev = (src: string, opts = {}) => {
  const r = evaluateSnippet("test.jsonnet", src, opts);
  if (!r.ok) throw new Error(r.error.format());
  return r.value;
};
const err = (src: string, opts = {}) => {
  const r = evaluateSnippet("test.jsonnet", src, opts);
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
};

describe("literals", () => {
  test("numbers, separators, strings of every kind", () => {
    expect(ev("[1, 1.5, 1e3, 1_000_000, 0.5e-2]")).toEqual([1, 1.5, 1000, 1000000, 0.005]);
    expect(ev(`["a\\tb", 'it\\'s', @"x""y", @'c''d', "\\u00e9"]`)).toEqual(["a\tb", "it's", 'x"y', "c'd", "é"]);
    expect(ev("|||\n  line 1\n    indented\n|||")).toBe("line 1\n  indented\n");
    expect(ev("|||-\n  no newline\n|||")).toBe("no newline");
  });
  test("comments of three kinds and trailing commas", () => {
    expect(ev("{ a: 1, // one\n b: 2, # two\n /* three */ c: [1, 2,], }")).toEqual({ a: 1, b: 2, c: [1, 2] });
  });
});

describe("expressions", () => {
  test("arithmetic, precedence, comparison, bitwise, string formatting", () => {
    expect(ev("1 + 2 * 3 - 4 / 2")).toBe(5);
    expect(ev("[7 % 3, -7 % 3, 1 << 4, 0xff & 0 | 5, 6 ^ 3, ~0]".replace("0xff", "255"))).toEqual([
      1, -1, 16, 5, 5, -1,
    ]);
    expect(ev("[1 < 2, 'a' < 'b', [1, 2] < [1, 3], 1 == 1.0, {a: 1} == {a: 1}]")).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(ev("'%s-%03d' % ['x', 7]")).toBe("x-007");
    expect(ev("'a' + 1 + [2] + {b: 3}")).toBe('a1[2]{"b": 3}');
  });
  test("locals, functions, defaults, named arguments, closures, tailstrict", () => {
    expect(ev("local f(a, b=a*2) = a + b; [f(1), f(1, 5), f(b=1, a=2)]")).toEqual([3, 6, 3]);
    expect(ev("local add(x) = function(y) x + y; add(2)(3)")).toBe(5);
    expect(ev("local sum(n, acc) = if n == 0 then acc else sum(n - 1, acc + n) tailstrict; sum(20000, 0)")).toBe(
      200010000,
    );
  });
  test("if/else, assert, error, in, slices", () => {
    expect(ev("[if true then 1, if false then 1, if false then 1 else 2]")).toEqual([1, null, 2]);
    expect(ev("assert 1 == 1 : 'no'; 'ok'")).toBe("ok");
    expect(ev("['a' in {a: 1}, 'b' in {a: 1}]")).toEqual([true, false]);
    expect(ev("[[1,2,3,4,5][1:4], [1,2,3,4,5][::2], 'hello'[1:3], [1,2,3][-2:]]")).toEqual([
      [2, 3, 4],
      [1, 3, 5],
      "el",
      [2, 3],
    ]);
  });
  test("comprehensions", () => {
    expect(ev("[x * y for x in [1, 2] for y in [10, 20] if x * y != 20]")).toEqual([10, 40]);
    expect(ev("{ [k]: std.length(k) for k in ['a', 'bb'] }")).toEqual({ a: 1, bb: 2 });
  });
});

describe("objects", () => {
  test("self, super, $, +:, hidden and forced fields", () => {
    const v = ev(`
      local base = { name: 'b', greet: 'hi ' + self.name, h:: 'hidden', list: [1], nested: { x: 1 } };
      local child = base + { name: 'c', up: super.greet, list+: [2], nested+: { y: 2 }, h2::: 'forced', top: $.name };
      child + { h: 'still hidden?' }`);
    expect(v).toEqual({
      name: "c",
      greet: "hi c",
      up: "hi c",
      list: [1, 2],
      nested: { x: 1, y: 2 },
      h2: "forced",
      top: "c",
    });
    expect(ev("({ a:: 1 } + { a: 2 }).a")).toBe(2);
    expect(ev("std.objectFields({ a:: 1 } + { a: 2 })")).toEqual([]);
    expect(ev("std.objectFields({ a:: 1 } + { a::: 2 })")).toEqual(["a"]);
  });
  test("object locals, asserts, computed and null field names, in super, method sugar", () => {
    expect(ev("{ local x = 2, a: x * 3, [null]: 1, ['b' + 'c']: 4, f(n):: n + 1, g: self.f(1) }")).toEqual({
      a: 6,
      bc: 4,
      g: 2,
    });
    expect(err("{ assert self.a > 1 : 'a too small', a: 1 }").message).toBe("a too small");
    expect(ev("{ a: 1 } + { has: 'a' in super, hasnt: 'b' in super }")).toEqual({ a: 1, has: true, hasnt: false });
  });
  test("late binding through layers", () => {
    expect(ev("local a = { x: 1, y: self.x + 1 }; (a + { x: 10 }).y")).toBe(11);
  });
});

describe("imports, external variables, top-level arguments, natives", () => {
  test("import / importstr / importbin relative to the importing file; cycles are errors", () => {
    const dir = mkdtempSync(join(tmpdir(), "ccgate-jsonnet-"));
    mkdirSync(join(dir, "lib"));
    writeFileSync(join(dir, "lib", "a.libsonnet"), "{ v: (import 'b.libsonnet').w + 1, file: std.thisFile }");
    writeFileSync(join(dir, "lib", "b.libsonnet"), "{ w: 41 }");
    writeFileSync(join(dir, "lib", "t.txt"), "hi\n");
    writeFileSync(
      join(dir, "main.jsonnet"),
      "local a = import 'lib/a.libsonnet'; [a.v, importstr 'lib/t.txt', importbin 'lib/t.txt', std.endsWith(a.file, 'lib/a.libsonnet')]",
    );
    const r = evaluateFile(join(dir, "main.jsonnet"));
    expect(r.ok && r.value).toEqual([42, "hi\n", [104, 105, 10], true]);
    writeFileSync(join(dir, "c1.jsonnet"), "import 'c2.jsonnet'");
    writeFileSync(join(dir, "c2.jsonnet"), "import 'c1.jsonnet'");
    const cyc = evaluateFile(join(dir, "c1.jsonnet"));
    expect(cyc.ok).toBe(false);
    expect(!cyc.ok && cyc.error.message).toMatch(/import cycle|infinite recursion/);
  });
  test("extVar, extCode, TLAs and native functions", () => {
    expect(
      ev("[std.extVar('s'), std.extVar('c').x]", { extVars: { s: "str" }, extCodes: { c: "{ x: 1 + 1 }" } }),
    ).toEqual(["str", 2]);
    expect(ev("function(a, b=2) a + b", { tlaCodes: { a: "40" } })).toBe(42);
    expect(ev("std.native('up')('x')", { nativeFunctions: { up: (s: unknown) => String(s).toUpperCase() } })).toBe("X");
    expect(
      err("std.native('boom')()", {
        nativeFunctions: {
          boom: () => {
            throw new Error("native says no");
          },
        },
      }).message,
    ).toBe("native says no");
  });
});

describe("errors and limits", () => {
  test("errors carry file:line:col and a trace", () => {
    const e = err("local f(x) = x.missing;\n{ a: f({}) }");
    expect(e.format()).toMatch(/^test\.jsonnet:1:\d+: field does not exist: missing/);
    expect(e.trace.length).toBeGreaterThan(0);
    expect(err("{ a: 1 }.b").line).toBe(1);
    expect(err("{\n  a: error 'custom'\n}").format()).toStartWith("test.jsonnet:2:6: custom");
  });
  test("runaway recursion, huge strings and arrays end in clear errors within limits", () => {
    expect(err("local f(x) = f(x) + 1; f(0)").message).toMatch(/max stack frames/);
    expect(err("std.repeat('x', 1000)", { limits: { maxStringLength: 100 } }).message).toMatch(
      /string longer than the limit/,
    );
    expect(err("std.makeArray(1000000, function(i) i)", { limits: { maxArrayLength: 1000 } }).message).toMatch(
      /array longer than the limit/,
    );
    expect(err("local x = x; x").message).toMatch(/infinite recursion|depends on itself/);
    // Tail calls and lazy chains do not grow the JavaScript stack, but still count frames: an
    // endless tail recursion stops at the limit instead of looping forever.
    const endless = err("local f(x) = f(x); f(0)");
    expect(endless.message).toMatch(/max stack frames exceeded \(500\)/);
    expect(endless.trace.length).toBeGreaterThan(0);
    expect(err("local a = b, b = c, c = a; a").message).toMatch(/depends on itself/);
  });
  test("long lazy chains evaluate without exhausting the JavaScript stack", () => {
    // 2^15 nested deferred applications (google/jsonnet benchmarks/bench.07): more frames than the
    // default limit of 500 allows (libjsonnet stops there too), fine with a raised limit.
    const src =
      "local f2(f) = function(x) f(f(x)); local id(x) = x; local slowId = std.makeArray(20, function(i) if i == 0 then id else f2(slowId[i - 1])); slowId[15](42)";
    expect(err(src).message).toMatch(/max stack frames exceeded \(500\)/);
    expect(ev(src, { limits: { maxStack: 100_000 } })).toBe(42);
    // A thunk that failed is evaluated again (and fails again) when forced again.
    expect(ev("local x = error 'no'; local f(v) = v; [std.type(f), std.length([x, x])]")).toEqual(["function", 2]);
    expect(err("local x = error 'again'; local f(v) = v; local g(v) = f(v); [g(x), g(x)][1]").message).toBe("again");
  });
  test("syntax errors name the position", () => {
    expect(err("{ a: }").format()).toMatch(/^test\.jsonnet:1:6: /);
    expect(err("'unterminated").message).toMatch(/unterminated string/);
  });
});

test("renderJson prints like the jsonnet command (3-space indent, sorted keys, trailing newline)", () => {
  expect(renderJson(ev("{ b: [1, {}], a: 'x', c: [] }") as never)).toBe(
    '{\n   "a": "x",\n   "b": [\n      1,\n      { }\n   ],\n   "c": [ ]\n}\n',
  );
  expect(renderJson(ev("[0.1, 1e21, -0.5, 100]") as never)).toBe(
    "[\n   0.10000000000000001,\n   1000000000000000000000,\n   -0.5,\n   100\n]\n",
  );
});
