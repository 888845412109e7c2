// Range readers that read every range in the calling thread, interleaved at slice reads. They
// give no speed-up, but let tests and hosts without workers take the split-reading path.

import { readRange } from './read-range.ts';
import type { RangeReaders } from './split-reading.ts';

export function sameThreadRangeReaders(maxRanges: number, options: { sliceBytes?: number; minRangeBytes?: number } = {}): RangeReaders {
  const readers: RangeReaders = {
    maxRanges,
    readRange: (file, plan, rangeIndex, { signal, onSlice }) =>
      readRange(file.source, plan, rangeIndex, { sliceBytes: options.sliceBytes, signal, onSlice }),
  };
  if (options.minRangeBytes !== undefined) readers.minRangeBytes = options.minRangeBytes;
  return readers;
}
