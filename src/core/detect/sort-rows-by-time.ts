// Sorts row numbers by time, ties by row number, with an LSD radix sort on whole milliseconds.
// A final insertion pass orders the rows whose times differ by less than a millisecond: the
// readers keep whole milliseconds, but two parses of one instant can differ in the last bit.
// On a million random times spread over a month, a comparison sort took about 0.6 s in Node 20
// and this sort about 0.2 s (throwaway script, one x86-64 container).

/** Bits per radix pass. Three passes cover 2^48 ms, about 8,900 years. */
const DIGIT_BITS = 16;
const DIGIT_VALUES = 1 << DIGIT_BITS;
const PASSES = 3;
const MAX_RANGE_MS = 2 ** (DIGIT_BITS * PASSES);

/** Returns `rows` sorted by `time[row]`, then by row number. `rows` must be in ascending row order. */
export function sortRowsByTime(rows: Uint32Array, time: Float64Array): Uint32Array {
  const digits = millisecondDigits(rows, time);
  if (digits === undefined) {
    // Times more than 2^48 ms apart (or not finite) do not occur in audit logs. Should they appear,
    // a comparison sort orders them instead.
    return rows.slice().sort((a, b) => (time[a] ?? 0) - (time[b] ?? 0) || a - b);
  }

  let source = rows.slice();
  let target = new Uint32Array(rows.length);
  const counts = new Uint32Array(DIGIT_VALUES + 1);
  for (const digit of digits) {
    // Counting does not depend on order, so it reads `rows` in ascending order, which is faster.
    counts.fill(0);
    for (const row of rows) {
      const value = digit[row] ?? 0;
      counts[value + 1] = (counts[value + 1] ?? 0) + 1;
    }
    for (let value = 0; value < DIGIT_VALUES; value += 1) {
      counts[value + 1] = (counts[value + 1] ?? 0) + (counts[value] ?? 0);
    }

    // Stable: rows with the same digit keep the order of the previous pass (row order at first).
    for (const row of source) {
      const value = digit[row] ?? 0;
      const slot = counts[value] ?? 0;
      target[slot] = row;
      counts[value] = slot + 1;
    }
    [source, target] = [target, source];
  }

  insertionFixUp(source, time);
  return source;
}

/**
 * Splits whole milliseconds since the earliest time into PASSES digits per row, least significant
 * first, each array indexed by row number. Undefined when the times do not fit the passes.
 */
function millisecondDigits(rows: Uint32Array, time: Float64Array): Uint16Array[] | undefined {
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    const seconds = time[row] ?? 0;
    earliest = Math.min(earliest, seconds);
    latest = Math.max(latest, seconds);
  }
  if (rows.length > 0 && (!Number.isFinite(earliest) || !Number.isFinite(latest) || (latest - earliest) * 1000 >= MAX_RANGE_MS)) {
    return undefined;
  }

  // Rows left out of `rows` keep digit 0, and the passes never read them.
  const digits = Array.from({ length: PASSES }, () => new Uint16Array(time.length));
  for (const row of rows) {
    // Subtraction, multiplication and flooring are monotonic, so an earlier time never gets a larger key.
    let key = Math.floor(((time[row] ?? 0) - earliest) * 1000);
    for (const digit of digits) {
      digit[row] = key % DIGIT_VALUES;
      key = Math.floor(key / DIGIT_VALUES);
    }
  }
  return digits;
}

/** Moves each row back past neighbours with a later time, or the same time and a larger row number. */
function insertionFixUp(rows: Uint32Array, time: Float64Array): void {
  for (let i = 1; i < rows.length; i += 1) {
    const row = rows[i] ?? 0;
    const rowTime = time[row] ?? 0;
    let j = i - 1;
    while (j >= 0 && isAfter(rows[j] ?? 0, row, rowTime, time)) {
      rows[j + 1] = rows[j] ?? 0;
      j -= 1;
    }
    rows[j + 1] = row;
  }
}

function isAfter(candidate: number, row: number, rowTime: number, time: Float64Array): boolean {
  const candidateTime = time[candidate] ?? 0;
  return candidateTime > rowTime || (candidateTime === rowTime && candidate > row);
}
