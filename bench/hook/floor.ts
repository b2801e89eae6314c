// The floor for bench/hook: a compiled Bun program that only reads stdin and prints a constant line,
// written as a hook usually is (process.stdout). The goals in bench/hook are ratios to this floor.
Bun.stdin.text().then(() => {
  process.stdout.write(
    '{"hookSpecificOutput":{"hookEventName":"PermissionRequest","decision":{"behavior":"allow"}}}\n',
  );
});
