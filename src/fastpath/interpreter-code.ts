// What an interpreter one-liner (`python3 -c`, `perl -e`, `node -e`, `ruby -e`, `php -r`, `awk`, …)
// can run: string literals handed to system/exec-like calls come back as shell text or argv lists,
// and recursive deletions (shutil.rmtree, fs.rmSync recursive, FileUtils.rm_rf, File::Path rmtree)
// come back as `rm -rf PATH`, so the shell hard-deny rules judge them. This is a scan, not a parser:
// it over-approximates (any literal in code that shells out is re-read as shell) and never allows.

export type CodeAction =
  | { kind: "shell"; script: string }
  | { kind: "argv"; argv: string[] }
  | { kind: "delete"; path: string; recursive: boolean }
  | { kind: "write"; path: string };

interface Lit {
  value: string;
  start: number;
  end: number;
  /** Backticks / qx / %x: executed as shell by the language itself (not in JavaScript). */
  exec: boolean;
}

/** Calls that run a command. */
const EXEC_HINT =
  /\b(system|exec[a-zA-Z_]*|spawn[a-zA-Z_]*|popen[a-zA-Z0-9_]*|subprocess|child_process|shell_exec|passthru|proc_open|Open3|check_output|check_call|getoutput|getstatusoutput|pty|execute|Command|do shell script)\b/;
/** Recursive-deletion calls: name → needs a `recursive` option to be recursive. */
const DELETE_CALL =
  /(shutil\s*\.\s*rmtree|\brmtree|\bremove_tree|FileUtils\s*\.\s*(rm_rf|rm_r|remove_dir|remove_entry(_secure)?|rmtree)|\brm_rf|\bremove_dir|fs(\.promises)?\s*\.\s*(rm|rmdir)(Sync)?|fsPromises\s*\.\s*(rm|rmdir)|\brimraf(\.sync)?|Deno\s*\.\s*remove(Sync)?|os\s*\.\s*removedirs|os\s*\.\s*remove|os\s*\.\s*unlink|\bunlink(Sync)?|File\s*\.\s*delete|\bFileUtils\s*\.\s*rm|\brmSync|\brmdirSync|\bpromises\s*\.\s*rm)\b\s*(\(|\s)/g;
const HOME_EXPR: RegExp[] = [
  /os\s*\.\s*path\s*\.\s*expanduser\s*\(\s*(['"])~(.*?)\1\s*\)/g,
  /(?:pathlib\s*\.\s*)?Path\s*\(\s*(['"])~(.*?)\1\s*\)\s*\.\s*expanduser\s*\(\s*\)/g,
  /File\s*\.\s*expand_path\s*\(\s*(['"])~(.*?)\1\s*\)/g,
];
const HOME_PLAIN =
  /(?:pathlib\s*\.\s*)?Path\s*\.\s*home\s*\(\s*\)|os\s*\.\s*environ\s*\[\s*['"]HOME['"]\s*\]|os\s*\.\s*(?:environ\s*\.\s*get|getenv)\s*\(\s*['"]HOME['"]\s*\)|process\s*\.\s*env\s*(?:\.\s*HOME\b|\[\s*['"]HOME['"]\s*\])|(?:require\s*\(\s*['"](?:node:)?os['"]\s*\)|\bos)\s*\.\s*homedir\s*\(\s*\)|Dir\s*\.\s*home\b|ENV\s*(?:\[\s*['"]HOME['"]\s*\]|\.\s*fetch\s*\(\s*['"]HOME['"]\s*\))|\$ENV\s*\{\s*['"]?HOME['"]?\s*\}|\bgetenv\s*\(\s*['"]HOME['"]\s*\)|\$_SERVER\s*\[\s*['"]HOME['"]\s*\]|Deno\s*\.\s*env\s*\.\s*get\s*\(\s*['"]HOME['"]\s*\)/g;
const B64_HINT = /b64decode|atob|base64|decode_base64|unpack\s*\(?\s*['"]m/;
const MAX_DEPTH = 4;
/** Calls that write a file: `open(PATH, 'w')`, `fs.writeFileSync(PATH`, `File.write(PATH`, `file_put_contents(PATH`. */
const WRITE_CALL =
  /(\bopen\s*\(|fs\s*\.\s*(writeFile|appendFile|createWriteStream)(Sync)?\s*\(|\b(writeFileSync|appendFileSync|createWriteStream)\s*\(|File\s*\.\s*(write|open)\s*\(|\bfile_put_contents\s*\(|\bfopen\s*\(|Deno\s*\.\s*writeTextFile(Sync)?\s*\(|\.\s*write_(text|bytes)\s*\()/g;

/** Replace home-directory expressions by the literal `'~…'` so paths built from them are known. */
function normalizeHome(code: string): string {
  let out = code;
  for (const re of HOME_EXPR) out = out.replace(re, (_m, _q, rest: string) => JSON.stringify(`~${rest}`));
  return out.replace(HOME_PLAIN, '"~"');
}

const CLOSERS: Record<string, string> = { "(": ")", "{": "}", "[": "]", "<": ">" };

/** String literals of the code, in order. */
function literals(code: string, js: boolean): Lit[] {
  const out: Lit[] = [];
  let i = 0;
  while (i < code.length) {
    const c = code[i] as string;
    const rest = code.slice(i, i + 3);
    // Perl qx/q/qq and Ruby %x/%q/%Q/%w with any delimiter.
    const quoteOp = /^(qx|qq|qw|q|%x|%q|%Q|%w|%W|%)(?![A-Za-z0-9_])\s*([^\sA-Za-z0-9_])/.exec(code.slice(i, i + 6));
    const prev = i === 0 ? " " : (code[i - 1] as string);
    if (quoteOp && !/[A-Za-z0-9_$@]/.test(prev) && !(quoteOp[1] === "%" && !/[([{<|!/]/.test(quoteOp[2] as string))) {
      const open = quoteOp[2] as string;
      const close = CLOSERS[open] ?? open;
      let j = i + quoteOp[0].length;
      let depth = 1;
      let value = "";
      while (j < code.length) {
        const d = code[j] as string;
        if (d === "\\" && j + 1 < code.length) {
          value += code[j + 1];
          j += 2;
          continue;
        }
        if (d === open && close !== open) depth++;
        else if (d === close && --depth === 0) break;
        value += d;
        j++;
      }
      const op = quoteOp[1] as string;
      if (op === "qw" || op === "%w" || op === "%W") {
        for (const w of value.trim().split(/\s+/)) if (w) out.push({ value: w, start: i, end: j + 1, exec: false });
      } else out.push({ value, start: i, end: j + 1, exec: op === "qx" || op === "%x" });
      i = j + 1;
      continue;
    }
    if (c === "#" && !js && (prev === "\n" || /\s/.test(prev))) {
      // comment (python, perl, ruby, php) — but not `#{…}` interpolation inside code we skip anyway
      const nl = code.indexOf("\n", i);
      i = nl === -1 ? code.length : nl;
      continue;
    }
    if (c === "'" || c === '"' || c === "`") {
      const triple = (rest === "'''" || rest === '"""') && !js;
      const delim = triple ? rest : c;
      let j = i + delim.length;
      let value = "";
      while (j < code.length && !code.startsWith(delim, j)) {
        const d = code[j] as string;
        if (d === "\\" && j + 1 < code.length) {
          const n = code[j + 1] as string;
          value += n === "n" ? "\n" : n === "t" ? "\t" : n;
          j += 2;
          continue;
        }
        value += d;
        j++;
      }
      out.push({ value, start: i, end: j + delim.length, exec: c === "`" && !js });
      i = j + delim.length;
      continue;
    }
    i++;
  }
  return out;
}

/** Merge literals joined by `+` / `.` (concatenation) into one more candidate each. */
function concatenations(code: string, lits: Lit[]): string[] {
  const out: string[] = [];
  let run: Lit[] = [];
  const flush = () => {
    if (run.length > 1) out.push(run.map((l) => l.value).join(""));
    run = [];
  };
  for (const lit of lits) {
    const last = run[run.length - 1];
    if (last && /^\s*[+.]\s*$/.test(code.slice(last.end, lit.start))) run.push(lit);
    else {
      flush();
      run = [lit];
    }
  }
  flush();
  return out;
}

/** Lists of literals only (`['rm', '-rf', '~']`, `('rm', '-rf', '/')`, `'rm', ['-rf', '~']`). */
function argvLists(code: string, lits: Lit[]): string[][] {
  const out: string[][] = [];
  let run: Lit[] = [];
  const flush = () => {
    if (run.length > 1) out.push(run.map((l) => l.value));
    run = [];
  };
  for (const lit of lits) {
    const last = run[run.length - 1];
    if (last && /^\s*,\s*[[(]?\s*$/.test(code.slice(last.end, lit.start))) run.push(lit);
    else {
      flush();
      run = [lit];
    }
  }
  flush();
  return out;
}

/** The first argument of the call starting at `from` (just after the name), as text. */
function firstArgument(code: string, from: number): { text: string; all: string } {
  let i = from;
  while (i < code.length && /\s/.test(code[i] as string)) i++;
  const paren = code[i] === "(";
  if (paren) i++;
  let depth = 0;
  let first = -1;
  const start = i;
  let quote: string | null = null;
  for (; i < code.length; i++) {
    const c = code[i] as string;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      if (depth === 0) break;
      depth--;
    } else if (c === "," && depth === 0 && first === -1) first = i;
    else if ((c === ";" || c === "\n") && depth === 0 && !paren) break;
  }
  return { text: code.slice(start, first === -1 ? i : first), all: code.slice(start, i) };
}

/** A path built only from literals (`'~/x'`, `os.path.join('~', 'x')`, `'/' + 'etc'`), or null. */
function literalPath(text: string, js: boolean): string | null {
  const lits = literals(text, js);
  if (lits.length === 0) return null;
  let rest = "";
  let pos = 0;
  for (const l of lits) {
    rest += text.slice(pos, l.start);
    pos = l.end;
  }
  rest += text.slice(pos);
  rest = rest.replace(/(os\s*\.\s*path\s*\.\s*join|path\s*\.\s*(join|resolve)|File\s*\.\s*join|Path|join)\s*\(/g, "");
  if (!/^[\s+.,/()[\]]*$/.test(rest)) return null;
  const joined = lits
    .map((l) => l.value)
    .join("/")
    .replace(/\/+/g, "/");
  return joined;
}

function decodeBase64(value: string): string | null {
  if (value.length < 8 || !/^[A-Za-z0-9+/=\s]+$/.test(value)) return null;
  const text = Buffer.from(value, "base64").toString("utf8");
  return /^[\x09\x0a\x0d\x20-\x7e]+$/.test(text) ? text : null;
}

/** Everything a piece of interpreter code may run or delete. */
export function codeActions(code: string, lang: string, depth = 0): CodeAction[] {
  const js = /^(node|nodejs|deno|bun)$/.test(lang);
  const text = normalizeHome(code);
  const lits = literals(text, js);
  const actions: CodeAction[] = [];
  const execs = EXEC_HINT.test(text) || lits.some((l) => l.exec);
  for (const l of lits) if (l.exec) actions.push({ kind: "shell", script: l.value });
  if (execs) {
    for (const l of lits) if (!l.exec) actions.push({ kind: "shell", script: l.value });
    for (const s of concatenations(text, lits)) actions.push({ kind: "shell", script: s });
    for (const argv of argvLists(text, lits)) actions.push({ kind: "argv", argv });
  }
  for (const m of text.matchAll(DELETE_CALL)) {
    const name = m[1] as string;
    const arg = firstArgument(text, (m.index ?? 0) + m[0].length - (m[0].endsWith("(") ? 1 : 0));
    const path = literalPath(arg.text, js);
    if (path === null) continue;
    const needsOption = /^(fs|fsPromises|Deno|rmSync|rmdirSync|promises)/.test(name.replace(/\s/g, ""));
    const single = /remove$|unlink|File\s*\.\s*delete|FileUtils\s*\.\s*rm$/.test(name);
    const recursive = !single && (!needsOption || /recursive\s*:\s*true/.test(arg.all));
    actions.push({ kind: "delete", path, recursive });
  }
  for (const m of text.matchAll(WRITE_CALL)) {
    const start = (m.index ?? 0) + m[0].length;
    let path: string | null;
    if (m[0].includes("write_")) {
      // pathlib: Path('/etc/x').write_text(…) — the path is in the call before.
      const before = /Path\s*\(\s*(['"])(.*?)\1\s*\)\s*$/.exec(text.slice(0, m.index ?? 0));
      path = before ? (before[2] as string) : null;
    } else {
      const arg = firstArgument(text, start - 1);
      path = literalPath(arg.text, js);
      // open() for reading only is not a write
      if (
        /^\bopen|^open|^fopen|^File\s*\.\s*open/.test(m[0]) &&
        !/['"](w|a|r\+|x)[b+]*['"]|['"](wb|ab|w\+|a\+)['"]|O_WRONLY|O_RDWR/.test(arg.all)
      )
        path = null;
    }
    if (path !== null) actions.push({ kind: "write", path });
  }
  if (depth < MAX_DEPTH) {
    // Code inside code: eval/exec of a string, or a base64 payload decoded at run time.
    const b64 = B64_HINT.test(text);
    for (const l of lits) {
      if (/[(;]/.test(l.value)) actions.push(...codeActions(l.value, lang, depth + 1));
      const decoded = b64 ? decodeBase64(l.value) : null;
      if (decoded) {
        actions.push({ kind: "shell", script: decoded });
        actions.push(...codeActions(decoded, lang, depth + 1));
      }
    }
  }
  return actions;
}

/** Interpreters whose `-c`/`-e` code (or stdin program) codeActions understands. */
const CODE_FLAGS: Record<string, RegExp> = {
  python: /^-[a-zA-Z]*c$/,
  perl: /^-[a-zA-Z]*[eE]$/,
  ruby: /^-[a-zA-Z]*e$/,
  node: /^(-e|--eval|-p|--print|-pe)$/,
  deno: /^(eval)$/,
  bun: /^(-e|--eval|-p|--print)$/,
  php: /^-[a-zA-Z]*r$/,
  lua: /^-e$/,
  Rscript: /^-e$/,
  osascript: /^-e$/,
};

export function interpreterFamily(name: string): string | null {
  if (/^python[0-9.]*$|^pypy[0-9.]*$/.test(name)) return "python";
  if (/^perl[0-9.]*$/.test(name)) return "perl";
  if (/^ruby[0-9.]*$|^jruby$/.test(name)) return "ruby";
  if (name === "node" || name === "nodejs") return "node";
  if (/^php[0-9.]*$/.test(name)) return "php";
  if (/^lua[0-9.]*$|^luajit$/.test(name)) return "lua";
  if (name === "deno" || name === "bun" || name === "Rscript" || name === "osascript") return name;
  if (/^(g|m|n|busybox-)?awk$/.test(name)) return "awk";
  return null;
}

/** The code strings an interpreter invocation runs from its arguments (`-c CODE`, `-e CODE`, awk's program). */
export function inlineCode(argv: string[]): { family: string; code: string[] } | null {
  const family = interpreterFamily(argv[0]?.slice(argv[0].lastIndexOf("/") + 1) ?? "");
  if (!family) return null;
  const code: string[] = [];
  if (family === "awk") {
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i] as string;
      if (a === "-f" || a === "-v" || a === "-F") i++;
      else if (a.startsWith("-")) continue;
      else {
        code.push(a);
        break;
      }
    }
    return { family, code };
  }
  const flag = CODE_FLAGS[family];
  if (!flag) return null;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (flag.test(a) && argv[i + 1] !== undefined) {
      code.push(argv[i + 1] as string);
      i++;
    } else if (/^--(eval|print)=/.test(a)) code.push(a.slice(a.indexOf("=") + 1));
  }
  return { family, code };
}
