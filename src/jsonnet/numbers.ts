// Number formatting identical to the reference implementation: integral values print in full
// with no exponent; anything else prints like C's `%.17g`.

/** C-style `%.<precision>g`, with the exponent at least two digits. */
export function formatG(v: number, precision: number, alt = false): string {
  if (v === 0) return Object.is(v, -0) ? "-0" : "0";
  const p = precision === 0 ? 1 : precision;
  const [mant, expText] = v.toExponential(p - 1).split("e") as [string, string];
  const exp = Number(expText);
  let out: string;
  if (exp < -4 || exp >= p) {
    let m = mant;
    if (!alt && m.includes(".")) m = m.replace(/\.?0+$/, "");
    if (alt && !m.includes(".")) m += ".";
    out = `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  } else {
    out = v.toFixed(Math.max(0, p - 1 - exp));
    if (!alt && out.includes(".")) out = out.replace(/\.?0+$/, "");
    if (alt && !out.includes(".")) out += ".";
  }
  return out;
}

export function renderNumber(v: number): string {
  if (Number.isInteger(v)) {
    if (Object.is(v, -0)) return "-0";
    return Math.abs(v) < 1e21 ? String(v) : BigInt(v).toString();
  }
  return formatG(v, 17);
}
