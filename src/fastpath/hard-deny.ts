// Hard-deny rules: decided locally, before and regardless of any LLM. Each finding carries a
// message that tells the agent what to do instead. Rules look at every invocation the command line
// can run (see invocations.ts), so quoting, wrappers and substitutions do not hide them.
import { basename } from "node:path";
import { isInside, matchesBranch, type PathFacts, resolveArg, wildcardRegex } from "./facts.ts";
import { commandName, DYNAMIC, type Invocation, SHELLS, type Structure } from "./invocations.ts";

export interface Finding {
  /** Stable rule id (shown by `explain`, recorded as the metrics reason). */
  rule: string;
  /** Message for the agent. */
  message: string;
  /** What matched, for humans. */
  detail: string;
}

const DOWNLOADERS = new Set([
  "curl",
  "wget",
  "fetch",
  "aria2c",
  "http",
  "https",
  "httpie",
  "xh",
  "lwp-request",
  "GET",
  "Invoke-WebRequest",
  "iwr",
  "Invoke-RestMethod",
  "irm",
]);
const DECODERS: Array<(argv: string[]) => boolean> = [
  (a) => commandName(a[0] ?? "") === "base64" && a.some((x) => /^(-d|-D|--decode)$/.test(x) || /^-[a-zA-Z]*d/.test(x)),
  (a) => commandName(a[0] ?? "") === "base32" && a.some((x) => /^(-d|--decode)$/.test(x)),
  (a) => commandName(a[0] ?? "") === "xxd" && a.some((x) => /^-[a-z]*r/.test(x)),
  (a) => commandName(a[0] ?? "") === "openssl" && a.includes("-d") && a.some((x) => /base64|enc/.test(x)),
  (a) => ["gunzip", "zcat", "bunzip2", "xz", "unxz"].includes(commandName(a[0] ?? "")),
  (a) => commandName(a[0] ?? "") === "uudecode",
];
const INTERPRETERS = new Set([
  ...SHELLS,
  "python",
  "python2",
  "python3",
  "node",
  "nodejs",
  "deno",
  "bun",
  "perl",
  "ruby",
  "php",
  "pwsh",
  "powershell",
  "lua",
  "Rscript",
  "osascript",
  "iex",
  "Invoke-Expression",
]);
const PRIVILEGE = new Set([
  "sudo",
  "su",
  "doas",
  "pkexec",
  "sudoedit",
  "run0",
  "runas",
  "gosu",
  "su-exec",
  "chroot",
  "setpriv",
  "capsh",
]);
const DISK_TOOLS =
  /^(mkfs(\..+)?|mke2fs|mkswap|mkntfs|mkdosfs|newfs(_.+)?|wipefs|blkdiscard|sgdisk|gdisk|fdisk|sfdisk|cfdisk|parted|diskutil|zpool|cryptsetup|badblocks)$/;
const BLOCK_DEVICE =
  /^\/dev\/(sd[a-z]|hd[a-z]|vd[a-z]|xvd[a-z]|nvme\d|mmcblk\d|disk\d|rdisk\d|md\d|dm-\d|mapper\/|loop\d|sr\d|disk\/by-|block\/|root$|nbd\d|zd\d|rbd\d)/;
const RAW_MEMORY = /^\/dev\/(mem|kmem|port)$/;
/** Files whose change grants root or another user's rights. */
const PRIVILEGE_FILES =
  /^\/etc\/(sudoers(\.d(\/.*)?)?|sudo\.conf|sudo_logsrvd\.conf|passwd|shadow|group|gshadow|master\.passwd|doas\.conf|pam\.d(\/.*)?|security(\/.*)?|ld\.so\.preload|polkit-1(\/.*)?|subuid|subgid|login\.defs)$|^\/root\/\.ssh(\/.*)?$|^\/private\/etc\/(sudoers(\.d(\/.*)?)?|passwd|master\.passwd|group)$/;
const SYSTEM_DIRS = new Set([
  "/",
  "/bin",
  "/boot",
  "/dev",
  "/etc",
  "/lib",
  "/lib64",
  "/opt",
  "/proc",
  "/root",
  "/sbin",
  "/sys",
  "/usr",
  "/var",
  "/home",
  "/Users",
  "/System",
  "/Library",
  "/Applications",
  "/private",
]);

const MESSAGES = {
  downloadExec:
    "Blocked: this downloads code and executes it in one step, so nobody reviews what runs. Download the file to the repository instead (e.g. `curl -fsSL URL -o install.sh`), show it to the user, and let them decide whether to run it.",
  decodeExec:
    "Blocked: this decodes an opaque payload and pipes it into an interpreter, which hides what actually runs. Write the commands out in plain text so they can be reviewed.",
  rmOutside:
    "Blocked: recursive deletion outside the repository (or of `/` or the home directory) can destroy data that is not yours. Delete only paths inside the project, or ask the user to remove that path themselves.",
  forcePush:
    "Blocked: this force-pushes, deletes or rewrites a protected branch. Push your work to a feature branch and open a pull request instead; history on protected branches is rewritten only by a human.",
  historyRewrite:
    "Blocked: this rewrites the history of a protected branch (or of every branch). Make the change on a feature branch; if history really must be rewritten, ask the user to do it.",
  disk: "Blocked: this command can destroy a disk, partition or file system. Never run it from an agent; describe what you need and let the user run it.",
  privilege:
    "Blocked: this gains elevated privileges (root, another user, setuid or capabilities). Explain to the user what needs elevated rights and why; they can run it themselves.",
  forkBomb: "Blocked: this is a fork bomb that would exhaust the machine's processes.",
} as const;

type Rule = (inv: Invocation, facts: PathFacts) => Finding | null;

/** Resolve an argument in the directory the invocation runs in (after `cd` earlier in the line). */
function resolveIn(inv: Invocation, arg: string, raw: string, facts: PathFacts): string | null {
  if (inv.cwd === undefined) return resolveArg(arg, raw, facts);
  if (inv.cwd === null) {
    const absolute = arg.startsWith("/") || arg.startsWith("~") || /^"?\$(HOME|\{HOME\})/.test(raw);
    return absolute ? resolveArg(arg, raw, facts) : null;
  }
  return resolveArg(arg, raw, facts, inv.cwd);
}

/** Files an invocation writes: redirections, `tee FILE`, `cp … DEST`, `dd of=`, `sed -i FILE`, … */
function writtenPaths(inv: Invocation, facts: PathFacts): string[] {
  const name = commandName(inv.argv[0] ?? "");
  const argv = inv.argv;
  const out: string[] = [];
  const add = (i: number) => {
    const p = resolveIn(inv, argv[i] as string, inv.raw[i] ?? (argv[i] as string), facts);
    if (p) out.push(p);
  };
  for (const w of inv.writes ?? []) {
    const p = resolveIn(inv, w, w, facts);
    if (p) out.push(p);
  }
  const positional: number[] = [];
  let options = true;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (options && a === "--") options = false;
    else if (options && a.startsWith("-") && a.length > 1) {
      if (/^(-t|--target-directory)$/.test(a) && argv[i + 1] !== undefined) add(++i);
      else if (a.startsWith("--target-directory=")) {
        const p = resolveIn(inv, a.slice(19), a.slice(19), facts);
        if (p) out.push(p);
      }
    } else positional.push(i);
  }
  const last = positional[positional.length - 1];
  if (name === "tee" || name === "truncate" || name === "shred") for (const i of positional) add(i);
  else if (
    /^(cp|mv|install|ln|rsync|ddrescue|scp|pv|gcp|gmv)$/.test(name) &&
    last !== undefined &&
    positional.length >= 2
  )
    add(last);
  else if (name === "dd" || name === "gdd")
    for (const a of argv)
      if (a.startsWith("of=")) {
        const p = resolveIn(inv, a.slice(3), a.slice(3), facts);
        if (p) out.push(p);
      }
  if ((name === "sed" || name === "perl") && argv.some((a) => /^-[a-zA-Z]*i/.test(a) || a.startsWith("--in-place")))
    for (const i of positional.slice(argv.some((a) => a === "-e" || a.startsWith("--expression")) ? 0 : 1)) add(i);
  return out;
}

/**
 * A short letter in a bundle, or a long option in any abbreviation getopt accepts (`rm --rec` is
 * `--recursive`). `exact`: the long options are already spelled out (git's, by fullGitOption, which
 * leaves an ambiguous prefix such as `push --for` as it is: git refuses it).
 */
function flagged(argv: string[], short: string, long: string[], exact = false): boolean {
  return argv.some(
    (a) =>
      long.some((l) => (exact ? a === l : a.length >= 3 && l.startsWith(a))) ||
      (/^-[a-zA-Z]+$/.test(a) && a.slice(1).includes(short)),
  );
}

/** rm -r / find -delete / rsync --delete of `/`, `~` or anything outside the repository. */
const recursiveDeletion: Rule = (inv, facts) => {
  const name = commandName(inv.argv[0] ?? "");
  const outside = (arg: string, raw: string): string | null => {
    const path = resolveIn(inv, arg, raw, facts);
    // `~name` is that user's home (bash leaves it as written only when there is no such user).
    if (path === null) return /^~[A-Za-z_][\w.-]*(\/|$)/.test(arg) && raw.startsWith("~") ? arg : null;
    if (path === "/" || path === facts.home || (isInside(facts.home, path) && !isInside(facts.boundary, path)))
      return path;
    if (isInside(path, facts.boundary)) return null;
    if (facts.tempDirs.some((t) => isInside(path, t) && path !== t)) return null;
    return path;
  };
  const targets = (start: number): number[] => {
    const out: number[] = [];
    let options = true;
    for (let i = start; i < inv.argv.length; i++) {
      const a = inv.argv[i] as string;
      if (options && a === "--") options = false;
      else if (options && a.startsWith("-") && a.length > 1) continue;
      else out.push(i);
    }
    return out;
  };
  if ((name === "rm" && flagged(inv.argv, "r", ["--recursive"])) || (name === "rm" && flagged(inv.argv, "R", []))) {
    for (const i of targets(1)) {
      const hit = outside(inv.argv[i] as string, inv.raw[i] ?? "");
      if (hit) return { rule: "rm-outside-repo", message: MESSAGES.rmOutside, detail: `rm -r ${hit}` };
    }
  }
  if (name === "find" && inv.argv.some((a) => a === "-delete")) {
    for (let i = 1; i < inv.argv.length; i++) {
      const a = inv.argv[i] as string;
      if (a.startsWith("-") || a === "(" || a === "!") break;
      const hit = outside(a, inv.raw[i] ?? "");
      if (hit) return { rule: "rm-outside-repo", message: MESSAGES.rmOutside, detail: `find ${hit} -delete` };
    }
  }
  if (name === "rsync" && inv.argv.some((a) => a.startsWith("--delete"))) {
    const positional = targets(1);
    const dest = positional[positional.length - 1];
    if (dest !== undefined && positional.length >= 2 && !(inv.argv[dest] as string).includes(":")) {
      const hit = outside(inv.argv[dest] as string, inv.raw[dest] ?? "");
      if (hit) return { rule: "rm-outside-repo", message: MESSAGES.rmOutside, detail: `rsync --delete into ${hit}` };
    }
  }
  if ((name === "chmod" || name === "chown" || name === "chgrp") && flagged(inv.argv, "R", ["--recursive"])) {
    for (const i of targets(1).slice(1)) {
      const path = resolveIn(inv, inv.argv[i] as string, inv.raw[i] ?? "", facts);
      if (path && (SYSTEM_DIRS.has(path) || path === facts.home))
        return { rule: "filesystem-destruction", message: MESSAGES.disk, detail: `${name} -R ${path}` };
    }
  }
  return null;
};

/**
 * Long options of the git subcommands the branch rule reads: git takes any unambiguous prefix
 * (`git push --del origin main` is `--delete`), so a prefix is read as the option it abbreviates.
 */
const GIT_LONG: Record<string, string[]> = {
  push: [
    ..."verbose quiet repo all branches mirror delete tags dry-run porcelain force force-with-lease".split(" "),
    ..."force-if-includes recurse-submodules thin receive-pack exec set-upstream progress prune".split(" "),
    ..."no-verify follow-tags signed atomic push-option ipv4 ipv6 verify".split(" "),
  ],
  branch: [
    ..."verbose quiet track set-upstream set-upstream-to unset-upstream color remotes contains".split(" "),
    ..."no-contains with without abbrev all delete move copy list show-current create-reflog".split(" "),
    ..."edit-description force merged no-merged column sort points-at ignore-case recurse-submodules".split(" "),
    "format",
    "omit-empty",
  ],
  reset:
    "quiet no-refresh mixed soft hard merge keep recurse-submodules patch intent-to-add pathspec-from-file pathspec-file-nul refresh".split(
      " ",
    ),
  checkout:
    "guess overlay quiet recurse-submodules progress merge conflict detach track force orphan overwrite-ignore ignore-other-worktrees ours theirs patch ignore-skip-worktree-bits pathspec-from-file pathspec-file-nul".split(
      " ",
    ),
  switch:
    "create force-create guess discard-changes quiet recurse-submodules progress merge conflict detach track force orphan overwrite-ignore ignore-other-worktrees".split(
      " ",
    ),
};

/** `--del` → `--delete` (and `--force-w=x` → `--force-with-lease=x`) when the prefix names one option. */
function fullGitOption(sub: string, arg: string): string {
  const names = GIT_LONG[sub];
  if (!names || !arg.startsWith("--") || arg === "--") return arg;
  const eq = arg.indexOf("=");
  const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
  if (names.includes(name)) return arg;
  const hits = names.filter((n) => n.startsWith(name));
  return hits.length === 1 ? `--${hits[0]}${eq === -1 ? "" : arg.slice(eq)}` : arg;
}

/** A push target with `*` that could match a protected branch (`refs/heads/ma*`). */
function globReachesProtected(target: string, patterns: string[]): boolean {
  const re = wildcardRegex(target.replace(/^(refs\/)?heads\//, ""));
  return patterns.some((p) => re.test(p.replaceAll("*", "x")));
}

function gitSubcommand(argv: string[]): { sub: string; args: string[] } | null {
  if (commandName(argv[0] ?? "") !== "git") return null;
  let i = 1;
  while (i < argv.length) {
    const a = argv[i] as string;
    if (/^(-C|-c|--git-dir|--work-tree|--namespace|--attr-source)$/.test(a)) i += 2;
    else if (a.startsWith("-")) i++;
    else break;
  }
  const sub = argv[i]?.toLowerCase();
  return sub === undefined ? null : { sub, args: argv.slice(i + 1).map((a) => fullGitOption(sub, a)) };
}

/**
 * The branch `git checkout -B NAME` / `git switch -C NAME` (re)sets, in any spelling: `-B NAME`,
 * `-BNAME`, `-fB NAME`, `--force-create NAME`, `--force-create=NAME`; null when none.
 */
function resetBranchName(sub: string, args: string[]): string | null {
  const valued = sub === "checkout" ? "bB" : "cC";
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") break;
    if (a.startsWith("--force-create=")) return a.slice("--force-create=".length);
    if (a === "--force-create") return args[i + 1] ?? null;
    if (!/^-[a-zA-Z]/.test(a)) continue;
    for (let j = 1; j < a.length; j++) {
      const c = a[j] as string;
      if (!valued.includes(c) && c !== "B" && c !== "C") continue;
      const value = a.length > j + 1 ? a.slice(j + 1) : (args[i + 1] ?? "");
      if (c === "B" || c === "C") return value;
      break; // -b NAME / -c NAME: the rest is its value
    }
  }
  return null;
}

/** Force-push, deletion or history rewrite of protected branches. */
const protectedBranches: Rule = (inv, facts) => {
  const git = gitSubcommand(inv.argv);
  if (!git) return null;
  // git push completes `heads/main` to refs/heads/main on the remote.
  const isProtected = (ref: string) => matchesBranch(ref.replace(/^(refs\/)?heads\//, ""), facts.protectedBranches);
  const current = facts.branch;
  if (git.sub === "push") {
    const force =
      flagged(git.args, "f", ["--force", "--force-with-lease", "--force-if-includes", "--mirror"], true) ||
      git.args.some((a) => a.startsWith("--force-with-lease="));
    const del = flagged(git.args, "d", ["--delete"], true);
    const positional = git.args.filter((a) => !a.startsWith("-"));
    const refspecs = positional.slice(1);
    if (git.args.includes("--mirror"))
      return { rule: "force-push-protected", message: MESSAGES.forcePush, detail: "git push --mirror" };
    for (const spec of refspecs) {
      const plus = spec.startsWith("+");
      const [written, dst] = spec.replace(/^\+/, "").split(":", 2) as [string, string | undefined];
      const src = written === "@" ? "HEAD" : written; // `@` is HEAD
      const target = dst ?? (src === "HEAD" ? (current ?? "") : src);
      if (
        (force || plus || del) &&
        /\*/.test(target) &&
        (/^refs\/\*$/.test(target) || globReachesProtected(target, facts.protectedBranches))
      )
        return { rule: "force-push-protected", message: MESSAGES.forcePush, detail: `git push ${spec}` };
      if (dst === undefined && src === "HEAD" && !current) continue;
      if (spec.startsWith(":") && isProtected(target))
        return { rule: "force-push-protected", message: MESSAGES.forcePush, detail: `delete ${target}` };
      if ((force || plus || del) && isProtected(target))
        return { rule: "force-push-protected", message: MESSAGES.forcePush, detail: `git push ${spec}` };
    }
    if (force && git.args.some((a) => a === "--all" || a === "--branches"))
      return { rule: "force-push-protected", message: MESSAGES.forcePush, detail: "force push of every branch" };
    if (del && git.args.some((a) => a === "--all" || a === "--branches"))
      return { rule: "force-push-protected", message: MESSAGES.forcePush, detail: "deletes every branch" };
    if (force && refspecs.length === 0 && (current === null || isProtected(current))) {
      return {
        rule: "force-push-protected",
        message: MESSAGES.forcePush,
        detail: `force push of current branch ${current ?? "(unknown)"}`,
      };
    }
    return null;
  }
  if (git.sub === "filter-branch" || git.sub === "filter-repo") {
    return { rule: "history-rewrite", message: MESSAGES.historyRewrite, detail: `git ${git.sub}` };
  }
  if (git.sub === "branch") {
    // -D / -d delete, -M / -m and -C (a forced copy) overwrite, -f resets: also inside a bundle (`-Mv`).
    const destructive = git.args.some(
      (a) => /^--(delete|force|move)$/.test(a) || (/^-[a-zA-Z]+$/.test(a) && /[DdMmCf]/.test(a.slice(1))),
    );
    const names = git.args.filter((a) => !a.startsWith("-"));
    if (destructive && names.some(isProtected))
      return { rule: "history-rewrite", message: MESSAGES.historyRewrite, detail: `git branch ${git.args.join(" ")}` };
    return null;
  }
  if (git.sub === "update-ref" || git.sub === "symbolic-ref") {
    const ref = git.args.find((a) => !a.startsWith("-") && a !== "-m");
    if (ref && isProtected(ref.replace(/^heads\//, "")))
      return { rule: "history-rewrite", message: MESSAGES.historyRewrite, detail: `git ${git.sub} ${ref}` };
    if (git.args.includes("--stdin"))
      return { rule: "history-rewrite", message: MESSAGES.historyRewrite, detail: `git ${git.sub} --stdin` };
    return null;
  }
  if (git.sub === "checkout" || git.sub === "switch") {
    const name = resetBranchName(git.sub, git.args);
    if (name !== null && isProtected(name))
      return { rule: "history-rewrite", message: MESSAGES.historyRewrite, detail: `git ${git.sub} resets ${name}` };
  }
  if (git.sub === "reflog" && git.args[0] === "delete" && git.args.some((a) => isProtected(a.replace(/@\{.*$/, ""))))
    return { rule: "history-rewrite", message: MESSAGES.historyRewrite, detail: `git reflog ${git.args.join(" ")}` };
  if (current && isProtected(current)) {
    if (
      git.sub === "rebase" &&
      !git.args.some((a) => /^--(abort|continue|skip|quit|edit-todo|show-current-patch)$/.test(a))
    ) {
      return { rule: "history-rewrite", message: MESSAGES.historyRewrite, detail: `git rebase on ${current}` };
    }
    if (git.sub === "reset") {
      const positional = git.args.filter((a) => !a.startsWith("-"));
      const moves =
        positional.length > 0 &&
        !git.args.includes("--") &&
        positional.every(
          (p) => /^(HEAD[~^]\d*|HEAD~+|HEAD\^+|[0-9a-f]{7,40}|origin\/.+|@\{.+\}|.+[~^]\d*)$/.test(p) && p !== "HEAD",
        );
      if (moves && git.args.some((a) => ["--hard", "--soft", "--mixed", "--keep", "--merge"].includes(a))) {
        return {
          rule: "history-rewrite",
          message: MESSAGES.historyRewrite,
          detail: `git reset ${git.args.join(" ")} on ${current}`,
        };
      }
    }
  }
  return null;
};

/** Disk and file-system destruction, fork bombs. */
const diskDestruction: Rule = (inv, facts) => {
  const name = commandName(inv.argv[0] ?? "");
  const devices = inv.argv.slice(1).filter((a) => BLOCK_DEVICE.test(a.replace(/^of=/, "")));
  if (DISK_TOOLS.test(name)) {
    const listing =
      inv.argv.some((a) => /^(-l|--list|-s|--show|print|list)$/.test(a)) &&
      !/^(mkfs|mke2fs|mkswap|wipefs|blkdiscard)/.test(name);
    if (!listing && (devices.length > 0 || /^(mkfs|mke2fs|mkswap|wipefs|blkdiscard|newfs)/.test(name))) {
      return { rule: "disk-destruction", message: MESSAGES.disk, detail: inv.argv.join(" ") };
    }
  }
  if (name === "dd" && inv.argv.some((a) => /^of=/.test(a) && BLOCK_DEVICE.test(a.slice(3))))
    return { rule: "disk-destruction", message: MESSAGES.disk, detail: inv.argv.join(" ") };
  if (name === "shred" && devices.length)
    return { rule: "disk-destruction", message: MESSAGES.disk, detail: inv.argv.join(" ") };
  for (const r of inv.redirects) {
    if ((r.op === ">" || r.op === ">>" || r.op === ">|" || r.op === "&>") && BLOCK_DEVICE.test(r.target.raw)) {
      return { rule: "disk-destruction", message: MESSAGES.disk, detail: `redirect to ${r.target.raw}` };
    }
  }
  for (const path of writtenPaths(inv, facts)) {
    if (BLOCK_DEVICE.test(path) || RAW_MEMORY.test(path))
      return { rule: "disk-destruction", message: MESSAGES.disk, detail: `${name} writes ${path}` };
  }
  if (
    (name === "hdparm" &&
      inv.argv.some((a) =>
        /^--(security-erase|security-erase-enhanced|trim-sector-ranges|write-sector|make-bad-sector|fwdownload)/.test(
          a,
        ),
      )) ||
    (name === "nvme" && /^(format|sanitize)$/.test(inv.argv[1] ?? "")) ||
    (name === "sg_format" && inv.argv.some((a) => a === "--format" || a === "-F"))
  )
    return { rule: "disk-destruction", message: MESSAGES.disk, detail: inv.argv.join(" ") };
  return null;
};

/** sudo & co, setuid bits, capabilities, edits of the account databases. */
const privilegeEscalation: Rule = (inv, facts) => {
  const name = commandName(inv.argv[0] ?? "");
  if (PRIVILEGE.has(name)) return { rule: "privilege-escalation", message: MESSAGES.privilege, detail: name };
  if (
    name === "chmod" &&
    inv.argv.slice(1).some((a) => /^[ugoa]*[+=][rwxXt]*s/.test(a) || (/^[0-7]*[4-7][0-7]{3}$/.test(a) && a.length >= 4))
  ) {
    return {
      rule: "privilege-escalation",
      message: MESSAGES.privilege,
      detail: `chmod ${inv.argv.slice(1).join(" ")}`,
    };
  }
  if (name === "setcap" || name === "visudo" || name === "vipw")
    return { rule: "privilege-escalation", message: MESSAGES.privilege, detail: name };
  if (
    /^(usermod|useradd|gpasswd|adduser|addgroup|groupadd|groupmod|newusers|chpasswd|vigr|pw)$/.test(name) &&
    (inv.argv.some((a) => /\b(sudo|wheel|admin|root|docker|adm|lxd|libvirt|disk|shadow)\b/.test(a)) ||
      uidZero(inv.argv) ||
      name === "newusers" ||
      name === "vigr")
  ) {
    return { rule: "privilege-escalation", message: MESSAGES.privilege, detail: inv.argv.join(" ") };
  }
  if (name === "passwd" && inv.argv.slice(1).some((a) => a === "root"))
    return { rule: "privilege-escalation", message: MESSAGES.privilege, detail: "passwd root" };
  if (
    name === "dscl" &&
    inv.argv.some((a) => /^-(create|append|merge)$/.test(a)) &&
    inv.argv.some((a) => /^(\/Groups\/(admin|wheel)|GroupMembership|UniqueID)$/.test(a)) &&
    (inv.argv.includes("0") || inv.argv.some((a) => /^\/Groups\/(admin|wheel)$/.test(a)))
  ) {
    return { rule: "privilege-escalation", message: MESSAGES.privilege, detail: inv.argv.join(" ") };
  }
  for (const path of writtenPaths(inv, facts))
    if (PRIVILEGE_FILES.test(path))
      return { rule: "privilege-escalation", message: MESSAGES.privilege, detail: `${name} writes ${path}` };
  if (/^(chmod|chown|chgrp|setfacl|chattr)$/.test(name)) {
    for (let i = 1; i < inv.argv.length; i++) {
      const a = inv.argv[i] as string;
      if (a.startsWith("-")) continue;
      const p = resolveIn(inv, a, inv.raw[i] ?? a, facts);
      if (p && PRIVILEGE_FILES.test(p))
        return { rule: "privilege-escalation", message: MESSAGES.privilege, detail: `${name} on ${p}` };
    }
  }
  const sensitive = /^\/etc\/(sudoers(\.d\/.*)?|passwd|shadow|group|doas\.conf)$/;
  if (name === "tee" && inv.argv.slice(1).some((a) => sensitive.test(a)))
    return { rule: "privilege-escalation", message: MESSAGES.privilege, detail: "write to an account database" };
  for (const r of inv.redirects) {
    if ((r.op === ">" || r.op === ">>") && sensitive.test(r.target.raw))
      return { rule: "privilege-escalation", message: MESSAGES.privilege, detail: `write to ${r.target.raw}` };
  }
  return null;
};

/** `-u 0`, `--uid=0`, `-o` with a uid, `-g 0`: an account with root's ids. */
function uidZero(argv: string[]): boolean {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (/^(-u|--uid|-g|--gid)$/.test(a) && /^0+$/.test(argv[i + 1] ?? "")) return true;
    if (/^(-u|-g)0+$/.test(a) || /^--(uid|gid)=0+$/.test(a)) return true;
    if (/^-[a-zA-Z]*[ug]0+$/.test(a)) return true;
    if (/^-[a-zA-Z]+[ug]$/.test(a) && /^0+$/.test(argv[i + 1] ?? "")) return true;
  }
  return false;
}

const RULES: Rule[] = [recursiveDeletion, protectedBranches, diskDestruction, privilegeEscalation];

/** Files a downloader writes, by the arguments that name them. */
function downloadedFiles(inv: Invocation): string[] {
  const name = commandName(inv.argv[0] ?? "");
  if (!DOWNLOADERS.has(name)) return [];
  const files: string[] = [];
  const argv = inv.argv;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (
      (name === "curl" && (a === "-o" || a === "--output")) ||
      (name === "wget" && (a === "-O" || a === "--output-document"))
    ) {
      if (argv[i + 1]) files.push(argv[i + 1] as string);
    } else if (/^--output(-document)?=/.test(a)) files.push(a.slice(a.indexOf("=") + 1));
    else if (name === "curl" && /^-[a-zA-Z]*o.+/.test(a) && !a.startsWith("--"))
      files.push(a.slice(a.indexOf("o") + 1));
  }
  const remoteName =
    (name === "wget" && !argv.some((a) => /^(-O|--output-document)/.test(a))) ||
    (name === "curl" && argv.some((a) => a === "-O" || a === "--remote-name" || /^-[a-zA-Z]*O$/.test(a)));
  if (remoteName) {
    for (const a of argv) if (/^[a-z]+:\/\//i.test(a)) files.push(basename(a.split(/[?#]/)[0] as string));
  }
  for (const r of inv.redirects) if (r.op === ">" || r.op === ">>") files.push(r.target.raw);
  return files.map((f) => basename(f));
}

/** The script file an invocation executes, if any (`bash x.sh`, `./x.sh`, `source x.sh`, `python x.py`). */
function executedFile(inv: Invocation): string | null {
  const argv0 = inv.argv[0] ?? "";
  const name = commandName(argv0);
  if (name === "source" || name === ".") return inv.argv[1] ? basename(inv.argv[1]) : null;
  if (INTERPRETERS.has(name)) {
    const script = inv.argv.slice(1).find((a) => !a.startsWith("-"));
    return script ? basename(script) : null;
  }
  if (argv0.includes("/")) return basename(argv0);
  return null;
}

/** A shell/interpreter reading its program from stdin (no script argument, or `-s`/`-`). */
function readsProgramFromStdin(inv: Invocation): boolean {
  const name = commandName(inv.argv[0] ?? "");
  if (!INTERPRETERS.has(name) && name !== "source" && name !== ".") return false;
  if (name === "source" || name === ".") return inv.argv.some((a) => a === "/dev/stdin" || a === "-");
  const args = inv.argv.slice(1);
  if (args.some((a) => a === "-" || a === "-s" || a === "/dev/stdin")) return true;
  if (args.some((a) => /^-[a-zA-Z]*[ce]$/.test(a) || a === "-c" || a === "-e" || a === "--eval")) return false;
  return !args.some((a) => !a.startsWith("-"));
}

function producesDownload(inv: Invocation): boolean {
  return DOWNLOADERS.has(commandName(inv.argv[0] ?? ""));
}

function producesDecoded(inv: Invocation): boolean {
  return DECODERS.some((d) => d(inv.argv));
}

/** Any invocation inside a substitution whose output becomes code (`bash -c "$(curl …)"`, `eval $(…)`, `bash <(curl …)`). */
function substitutedDownload(structure: Structure): Finding | null {
  for (const inv of structure.invocations) {
    const fromSub = inv.via.some((v) => v === "$( )" || v === "<( )");
    if (!fromSub || !(producesDownload(inv) || producesDecoded(inv))) continue;
    // The substitution's output is used as a program when a shell/eval/source is fed from it.
    const consumer = structure.invocations.find((other) => {
      const name = commandName(other.argv[0] ?? "");
      if (other === inv || (other.nested && !inv.nested)) return false;
      const code = INTERPRETERS.has(name) || name === "eval" || name === "source" || name === ".";
      return (
        (code && other.argv.some((a) => a.includes(DYNAMIC))) ||
        (code && other.redirects.some((r) => r.op === "<<<" || r.op === "<"))
      );
    });
    if (consumer) {
      return {
        rule: producesDownload(inv) ? "download-exec" : "decode-exec",
        message: producesDownload(inv) ? MESSAGES.downloadExec : MESSAGES.decodeExec,
        detail: `${commandName(consumer.argv[0] ?? "")} runs the output of ${commandName(inv.argv[0] ?? "")}`,
      };
    }
  }
  return null;
}

function pipedDownload(structure: Structure): Finding | null {
  // Outer pipelines first: a decoded payload that itself downloads is reported as decode-exec.
  for (const stages of [...structure.pipelines].reverse()) {
    let download = false;
    let decode = false;
    for (const stage of stages) {
      if (stage.some((inv) => readsProgramFromStdin(inv)) && (download || decode)) {
        return download
          ? {
              rule: "download-exec",
              message: MESSAGES.downloadExec,
              detail: "downloaded content is piped into an interpreter",
            }
          : {
              rule: "decode-exec",
              message: MESSAGES.decodeExec,
              detail: "decoded content is piped into an interpreter",
            };
      }
      if (stage.some(producesDownload)) download = true;
      if (stage.some(producesDecoded)) decode = true;
    }
  }
  return null;
}

function downloadThenRun(structure: Structure): Finding | null {
  for (const sequence of structure.sequences) {
    const fetched = new Set<string>();
    for (const inv of sequence) {
      const file = executedFile(inv);
      if (file && fetched.has(file)) {
        return {
          rule: "download-exec",
          message: MESSAGES.downloadExec,
          detail: `downloads ${file} and then executes it`,
        };
      }
      for (const f of downloadedFiles(inv)) fetched.add(f);
      if (producesDecoded(inv))
        for (const r of inv.redirects) if (r.op === ">" || r.op === ">>") fetched.add(basename(r.target.raw));
    }
  }
  return null;
}

function forkBomb(structure: Structure): Finding | null {
  for (const [name, body] of structure.functions) {
    if (name && body.filter((inv) => commandName(inv.argv[0] ?? "") === name).length >= 2) {
      return { rule: "fork-bomb", message: MESSAGES.forkBomb, detail: `function ${name} calls itself twice` };
    }
  }
  return null;
}

/** All hard-deny findings for a command line (first one wins for the verdict). */
export function hardDenyFindings(structure: Structure, facts: PathFacts): Finding[] {
  const findings: Finding[] = [];
  for (const check of [pipedDownload, substitutedDownload, downloadThenRun, forkBomb]) {
    const f = check(structure);
    if (f) findings.push(f);
  }
  for (const inv of structure.invocations) {
    for (const rule of RULES) {
      const f = rule(inv, facts);
      if (f) findings.push(f);
    }
  }
  return findings;
}
