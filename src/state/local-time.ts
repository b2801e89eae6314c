// The local UTC offset without loading ICU's time-zone data: the first local-time call in JSC
// (getTimezoneOffset, getHours, …) costs 3–6 ms, a quarter of a whole hook run. We read the zone
// the C library would use (TZ, else /etc/localtime) as a TZif file (RFC 8536), including its POSIX
// TZ footer for instants after the last transition, and fall back to the Date API for anything we
// cannot read (no zone file, e.g. on Windows, or a rule form we do not parse).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

type Env = Record<string, string | undefined>;

interface When {
  kind: "J" | "n" | "M";
  /** J: 1..365 without Feb 29; n: 0..365 with it. */
  day: number;
  month: number;
  week: number;
  weekday: number;
  /** Seconds after local midnight (may be negative or past 24 h). */
  time: number;
}

/** A POSIX TZ rule; offsets are seconds east of UTC. */
export interface TzRule {
  std: number;
  dst: number | null;
  start: When | null;
  end: When | null;
}

export interface Zone {
  /** Transition instants (seconds since the epoch), ascending, and the offset in force from each. */
  times: number[];
  offsets: number[];
  /** Offset before the first transition. */
  initial: number;
  footer: TzRule | null;
}

// ---- POSIX TZ strings ---------------------------------------------------------------------------

export function parseTzRule(text: string): TzRule | null {
  let i = 0;
  const name = (): boolean => {
    if (text[i] === "<") {
      const j = text.indexOf(">", i);
      if (j < 0) return false;
      i = j + 1;
      return true;
    }
    const m = /^[A-Za-z]{3,}/.exec(text.slice(i));
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  const hms = (): number | null => {
    const m = /^([+-])?(\d{1,3})(?::(\d{1,2}))?(?::(\d{1,2}))?/.exec(text.slice(i));
    if (!m) return null;
    i += m[0].length;
    const v = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
    return m[1] === "-" ? -v : v;
  };
  const when = (): When | null => {
    const w: When = { kind: "n", day: 0, month: 0, week: 0, weekday: 0, time: 7200 };
    const rest = text.slice(i);
    const mRule = /^M(\d{1,2})\.(\d)\.(\d)/.exec(rest);
    const jRule = /^J(\d{1,3})/.exec(rest);
    const nRule = /^(\d{1,3})/.exec(rest);
    const m = mRule ?? jRule ?? nRule;
    if (!m) return null;
    if (mRule) {
      Object.assign(w, { kind: "M", month: Number(mRule[1]), week: Number(mRule[2]), weekday: Number(mRule[3]) });
      if (w.month < 1 || w.month > 12 || w.week < 1 || w.week > 5 || w.weekday > 6) return null;
    } else if (jRule) {
      Object.assign(w, { kind: "J", day: Number(jRule[1]) });
      if (w.day < 1 || w.day > 365) return null;
    } else {
      w.day = Number(m[1]);
      if (w.day > 365) return null;
    }
    i += m[0].length;
    if (text[i] === "/") {
      i++;
      const t = hms();
      if (t === null) return null;
      w.time = t;
    }
    return w;
  };
  if (!name()) return null;
  const stdOffset = hms();
  if (stdOffset === null) return null;
  const rule: TzRule = { std: -stdOffset, dst: null, start: null, end: null };
  if (i === text.length) return rule;
  if (!name()) return null;
  rule.dst = rule.std + 3600;
  if (i < text.length && text[i] !== ",") {
    const o = hms();
    if (o === null) return null;
    rule.dst = -o;
  }
  // Without explicit dates the C library applies built-in US rules; not worth guessing here.
  if (text[i] !== ",") return null;
  i++;
  rule.start = when();
  if (!rule.start || text[i] !== ",") return null;
  i++;
  rule.end = when();
  return rule.end && i === text.length ? rule : null;
}

const DAY = 86400;

/** Seconds from the epoch to local midnight (as if UTC) of the day `w` names in `year`. */
function dayStart(year: number, w: When): number {
  const jan1 = Date.UTC(year, 0, 1) / 1000;
  if (w.kind === "M") {
    const first = Date.UTC(year, w.month - 1, 1);
    const firstWeekday = new Date(first).getUTCDay();
    let day = 1 + ((w.weekday - firstWeekday + 7) % 7) + (w.week - 1) * 7;
    const monthDays = new Date(Date.UTC(year, w.month, 0)).getUTCDate();
    while (day > monthDays) day -= 7;
    return first / 1000 + (day - 1) * DAY;
  }
  if (w.kind === "J") {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return jan1 + (w.day - 1 + (leap && w.day >= 60 ? 1 : 0)) * DAY;
  }
  return jan1 + w.day * DAY;
}

export function ruleOffset(rule: TzRule, t: number): number {
  if (rule.dst === null || !rule.start || !rule.end) return rule.std;
  const year = new Date((t + rule.std) * 1000).getUTCFullYear();
  // The start is given in standard time, the end in daylight time.
  const start = dayStart(year, rule.start) + rule.start.time - rule.std;
  const end = dayStart(year, rule.end) + rule.end.time - rule.dst;
  const inDst = start < end ? t >= start && t < end : !(t >= end && t < start);
  return inDst ? rule.dst : rule.std;
}

// ---- TZif files ---------------------------------------------------------------------------------

export function parseTzif(buf: Uint8Array): Zone | null {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const magic = (o: number) => o + 44 <= buf.length && buf[o] === 0x54 && buf[o + 1] === 0x5a && buf[o + 2] === 0x69 && buf[o + 3] === 0x66;
  const counts = (o: number) => {
    const n = (k: number) => dv.getUint32(o + 20 + 4 * k);
    return { isut: n(0), isstd: n(1), leap: n(2), time: n(3), type: n(4), char: n(5) };
  };
  if (!magic(0)) return null;
  const version = buf[4] as number;
  let o = 0;
  let c = counts(0);
  let size = 4;
  if (version >= 0x32) {
    // Version 2+: skip the 32-bit block; the 64-bit block and the footer follow.
    o = 44 + c.time * 5 + c.type * 6 + c.char + c.leap * 8 + c.isstd + c.isut;
    if (!magic(o)) return null;
    c = counts(o);
    size = 8;
  }
  let p = o + 44;
  const end = p + c.time * (size + 1) + c.type * 6 + c.char + c.leap * (size + 4) + c.isstd + c.isut;
  if (end > buf.length || c.type === 0) return null;
  const times: number[] = [];
  for (let k = 0; k < c.time; k++, p += size) times.push(size === 8 ? Number(dv.getBigInt64(p)) : dv.getInt32(p));
  const indices = Array.from(buf.subarray(p, p + c.time));
  p += c.time;
  const typeOffsets: number[] = [];
  for (let k = 0; k < c.type; k++) typeOffsets.push(dv.getInt32(p + 6 * k));
  if (indices.some((x) => x >= c.type)) return null;
  let footer: TzRule | null = null;
  if (version >= 0x32 && buf[end] === 0x0a) {
    const close = buf.indexOf(0x0a, end + 1);
    const text = new TextDecoder().decode(buf.subarray(end + 1, close < 0 ? buf.length : close));
    if (text) {
      footer = parseTzRule(text);
      if (!footer) return null; // a footer we cannot read: let the Date API answer
    }
  }
  return { times, offsets: indices.map((x) => typeOffsets[x] as number), initial: typeOffsets[0] as number, footer };
}

export function zoneOffset(zone: Zone, t: number): number {
  const { times } = zone;
  if (!times.length || t < (times[0] as number)) return times.length || !zone.footer ? zone.initial : ruleOffset(zone.footer, t);
  if (t >= (times[times.length - 1] as number) && zone.footer) return ruleOffset(zone.footer, t);
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((times[mid] as number) <= t) lo = mid;
    else hi = mid - 1;
  }
  return zone.offsets[lo] as number;
}

// ---- the local zone -----------------------------------------------------------------------------

const ZONE_DIRS = ["/usr/share/zoneinfo", "/usr/lib/zoneinfo", "/usr/share/lib/zoneinfo"];

/** The zone the C library would use for this environment, or null when we cannot tell. */
export function localZone(env: Env): Zone | null {
  let tz = env.TZ;
  const read = (file: string): Zone | null => {
    try {
      return parseTzif(readFileSync(file));
    } catch {
      return null;
    }
  };
  if (tz === undefined) return process.platform === "win32" ? null : read("/etc/localtime");
  if (tz.startsWith(":")) tz = tz.slice(1);
  if (tz === "" || tz === "UTC" || tz === "UTC0" || tz === "GMT") return { times: [], offsets: [], initial: 0, footer: null };
  if (tz.startsWith("/")) return read(tz);
  if (!tz.split("/").includes("..")) {
    for (const dir of [env.TZDIR, ...ZONE_DIRS]) {
      if (dir && existsSync(join(dir, tz))) return read(join(dir, tz));
    }
  }
  const rule = parseTzRule(tz);
  return rule ? { times: [], offsets: [], initial: rule.std, footer: rule } : null;
}

let cached: { tz: string | undefined; zone: Zone | null } | null = null;

/** Minutes east of UTC in force at `epochMs` in the local zone. */
export function localOffsetMinutes(epochMs: number, env: Env = process.env): number {
  if (!cached || cached.tz !== env.TZ) cached = { tz: env.TZ, zone: localZone(env) };
  if (!cached.zone) return -new Date(epochMs).getTimezoneOffset();
  return Math.round(zoneOffset(cached.zone, Math.floor(epochMs / 1000)) / 60);
}

/** RFC 3339 with milliseconds and the local offset (e.g. 2026-11-25T04:10:00.123+09:00). */
export function localTimestamp(d: Date, env: Env = process.env): string {
  const off = localOffsetMinutes(d.getTime(), env);
  const local = new Date(d.getTime() + off * 60_000);
  const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, "0");
  const sign = off >= 0 ? "+" : "-";
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}${sign}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
}
