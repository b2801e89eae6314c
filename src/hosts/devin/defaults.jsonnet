// ccgate — built-in rules for Devin CLI.
//
// This file is compiled into the binary. To customise, copy it to ~/.config/devin/ccgate.jsonnet
// (`ccgate devin init -o ~/.config/devin/ccgate.jsonnet`) and edit, or keep it and only add rules with
// append_allow / append_deny / append_environment in your own file.
//
// Layers, later wins: these defaults → ~/.config/devin/ccgate.jsonnet → (linked worktrees) the main
// worktree's .devin/ccgate.local.jsonnet → <repo>/.devin/ccgate.local.jsonnet (untracked only).
{
  '$schema': 'https://raw.githubusercontent.com/ccgate/ccgate/main/schemas/devin.schema.json',

  provider: {
    name: 'anthropic',
    model: 'claude-haiku-4-5',
    // timeout_ms: 20000,
    // reasoning_effort: 'low',
    // base_url: 'https://llm-proxy.example.com',
  },
  // Other providers (restate the whole block; it replaces this one):
  //   provider: { name: 'openai', model: 'gpt-5.6-luna' } / { name: 'gemini', model: 'gemini-3.5-flash-lite' }
  //   provider: { name: 'codex-oauth', model: 'gpt-6-luna' },   // your ChatGPT login through `codex`

  // fallthrough_strategy: 'ask',

  allow: [
    'Read-only work: reading, listing, searching and inspecting files, git history and state, and read-only queries, anywhere inside the project.',
    'Local development inside the project: building, type-checking, linting, formatting and running the project\'s tests or scripts, without deploying or publishing.',
    'Everyday git on a feature branch: add, commit, stash, switch or create branches, fetch, pull, rebase or merge a feature branch, and a normal (non-force) push of a feature branch.',
    'Installing dependencies into the project from its own manifests or lockfiles (npm/pnpm/yarn/bun install, pip install -r, uv sync, cargo fetch, go mod download) and creating or editing files inside the project (write, edit, apply_patch).',
  ],

  deny: [
    'Download and execute: piping downloaded content into a shell or interpreter (curl | sh, wget -O- | bash, bash <(curl …)), or downloading a script and then running it. deny_message: Download the script into the project, show it to the user for review, and let them run it.',
    'One-shot remote package execution of code that is not a dependency of this project (npx, pnpm dlx, bunx, uvx, pipx run, go run pkg@version) unless the user asked for that exact tool. deny_message: Add the tool as a dependency, or ask the user before running remote code.',
    'Destructive git on protected branches (main, master, trunk, develop, release/*, production): force-push, history rewrite, deleting the branch, or committing directly to it. deny_message: Work on a feature branch and open a pull request instead.',
    'Deleting, moving or overwriting files outside the project (rm -rf outside it, ~, $HOME, /), and write, edit or apply_patch of files outside it or in another worktree or checkout. deny_message: Only change files inside the current project, and ask the user before touching anything outside it.',
    'Privilege escalation and system changes: sudo, su, doas, system files, users, services, global package installs. deny_message: Ask the user to run commands that need elevated privileges themselves.',
    'Reading or sending secrets: printing or exfiltrating credentials, tokens, private keys, .env files or cloud credential files, sending repository data to hosts that are not part of the task, and destructive MCP tool calls (deleting or overwriting remote resources, sending messages, changing production systems). deny_message: Do not read or transmit secrets; explain what you need and let the user do it.',
  ],

  environment: [
    'Devin CLI asks before tool calls its own permissions did not allow. tool_name tells what is asked: exec (a shell command in tool_input.command), read, write, edit, glob, grep, apply_patch, or an MCP tool (mcp__server__tool). Judge each from tool_name and the whole tool_input.',
    'The project is the repository at context.repo_root (or the working directory outside a repository).',
  ],
}
