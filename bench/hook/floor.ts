// The floor for bench/hook: a compiled Bun program that only reads stdin and prints a constant line.
Bun.stdin.text().then(() => {
  process.stdout.write(
    '{"hookSpecificOutput":{"hookEventName":"PermissionRequest","decision":{"behavior":"allow"}}}\n',
  );
});
