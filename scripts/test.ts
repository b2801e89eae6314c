// The README's test command (`npm test`). Builds the binary the end-to-end suites drive, runs
// `bun test` alongside the type checker and `biome ci` (format + lint); each counts as one failure when unhappy,
// and closes with one plain line `N passed, N failed` that CI reads.
// Extra arguments go to `bun test` (e.g. `npm test -- tests/jsonnet`).
const args = process.argv.slice(2);

async function run(cmd: string[]): Promise<{ code: number; out: string }> {
  const proc = Bun.spawn(cmd, { stdout: "pipe", stderr: "pipe", stdin: "ignore" });
  let out = "";
  const pump = async (stream: ReadableStream<Uint8Array>, sink: NodeJS.WriteStream) => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) {
      const text = decoder.decode(chunk, { stream: true });
      out += text;
      sink.write(text);
    }
  };
  await Promise.all([pump(proc.stdout, process.stdout), pump(proc.stderr, process.stderr)]);
  return { code: await proc.exited, out };
}

const build = await run([process.execPath, "build.ts"]);
if (build.code !== 0) {
  console.log("build failed: the end-to-end suites need dist/ccgate");
  console.log("0 passed, 1 failed");
  process.exit(1);
}

// Static checks run beside the tests on a full run (not when a subset of tests is asked for).
const tool = (path: string) => new URL(`../node_modules/${path}`, import.meta.url).pathname;
const checks =
  args.length === 0
    ? [
        {
          name: "typecheck (tsc --noEmit)",
          cmd: [process.execPath, tool("typescript/bin/tsc"), "--noEmit", "-p", "."],
        },
        { name: "format and lint (biome ci)", cmd: [tool(".bin/biome"), "ci", "--colors=off"] },
      ].map(({ name, cmd }) => {
        // A tool that cannot even start is a failed check, never a crash before the summary line.
        try {
          return { name, proc: Bun.spawn(cmd, { stdout: "pipe", stderr: "pipe", stdin: "ignore" }) };
        } catch (e) {
          return { name, proc: null, error: (e as Error).message };
        }
      })
    : [];
const result = await run([process.execPath, "test", ...args]);
const count = (word: string) => {
  const match = result.out.match(new RegExp(`^\\s*(\\d+) ${word}\\s*$`, "m"));
  return match ? Number(match[1]) : 0;
};
const passed = count("pass");
let failed = count("fail");
if (result.code !== 0 && failed === 0) failed = 1; // a crash or load error is a failure too
let checksFailed = 0;
for (const check of checks) {
  const { name, proc } = check;
  if (!proc) {
    checksFailed++;
    console.log(`${name} could not start: ${"error" in check ? check.error : ""}`);
    continue;
  }
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  if (code === 0) console.log(`${name}: clean`);
  else {
    checksFailed++;
    console.log(`${name} failed:\n${`${out}\n${err}`.trim()}`);
  }
}
console.log(`${passed} passed, ${failed + checksFailed} failed`);
process.exit(result.code === 0 && passed > 0 && checksFailed === 0 ? 0 : 1);

export {};
