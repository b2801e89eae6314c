// The settings merges `setup` will use for Gemini CLI and Copilot CLI: other settings and hooks are
// kept, ccgate is added once, malformed settings are refused rather than overwritten.
import { describe, expect, test } from "bun:test";
import { registerCopilotHook } from "../../src/hosts/copilot/registration.ts";
import { registerGeminiHook } from "../../src/hosts/gemini/registration.ts";

describe("registerGeminiHook", () => {
  test("an empty settings file gets one BeforeTool group", () => {
    const r = registerGeminiHook(undefined, "/usr/local/bin/ccgate gemini");
    expect(r).toEqual({
      ok: true,
      changed: true,
      settings: {
        hooks: {
          BeforeTool: [
            {
              matcher: ".*",
              hooks: [{ type: "command", name: "ccgate", command: "/usr/local/bin/ccgate gemini", timeout: 30000 }],
            },
          ],
        },
      },
    });
  });

  test("other settings and hooks are kept, and the input is not mutated", () => {
    const before = {
      theme: "dark",
      hooks: {
        AfterTool: [{ hooks: [{ type: "command", command: "log" }] }],
        BeforeTool: [{ matcher: "x", hooks: [] }],
      },
    };
    const copy = structuredClone(before);
    const r = registerGeminiHook(before, "ccgate gemini");
    expect(before).toEqual(copy);
    if (!r.ok) throw new Error(r.error);
    expect(r.settings.theme).toBe("dark");
    const hooks = r.settings.hooks as Record<string, unknown[]>;
    expect(hooks.AfterTool).toEqual(before.hooks.AfterTool);
    expect(hooks.BeforeTool).toHaveLength(2);
  });

  test("a ccgate hook already registered is not added twice", () => {
    const once = registerGeminiHook({}, "ccgate gemini");
    if (!once.ok) throw new Error(once.error);
    const twice = registerGeminiHook(once.settings, "/opt/bin/ccgate gemini");
    expect(twice).toMatchObject({ ok: true, changed: false });
  });

  test("malformed settings are refused", () => {
    for (const bad of [[], "x", { hooks: [] }, { hooks: { BeforeTool: {} } }])
      expect(registerGeminiHook(bad, "ccgate gemini").ok).toBe(false);
  });
});

describe("registerCopilotHook", () => {
  test("adds one preToolUse command, keeps the rest, and is idempotent", () => {
    const r = registerCopilotHook({ model: "gpt-4.1", hooks: { sessionStart: [] } }, "ccgate copilot");
    if (!r.ok) throw new Error(r.error);
    expect(r.settings).toEqual({
      model: "gpt-4.1",
      hooks: { sessionStart: [], preToolUse: [{ type: "command", bash: "ccgate copilot", timeoutSec: 30 }] },
    });
    expect(registerCopilotHook(r.settings, "ccgate copilot")).toMatchObject({ ok: true, changed: false });
  });

  test("malformed settings are refused", () => {
    for (const bad of [null, [], { hooks: 3 }, { hooks: { preToolUse: "ccgate copilot" } }])
      expect(registerCopilotHook(bad, "ccgate copilot").ok).toBe(false);
  });
});
