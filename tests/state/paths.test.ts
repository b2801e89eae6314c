import { describe, expect, test } from "bun:test";
import { cacheDir, expandHome, stateDir, targetStateDir } from "../../src/util/paths.ts";

describe("state paths", () => {
  test("XDG_STATE_HOME is honoured only when absolute", () => {
    expect(stateDir({ HOME: "/h", XDG_STATE_HOME: "/x/state" })).toBe("/x/state/ccgate");
    expect(stateDir({ HOME: "/h", XDG_STATE_HOME: "rel/state" })).toBe("/h/.local/state/ccgate");
    expect(stateDir({ HOME: "/h" })).toBe("/h/.local/state/ccgate");
  });
  test("cache dir and per-target dirs", () => {
    expect(cacheDir({ HOME: "/h", XDG_CACHE_HOME: "/c" })).toBe("/c/ccgate");
    expect(cacheDir({ HOME: "/h" })).toBe("/h/.cache/ccgate");
    expect(targetStateDir("codex", { HOME: "/h" })).toBe("/h/.local/state/ccgate/codex");
  });
  test("expandHome", () => {
    expect(expandHome("~/a/b", { HOME: "/h" })).toBe("/h/a/b");
    expect(expandHome("~", { HOME: "/h" })).toBe("/h");
    expect(expandHome("/abs", { HOME: "/h" })).toBe("/abs");
    expect(expandHome("~user/x", { HOME: "/h" })).toBe("~user/x");
  });
});
