// Summaries of repeated timings: the machine is shared and noisy, so a
// benchmark reports the median and how far the repeats spread around it.

/** The median and spread of a set of samples. */
export interface Summary {
  /** The middle sample (the mean of the two middle ones for an even count). */
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** `(max - min) / median`: 0.1 means the repeats spread over 10 % of the median. */
  readonly spread: number;
  /** How many samples. */
  readonly count: number;
}

/** The median of `samples` (at least one). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('median() of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The median, extremes and relative spread of `samples` (at least one). */
export function summarize(samples: readonly number[]): Summary {
  const mid = median(samples);
  const min = Math.min(...samples);
  const max = Math.max(...samples);
  return { median: mid, min, max, spread: mid > 0 ? (max - min) / mid : 0, count: samples.length };
}

/** Milliseconds since `since` (a `performance.now()` reading). */
export function elapsedMs(since: number): number {
  return performance.now() - since;
}
