// `ccgate <target> setup [--project] [--dry-run] [--uninstall] [--yes]`: register ccgate for
// PermissionRequest and PreToolUse in the host's settings (or take exactly its entries out again).
// Shows the change and asks, unless --yes; --dry-run only shows it. Nothing is written when any file
// cannot be merged, so a run changes all of its files or none.
import { defineCommand } from "citty";
import { gitFacts } from "../context/git.ts";
import type { Target } from "../core/types.ts";
import { HOSTS } from "../hosts/index.ts";
import { hookCommand } from "../setup/command.ts";
import { lineDiff } from "../setup/diff.ts";
import { type PlannedFile, planSetup } from "../setup/plan.ts";
import { applyFile } from "../setup/write.ts";
import { homeDir } from "../util/paths.ts";
import { ExitCode } from "./exit-code.ts";

async function paint(text: string, kind: "add" | "remove" | "head"): Promise<string> {
  if (!process.stdout.isTTY) return text;
  const { colors } = await import("consola/utils");
  return kind === "add" ? colors.green(text) : kind === "remove" ? colors.red(text) : colors.bold(text);
}

async function showChange(file: PlannedFile): Promise<void> {
  const head = `${file.before === null ? "new file" : "change"}: ${file.path}`;
  process.stdout.write(`${await paint(head, "head")}\n`);
  for (const note of file.notes) process.stdout.write(`  (updated ${note})\n`);
  for (const line of lineDiff(file.before ?? "", file.after ?? "").split("\n"))
    process.stdout.write(
      `${line.startsWith("+") ? await paint(line, "add") : line.startsWith("-") ? await paint(line, "remove") : line}\n`,
    );
}

async function confirmed(): Promise<boolean> {
  // The CommonJS build: the ESM one reads import.meta, which the bytecode-compiled binary cannot parse.
  const { consola } = require("consola") as typeof import("consola");
  const answer = await consola.prompt("Write these changes?", { type: "confirm", initial: true, cancel: "null" });
  return answer === true;
}

export function setupCommand(target: Target) {
  const host = HOSTS[target];
  return defineCommand({
    meta: {
      name: "setup",
      description: `Register ccgate as ${host.traits.title}'s PermissionRequest and PreToolUse hook (${host.registration})`,
    },
    args: {
      project: { type: "boolean", description: `This project's local settings (${host.setup.projectFile}) instead` },
      "dry-run": { type: "boolean", description: "Show the change, write nothing" },
      uninstall: { type: "boolean", description: "Remove ccgate's entries (and nothing else)" },
      yes: { type: "boolean", alias: "y", description: "Do not ask; write the change" },
    },
    run: async ({ args }) => {
      const fail = (message: string) => {
        process.stderr.write(`ccgate ${target} setup: ${message}\n`);
        return new ExitCode(1);
      };
      const env = process.env;
      const cwd = process.cwd();
      const plan = planSetup(host, {
        home: homeDir(env),
        env,
        projectRoot: args.project ? (gitFacts(cwd, env)?.repoRoot ?? cwd) : null,
        uninstall: !!args.uninstall,
        command: hookCommand(target, process.execPath, env),
      });
      if (!plan.ok) throw fail(plan.error);
      const changed = plan.files.filter((f) => f.after !== null);
      for (const f of plan.files)
        if (f.after === null)
          process.stdout.write(
            `unchanged: ${f.path}${args.uninstall ? "" : f.path.endsWith(".toml") ? " (hooks feature already on)" : " (ccgate already registered)"}\n`,
          );
      if (changed.length === 0) {
        process.stdout.write(
          args.uninstall ? "No ccgate entries to remove.\n" : `ccgate is registered for ${host.traits.title}.\n`,
        );
        return;
      }
      for (const f of changed) await showChange(f);
      if (args["dry-run"]) {
        process.stdout.write("Dry run: nothing written.\n");
        return;
      }
      if (!args.yes) {
        if (!process.stdin.isTTY) throw fail("not a terminal: pass --yes to write the change, or --dry-run to see it");
        if (!(await confirmed())) throw fail("nothing written");
      }
      for (const f of changed) {
        const r = applyFile(f);
        if (!r.ok) throw fail(r.error);
        process.stdout.write(`wrote ${f.path}${r.backup ? ` (backup: ${r.backup})` : ""}\n`);
      }
      if (args.uninstall) process.stdout.write(`ccgate is no longer registered for ${host.traits.title} there.\n`);
      else {
        process.stdout.write(`ccgate is registered for ${host.traits.title}. Check with: ccgate doctor\n`);
        if (host.setup.nextStep) process.stdout.write(`Next step: ${host.setup.nextStep}\n`);
      }
    },
  });
}
