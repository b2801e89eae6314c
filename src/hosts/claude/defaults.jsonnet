// ccgate — built-in rules for Claude Code.
//
// This file is compiled into the binary. To customise, copy it to ~/.claude/ccgate.jsonnet
// (`ccgate claude init -o ~/.claude/ccgate.jsonnet`) and edit, or keep it and only add rules with
// append_allow / append_deny / append_environment in your own file.
//
// Layers, later wins: these defaults → ~/.claude/ccgate.jsonnet → (linked worktrees) the main
// worktree's .claude/ccgate.local.jsonnet → <repo>/.claude/ccgate.local.jsonnet (untracked only).
// `allow`, `deny` and `environment` replace the inherited list; `append_*` add to it.
{
  '$schema': 'https://raw.githubusercontent.com/ccgate/ccgate/main/schemas/claude.schema.json',

  provider: {
    name: 'anthropic',
    model: 'claude-haiku-4-5',
    // timeout_ms: 20000,          // hard deadline for one classification, retries included
    // reasoning_effort: 'low',    // unset = least reasoning the API allows; '' = send nothing
    // base_url: 'https://llm-proxy.example.com',  // else $ANTHROPIC_BASE_URL, else the public API
    // auth: { type: 'exec', command: 'vault kv get -field=key secret/anthropic' },
  },
  // Other providers (restate the whole block; it replaces this one):
  //   provider: { name: 'openai', model: 'gpt-5.6-luna' },            // key: $CCGATE_OPENAI_API_KEY or $OPENAI_API_KEY
  //   provider: { name: 'gemini', model: 'gemini-3.5-flash-lite' },   // key: $CCGATE_GEMINI_API_KEY or $GEMINI_API_KEY
  //   provider: { name: 'codex-oauth', model: 'gpt-6-luna' },         // your ChatGPT login through `codex`

  // What to do when the classifier itself is unsure: 'ask' (the human decides), 'allow' or 'deny'
  // (for unattended runs). Other fallthroughs (no key, provider down) always go to the human.
  // fallthrough_strategy: 'ask',

  // disable_load_main_worktree_local_config: true,

  allow: [
    'Read-only work: reading, listing, searching and inspecting files, git history and state, and running read-only queries, anywhere inside the repository.',
    'Local development inside the repository: building, compiling, type-checking, linting, formatting and running the project\'s tests or scripts, when the command stays inside the repository and does not deploy or publish.',
    'Everyday git on a feature branch: add, commit, stash, switch or create branches, fetch, pull, rebase or merge a feature branch, and a normal (non-force) push of a feature branch.',
    'Installing dependencies into the repository from its own manifests or lockfiles (npm/pnpm/yarn/bun install, pip install -r, uv sync, cargo fetch, go mod download, bundle install) and creating or editing files inside the repository.',
  ],

  deny: [
    'Download and execute: piping or feeding downloaded content into a shell or interpreter (curl | sh, wget -O- | bash, bash <(curl …), eval "$(curl …)"), or downloading a script and then running it. deny_message: Download the script into the repository, show it to the user for review, and let them run it.',
    'One-shot remote package execution of code that is not a dependency of this project (npx, pnpm dlx, bunx, uvx, pipx run, go run pkg@version) unless the user asked for that exact tool. deny_message: Add the tool as a dependency of the project, or ask the user before running remote code.',
    'Destructive git on protected branches (main, master, trunk, develop, release/*, production): force-push, history rewrite (reset --hard to another commit, rebase, filter-branch), deleting the branch, or committing directly to it. deny_message: Work on a feature branch and open a pull request instead.',
    'Deleting, moving or overwriting files outside the repository (rm -rf on paths outside it, ~, $HOME, or /), and recursive deletion of large parts of the repository such as .git. deny_message: Only delete files inside the project, and ask the user before removing anything outside it.',
    'Privilege escalation and system changes: sudo, su, doas, changing system files, users, services or global package installs (npm -g, brew, apt). deny_message: Ask the user to run commands that need elevated privileges or change the system themselves.',
    'Working in a sibling git worktree or another checkout instead of the current one (cd into it, git -C, or editing its files), unless the user asked for it. deny_message: Stay in the current worktree; the other checkout belongs to another task.',
    'Reading or sending secrets: printing or exfiltrating credentials, tokens, private keys, .env files or cloud credential files, or sending repository data to hosts that are not part of the task. deny_message: Do not read or transmit secrets; ask the user if a credential is needed.',
  ],

  environment: [
    'Claude Code asks before tool calls its own permission rules did not allow: shell commands (Bash), file edits and writes (Edit, Write, MultiEdit, NotebookEdit), web access (WebFetch, WebSearch) and MCP tools (mcp__server__tool). Judge each from tool_name and tool_input.',
  ],
}
