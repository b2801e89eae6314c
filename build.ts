// `bun run build`: compile dist/ccgate for this machine. Minified, version stamped, and with
// .env / bunfig.toml autoloading OFF: a hook runs inside untrusted repositories, and a planted
// .env must never redirect an API key or base URL.
import pkg from "./package.json" with { type: "json" };

const commit = Bun.spawnSync(["git", "rev-parse", "--short", "HEAD"], { stderr: "ignore" }).stdout.toString().trim();
const version = pkg.version + (commit ? ` (${commit})` : "");

const result = await Bun.build({
  entrypoints: ["src/main.ts"],
  minify: true,
  define: { CCGATE_VERSION: JSON.stringify(version) },
  compile: {
    outfile: "dist/ccgate",
    autoloadDotenv: false,
    autoloadBunfig: false,
  },
});
if (!result.success) {
  for (const log of result.logs) console.error(log);
  process.exit(1);
}
console.error(`built dist/ccgate ${version}`);
