// Why: every compose verb (ps, logs, images …) loads the project model first, and that model is the
// repository's: a compose file interpolates `${VAR}` from `.env` (or an --env-file) and a value that
// fails validation is quoted in the error (`name: ${TOKEN}` → "invalid project name \"…\""), so a
// hostile compose file prints the user's `.env`; `include:` (with its own `env_file:`), `extends:
// file:`, `env_file:` and `label_file:` read files anywhere, and `.env` itself may set COMPOSE_FILE or
// DOCKER_HOST. The words of the command are path-checked elsewhere; this reads the files compose
// would load (the -f ones, or the default names found from the project directory up to the
// repository root) and proves there is no interpolation and no key that loads another file. With
// none in the repository, compose reads the user's own file above it (or none): not the repository's.
import { lstatSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { commandName, DYNAMIC, type Invocation } from "./invocations.ts";
import { isInsideDir, physicalPath } from "./real-path.ts";

const DEFAULT_NAMES = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"];
const OVERRIDE_NAMES = [
  "compose.override.yaml",
  "compose.override.yml",
  "docker-compose.override.yml",
  "docker-compose.override.yaml",
];
/** Interpolation anywhere, or a key that makes compose read another file. */
const LOADS_MORE = /\$|(^|[\s{,-])["']?(include|extends|file|env_file|label_file)["']?\s*:/m;
/** `.env` / --env-file settings compose takes for itself rather than for interpolation. */
const TOOL_SETTING = /^\s*(export\s+)?(COMPOSE_|DOCKER_|BUILDX_|PODMAN_)/im;
const MAX_BYTES = 256 * 1024;

interface ComposeWords {
  verb: string | undefined;
  files: string[];
  envFiles: string[];
  projectDir: string | undefined;
}

/** The compose options of `inv`, or null when it is not a compose command. */
function composeWords(inv: Invocation): ComposeWords | null {
  const name = commandName(inv.argv[0] ?? "");
  let start: number;
  if (name === "docker-compose" || name === "podman-compose") start = 1;
  else if (name === "docker" || name === "podman") {
    const at = inv.argv.indexOf("compose");
    if (at === -1) return null;
    start = at + 1;
  } else return null;
  const words: ComposeWords = { verb: undefined, files: [], envFiles: [], projectDir: undefined };
  const args = inv.argv.slice(start);
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (/^(-p|--project-name|--profile|--ansi|--progress|--parallel)$/.test(a)) i++;
    const m = /^(-f|--file|--project-directory|--env-file)(?:=(.*))?$/.exec(a);
    if (!m) {
      if (!a.startsWith("-") && words.verb === undefined) words.verb = a;
      continue;
    }
    const value = m[2] ?? args[++i];
    if (value === undefined) continue;
    if (m[1] === "--project-directory") words.projectDir = value;
    else if (m[1] === "--env-file") words.envFiles.push(value);
    else words.files.push(value);
  }
  return words;
}

function readSmall(path: string): string | null {
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (st === undefined) return "";
  if (!st.isFile() || st.size > MAX_BYTES) return null;
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** Null when the compose project `inv` loads interpolates nothing and reads no further file. */
export function composeFilesProblem(inv: Invocation, cwd: string, edge: string): string | null {
  const words = composeWords(inv);
  // `version` and `ls` load no project.
  if (words === null || words.verb === "version" || words.verb === "ls") return null;
  const resolve = (w: string, base: string): string | null => {
    const p = physicalPath(w, base);
    return p === null || p.includes(DYNAMIC) || !isInsideDir(p, edge) ? null : p;
  };
  const projectDir = words.projectDir === undefined ? undefined : resolve(words.projectDir, cwd);
  if (projectDir === null) return "compose: the project directory cannot be resolved inside the repository";
  let files: string[] = [];
  for (const f of words.files) {
    const p = resolve(f, cwd);
    if (p === null) return `compose: ${f} cannot be resolved inside the repository`;
    files.push(p);
  }
  if (files.length === 0) {
    // No -f: compose looks for the default names from the project directory upwards.
    for (let d = projectDir ?? resolve(".", cwd) ?? cwd; ; d = dirname(d)) {
      const here = DEFAULT_NAMES.map((n) => join(d, n)).filter((p) => lstatSync(p, { throwIfNoEntry: false }));
      if (here.length) {
        files = [...here, ...OVERRIDE_NAMES.map((n) => join(d, n))];
        break;
      }
      // None in the repository: compose finds the user's own above it, or none (the `.env` of the
      // working directory is still checked: its COMPOSE_FILE could point back into the repository).
      if (d === edge || !isInsideDir(d, edge) || dirname(d) === d) break;
    }
  }
  for (const f of files) {
    const text = readSmall(f);
    if (text === null) return `compose: ${f} is not a plain file to check`;
    if (LOADS_MORE.test(text)) return `compose: ${f} interpolates variables or loads another file`;
  }
  const here = resolve(".", cwd) ?? cwd;
  const envDirs = new Set([projectDir ?? (files[0] === undefined ? here : dirname(files[0])), here]);
  const envFiles = [...[...envDirs].map((d) => join(d, ".env"))];
  for (const e of words.envFiles) {
    const p = resolve(e, cwd);
    if (p === null) return `compose: ${e} cannot be resolved inside the repository`;
    envFiles.push(p);
  }
  for (const e of envFiles) {
    const text = readSmall(e);
    if (text === null) return `compose: ${e} is not a plain file to check`;
    if (TOOL_SETTING.test(text)) return `compose: ${e} sets compose's or docker's own settings`;
  }
  return null;
}
