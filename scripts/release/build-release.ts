// `bun run build:release`: cross-compile the release set into dist/release/:
//   <asset>.tar.gz / .zip per target, checksums.txt (sha256, `sha256sum -c` format),
//   ccgate.rb (Homebrew formula for the tap), and the raw binaries under bin/<asset>/.
// Options: --out DIR, --repo OWNER/NAME (default $GITHUB_REPOSITORY or ccgate/ccgate),
//          --only <asset,…> (subset, e.g. for a quick local check), --no-bytecode.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type ArchiveEntry, tarGz, zip } from "./archive.ts";
import { compileBinary, projectVersion } from "./compile.ts";
import { type FormulaAsset, renderFormula } from "./formula.ts";
import { assetFileName, RELEASE_TARGETS } from "./targets.ts";

export interface ReleaseOptions {
  out: string;
  repo: string;
  only?: string[];
  bytecode?: boolean;
  root?: string;
}

export interface ReleaseResult {
  version: string;
  assets: { file: string; sha256: string; binary: string }[];
  formula: string | null;
}

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

export async function buildRelease(options: ReleaseOptions): Promise<ReleaseResult> {
  const root = options.root ?? process.cwd();
  const { version, stamp } = projectVersion(root);
  // The Claude Code plugin is versioned with the binary: a release whose manifests disagree is refused.
  for (const [file, found] of [
    [
      "plugin/.claude-plugin/plugin.json",
      JSON.parse(readFileSync(join(root, "plugin/.claude-plugin/plugin.json"), "utf8")).version,
    ],
    [
      ".claude-plugin/marketplace.json",
      JSON.parse(readFileSync(join(root, ".claude-plugin/marketplace.json"), "utf8")).plugins?.[0]?.version,
    ],
  ] as const) {
    if (found !== version) throw new Error(`${file}: version ${String(found)} does not match package.json ${version}`);
  }
  rmSync(options.out, { recursive: true, force: true });
  mkdirSync(options.out, { recursive: true });
  const targets = RELEASE_TARGETS.filter((t) => !options.only || options.only.includes(t.asset));
  const assets: ReleaseResult["assets"] = [];
  const formulaAssets: FormulaAsset[] = [];
  const extras: ArchiveEntry[] = ["README.md", "LICENSE"].map((name) => ({
    name,
    data: readFileSync(join(root, name)),
    mode: 0o644,
  }));
  for (const t of targets) {
    const binary = join(options.out, "bin", t.asset, t.binary);
    const built = await compileBinary({
      target: t.bun,
      outfile: binary,
      version: stamp,
      bytecode: options.bytecode,
      root,
    });
    if (!built.ok) throw new Error(`compile ${t.asset} failed:\n${built.errors.join("\n")}`);
    const entries = [{ name: t.binary, data: readFileSync(binary), mode: 0o755 }, ...extras];
    const archive = t.archive === "zip" ? zip(entries) : tarGz(entries);
    const file = assetFileName(t);
    writeFileSync(join(options.out, file), archive);
    const sum = sha256(archive);
    assets.push({ file, sha256: sum, binary });
    formulaAssets.push({ target: t, sha256: sum });
    console.error(`built ${file} (${(archive.length / 1e6).toFixed(1)} MB)`);
  }
  writeFileSync(join(options.out, "checksums.txt"), assets.map((a) => `${a.sha256}  ${a.file}\n`).join(""));
  let formula: string | null = null;
  try {
    formula = renderFormula({ version, repo: options.repo, assets: formulaAssets });
    writeFileSync(join(options.out, "ccgate.rb"), formula);
  } catch (e) {
    console.error(`formula not written: ${(e as Error).message}`);
  }
  return { version, assets, formula };
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== "--release"),
    options: {
      out: { type: "string" },
      repo: { type: "string" },
      only: { type: "string" },
      "no-bytecode": { type: "boolean" },
    },
  });
  const result = await buildRelease({
    out: values.out ?? "dist/release",
    repo: values.repo ?? process.env.GITHUB_REPOSITORY ?? "ccgate/ccgate",
    only: values.only?.split(","),
    bytecode: !values["no-bytecode"],
  });
  console.error(
    `release ${result.version}: ${result.assets.length} assets, checksums.txt${result.formula ? ", ccgate.rb" : ""}`,
  );
}

if (import.meta.main) await main();
