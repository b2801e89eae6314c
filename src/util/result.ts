// The one shape for "worked, or why not" at module edges: `value` on success, `error` on failure.
// Expected failures are values, never thrown strings; a throw is a bug.
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };
