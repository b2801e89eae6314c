// The lowest floor for bench/hook: the same program with the cheapest I/O Bun has (Bun.stdin /
// Bun.write, no Node streams). ccgate's hook uses this I/O too, so against the other floor it can
// come out below 1×; this one shows what ccgate's own work costs on top of a bare process.
const out = '{"hookSpecificOutput":{"hookEventName":"PermissionRequest","decision":{"behavior":"allow"}}}\n';
await Bun.stdin.text();
await Bun.write(Bun.stdout, out);

export {};
