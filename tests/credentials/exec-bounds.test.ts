// Credential helpers: malformed output is never a key, and a helper (or a setsid grandchild holding
// stdout open) never makes the caller wait past the timeout.
import { describe, expect, test } from "bun:test";
import { runHelper } from "../../src/credentials/exec.ts";
import { parseKeyOutput } from "../../src/credentials/format.ts";

describe("malformed helper output is never a key", () => {
  const bad = [
    "",
    "   ",
    "two\nlines",
    "sk-ant key with spaces",
    "sk\tant",
    "sk\u0001ant",
    "sk\u007fant",
    "ключ",
    '{"key":"a b"}',
    '{"key":"a\\u0000b"}',
  ];
  for (const text of bad)
    test(JSON.stringify(text), () => {
      expect(parseKeyOutput(text, Date.now(), 0).ok).toBe(false);
    });
  test("a plain token is a key", () => {
    expect(parseKeyOutput("sk-ant-abc_123\n", Date.now(), 0)).toMatchObject({ ok: true, key: "sk-ant-abc_123" });
  });
});

describe("timeouts end the wait", () => {
  test("a helper that sleeps past the timeout: its group is gone", async () => {
    const r = await runHelper("sleep 30 & echo $! > /tmp/ccgate-bound-pid-$PPID; sleep 30", "bash", 500, {
      PATH: process.env.PATH,
    });
    expect(r.ok).toBe(false);
  }, 20_000);
  test("a setsid grandchild holding stdout does not keep the caller waiting", async () => {
    const r = await runHelper("setsid sleep 30 & echo key; sleep 30", "bash", 1000, { PATH: process.env.PATH });
    expect(r.ok).toBe(false);
  }, 20_000);
});
