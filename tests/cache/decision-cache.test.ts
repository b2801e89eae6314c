import { describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cacheKey, DecisionCache, hashConfig, normaliseToolInput } from "../../src/cache/decision-cache.ts";

const base = {
  target: "claude",
  repo: "/r",
  cwd: "/r",
  branch: "feature/x",
  toolName: "Bash",
  toolInput: { command: "npm test" },
  configHash: "c1",
};

describe("decision cache keys", () => {
  test("same action, same key; intent text and key order do not matter", () => {
    const a = cacheKey(base);
    expect(cacheKey({ ...base, toolInput: { description: "run the tests", command: " npm test " } })).toBe(a);
    expect(normaliseToolInput({ b: 1, a: { y: 2, x: 1 } })).toBe('{"a":{"x":1,"y":2},"b":1}');
  });
  test("target, repository, directory, branch, tool, input and config each change the key", () => {
    const a = cacheKey(base);
    for (const changed of [
      { target: "codex" },
      { repo: "/other" },
      { cwd: "/r/sub" },
      { branch: "main" },
      { branch: "" },
      { toolName: "Write" },
      { toolInput: { command: "npm test -- --watch" } },
      { configHash: "c2" },
    ]) {
      expect(cacheKey({ ...base, ...changed })).not.toBe(a);
    }
  });
  test("config hash is order-independent and content-sensitive", () => {
    expect(hashConfig({ a: 1, b: [1, 2] })).toBe(hashConfig({ b: [1, 2], a: 1 }));
    expect(hashConfig({ a: 1 })).not.toBe(hashConfig({ a: 2 }));
  });
});

describe("decision cache store", () => {
  const dir = () => join(mkdtempSync(join(tmpdir(), "ccgate-cache-")), "decisions");

  test("hit until the TTL runs out, then a miss", () => {
    let now = 1_000;
    const cache = new DecisionCache(dir(), () => now);
    const key = cacheKey(base);
    expect(cache.get(key)).toBeNull();
    expect(
      cache.put(key, { decision: "deny", message: "no", reason: "r", provider: "anthropic", model: "m" }, 5_000),
    ).toBe(true);
    expect(cache.get(key)).toMatchObject({ decision: "deny", message: "no", expiresAt: 6_000 });
    now = 5_999;
    expect(cache.get(key)?.decision).toBe("deny");
    now = 6_000;
    expect(cache.get(key)).toBeNull();
  });

  test("files are 0600 in a 0700 directory and hold only the verdict", () => {
    const d = dir();
    const cache = new DecisionCache(d);
    const key = cacheKey(base);
    cache.put(key, { decision: "allow" }, 60_000);
    expect(statSync(d).mode & 0o777).toBe(0o700);
    const files = readdirSync(d);
    expect(files).toEqual([`${key}.json`]);
    expect(statSync(join(d, files[0]!)).mode & 0o777).toBe(0o600);
  });

  test("a corrupt or foreign entry is a miss and is removed", () => {
    const d = dir();
    const cache = new DecisionCache(d);
    const key = cacheKey(base);
    cache.put(key, { decision: "allow" }, 60_000);
    writeFileSync(join(d, `${key}.json`), "{not json");
    expect(cache.get(key)).toBeNull();
    expect(readdirSync(d)).toEqual([]);
    cache.put(key, { decision: "allow" }, 60_000);
    writeFileSync(join(d, `${key}.json`), JSON.stringify({ decision: "maybe", expiresAt: Date.now() + 1e6 }));
    expect(cache.get(key)).toBeNull();
  });

  test("an unusable directory makes put a no-op, not an error", () => {
    const blocker = join(mkdtempSync(join(tmpdir(), "ccgate-cache-")), "file");
    writeFileSync(blocker, "x");
    const cache = new DecisionCache(join(blocker, "sub"));
    expect(cache.put(cacheKey(base), { decision: "allow" }, 1000)).toBe(false);
    expect(cache.get(cacheKey(base))).toBeNull();
  });

  test("zero TTL stores nothing", () => {
    const d = dir();
    expect(new DecisionCache(d).put(cacheKey(base), { decision: "allow" }, 0)).toBe(false);
  });
});
