// One digest of several fields, length-prefixed so that no two field lists collide
// (["ab", "c"] and ["a", "bc"] differ). Used to name cache entries.
import { createHash } from "node:crypto";

export function digestFields(fields: string[], hexChars = 32): string {
  const h = createHash("sha256");
  for (const field of fields) h.update(`${field.length}:${field}\n`);
  return h.digest("hex").slice(0, hexChars);
}
