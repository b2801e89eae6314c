// Credential helpers: malformed output is never a key, and a helper (or a setsid grandchild holding
// stdout open) never makes the caller wait past the timeout.
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
  } catch {
    return false;
  }
};

describe("timeouts end the wait", () => {
  test("a helper that sleeps past the timeout: it and its background child are gone (by pid)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ccgate-exec-"));
    const pids = join(dir, "pids");
    const r = await runHelper(`sleep 30 & echo $! $$ > ${pids}; sleep 30`, "bash", 500, { PATH: process.env.PATH });
    expect(r).toMatchObject({ ok: false, reason: "timeout" });
    await Bun.sleep(300);
    const list = readFileSync(pids, "utf8").trim().split(" ").map(Number);
    expect(list.length).toBe(2);
    for (const pid of list) expect(alive(pid)).toBe(false);
  }, 20_000);
  test("a setsid grandchild holding stdout does not keep the caller waiting", async () => {
    const r = await runHelper("setsid sleep 30 & echo key; sleep 30", "bash", 1000, { PATH: process.env.PATH });
    expect(r.ok).toBe(false);
  }, 20_000);
});
