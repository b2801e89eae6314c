// The release matrix: Bun compile targets and the asset names users download.
// Names follow the reference project (`ccgate-<os>-<arch>`, amd64/arm64) so install scripts and
// Homebrew formulas written for it keep working.

export interface ReleaseTarget {
  /** Bun `--target`. */
  bun: string;
  os: "darwin" | "linux" | "windows";
  arch: "amd64" | "arm64";
  /** libc variant for Linux. */
  libc?: "musl";
  /** Asset base name, e.g. ccgate-linux-amd64. */
  asset: string;
  archive: "tar.gz" | "zip";
  binary: string;
}

function target(bun: string, os: ReleaseTarget["os"], arch: ReleaseTarget["arch"], libc?: "musl"): ReleaseTarget {
  const asset = `ccgate-${os}-${arch}${libc ? `-${libc}` : ""}`;
  return {
    bun,
    os,
    arch,
    ...(libc ? { libc } : {}),
    asset,
    archive: os === "windows" ? "zip" : "tar.gz",
    binary: os === "windows" ? "ccgate.exe" : "ccgate",
  };
}

export const RELEASE_TARGETS: ReleaseTarget[] = [
  target("bun-darwin-arm64", "darwin", "arm64"),
  target("bun-darwin-x64", "darwin", "amd64"),
  target("bun-linux-x64", "linux", "amd64"),
  target("bun-linux-arm64", "linux", "arm64"),
  target("bun-linux-x64-musl", "linux", "amd64", "musl"),
  target("bun-linux-arm64-musl", "linux", "arm64", "musl"),
  target("bun-windows-x64", "windows", "amd64"),
];

export function assetFileName(t: ReleaseTarget): string {
  return `${t.asset}.${t.archive}`;
}
