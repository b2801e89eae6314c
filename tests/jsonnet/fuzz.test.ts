// Bounded, seeded fuzzing: mutate valid programs (delete, duplicate, swap and insert tokens and
// characters) and check that evaluation always ends in a value or a clean JsonnetError — never a
// crash, a non-Jsonnet exception or a hang. Deterministic: the same seed gives the same programs.
import { expect, test } from "bun:test";
import { JsonnetError } from "../../src/jsonnet/errors.ts";
import { evaluateSnippet } from "../../src/jsonnet/index.ts";

const SEEDS = [
  "local f(x, y=2) = x * y; { a: f(3), b: [f(i) for i in std.range(1, 5)], c: 'x' + std.toString(self.a) }",
  "{ a: 1, b+: { c: super.a }, h:: [1, 2][0:1], [std.format('%s', 'k')]: if self.a > 0 then 'p' else 'n' }",
  "local o = { x: 1 } + { y: self.x + 1, assert self.y > 0 : 'neg' }; std.manifestYamlDoc(o) + std.manifestJson(o)",
  "std.foldl(function(acc, s) acc + std.length(s), std.split('a,bb,ccc', ','), 0) + std.parseInt('42')",
  "|||\n  text\n||| + @'verbatim' + \"\\u00e9\" + std.join(',', std.map(std.toString, std.set([3, 1, 2])))",
  "local fib(n) = if n < 2 then n else fib(n - 1) + fib(n - 2); { fib: fib(10), s: std.sort(['b', 'a']), m: std.mergePatch({ a: 1 }, { b: 2 }) }",
];
const ALPHABET = [
  "{",
  "}",
  "[",
  "]",
  "(",
  ")",
  ",",
  ";",
  ":",
  "::",
  "+:",
  "+",
  "-",
  "*",
  "/",
  "%",
  "==",
  "<",
  "!",
  "'",
  '"',
  "|||",
  "$",
  "self",
  "super",
  "local",
  "function",
  "if",
  "then",
  "else",
  "for",
  "in",
  "assert",
  "error",
  "import",
  "x",
  "1",
  "1e309",
  "std.",
  "\n",
  " ",
];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test("2,000 mutated programs: values or clean errors only, each within a bound", () => {
  const rand = rng(20261125);
  let values = 0;
  let errors = 0;
  const started = performance.now();
  for (let i = 0; i < 2000; i++) {
    let src = SEEDS[Math.floor(rand() * SEEDS.length)] as string;
    const edits = 1 + Math.floor(rand() * 4);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rand() * (src.length + 1));
      const op = rand();
      if (op < 0.3) src = src.slice(0, at) + src.slice(at + 1 + Math.floor(rand() * 5));
      else if (op < 0.6)
        src = src.slice(0, at) + (ALPHABET[Math.floor(rand() * ALPHABET.length)] as string) + src.slice(at);
      else if (op < 0.8) {
        const len = Math.floor(rand() * 10);
        src = src.slice(0, at) + src.slice(at, at + len) + src.slice(at);
      } else {
        const b = Math.floor(rand() * src.length);
        const chars = src.split("");
        [chars[at], chars[b]] = [chars[b] as string, chars[at] as string];
        src = chars.join("");
      }
    }
    const r = evaluateSnippet("fuzz.jsonnet", src, {
      limits: { maxStack: 200, maxStringLength: 1_000_000, maxArrayLength: 100_000 },
    });
    if (r.ok) values++;
    else {
      expect(r.error).toBeInstanceOf(JsonnetError);
      expect(r.error.message).not.toMatch(/^internal error/);
      errors++;
    }
  }
  console.log(
    `fuzz: 2000 programs → ${values} values, ${errors} clean errors, ${(performance.now() - started).toFixed(0)} ms`,
  );
  expect(values + errors).toBe(2000);
}, 60_000);
