import { describe, expect, test } from "bun:test";
import { parseCodexInput } from "../../../src/hosts/codex/input.ts";

const observed = {
  session_id: "s-1",
  turn_id: "t-1",
  transcript_path: null,
  cwd: "/work/proj",
  hook_event_name: "PermissionRequest",
  model: "gpt-6-luna",
  permission_mode: "default",
  tool_name: "Bash",
  tool_input: { command: "touch /tmp/x", description: "need a marker" },
};

describe("codex hook input", () => {
  test("the payload Codex 0.169.0 sends maps onto a DecisionRequest", () => {
    const r = parseCodexInput(observed);
    expect(r).toEqual({
      ok: true,
      request: {
        target: "codex",
        hookEventName: "PermissionRequest",
        sessionId: "s-1",
        toolName: "Bash",
        toolInput: { command: "touch /tmp/x", description: "need a marker" },
        cwd: "/work/proj",
        permissionMode: "default",
        transcriptPath: null,
        turnId: "t-1",
        agentModel: "gpt-6-luna",
      },
    });
  });

  test("unknown fields, a missing description and NetworkAccess are tolerated", () => {
    const r = parseCodexInput({
      ...observed,
      tool_name: "NetworkAccess",
      tool_input: { host: "example.com", port: 443 },
      future_field: { x: 1 },
    });
    expect(r.ok && r.request.toolName).toBe("NetworkAccess");
    expect(r.ok && r.request.toolInput).toEqual({ host: "example.com", port: 443 });
  });

  test("optional fields may be absent or null", () => {
    const r = parseCodexInput({
      tool_name: "Bash",
      tool_input: { command: "ls" },
      turn_id: null,
      model: null,
      permission_mode: null,
    });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.request.permissionMode).toBe("");
      expect(r.request.cwd).toBe("");
      expect(r.request.turnId).toBeUndefined();
      expect(r.request.agentModel).toBeUndefined();
    }
  });

  test("a string tool_input becomes the command; anything else non-object becomes {}", () => {
    const s = parseCodexInput({ tool_name: "Bash", tool_input: "ls -la" });
    expect(s.ok && s.request.toolInput).toEqual({ command: "ls -la" });
    const n = parseCodexInput({ tool_name: "Bash", tool_input: 42 });
    expect(n.ok && n.request.toolInput).toEqual({});
  });

  test("a missing or empty tool_name is an input error naming the field", () => {
    expect(parseCodexInput({ tool_input: {} })).toEqual({ ok: false, error: expect.stringContaining("tool_name") });
    expect(parseCodexInput({ tool_name: "" })).toEqual({ ok: false, error: expect.stringContaining("tool_name") });
    expect(parseCodexInput("not an object").ok).toBe(false);
  });
});
