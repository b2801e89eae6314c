// `ccgate <target> init [-p|--project] [-o FILE] [-f]`: print or write the built-in rules (the
// commented Jsonnet source) or the project-local template.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { defineCommand } from "citty";
import type { Target } from "../core/types.ts";
import { HOSTS } from "../hosts/index.ts";
import { expandHome } from "../util/paths.ts";
import { ExitCode } from "./exit-code.ts";

export function initCommand(target: Target) {
  return defineCommand({
    meta: {
      name: "init",
      description: "Print (or write with -o) the built-in rules, or the project-local template with -p",
    },
    args: {
      project: {
        type: "boolean",
        alias: "p",
        description: "The project-local template (<repo>/.<target>/ccgate.local.jsonnet)",
      },
      output: { type: "string", alias: "o", description: "Write to this file instead of stdout" },
      force: { type: "boolean", alias: "f", description: "Overwrite an existing --output file" },
    },
    run: ({ args }) => {
      const content = args.project ? HOSTS[target].defaults.PROJECT_TEMPLATE : HOSTS[target].defaults.DEFAULTS_SOURCE;
      if (!args.output) {
        process.stdout.write(content);
        return;
      }
      const path = resolve(expandHome(args.output));
      if (existsSync(path) && !args.force) {
        process.stderr.write(`error: file already exists: ${path} (use -f to overwrite)\n`);
        throw new ExitCode(1);
      }
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, content);
      } catch (e) {
        process.stderr.write(`error: failed to write file ${path}: ${(e as Error).message}\n`);
        throw new ExitCode(1);
      }
      process.stderr.write(`wrote ${path}\n`);
    },
  });
}
