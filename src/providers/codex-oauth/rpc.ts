// Line-delimited JSON-RPC with a `codex app-server` child over stdio. Server-initiated requests are
// answered (approvals declined, anything else refused); lines over 16 MiB, non-JSON output or an
// early exit end the session with a typed error; close() always leaves no process behind.
import type { Subprocess } from "bun";

const MAX_LINE_BYTES = 16 * 1024 * 1024;
const APPROVALS = new Set([
  "item/commandExecution/requestApproval",
  "item/fileChange/requestApproval",
  "item/permissions/requestApproval",
  "applyPatchApproval",
  "execCommandApproval",
]);

export interface RpcMessage {
  id?: number | string;
  method?: string;
  // biome-ignore lint/suspicious/noExplicitAny: app-server JSON, checked field by field (typeof) where read
  params?: Record<string, any>;
  // biome-ignore lint/suspicious/noExplicitAny: app-server JSON, checked field by field (typeof) where read
  result?: any;
  error?: { code: number; message: string; data?: unknown };
}

export class RpcError extends Error {
  constructor(
    message: string,
    readonly kind: "rpc" | "exited" | "protocol" | "aborted",
    readonly code?: number,
  ) {
    super(message);
  }
}

export class AppServerSession {
  private nextId = 1;
  // biome-ignore lint/suspicious/noExplicitAny: app-server JSON, checked field by field (typeof) where read
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: RpcError) => void }>();
  private readonly listeners: Array<(m: RpcMessage) => void> = [];
  private stderrTail = "";
  private dead: RpcError | null = null;
  readonly exited: Promise<number>;

  constructor(
    readonly child: Subprocess<"pipe", "pipe", "pipe">,
    signal: AbortSignal,
  ) {
    this.exited = child.exited;
    void this.readStdout();
    void this.readStderr();
    child.exited.then((code) =>
      this.fail(
        new RpcError(`codex app-server exited (code ${code}) before the decision was complete`, "exited", code),
      ),
    );
    const onAbort = () => this.fail(new RpcError("provider.timeout_ms passed before codex answered", "aborted"));
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  }

  stderr(): string {
    return this.stderrTail;
  }

  private fail(e: RpcError): void {
    if (this.dead) return;
    this.dead = e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    for (const l of this.listeners) l({ method: "__dead__" });
  }

  private async readStdout(): Promise<void> {
    const decoder = new TextDecoder();
    let buf = "";
    try {
      for await (const chunk of this.child.stdout) {
        buf += decoder.decode(chunk, { stream: true });
        for (let nl = buf.indexOf("\n"); nl !== -1; nl = buf.indexOf("\n")) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (line) this.dispatch(line);
        }
        if (buf.length > MAX_LINE_BYTES) {
          this.fail(new RpcError(`codex app-server sent a line longer than ${MAX_LINE_BYTES} bytes`, "protocol"));
          return;
        }
      }
    } catch {
      // the pipe closed; exit handling reports it
    }
  }

  private async readStderr(): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of this.child.stderr)
        this.stderrTail = (this.stderrTail + decoder.decode(chunk, { stream: true })).slice(-8192);
    } catch {}
  }

  private dispatch(line: string): void {
    let msg: RpcMessage;
    try {
      msg = JSON.parse(line) as RpcMessage;
    } catch {
      this.fail(new RpcError(`codex app-server wrote a line that is not JSON: ${line.slice(0, 120)}`, "protocol"));
      return;
    }
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(Number(msg.id));
      if (!p) return;
      this.pending.delete(Number(msg.id));
      if (msg.error) p.reject(new RpcError(msg.error.message, "rpc", msg.error.code));
      else p.resolve(msg.result);
      return;
    }
    if (msg.id !== undefined && msg.method !== undefined) {
      // Server-initiated request: never approve anything on the classifier's behalf.
      if (APPROVALS.has(msg.method)) this.send({ id: msg.id, result: { decision: "decline" } });
      else this.send({ id: msg.id, error: { code: -32601, message: `ccgate does not handle ${msg.method}` } });
      return;
    }
    for (const l of [...this.listeners]) l(msg);
  }

  private send(obj: unknown): void {
    try {
      this.child.stdin.write(`${JSON.stringify(obj)}\n`);
      this.child.stdin.flush();
    } catch {
      this.fail(new RpcError("cannot write to codex app-server", "exited"));
    }
  }

  // biome-ignore lint/suspicious/noExplicitAny: app-server JSON, checked field by field (typeof) where read
  call<T = any>(method: string, params: unknown): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ method, id, params });
    });
  }

  notify(method: string, params: unknown): void {
    if (!this.dead) this.send({ method, params });
  }

  /** Resolve with the first notification matching `pred`. */
  waitFor(pred: (m: RpcMessage) => boolean, onEach?: (m: RpcMessage) => void): Promise<RpcMessage> {
    if (this.dead) return Promise.reject(this.dead);
    return new Promise((resolve, reject) => {
      const listener = (m: RpcMessage) => {
        if (m.method === "__dead__") {
          this.listeners.splice(this.listeners.indexOf(listener), 1);
          reject(this.dead);
          return;
        }
        onEach?.(m);
        if (pred(m)) {
          this.listeners.splice(this.listeners.indexOf(listener), 1);
          resolve(m);
        }
      };
      this.listeners.push(listener);
    });
  }

  /** Close stdin, give the server a moment to exit, then SIGTERM, then SIGKILL; always reaped. */
  async close(): Promise<void> {
    try {
      this.child.stdin.end();
    } catch {}
    const gone = (ms: number) => Promise.race([this.child.exited.then(() => true), Bun.sleep(ms).then(() => false)]);
    if (await gone(500)) return;
    this.child.kill("SIGTERM");
    if (await gone(500)) return;
    this.child.kill("SIGKILL");
    await this.child.exited;
  }
}
