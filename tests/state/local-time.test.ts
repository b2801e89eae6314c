// Local offsets read from TZif files and POSIX TZ rules must agree with the C library, which is
// what the hook would otherwise get through the Date API. The oracle is GNU `date` with the same TZ,
// over every zone installed on the machine (skipped where GNU date or the zone files are missing).
import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { localOffsetMinutes, localTimestamp, parseTzif, parseTzRule, zoneOffset } from "../../src/state/local-time.ts";

const ZONEINFO = "/usr/share/zoneinfo";
const gnuDate = Bun.spawnSync(["date", "--version"], { stdout: "pipe", stderr: "ignore" }).stdout?.toString().includes("GNU") ?? false;
const haveZones = (() => {
  try {
    return statSync(join(ZONEINFO, "Europe", "Berlin")).isFile();
  } catch {
    return false;
  }
})();

/** Offsets in minutes east of UTC that GNU date prints for each instant (seconds) under TZ=tz. */
function dateOracle(tz: string, instants: number[]): number[] {
  const r = Bun.spawnSync(["date", "-f", "-", "+%z"], { env: { TZ: tz, PATH: process.env.PATH ?? "/usr/bin:/bin" }, stdin: Buffer.from(instants.map((t) => `@${t}`).join("\n")), stdout: "pipe", stderr: "pipe" });
  return r.stdout
    .toString()
    .trim()
    .split("\n")
    .map((z) => (z[0] === "-" ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))));
}

function zoneFiles(dir = ZONEINFO, prefix = ""): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const name = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!["right", "posix"].includes(e.name)) out.push(...zoneFiles(join(dir, e.name), name));
    } else if (e.isFile() && readFileSync(join(dir, e.name)).subarray(0, 4).toString() === "TZif") out.push(name);
  }
  return out;
}

// Every 9 days from 1971 to 2045 (past the 2037 end of "fat" tables, so footers are exercised).
const SWEEP = Array.from({ length: Math.floor(((2045 - 1971) * 365) / 9) }, (_, k) => Date.UTC(1971, 0, 1) / 1000 + k * 9 * 86400 + 3 * 3600);

describe.skipIf(!gnuDate || !haveZones)("agreement with the C library", () => {
  test("every installed zone, across 1971–2045 and one second either side of each transition", () => {
    const zones = zoneFiles();
    expect(zones.length).toBeGreaterThan(300);
    const mismatches: string[] = [];
    for (const name of zones) {
      const zone = parseTzif(readFileSync(join(ZONEINFO, name)));
      expect(zone, name).not.toBeNull();
      if (!zone) continue;
      const around = zone.times.filter((t) => t > Date.UTC(1971, 0, 1) / 1000 && t < Date.UTC(2045, 0, 1) / 1000).flatMap((t) => [t - 1, t]);
      const instants = [...SWEEP, ...around];
      const expected = dateOracle(name, instants);
      instants.forEach((t, i) => {
        const ours = localOffsetMinutes(t * 1000, { TZ: name });
        if (ours !== expected[i] && mismatches.length < 20) mismatches.push(`${name} @${t}: ours ${ours}, date ${expected[i]}`);
      });
    }
    expect(mismatches).toEqual([]);
  });

  test("POSIX TZ strings, both hemispheres, fractional and quoted names", () => {
    for (const tz of ["EST5EDT,M3.2.0,M11.1.0", "CET-1CEST,M3.5.0,M10.5.0/3", "AEST-10AEDT,M10.1.0,M4.1.0/3", "NZST-12NZDT,M9.5.0,M4.1.0/3", "<+0330>-3:30", "JST-9", "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1", "XST5XDT,J60/2,J300/2", "YST5YDT,59/2,299/2"]) {
      expect(parseTzRule(tz), tz).not.toBeNull();
      const expected = dateOracle(tz, SWEEP);
      const ours = SWEEP.map((t) => localOffsetMinutes(t * 1000, { TZ: tz }));
      expect(ours, tz).toEqual(expected);
    }
  });
});

describe("zone data", () => {
  test("a footer-only (slim) TZif file answers from its rule", () => {
    // Version 2 header with no transitions and one type, twice, then the footer.
    const header = (types: number) => {
      const b = Buffer.alloc(44);
      b.write("TZif2", 0, "latin1");
      b.writeUInt32BE(types, 20 + 16); // typecnt
      b.writeUInt32BE(4, 20 + 20); // charcnt
      return b;
    };
    const type = Buffer.from([0xff, 0xff, 0xb9, 0xb0, 0, 0]); // -18000 s, standard time
    const chars = Buffer.from("EST\0", "latin1");
    const file = Buffer.concat([header(1), type, chars, header(1), type, chars, Buffer.from("\nEST5EDT,M3.2.0,M11.1.0\n")]);
    const zone = parseTzif(file);
    expect(zone).not.toBeNull();
    if (!zone) return;
    const at = (iso: string) => zoneOffset(zone, Date.parse(iso) / 1000) / 3600;
    expect(at("2026-03-08T06:59:59Z")).toBe(-5);
    expect(at("2026-03-08T07:00:00Z")).toBe(-4);
    expect(at("2026-11-01T05:59:59Z")).toBe(-4);
    expect(at("2026-11-01T06:00:00Z")).toBe(-5);
  });

  test("garbage, truncated files and unknown rules are refused (the Date API then answers)", () => {
    expect(parseTzif(Buffer.from("not a zone file at all, definitely not"))).toBeNull();
    expect(parseTzif(Buffer.from("TZif2"))).toBeNull();
    expect(parseTzRule("EST5EDT")).toBeNull(); // no dates: the C library's implicit US rules
    expect(parseTzRule("M3.2.0")).toBeNull();
    expect(localOffsetMinutes(0, { TZ: "/nonexistent/zone" })).toBe(-new Date(0).getTimezoneOffset());
  });

  test("timestamps carry the local offset and the same instant", () => {
    const d = new Date("2026-11-25T04:10:00.123Z");
    expect(localTimestamp(d, { TZ: "UTC" })).toBe("2026-11-25T04:10:00.123+00:00");
    expect(localTimestamp(d, { TZ: "JST-9" })).toBe("2026-11-25T13:10:00.123+09:00");
    expect(localTimestamp(d, { TZ: "<-0330>3:30" })).toBe("2026-11-25T00:40:00.123-03:30");
    expect(Date.parse(localTimestamp(d, { TZ: "<-0330>3:30" }))).toBe(d.getTime());
  });
});
