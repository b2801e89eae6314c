// The redaction corpus: every family of secret format from tests/support/secret-corpus.ts, each
// sample checked on its own, inside a JSON request value (as the prompt carries it) and with the
// secret's neighbours intact; plus texts that must come through unchanged.
import { beforeEach, describe, expect, test } from "bun:test";
import { clearSecrets, redact, redactValue } from "../../src/core/redact.ts";
import { KEPT, PROSE, SECRET_FAMILIES } from "../support/secret-corpus.ts";

// Other test files in the same process resolve credentials (which registers their keys): patterns only here.
beforeEach(() => clearSecrets());

for (const [family, cases] of Object.entries(SECRET_FAMILIES)) {
  describe(`redact corpus: ${family}`, () => {
    for (const { text, secrets } of cases) {
      test(text.split("\n")[0]?.slice(0, 90) ?? text, () => {
        const out = redact(text);
        for (const s of secrets) expect(out).not.toContain(s);
        expect(out).toContain("[REDACTED");
        const asValue = JSON.stringify(redactValue({ tool_input: { command: text, content: text } }));
        for (const s of secrets) expect(asValue).not.toContain(s);
        // idempotent: a second pass changes nothing
        expect(redact(out)).toBe(out);
      });
    }
  });
}

describe("redact corpus: kept unchanged", () => {
  for (const text of KEPT) test(text, () => expect(redact(text)).toBe(text));
});

describe("redact corpus: prose and YAML near secret words", () => {
  for (const [text, gone, kept] of PROSE)
    test(text.split("\n")[0] as string, () => {
      const out = redact(text);
      for (const s of gone) expect(out).not.toContain(s);
      for (const k of kept) expect(out).toContain(k);
    });
});

describe("redact corpus: ccgate's own hints about keys stay readable", () => {
  for (const text of [
    "no key: set CCGATE_ANTHROPIC_API_KEY or ANTHROPIC_API_KEY (without it, only the fast path decides)",
    "set CCGATE_OPENAI_API_KEY or OPENAI_API_KEY",
    "set GEMINI_API_KEY and retry",
    "set AWS_SECRET_ACCESS_KEY to the new value",
  ])
    test(text, () => expect(redact(text)).toBe(text));
  test("a real value after `set <secret name>` is still redacted", () => {
    for (const [text, secret] of [
      ["aws configure set aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz", "wJalrXUtnFEMI"],
      ["npm config set _authToken npm_abcdefabcdefabcdefabcdefabcdef123456", "npm_abcdef"],
      ["claude config set api_key hunter22", "hunter22"],
    ] as const)
      expect(redact(text)).not.toContain(secret);
  });
});
