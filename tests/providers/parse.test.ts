import { describe, expect, test } from "bun:test";
import { MAX_ANSWER_CHARS, parseAnswer } from "../../src/providers/parse.ts";

describe("classifier answer parsing", () => {
  test("bare JSON (whitespace around it allowed)", () => {
    const want = { ok: true, output: { reason: "r", behavior: "deny", deny_message: "no" } } as const;
    expect(parseAnswer('{"reason":"r","behavior":"deny","deny_message":"no"}')).toEqual(want);
    expect(parseAnswer(' \n{"reason":"r","behavior":"deny","deny_message":" no "}\n ')).toEqual(want);
  });
  test("missing optional fields default to empty; wrong types are rejected", () => {
    expect(parseAnswer('{"behavior":"allow"}')).toEqual({
      ok: true,
      output: { reason: "", behavior: "allow", deny_message: "" },
    });
    expect(parseAnswer('{"behavior":1}').ok).toBe(false);
    expect(parseAnswer('{"reason":5,"behavior":"allow"}').ok).toBe(false);
    expect(parseAnswer("[]").ok).toBe(false);
    expect(parseAnswer("not json at all").ok).toBe(false);
  });
  const rejected: Array<[string, string]> = [
    ["upper-case enum", '{"reason":"r","behavior":"ALLOW","deny_message":""}'],
    ["mixed-case enum", '{"reason":"r","behavior":"Allow","deny_message":""}'],
    ["padded enum", '{"reason":"r","behavior":" allow","deny_message":""}'],
    ["unknown enum", '{"reason":"r","behavior":"approve","deny_message":""}'],
    ["ask is not in the enum", '{"reason":"r","behavior":"ask","deny_message":""}'],
    ["prose before", 'Sure. {"reason":"r","behavior":"allow","deny_message":""}'],
    ["prose after", '{"reason":"r","behavior":"allow","deny_message":""} Hope that helps'],
    ["trailing second object", '{"behavior":"deny"}{"behavior":"allow"}'],
    ["code fence", '```json\n{"reason":"r","behavior":"allow","deny_message":""}\n```'],
    ["extra field", '{"reason":"r","behavior":"allow","deny_message":"","override":true}'],
    ["nested answer", '{"answer":{"behavior":"allow"}}'],
    ["string JSON", '"allow"'],
    ["bare word", "allow"],
    ["null", "null"],
    ["empty", ""],
    ["truncated", '{"reason":"r","behavior":"allow"'],
  ];
  for (const [name, text] of rejected)
    test(`rejected: ${name}`, () => {
      expect(parseAnswer(text).ok).toBe(false);
    });
  test("an answer larger than the cap is rejected without parsing", () => {
    const text = `{"reason":"${"x".repeat(MAX_ANSWER_CHARS)}","behavior":"allow","deny_message":""}`;
    expect(parseAnswer(text).ok).toBe(false);
  });
});
