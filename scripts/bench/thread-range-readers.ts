// Range readers for the Node benchmark: range 0 in the main thread, every other range in a worker
// thread, the same split the analysis worker makes with nested Web Workers in the page.

import path from 'node:path';
import { Worker } from 'node:worker_threads';

import type { RangeReaders } from '../../src/core/split/split-reading.ts';
import { readRange } from '../../src/core/split/read-range.ts';
import type { RangeResult } from '../../src/core/split/range-result.ts';
import type { RangeThreadInput } from './range-thread.ts';

const THREAD_SCRIPT = path.join(import.meta.dirname, 'range-thread-entry.mjs');

/** Readers over `threads` threads for the file at `filePath` (the only file a bench run reads). */
export function threadRangeReaders(filePath: string, threads: number): RangeReaders {
  return {
    maxRanges: threads,
    readRange: (file, plan, rangeIndex, { signal, onSlice }) => {
      if (rangeIndex === 0) {
        return readRange(file.source, plan, rangeIndex, { signal, onSlice });
      }
      const input: RangeThreadInput = { filePath, plan, rangeIndex };
      return new Promise<RangeResult>((resolve, reject) => {
        const worker = new Worker(THREAD_SCRIPT, { workerData: input });
        worker.once('message', (result: RangeResult) => {
          resolve(result);
          void worker.terminate();
        });
        worker.once('error', reject);
      });
    },
  };
}
