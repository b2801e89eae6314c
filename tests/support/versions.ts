// The real agent CLIs the end-to-end suites and benchmarks install on demand: one pin each.
export const CODEX_VERSION = "0.169.0";
export const CLAUDE_CODE_VERSION = "2.1.328";
export const GEMINI_CLI_VERSION = "0.61.0";
export const COPILOT_CLI_VERSION = "1.0.102";
