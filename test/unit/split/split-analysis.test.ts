// analyzeSources with range readers: a split file gives the findings of a whole-file read, a range
// reader that fails makes the file be read whole, and an abort stops every range.

import path from 'node:path';

import { describe, expect, it, vi } from 'vitest';

import { analyzeSources } from '../../../src/core/analysis/analyze-sources.ts';
import { sameThreadRangeReaders } from '../../../src/core/split/same-thread-readers.ts';
import type { RangeReaders } from '../../../src/core/split/split-reading.ts';
import { ESCU_DEFAULTS } from '../../../src/core/types.ts';
import { fileSource } from './split-read-helpers.ts';

const GENERATED = path.resolve(import.meta.dirname, '../../fixtures/generated');
const JSON_LINES = fileSource(path.join(GENERATED, 'planted.jsonl'));
const PURVIEW_CSV = fileSource(path.join(GENERATED, 'planted.purview.csv'));
const FILES = [JSON_LINES, PURVIEW_CSV];

/** Same-thread readers with ranges of at least 64 KiB, so each planted file splits in up to 3. */
function smallReaders(): RangeReaders {
  return sameThreadRangeReaders(3, { minRangeBytes: 64 * 1024, sliceBytes: 16 * 1024 });
}

/** `readers` with `wrap` around its readRange, which it receives as its last argument. */
function wrapReadRange(readers: RangeReaders, wrap: (...args: [...Parameters<RangeReaders['readRange']>, RangeReaders['readRange']]) => ReturnType<RangeReaders['readRange']>): RangeReaders {
  const original = readers.readRange.bind(readers);
  return { ...readers, readRange: (file, plan, rangeIndex, options) => wrap(file, plan, rangeIndex, options, original) };
}

describe('analyzeSources with range readers', () => {
  it('matches the whole-file analysis', async () => {
    const whole = await analyzeSources(FILES);
    const rangesRead: number[] = [];
    const readers = wrapReadRange(smallReaders(), (file, plan, rangeIndex, options, readRange) => {
      rangesRead.push(rangeIndex);
      return readRange(file, plan, rangeIndex, options);
    });

    const split = await analyzeSources(FILES, ESCU_DEFAULTS, { rangeReaders: readers });
    expect(split.result).toEqual(whole.result);
    expect(split.reportCounts).toEqual([1, 1]);
    expect(rangesRead.toSorted()).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('reads whole after a failed range', async () => {
    const whole = await analyzeSources(FILES);
    const readers = wrapReadRange(smallReaders(), (file, plan, rangeIndex, options, readRange) => {
      if (rangeIndex === 1) throw new Error('The range worker ran out of memory.');
      return readRange(file, plan, rangeIndex, options);
    });

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const split = await analyzeSources(FILES, ESCU_DEFAULTS, { rangeReaders: readers });
    const warnings = warn.mock.calls.map(([message]) => String(message));
    warn.mockRestore();
    expect(split.result).toEqual(whole.result);
    expect(warnings).toEqual([
      'Reading "planted.jsonl" in 3 ranges failed (Error: The range worker ran out of memory.), so it is read whole.',
      'Reading "planted.purview.csv" in 3 ranges failed (Error: The range worker ran out of memory.), so it is read whole.',
    ]);
  });

  it('stops every range on abort', async () => {
    const controller = new AbortController();
    const settled: string[] = [];
    const readers = wrapReadRange(smallReaders(), async (file, plan, rangeIndex, options, readRange) => {
      try {
        const result = await readRange(file, plan, rangeIndex, {
          ...options,
          onSlice: (bytes, records) => {
            options.onSlice(bytes, records);
            if (rangeIndex === 2 && bytes > 32 * 1024) controller.abort(new Error('cancelled by the test'));
          },
        });
        settled.push(`${rangeIndex} read`);
        return result;
      } catch (error) {
        settled.push(`${rangeIndex} stopped`);
        throw error;
      }
    });

    await expect(analyzeSources(FILES, ESCU_DEFAULTS, { signal: controller.signal, rangeReaders: readers })).rejects.toThrow('cancelled by the test');
    expect(settled.toSorted()).toEqual(['0 stopped', '1 stopped', '2 stopped']);
  });

  it('reports progress to the file size', async () => {
    const progress: number[] = [];
    await analyzeSources([PURVIEW_CSV], ESCU_DEFAULTS, {
      rangeReaders: smallReaders(),
      onProgress: (update) => {
        if (update.phase === 'reading') progress.push(update.bytesRead);
      },
    });
    expect(progress.at(-1)).toBe(PURVIEW_CSV.source.size);
    expect(progress.length).toBeGreaterThan(3);
  });
});
