// Deeply nested JSON (200,000 levels) parses, then overflows the stack of everything that walks it
// (redaction, metrics, the prompt). A linear scan before parsing turns it into a clean input error.

/** The deepest nesting of arrays and objects in `text`, or `limit + 1` as soon as it exceeds `limit`. */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}
