// A small line-JSON-RPC client for `codex app-server`, used by end-to-end tests to drive the real
// Codex binary (threads, turns, hook trust) the way an IDE would.
import type { Subprocess } from "bun";

export interface RpcMessage {
  id?: number | string;
  method?: string;
  params?: Record<string, unknown> & { [k: string]: unknown };
  result?: unknown;
  error?: { code: number; message: string };
}

export interface AppServer {
  child: Subprocess<"pipe", "pipe", "pipe">;
  messages: RpcMessage[];
  call<T = Record<string, unknown>>(method: string, params: unknown, timeoutMs?: number): Promise<T>;
  notify(method: string, params?: unknown): void;
  respond(id: number | string, result: unknown): void;
  /** Handle server-initiated requests (approvals); default answers `{decision: "decline"}`. */
  onRequest(handler: (msg: RpcMessage) => unknown): void;
  waitFor(pred: (m: RpcMessage) => boolean, timeoutMs?: number): Promise<RpcMessage>;
  stderr(): string;
  close(): Promise<void>;
}

export function startAppServer(bin: string, env: Record<string, string>, args: string[] = []): AppServer {
  const child = Bun.spawn([bin, "app-server", ...args], { env, stdin: "pipe", stdout: "pipe", stderr: "pipe" });
  const messages: RpcMessage[] = [];
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const waiters: Array<(m: RpcMessage) => void> = [];
  let requestHandler: (msg: RpcMessage) => unknown = () => ({ decision: "decline" });
  let stderr = "";
  let nextId = 1;

  const send = (obj: unknown) => {
    child.stdin.write(`${JSON.stringify(obj)}\n`);
    child.stdin.flush();
  };
  const dispatch = (msg: RpcMessage) => {
    messages.push(msg);
    if (msg.id !== undefined && msg.method === undefined) {
      const p = pending.get(Number(msg.id));
      if (p) {
        pending.delete(Number(msg.id));
        if (msg.error) p.reject(new Error(`${msg.error.code}: ${msg.error.message}`));
        else p.resolve(msg.result);
      }
      return;
    }
    if (msg.id !== undefined && msg.method !== undefined) send({ id: msg.id, result: requestHandler(msg) });
    for (const w of [...waiters]) w(msg);
  };
  (async () => {
    const decoder = new TextDecoder();
    let buf = "";
    for await (const chunk of child.stdout) {
      buf += decoder.decode(chunk, { stream: true });
      for (let nl = buf.indexOf("\n"); nl !== -1; nl = buf.indexOf("\n")) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (!line) continue;
        try {
          dispatch(JSON.parse(line) as RpcMessage);
        } catch {
          // non-JSON output is ignored (logged by stderr capture when it matters)
        }
      }
    }
  })();
  (async () => {
    for await (const chunk of child.stderr) stderr += new TextDecoder().decode(chunk);
  })();

  const waitFor = (pred: (m: RpcMessage) => boolean, timeoutMs = 30_000) =>
    new Promise<RpcMessage>((resolve, reject) => {
      const old = messages.find(pred);
      if (old) return resolve(old);
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for a message; stderr tail: ${stderr.slice(-1500)}`)),
        timeoutMs,
      );
      waiters.push((m) => {
        if (pred(m)) {
          clearTimeout(timer);
          resolve(m);
        }
      });
    });

  return {
    child,
    messages,
    call: (method, params, timeoutMs = 30_000) => {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${method} timed out; stderr tail: ${stderr.slice(-1500)}`)),
          timeoutMs,
        );
        pending.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as never);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        send({ method, id, params });
      });
    },
    notify: (method, params) => send(params === undefined ? { method } : { method, params }),
    respond: (id, result) => send({ id, result }),
    onRequest: (handler) => {
      requestHandler = handler;
    },
    waitFor,
    stderr: () => stderr,
    close: async () => {
      try {
        child.stdin.end();
      } catch {}
      const exited = await Promise.race([child.exited.then(() => true), Bun.sleep(1500).then(() => false)]);
      if (!exited) {
        child.kill("SIGTERM");
        const gone = await Promise.race([child.exited.then(() => true), Bun.sleep(1500).then(() => false)]);
        if (!gone) child.kill("SIGKILL");
      }
    },
  };
}

/** initialize + initialized. */
export async function initialize(server: AppServer, name = "ccgate-e2e"): Promise<void> {
  await server.call("initialize", { clientInfo: { name, title: null, version: "0.0.0" } });
  server.notify("initialized", {});
}
