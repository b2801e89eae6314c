// Dev CLI: bun src/jsonnet/cli.ts FILE [--ext-str K=V] [--ext-code K=V] [--tla-str K=V] [--tla-code K=V] [-J DIR]
// Prints the result like the `jsonnet` command; exits 1 with the error on stderr.
import { evaluateFile, renderJson } from "./index.ts";

const args = process.argv.slice(2);
const opts = {
  extVars: {} as Record<string, string>,
  extCodes: {} as Record<string, string>,
  tlaVars: {} as Record<string, string>,
  tlaCodes: {} as Record<string, string>,
  jpath: [] as string[],
};
let file: string | null = null;
for (let i = 0; i < args.length; i++) {
  const a = args[i] as string;
  const kv = (target: Record<string, string>) => {
    const v = args[++i] ?? "";
    const eq = v.indexOf("=");
    if (eq === -1) target[v] = process.env[v] ?? "";
    else target[v.slice(0, eq)] = v.slice(eq + 1);
  };
  if (a === "--ext-str" || a === "-V") kv(opts.extVars);
  else if (a === "--ext-code") kv(opts.extCodes);
  else if (a === "--tla-str" || a === "-A") kv(opts.tlaVars);
  else if (a === "--tla-code") kv(opts.tlaCodes);
  else if (a === "-J" || a === "--jpath") opts.jpath.push(args[++i] ?? "");
  else file = a;
}
if (!file) {
  console.error("usage: cli.ts FILE [--ext-str K=V] [--ext-code K=V] [--tla-str K=V] [--tla-code K=V] [-J DIR]");
  process.exit(2);
}
const result = evaluateFile(file, opts);
if (result.ok) process.stdout.write(renderJson(result.value));
else {
  process.stderr.write(`RUNTIME ERROR: ${result.error.format()}\n`);
  process.exit(1);
}
