// The process environment as ccgate passes it around: explicit, so tests and children get exactly
// the variables they are given and nothing is read from `process.env` behind a caller's back.
export type Env = Record<string, string | undefined>;
