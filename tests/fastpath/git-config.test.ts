// isSafeConfigKey answers common keys from sets so the hook does not compile SAFE_KEY: it must agree
// with SAFE_KEY on every key, hostile ones included (prototype names, empty or dotted subsections,
// other cases, names one letter off the list).
import { describe, expect, test } from "bun:test";
import { isSafeConfigKey, SAFE_KEY } from "../../src/fastpath/git-config.ts";

// Every word the expression lists, plus names that run programs and names that trip plain objects.
const listed = [...new Set(SAFE_KEY.source.match(/[A-Za-z]+/g) ?? [])];
const hostile = [
  "fsmonitor",
  "pager",
  "textconv",
  "uploadpack",
  "receivepack",
  "sshcommand",
  "hookspath",
  "program",
  "clean",
  "smudge",
  "path",
  "external",
  "editor",
  "constructor",
  "__proto__",
  "toString",
  "hasOwnProperty",
  "has",
  "URL",
  "Url",
  "urls",
  "url2",
  "ur",
];
const names = [...listed, ...hostile];
const sections = [
  ...listed,
  "include",
  "includeif",
  "filter",
  "alias",
  "gpg",
  "credential",
  "REMOTE",
  "Remote",
  "Core",
];
const subsections = [
  "origin",
  "a.b",
  "",
  ".",
  "a..b",
  "x.",
  ".x",
  "Origin",
  "__proto__",
  "constructor",
  "a b",
  "gitdir:/",
];

function* keys(): Generator<string> {
  for (const s of sections) {
    for (const n of names) {
      yield `${s}.${n}`;
      yield `${s.toLowerCase()}.${n.toLowerCase()}`;
      for (const sub of subsections) {
        yield `${s}.${sub}.${n}`;
        yield `${s.toLowerCase()}.${sub}.${n.toLowerCase()}`;
      }
    }
  }
  yield* ["", ".", "..", "remote..url", "remote.url", "remote.a.url.", ".remote.a.url", "core", "core."];
}

describe("isSafeConfigKey", () => {
  test("agrees with SAFE_KEY on every generated key", () => {
    let count = 0;
    let safe = 0;
    const disagree: string[] = [];
    for (const k of keys()) {
      count++;
      const expected = SAFE_KEY.test(k);
      if (expected) safe++;
      if (isSafeConfigKey(k) !== expected) disagree.push(k);
    }
    expect(disagree).toEqual([]);
    expect(count).toBeGreaterThan(50_000);
    expect(safe).toBeGreaterThan(1000);
  });

  test("the keys of a fresh or cloned repository are safe; program-running keys are not", () => {
    for (const k of [
      "core.repositoryformatversion",
      "core.filemode",
      "core.bare",
      "core.logallrefupdates",
      "remote.origin.url",
      "remote.origin.fetch",
      "branch.main.remote",
      "branch.feature/a.b.merge",
      "submodule.lib/x.url",
    ])
      expect(isSafeConfigKey(k)).toBe(true);
    for (const k of [
      "core.fsmonitor",
      "core.pager",
      "remote.origin.uploadpack",
      "remote.origin.receivepack",
      "remote..url",
      "constructor.x.url",
      "__proto__.x.has",
      "diff.x.textconv",
      "include.path",
    ])
      expect(isSafeConfigKey(k)).toBe(false);
  });
});
