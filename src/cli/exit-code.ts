// A command's way to end with a given exit code (0 success, 1 failure, 2 usage) without a stack trace:
// thrown by a command, caught by runCli. Its own file so commands need not import the root command.
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
