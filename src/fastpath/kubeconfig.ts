// Why: `kubectl config view` (without --raw) redacts only client keys, certificate data and bearer
// tokens. A basic-auth `password`, an `auth-provider`'s config (OIDC `id-token`, `refresh-token`,
// `client-secret`, a gcp `access-token`) and an exec plugin's `env` values are printed as they are.
// So the view is provable only when the kubeconfig files it merges ($KUBECONFIG, else
// ~/.kube/config) hold none of those; an unreadable or oversized file is not provable either.
import { lstatSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { commandName, type Invocation } from "./invocations.ts";
import { readRegularFile } from "./regular-file.ts";

/** Keys whose values `config view` prints unredacted (an `env:` with entries, not `env: null`). */
const UNREDACTED =
  /^\s*-?\s*["']?(password|auth-provider|client-secret|refresh-token|id-token|access-token|idp-certificate-authority-data)["']?\s*:|^\s*-?\s*env\s*:(?![ \t]*(null|\[\])?[ \t]*$)|^\s*-?\s*env\s*:[ \t]*$/m;
const MAX_BYTES = 1024 * 1024;

/** Null unless `inv` is `kubectl config view` over a kubeconfig holding a value it would print. */
export function kubeconfigProblem(inv: Invocation, env: NodeJS.ProcessEnv = process.env): string | null {
  if (commandName(inv.argv[0] ?? "") !== "kubectl") return null;
  const at = inv.argv.indexOf("config");
  if (at === -1 || inv.argv[at + 1] !== "view") return null;
  const files = env.KUBECONFIG
    ? env.KUBECONFIG.split(":").filter(Boolean)
    : [join(env.HOME || homedir(), ".kube", "config")];
  for (const f of files) {
    let present: boolean;
    try {
      present = lstatSync(f, { throwIfNoEntry: false }) !== undefined;
    } catch {
      return `kubectl config view: ${f} cannot be read`;
    }
    if (!present) continue;
    // Not a FIFO (a relative $KUBECONFIG names a file of the repository), not too large.
    const text = readRegularFile(f, MAX_BYTES);
    if (text === null) return `kubectl config view: ${f} is not a small plain file that can be read`;
    if (UNREDACTED.test(text)) return `kubectl config view prints the passwords or provider tokens in ${f}`;
  }
  return null;
}
