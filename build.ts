// `bun run build`: compile dist/ccgate for this machine (see scripts/release/compile.ts for the
// options: minified, version stamped, JSC bytecode, split into lazily loaded chunks, and .env /
// bunfig.toml autoloading OFF — autoloadDotenv: false, autoloadBunfig: false — because a hook runs
// inside untrusted repositories).
// `bun run build:release` builds the cross-platform release set instead.
import { compileBinary, projectVersion } from "./scripts/release/compile.ts";

if (process.argv.includes("--release")) {
  await import("./scripts/release/build-release.ts").then((m) => m.main());
} else {
  const { stamp } = projectVersion();
  const result = await compileBinary({ outfile: "dist/ccgate", version: stamp });
  if (!result.ok) {
    for (const e of result.errors) console.error(e);
    process.exit(1);
  }
  console.error(`built dist/ccgate ${stamp}`);
}
