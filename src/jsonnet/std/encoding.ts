// Standard library family (registered in ../std.ts).
// Bytes and digests: UTF-8, base64, md5/sha*.
import type { Position } from "../errors.ts";
import { arrayOf, type Value } from "../value.ts";
import type { StdKit } from "./kit.ts";

export function encoding(k: StdKit): void {
  const { def, err, str, int, arr, values } = k;
  const bytes = (name: string, v: Value, pos: Position | null): Uint8Array => {
    if (typeof v === "string") return new TextEncoder().encode(v);
    return Uint8Array.from(
      values(arr(name, v, pos)).map((b) => {
        const n = int(name, b, pos);
        if (n < 0 || n > 255) err(name, `byte value out of range: ${n}`, pos);
        return n;
      }),
    );
  };
  def("encodeUTF8", ["str"], ([s], pos) =>
    arrayOf(Array.from(new TextEncoder().encode(str("encodeUTF8", s as Value, pos)))),
  );
  def("decodeUTF8", ["arr"], ([a], pos) =>
    new TextDecoder().decode(bytes("decodeUTF8", arr("decodeUTF8", a as Value, pos), pos)),
  );
  def("base64", ["input"], ([i], pos) => Buffer.from(bytes("base64", i as Value, pos)).toString("base64"));
  const b64decode = (name: string, s: string, pos: Position | null): Buffer => {
    if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) err(name, "input is not valid base64", pos);
    return Buffer.from(s, "base64");
  };
  def("base64Decode", ["str"], ([s], pos) =>
    b64decode("base64Decode", str("base64Decode", s as Value, pos), pos).toString("utf8"),
  );
  def("base64DecodeBytes", ["str"], ([s], pos) =>
    arrayOf(Array.from(b64decode("base64DecodeBytes", str("base64DecodeBytes", s as Value, pos), pos))),
  );
  for (const [name, algo] of [
    ["md5", "md5"],
    ["sha1", "sha1"],
    ["sha256", "sha256"],
    ["sha512", "sha512"],
    ["sha3", "sha3-512"],
  ] as const) {
    def(name, ["str"], ([s], pos) =>
      new Bun.CryptoHasher(algo).update(str(name, s as Value, pos), "utf8").digest("hex"),
    );
  }
}
