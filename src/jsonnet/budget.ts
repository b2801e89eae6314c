// The limits a run is held to (stack depth, steps, clock, memory, string and array sizes) and the
// counters that enforce them. The evaluator extends this class so that the hot counter checks stay
// plain field accesses.
import { fail, type Position } from "./errors.ts";

export interface Limits {
  /** Nested calls / field evaluations before "max stack frames exceeded" (default 500). */
  maxStack: number;
  /** Longest string a program may build (default 64 MiB of UTF-16 units). */
  maxStringLength: number;
  /** Largest array a program may build (default 10 million elements). */
  maxArrayLength: number;
  /** Evaluation steps (expressions evaluated) before the work budget ends the run (default 50 million). */
  maxSteps: number;
  /** Wall-clock milliseconds from the start of the run before it is ended (default 5,000). */
  maxMillis: number;
  /** Estimated bytes of strings, arrays and object fields built over the run (default 256 MiB). */
  maxBytes: number;
  /** Growth of the process's resident memory during the run, looked at with the clock, before the run is ended (default 512 MiB). */
  maxRssBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxStack: 500,
  maxStringLength: 64 * 1024 * 1024,
  maxArrayLength: 10_000_000,
  maxSteps: 50_000_000,
  maxMillis: 5_000,
  maxBytes: 256 * 1024 * 1024,
  maxRssBytes: 512 * 1024 * 1024,
};

/** Steps between two looks at the clock (Date.now() is far costlier than a counter). */
const CLOCK_EVERY = 4_096;
/** Estimated cost of one array element (a thunk and its slot) and one object field, in bytes. */
const ELEMENT_BYTES = 100;
export const FIELD_BYTES = 128;

export class Budget {
  /** Frames entered (calls, field evaluations); the tail loops adjust it directly. */
  depth = 0;
  /** Expressions evaluated; `eval` calls `tick` when it passes `nextClock`. */
  steps = 0;
  nextClock = CLOCK_EVERY;
  private bytes = 0;
  private readonly deadline: number;
  /** Resident memory when the run began: the RSS budget counts growth, not what the host already holds. */
  private readonly startRss = process.memoryUsage.rss();

  constructor(readonly limits: Limits) {
    this.deadline = Date.now() + limits.maxMillis;
  }

  enter(pos: Position | null): void {
    if (++this.depth > this.limits.maxStack) {
      this.depth = 0;
      fail(`max stack frames exceeded (${this.limits.maxStack})`, pos);
    }
  }

  leave(): void {
    this.depth--;
  }

  checkString(s: string, pos: Position | null): string {
    this.checkStringLength(s.length, pos);
    this.spend(s.length * 2, pos);
    return s;
  }

  /** Refuse a string of `n` UTF-16 units before it is built. */
  checkStringLength(n: number, pos: Position | null): void {
    if (n > this.limits.maxStringLength)
      fail(`string longer than the limit of ${this.limits.maxStringLength} characters`, pos);
  }

  checkArray(n: number, pos: Position | null): void {
    if (n > this.limits.maxArrayLength)
      fail(`array longer than the limit of ${this.limits.maxArrayLength} elements`, pos);
    this.spend(n * ELEMENT_BYTES, pos);
  }

  /** Count bytes built (strings, arrays, object fields) against the memory budget. */
  spend(bytes: number, pos: Position | null): void {
    this.bytes += bytes;
    if (this.bytes > this.limits.maxBytes)
      this.overBudget(`${Math.round(this.limits.maxBytes / (1024 * 1024))} MB of built values`, pos);
  }

  /** The work and time budget: called from eval when the step counter passes the next checkpoint. */
  tick(pos: Position | null): void {
    if (this.steps > this.limits.maxSteps) this.overBudget(`${this.limits.maxSteps} evaluation steps`, pos);
    if (Date.now() > this.deadline) this.overBudget(`${this.limits.maxMillis} ms`, pos);
    if (process.memoryUsage.rss() - this.startRss > this.limits.maxRssBytes)
      this.overBudget(`${Math.round(this.limits.maxRssBytes / (1024 * 1024))} MB of memory`, pos);
    this.nextClock = this.steps + CLOCK_EVERY;
  }

  private overBudget(what: string, pos: Position | null): never {
    // Every later check fails too, so an error handler inside the program cannot keep it running.
    this.nextClock = 0;
    this.steps = Number.MAX_SAFE_INTEGER;
    fail(`configuration evaluation exceeded its budget of ${what}`, pos);
  }
}
