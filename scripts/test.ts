// The README's test command (`npm test`). Builds the binary the end-to-end suites drive, runs
// `bun test` alongside the type checker (a type error counts as one failure), and closes with one
// plain line `N passed, N failed` that CI reads.
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

const tscPath = new URL("../node_modules/typescript/bin/tsc", import.meta.url).pathname;
const typecheck = args.length === 0 ? Bun.spawn([process.execPath, tscPath, "--noEmit", "-p", "."], { stdout: "pipe", stderr: "pipe", stdin: "ignore" }) : null;
const result = await run([process.execPath, "test", ...args]);
const count = (word: string) => {
  const match = result.out.match(new RegExp(`^\\s*(\\d+) ${word}\\s*$`, "m"));
  return match ? Number(match[1]) : 0;
};
const passed = count("pass");
let failed = count("fail");
if (result.code !== 0 && failed === 0) failed = 1; // a crash or load error is a failure too
let typesOk = true;
if (typecheck) {
  const [out, code] = await Promise.all([new Response(typecheck.stdout).text(), typecheck.exited]);
  typesOk = code === 0;
  console.log(typesOk ? "typecheck (tsc --noEmit): clean" : `typecheck (tsc --noEmit) failed:\n${out.trim()}`);
}
console.log(`${passed} passed, ${failed + (typesOk ? 0 : 1)} failed`);
process.exit(result.code === 0 && passed > 0 && typesOk ? 0 : 1);

export {};
