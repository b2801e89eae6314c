// The Claude Code plugin ships with the binary: same version, hooks that run the binary's command.
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dir, "..", "..");
const json = (path: string) => JSON.parse(readFileSync(join(root, path), "utf8"));

describe("Claude Code plugin", () => {
  const pkg = json("package.json");
  test("plugin.json and the marketplace entry carry the binary's version", () => {
    expect(json("plugin/.claude-plugin/plugin.json")).toMatchObject({ name: "ccgate", version: pkg.version });
    const market = json(".claude-plugin/marketplace.json");
    expect(market.plugins).toEqual([
      expect.objectContaining({ name: "ccgate", source: "./plugin", version: pkg.version }),
    ]);
  });

  test("the hooks register `ccgate claude` for PermissionRequest and PreToolUse, nothing else", () => {
    const { hooks } = json("plugin/hooks/hooks.json");
    expect(Object.keys(hooks).sort()).toEqual(["PermissionRequest", "PreToolUse"]);
    for (const event of Object.values(hooks) as Array<Array<{ matcher: string; hooks: unknown[] }>>) {
      expect(event).toEqual([{ matcher: "", hooks: [{ type: "command", command: "ccgate claude", timeout: 30 }] }]);
    }
  });

  test("each skill has a SKILL.md whose front matter names it and says when to use it", () => {
    for (const skill of ["setup", "tune", "debug", "doctor"]) {
      const path = join(root, "plugin", "skills", skill, "SKILL.md");
      expect(existsSync(path)).toBe(true);
      const front = /^---\n([\s\S]*?)\n---\n/.exec(readFileSync(path, "utf8"))?.[1] ?? "";
      expect(front).toContain(`name: ${skill}\n`);
      expect(front).toMatch(/^description: .{40,}/m);
    }
  });
});
