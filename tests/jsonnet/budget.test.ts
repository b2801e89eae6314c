// The evaluation budget: hostile or runaway configs end in a clear Jsonnet error, never a hang or a
// memory balloon. Each case would run for minutes or take gigabytes without the budget; the checks
// are on the error message (which budget ended it), never on how fast it ended.
import { describe, expect, test } from "bun:test";
import { DEFAULT_LIMITS, evaluateSnippet } from "../../src/jsonnet/index.ts";

const fails = (src: string, pattern: RegExp, limits = {}) => {
  const r = evaluateSnippet("budget.jsonnet", src, { limits });
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.error.message).toMatch(pattern);
    expect(r.error.message).not.toMatch(/internal error|JavaScript stack/);
  }
};
const bytes = /exceeded its budget of \d+ MB of (built values|memory)/;
const time = /exceeded its budget of \d+ ms/;
const stack = /max stack frames exceeded/;
const longString = /string longer than the limit/;
const longArray = /array longer than the limit/;

describe("work budget", () => {
  test.each([
    ["exponential recursion", "local f(n) = if n == 0 then 1 else f(n - 1) + f(n - 1); f(60)"],
    [
      "exponential through objects",
      "local f(n) = if n == 0 then {} else { a: f(n - 1), b: f(n - 1) }; std.length(std.toString(f(40)))",
    ],
    [
      "nested comprehension",
      "std.length([1 for a in std.range(1, 2000) for b in std.range(1, 2000) for c in std.range(1, 2000)])",
    ],
    [
      "foldl over a big range, again and again",
      "local g(k) = std.foldl(function(a, b) a + b, std.range(1, 100000), k); std.foldl(function(a, k) a + g(k), std.range(1, 100000), 0)",
    ],
    [
      "exponential with error handling hidden in assert",
      "local f(n) = if n == 0 then true else f(n - 1) && f(n - 1) && true; { assert f(70) }",
    ],
  ])(
    "%s ends on the step, time or memory budget",
    (_, src) => {
      const r = evaluateSnippet("budget.jsonnet", src);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/exceeded its budget of/);
    },
    // The shipped budgets (up to 5 s of evaluation each) run here; a loaded machine may be slower.
    60_000,
  );
  test("a zero time budget ends a long run with the time message", () => {
    fails("local f(n) = if n == 0 then 1 else f(n - 1) + f(n - 1); f(40)", time, { maxMillis: 0 });
  });
});

describe("memory budget", () => {
  test.each([
    ["std.repeat of a huge count", "std.length(std.repeat('x', 1e12))", longString],
    ["std.repeat of a long string", "std.length(std.repeat(std.repeat('abcdefgh', 1000000), 100))", longString],
    ["string doubling", "local f(s, n) = if n == 0 then std.length(s) else f(s + s, n - 1); f('x', 40)", longString],
    ["std.range of a huge size", "std.length(std.range(0, 1e12))", longArray],
    ["std.makeArray of a huge size", "std.length(std.makeArray(1e9, function(i) i))", longArray],
    [
      "array doubling",
      "local f(a, n) = if n == 0 then std.length(a) else f(a + a, n - 1); f([1], 40)",
      /array longer|budget of/,
    ],
    [
      "huge objects by comprehension",
      "local f(n) = if n == 0 then {} else { ['k' + i]: i for i in std.range(0, 100000) } + f(n - 1); std.length(f(200))",
      bytes,
    ],
    ["std.repeat of an array", "std.length(std.repeat(std.range(1, 1000), 1000000))", longArray],
  ])("%s ends on a size limit", (_, src, pattern) => fails(src, pattern));
});

describe("recursion depth", () => {
  test.each([
    ["endless tail recursion", "local f(n) = f(n + 1); f(0)"],
    ["endless tail recursion behind if", "local f(n) = if n < 0 then 0 else f(n + 1); f(0)"],
    ["deep non-tail recursion", "local f(n) = 1 + f(n + 1); f(0)"],
    ["mutual recursion", "local f(n) = g(n) + 1, g(n) = f(n) + 1; f(0)"],
    ["self-referential fields", "local x = { a: self.b, b: self.a }; x.a"],
  ])("%s ends on the stack limit", (_, src) => fails(src, stack));
});

describe("real configs fit easily", () => {
  test("defaults are the documented ones", () => {
    expect(DEFAULT_LIMITS).toMatchObject({ maxSteps: 50_000_000, maxMillis: 5_000, maxBytes: 256 * 1024 * 1024 });
  });
  test("a 2,000-rule config evaluates under the default budgets", () => {
    const src = `{ append_deny: ['Rule %d: never touch /srv/app-%d or its %s data. deny_message: use app-%d-staging.' % [i, i, std.asciiUpper('prod'), i] for i in std.range(1, 2000)] }`;
    const r = evaluateSnippet("rules.jsonnet", src);
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.value as { append_deny: string[] }).append_deny).toHaveLength(2000);
  });
});
