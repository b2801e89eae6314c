// What this binary is: set at compile time by scripts/release/compile.ts.
declare const CCGATE_VERSION: string | undefined;
declare const CCGATE_BUILD_ID: string | undefined;

/** "0.1.0 (abc1234)" in a compiled binary, "dev" when run from source. */
export const VERSION: string = typeof CCGATE_VERSION === "string" ? CCGATE_VERSION : "dev";

/** A hash of the compiled sources; null when run from source (then nothing derived is cached). */
export const BUILD_ID: string | null = typeof CCGATE_BUILD_ID === "string" ? CCGATE_BUILD_ID : null;
