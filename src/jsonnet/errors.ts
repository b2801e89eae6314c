// Errors carry a position (file:line:col) and a short trace of the frames that led to them.

export interface Position {
  file: string;
  line: number;
  col: number;
}

export class JsonnetError extends Error {
  readonly trace: string[] = [];
  // Own properties, assigned after super(): JavaScriptCore gives every Error its own `line` /
  // `column` (the throw site in our source), which would shadow accessors.
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** Found before evaluation (parse or static check), as the reference's STATIC ERROR. */
  isStatic = false;
  constructor(
    message: string,
    readonly pos: Position | null,
  ) {
    super(message);
    this.file = pos?.file ?? "";
    this.line = pos?.line ?? 0;
    this.col = pos?.col ?? 0;
  }
  /** `file:line:col: message` followed by up to 10 trace lines. */
  format(): string {
    const where = this.pos ? `${this.pos.file}:${this.pos.line}:${this.pos.col}: ` : "";
    const trace = this.trace
      .slice(0, 10)
      .map((t) => `\n\t${t}`)
      .join("");
    const more = this.trace.length > 10 ? `\n\t... ${this.trace.length - 10} more frames` : "";
    return `${where}${this.message}${trace}${more}`;
  }
}

export function posText(pos: Position | null): string {
  return pos ? `${pos.file}:${pos.line}:${pos.col}` : "<unknown>";
}

/** Throw a JsonnetError at `pos` (the evaluator's and the standard library's one way to fail). */
export function fail(msg: string, pos: Position | null): never {
  throw new JsonnetError(msg, pos);
}
