// 100 hook processes appending at once, with a rotation in the middle: every line arrives complete
// and parseable, across metrics.jsonl and its .1 generation. Same for the log. Sized so that exactly
// one rotation happens (~43 KB written, 30 KB limit): one .1 generation is kept by design.
import { expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const N = 100;

async function hammer(kind: "metrics" | "log") {
  const dir = mkdtempSync(join(tmpdir(), "ccgate-concurrency-"));
  const path = join(dir, kind === "metrics" ? "metrics.jsonl" : "ccgate.log");
  const script = join(dir, "writer.ts");
  const src = join(import.meta.dir, "..", "..", "src", "state");
  writeFileSync(
    script,
    kind === "metrics"
      ? `import { appendMetrics } from ${JSON.stringify(join(src, "metrics.ts"))};
const i = Number(process.argv[2]);
const r = appendMetrics(${JSON.stringify(path)}, 30000, { ts: new Date().toISOString(), target: "claude", tool: "Bash", perm_mode: "default", decision: "allow", source: "fast_path", elapsed_ms: i, tool_input: { command: "x".repeat(300) + " #" + i } });
if (!r.ok) { console.error(r.error); process.exit(1); }`
      : `import { openLog } from ${JSON.stringify(join(src, "log.ts"))};
const i = Number(process.argv[2]);
const log = openLog(${JSON.stringify(path)}, { maxSize: 30000, disabled: false });
log.info("hook invoked", { run: i, pad: "y".repeat(200) });
log.info("decision made", { run: i });
log.flush();`,
  );
  const procs = Array.from({ length: N }, (_, i) =>
    Bun.spawn([process.execPath, script, String(i)], { stdout: "ignore", stderr: "pipe" }),
  );
  const codes = await Promise.all(procs.map((p) => p.exited));
  expect(codes.every((c) => c === 0)).toBe(true);
  const text = [`${path}.1`, path]
    .filter(existsSync)
    .map((f) => readFileSync(f, "utf8"))
    .join("");
  return { text, rotated: existsSync(`${path}.1`) };
}

test("100 concurrent metrics writers: 100 complete lines across a rotation", async () => {
  const { text, rotated } = await hammer("metrics");
  expect(rotated).toBe(true);
  const lines = text.trim().split("\n");
  expect(lines).toHaveLength(N);
  const seen = new Set(lines.map((l) => (JSON.parse(l) as { elapsed_ms: number }).elapsed_ms));
  expect(seen.size).toBe(N);
}, 60_000);

test("100 concurrent log writers: each run's lines complete and together", async () => {
  const { text } = await hammer("log");
  const lines = text.trim().split("\n");
  expect(lines).toHaveLength(2 * N);
  for (let i = 0; i < lines.length; i += 2) {
    const run = /run=(\d+)/.exec(lines[i] as string)?.[1];
    expect(lines[i]).toContain('msg="hook invoked"');
    expect(lines[i + 1]).toContain(`msg="decision made" run=${run}`);
  }
}, 60_000);
