// Why: a database shell's SQL can write, ATTACH another file, load an extension or run a shell
// (`.shell`, `.system`, `\!`, `COPY … TO PROGRAM`, `xp_cmdshell`), and `-readonly`/`-safe` do not
// cover every one of those in every version; which server a client reaches, and with which stored
// password, comes from the user's option files. So only help and version queries are provable, each
// answered by the client's argument parser before it opens a database or connects:
// - psql: `--help[=options|commands|variables]`, `--version`/`-V` (no ~/.psqlrc, no connection).
// - mysql: `--help`, `--version`/`-V`. `-?` is left out: unquoted, the shell may expand it to a
//   two-letter file name such as `-e`.
// - sqlite3 / duckdb: `-help`, `--help`, `-version`, `--version` (handled before a database opens;
//   ~/.sqliterc and ~/.duckdbrc are the user's own).
// - sqlcmd (go-sqlcmd): `--help`/`-h`, `--version`, `VERB --help`.

import { helpCheck } from "./help.ts";
import type { Check } from "./spec.ts";

export const DATABASES: Record<string, Check> = {
  psql: helpCheck({
    help: ["--help", "--help=options", "--help=commands", "--help=variables"],
    version: ["-V", "--version"],
  }),
  mysql: helpCheck({ help: ["--help", "-I"], version: ["-V", "--version"] }),
  mariadb: helpCheck({ help: ["--help", "-I"], version: ["-V", "--version"] }),
  sqlite3: helpCheck({ help: ["-help", "--help"], version: ["-version", "--version"] }),
  duckdb: helpCheck({ help: ["-help", "--help"], version: ["-version", "--version"] }),
  sqlcmd: helpCheck({
    help: ["-h", "--help"],
    version: ["--version"],
    verbs: ["query", "config", "open", "create", "delete", "start", "stop", "install", "uninstall", "use"],
    maxVerbs: 2,
  }),
};
