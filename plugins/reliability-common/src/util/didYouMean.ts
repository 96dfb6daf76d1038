/**
 * Levenshtein edit distance between two strings.
 *
 * @internal
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + cost,
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate the input most likely meant: an exact case-insensitive match
 * first, then the closest spelling within a small edit distance.
 *
 * @internal
 */
export function didYouMean(
  input: string,
  candidates: readonly string[],
): string | undefined {
  const lower = input.toLowerCase();
  const sameCase = candidates.find(c => c.toLowerCase() === lower);
  if (sameCase) return sameCase;
  // Allow roughly one typo per four characters, at most 3, so short inputs
  // do not match everything.
  const limit = Math.min(3, Math.max(1, Math.floor(input.length / 4)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: skip the
    // quadratic work for inputs that cannot match (such as a megabyte).
    const other = candidate.toLowerCase();
    if (Math.abs(other.length - lower.length) > limit) continue;
    const distance = editDistance(lower, other);
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
