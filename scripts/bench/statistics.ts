// Summary statistics and number formatting for the benchmark report.

export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** Returns the median, minimum and maximum. The median of an even count is the mean of the middle two. */
export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) {
    throw new Error('Cannot summarise an empty list of measurements.');
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0 };
}

export function formatSeconds(spread: Spread): string {
  return `${spread.median.toFixed(2)} s (${spread.min.toFixed(2)}-${spread.max.toFixed(2)})`;
}

export function formatMebibytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}
