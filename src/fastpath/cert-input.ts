// Why: `openssl x509|req|crl -in cert.pem` is refused by the generic path check, because `*.pem` may
// hold a private key. These three commands only ever decode a certificate, a certificate request or
// a CRL from that file (a private key in it is skipped, or the load fails without printing it), so a
// `-in` value with a certificate-like name is proved here instead: a literal word whose real location
// is inside the repository (no `scheme:` URI), under no secret directory, whose real name still ends in .pem, .crt,
// .cer, .der, .csr or .crl (a `cert.pem -> id_rsa` symlink fails that). Every other word of the
// command still goes through the generic check.
import { basename, resolve } from "node:path";
import { commandName, type Invocation } from "./invocations.ts";
import { isInsideDir, physicalPath } from "./real-path.ts";

const CERT_NAME = /\.(pem|crt|cer|der|csr|crl)$/i;
const SECRET_DIR = /\/\.(ssh|gnupg|aws|kube|docker|azure|gcloud|config\/gcloud|config\/gh|password-store)\//;
const DECODERS = new Set(["x509", "req", "crl"]);

/** Indices of the `-in` values this file proves (empty when the command is not a decoder). */
function inputIndices(inv: Invocation): number[] {
  if (commandName(inv.argv[0] ?? "") !== "openssl" || inv.via.length > 0) return [];
  if (!DECODERS.has(inv.argv[1] ?? "")) return [];
  const out: number[] = [];
  for (let i = 2; i < inv.argv.length - 1; i++) {
    if (inv.argv[i] !== "-in") continue;
    if (CERT_NAME.test(inv.argv[i + 1] as string)) out.push(i + 1);
    i++;
  }
  return out;
}

/** Null when every certificate-like `-in` value is a real certificate-named file inside the repository. */
export function certificateInputProblem(inv: Invocation, cwd: string, edge: string): string | null {
  for (const i of inputIndices(inv)) {
    const value = inv.argv[i] as string;
    if (inv.dynamic[i] || /[*?[\]{}~$`\\]/.test(inv.raw[i] ?? value)) return `-in ${value} is not a literal path`;
    const real = physicalPath(value, cwd);
    if (real === null) return `-in ${value} cannot be resolved`;
    // `scheme:` values are URIs to OpenSSL (http:// is fetched, file: opens any path), not file names.
    if (value.includes(":")) return `-in ${value} is read as a URI`;
    if (!isInsideDir(real, edge)) return `-in ${value} is outside the repository`;
    if (!CERT_NAME.test(basename(real)) || SECRET_DIR.test(`${resolve(cwd, value)}/`) || SECRET_DIR.test(`${real}/`))
      return `-in ${value} resolves to a file that may hold secrets`;
  }
  return null;
}

/** The invocation without the `-in VALUE` pairs proved above, for the generic path check. */
export function withoutCertificateInputs(inv: Invocation): Invocation {
  const skip = new Set(inputIndices(inv).flatMap((i) => [i - 1, i]));
  if (skip.size === 0) return inv;
  const keep = <T>(xs: T[]) => xs.filter((_, i) => !skip.has(i));
  return { ...inv, argv: keep(inv.argv), raw: keep(inv.raw), dynamic: keep(inv.dynamic) };
}
