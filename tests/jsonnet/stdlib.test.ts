import { describe, expect, test } from "bun:test";
import { evaluateSnippet } from "../../src/jsonnet/index.ts";

const ev = (src: string) => {
  const r = evaluateSnippet("std.jsonnet", src);
  if (!r.ok) throw new Error(r.error.format());
  return r.value;
};

describe("standard library", () => {
  test("strings", () => {
    expect(
      ev(
        "[std.split('a,b,c', ','), std.splitLimit('a,b,c', ',', 1), std.splitLimitR('a,b,c', ',', 1), std.join('-', ['a', 'b']), std.strReplace('aXbX', 'X', '_')]",
      ),
    ).toEqual([["a", "b", "c"], ["a", "b,c"], ["a,b", "c"], "a-b", "a_b_"]);
    expect(
      ev(
        "[std.asciiUpper('aé'), std.stripChars('xxaxx', 'x'), std.trim('  t  '), std.substr('hello', 1, 3), std.findSubstr('a', 'banana'), std.length('héllo')]",
      ),
    ).toEqual(["Aé", "a", "t", "ell", [1, 3, 5], 5]);
    expect(
      ev(
        "[std.escapeStringBash(\"it's\"), std.escapeStringDollars('$x'), std.escapeStringXml('<a & b>'), std.escapeStringJson('q\"\\n')]",
      ),
    ).toEqual(["'it'\"'\"'s'", "$$x", "&lt;a &amp; b&gt;", '"q\\"\\n"']);
    expect(
      ev("[std.parseInt('-42'), std.parseHex('ff'), std.parseOctal('17'), std.char(9731), std.codepoint('☃')]"),
    ).toEqual([-42, 255, 15, "☃", 9731]);
  });
  test("format", () => {
    expect(
      ev("[std.format('%5.2f|%-4d|%x|%e|%g', [3.14159, 7, 255, 1234.5, 0.0001]), '%(a)s=%(b)d' % { a: 'x', b: 3 }]"),
    ).toEqual([" 3.14|7   |ff|1.234500e+03|0.0001", "x=3"]);
  });
  test("arrays, higher-order functions, sets, sorting", () => {
    expect(
      ev(
        "[std.map(function(x) x * 2, [1, 2]), std.filter(function(x) x > 1, [1, 2, 3]), std.foldl(function(a, b) a + b, [1, 2, 3], 0), std.foldr(function(a, b) a + b, ['a', 'b'], '')]",
      ),
    ).toEqual([[2, 4], [2, 3], 6, "ab"]);
    expect(
      ev(
        "[std.sort([3, 1, 2]), std.sort(['bb', 'a'], std.length), std.uniq([1, 1, 2]), std.set([3, 1, 3]), std.setUnion([1, 3], [2]), std.setInter([1, 2], [2, 3]), std.setDiff([1, 2], [2]), std.setMember(2, [1, 2])]",
      ),
    ).toEqual([[1, 2, 3], ["a", "bb"], [1, 2], [1, 3], [1, 2, 3], [2], [1], true]);
    expect(
      ev(
        "[std.range(1, 3), std.makeArray(3, function(i) i * i), std.flattenArrays([[1], [2, 3]]), std.reverse([1, 2]), std.member([1, 2], 2), std.count([1, 1, 2], 1), std.all([true]), std.any([false]), std.sum([1, 2]), std.avg([2, 4])]",
      ),
    ).toEqual([[1, 2, 3], [0, 1, 4], [1, 2, 3], [2, 1], true, 2, true, false, 3, 3]);
    expect(
      ev("[std.minArray([3, 1]), std.maxArray(['a', 'c']), std.minArray([], onEmpty='none'), std.find(2, [1, 2, 2])]"),
    ).toEqual([1, "c", "none", [1, 2]]);
  });
  test("objects", () => {
    expect(
      ev(
        "local o = { a: 1, h:: 2 }; [std.objectFields(o), std.objectFieldsAll(o), std.objectHas(o, 'h'), std.objectHasAll(o, 'h'), std.objectValues(o), std.get(o, 'z', 'dflt'), std.mapWithKey(function(k, v) k + v, { x: 'y' })]",
      ),
    ).toEqual([["a"], ["a", "h"], false, true, [1], "dflt", { x: "xy" }]);
    expect(
      ev(
        "[std.prune({ a: null, b: [], c: { d: {} }, e: 1 }), std.mergePatch({ a: 1, b: { c: 2 } }, { a: null, b: { d: 3 } }), std.objectRemoveKey({ a: 1, b: 2 }, 'a')]",
      ),
    ).toEqual([{ e: 1 }, { b: { c: 2, d: 3 } }, { b: 2 }]);
  });
  test("manifest formats", () => {
    expect(ev("std.manifestJsonEx({ a: [1, { b: null }] }, '  ')")).toBe(
      '{\n  "a": [\n    1,\n    {\n      "b": null\n    }\n  ]\n}',
    );
    expect(ev("std.manifestJsonMinified({ a: [1, 2], b: 'x' })")).toBe('{"a":[1,2],"b":"x"}');
    expect(ev("std.manifestYamlDoc({ a: [1, 2], b: { c: 'multi\\nline\\n' }, d: [] })")).toBe(
      '"a":\n- 1\n- 2\n"b":\n  "c": |\n    multi\n    line\n"d": []',
    );
    expect(ev("std.manifestYamlStream([{ a: 1 }, [2]])")).toBe('---\n"a": 1\n---\n- 2\n...\n');
    expect(ev("std.manifestIni({ main: { a: 1 }, sections: { s: { b: ['x', 'y'] } } })")).toBe(
      "a = 1\n[s]\nb = x\nb = y\n",
    );
    expect(ev("std.manifestPython({ a: [true, null, 'x'] })")).toBe('{"a": [True, None, "x"]}');
    expect(ev("std.manifestXmlJsonml(['a', { href: 'x' }, ['b', 'text & more']])")).toBe(
      '<a href="x"><b>text &amp; more</b></a>',
    );
    expect(ev("std.manifestTomlEx({ a: 1, t: { b: 'x' } }, '  ')")).toBe('a = 1\n\n[t]\n  b = "x"');
  });
  test("parsing and encodings", () => {
    expect(ev("std.parseJson('{\"a\": [1, true, null]}')")).toEqual({ a: [1, true, null] });
    expect(ev("std.parseYaml('a: 1\\nb:\\n  - x\\n  - y: 2\\nc: \"q\"\\nd: |\\n  text\\n')")).toEqual({
      a: 1,
      b: ["x", { y: 2 }],
      c: "q",
      d: "text\n",
    });
    expect(ev("[std.base64('hi'), std.base64Decode('aGk='), std.md5('a'), std.sha256('')]")).toEqual([
      "aGk=",
      "hi",
      "0cc175b9c0f1b6a831c399e269772661",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    ]);
  });
  test("math", () => {
    expect(
      ev(
        "[std.abs(-2), std.sign(-3), std.pow(2, 10), std.floor(1.5), std.ceil(1.2), std.round(2.5), std.sqrt(16), std.clamp(5, 0, 3), std.isEven(4), std.isInteger(1.5), std.mantissa(8), std.exponent(8)]",
      ),
    ).toEqual([2, -1, 1024, 1, 2, 3, 4, 3, true, false, 0.5, 4]);
  });
});
