// One digest of several fields, length-prefixed so that no two field lists collide
// (["ab", "c"] and ["a", "bc"] differ). Used to name cache entries.

export function digestFields(fields: string[], hexChars = 32): string {
  const h = new Bun.CryptoHasher("sha256"); // not node:crypto, which loads Node's streams (bench/hook)
  for (const field of fields) h.update(`${field.length}:${field}\n`);
  return h.digest("hex").slice(0, hexChars);
}
