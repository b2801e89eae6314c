import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, tarGz, zip } from "../../scripts/release/archive.ts";
import { renderFormula } from "../../scripts/release/formula.ts";
import { RELEASE_TARGETS } from "../../scripts/release/targets.ts";

const entries = [
  { name: "ccgate", data: new TextEncoder().encode("#!/bin/sh\necho hi\n"), mode: 0o755 },
  { name: "README.md", data: new Uint8Array(1000).fill(65), mode: 0o644 },
];

describe("release archives", () => {
  test("crc32 matches the standard check value", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });

  test("tar.gz extracts with the system tar, keeps modes, and is reproducible", () => {
    const dir = mkdtempSync(join(tmpdir(), "ccgate-tar-"));
    const a = tarGz(entries);
    expect(Buffer.from(tarGz(entries)).equals(Buffer.from(a))).toBe(true);
    writeFileSync(join(dir, "a.tar.gz"), a);
    const r = Bun.spawnSync(["tar", "xzf", "a.tar.gz"], { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(readFileSync(join(dir, "ccgate"), "utf8")).toBe("#!/bin/sh\necho hi\n");
    expect(statSync(join(dir, "ccgate")).mode & 0o777).toBe(0o755);
    expect(readFileSync(join(dir, "README.md")).length).toBe(1000);
  });

  test("zip passes unzip's integrity test and extracts the same bytes", () => {
    const dir = mkdtempSync(join(tmpdir(), "ccgate-zip-"));
    writeFileSync(join(dir, "a.zip"), zip(entries));
    expect(Bun.spawnSync(["unzip", "-t", "a.zip"], { cwd: dir }).exitCode).toBe(0);
    expect(Bun.spawnSync(["unzip", "-q", "a.zip", "-d", "out"], { cwd: dir }).exitCode).toBe(0);
    expect(readFileSync(join(dir, "out", "ccgate"), "utf8")).toBe("#!/bin/sh\necho hi\n");
    expect(statSync(join(dir, "out", "ccgate")).mode & 0o777).toBe(0o755);
  });
});

describe("homebrew formula", () => {
  const assets = RELEASE_TARGETS.map((target, i) => ({ target, sha256: String(i).repeat(64) }));
  const formula = renderFormula({ version: "1.2.3", repo: "acme/ccgate", assets });

  test("names each macOS and glibc Linux asset with its own checksum", () => {
    for (const a of assets.filter((x) => x.target.os !== "windows" && !x.target.libc)) {
      const url = `https://github.com/acme/ccgate/releases/download/v1.2.3/${a.target.asset}.tar.gz`;
      expect(formula).toContain(`url "${url}"\n      sha256 "${a.sha256}"`);
    }
    expect(formula).not.toContain("windows");
    expect(formula).not.toContain("musl");
  });

  test("installs the binary and tests --version", () => {
    expect(formula).toContain('bin.install "ccgate"');
    expect(formula).toContain('shell_output("#{bin}/ccgate --version")');
    expect(formula).toContain('version "1.2.3"');
  });

  test("refuses to render without a required platform", () => {
    expect(() =>
      renderFormula({
        version: "1",
        repo: "a/b",
        assets: assets.filter((a) => a.target.asset !== "ccgate-darwin-arm64"),
      }),
    ).toThrow(/darwin-arm64/);
  });
});
