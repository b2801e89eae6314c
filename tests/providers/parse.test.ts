import { describe, expect, test } from "bun:test";
import { parseAnswer } from "../../src/providers/parse.ts";

describe("classifier answer parsing", () => {
  test("bare JSON, fenced JSON and JSON inside prose", () => {
    const want = { ok: true, output: { reason: "r", behavior: "deny", deny_message: "no" } } as const;
    expect(parseAnswer('{"reason":"r","behavior":"deny","deny_message":"no"}')).toEqual(want);
    expect(parseAnswer('```json\n{"reason":"r","behavior":"DENY","deny_message":" no "}\n```')).toEqual(want);
    expect(parseAnswer('Sure. {"reason":"r","behavior":"deny","deny_message":"no"} Hope that helps')).toEqual(want);
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
});
