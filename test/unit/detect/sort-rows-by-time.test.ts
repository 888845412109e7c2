import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { sortRowsByTime } from '../../../src/core/detect/sort-rows-by-time.ts';

/** Row numbers sorted by time, then row number, with the engine's comparison sort. */
function comparisonSort(rows: Uint32Array, time: Float64Array): number[] {
  return Array.from(rows).sort((a, b) => (time[a] ?? 0) - (time[b] ?? 0) || a - b);
}

function allRows(count: number): Uint32Array {
  return Uint32Array.from({ length: count }, (_, row) => row);
}

describe('sortRowsByTime', () => {
  it('orders CreationTimes at millisecond resolution, ties by row', () => {
    const time = Float64Array.from([1706803654.5, 1706803600, 1706803654.5, 1706803654.499, 1706803600]);

    expect(Array.from(sortRowsByTime(allRows(5), time))).toEqual([1, 4, 3, 0, 2]);
  });

  it('sorts only the given rows', () => {
    const time = Float64Array.from([30, 20, 10, 0]);

    expect(Array.from(sortRowsByTime(Uint32Array.from([0, 2, 3]), time))).toEqual([3, 2, 0]);
  });

  it('orders times finer than a millisecond', () => {
    const time = Float64Array.from([1706803654.0004, 1706803654.0001, 1706803654.0003, 1706803654]);

    expect(Array.from(sortRowsByTime(allRows(4), time))).toEqual([3, 1, 2, 0]);
  });

  it('orders times before 1970 and far apart', () => {
    const time = Float64Array.from([-86_400, 4_102_444_800, 0, -1e13, 1e13]);

    expect(Array.from(sortRowsByTime(allRows(5), time))).toEqual([3, 0, 2, 1, 4]);
  });

  it('returns an empty order for no rows', () => {
    expect(sortRowsByTime(new Uint32Array(0), new Float64Array(3))).toHaveLength(0);
  });

  it('matches a comparison sort on random times', () => {
    const timeArbitrary = fc.oneof(
      fc.integer({ min: 0, max: 2_592_000_000 }).map((ms) => 1_704_067_200 + ms / 1000),
      fc.integer({ min: 0, max: 60 }).map((second) => 1_704_067_200 + second),
      fc.double({ min: 1_704_067_200, max: 1_704_067_260, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(timeArbitrary, { maxLength: 300 }), fc.array(fc.boolean(), { maxLength: 300 }), (times, keep) => {
        const time = Float64Array.from(times);
        const rows = allRows(times.length).filter((row) => keep[row] ?? true);

        expect(Array.from(sortRowsByTime(rows, time))).toEqual(comparisonSort(rows, time));
      }),
      { numRuns: 300 },
    );
  });
});
