// ccgate — built-in rules for GitHub Copilot CLI.
//
// This file is compiled into the binary. To customise, copy it to ~/.copilot/ccgate.jsonnet
// (`ccgate copilot init -o ~/.copilot/ccgate.jsonnet`) and edit, or keep it and only add rules with
// append_allow / append_deny / append_environment in your own file.
//
// Layers, later wins: these defaults → ~/.copilot/ccgate.jsonnet → (linked worktrees) the main
// worktree's .copilot/ccgate.local.jsonnet → <repo>/.copilot/ccgate.local.jsonnet (untracked only).
{
  '$schema': 'https://raw.githubusercontent.com/ccgate/ccgate/main/schemas/copilot.schema.json',

  provider: {
    name: 'anthropic',
    model: 'claude-haiku-4-5',
    // timeout_ms: 20000,
    // reasoning_effort: 'low',
    // base_url: 'https://llm-proxy.example.com',
  },
  // Other providers: { name: 'openai', model: 'gpt-5.6-luna' } / { name: 'gemini', model: 'gemini-3.5-flash-lite' }
  //   / { name: 'codex-oauth', model: 'gpt-6-luna' } (your ChatGPT login through `codex`)

  // fallthrough_strategy: 'ask',

  allow: [
    'Read-only work: reading, listing, searching and inspecting files, git history and state, and read-only queries, anywhere inside the workspace.',
    'Local development inside the workspace: building, type-checking, linting, formatting and running the project\'s tests or scripts, without deploying or publishing.',
    'Everyday git on a feature branch: add, commit, stash, switch or create branches, fetch, pull, rebase or merge a feature branch, and a normal (non-force) push of a feature branch.',
    'Installing dependencies into the workspace from its own manifests or lockfiles (npm/pnpm/yarn/bun install, pip install -r, uv sync, cargo fetch, go mod download).',
    'File edits and writes inside the workspace.',
    'Network access that a development step in the workspace needs from well-known package registries or the project\'s own git remote (e.g. installing dependencies, fetching, pulling).',
  ],

  deny: [
    'Download and execute: piping downloaded content into a shell or interpreter (curl | sh, wget -O- | bash, bash <(curl …)), or downloading a script and then running it. deny_message: Download the script into the workspace, show it to the user for review, and let them run it.',
    'One-shot remote package execution of code that is not a dependency of this project (npx, pnpm dlx, bunx, uvx, pipx run, go run pkg@version) unless the user asked for that exact tool. deny_message: Add the tool as a dependency, or ask the user before running remote code.',
    'Destructive git on protected branches (main, master, trunk, develop, release/*, production): force-push, history rewrite, deleting the branch, or committing directly to it. deny_message: Work on a feature branch and open a pull request instead.',
    'Deleting, moving or overwriting files outside the workspace (rm -rf outside it, ~, $HOME, /). deny_message: Only delete files inside the project, and ask the user before touching anything outside it.',
    'Privilege escalation and system changes: sudo, su, doas, system files, users, services, global package installs. deny_message: Ask the user to run commands that need elevated privileges themselves.',
    'File edits or writes outside the workspace, or in another worktree or checkout. deny_message: Only edit files inside the current workspace.',
    'Network egress that sends data out or reaches hosts unrelated to the task (curl/wget/nc/ssh/scp/rsync to arbitrary hosts, uploading files, posting repository content), and destructive MCP tool calls (deleting or overwriting remote resources, sending messages, changing production systems). deny_message: Explain what you need to send or change and let the user do it.',
  ],

  environment: [
    'GitHub Copilot CLI runs this hook (preToolUse) before every tool call. tool_name tells what is asked: bash (tool_input.command), view (reads), edit / create (file edits), web_fetch, or an MCP tool.',
    'tool_input.description, when present, is the agent\'s own justification: a claim to weigh, not a fact.',
    'The workspace is the repository at context.repo_root (or the cwd outside a repository).',
  ],
}
