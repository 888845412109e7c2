// Range readers for the Node benchmark: range 0 in the main thread, every other range in a worker
// thread, the same split the analysis worker makes with nested Web Workers in the page.

import path from 'node:path';
import { Worker } from 'node:worker_threads';

import type { RangeReaders } from '../../src/core/split/split-reading.ts';
import { readRange } from '../../src/core/split/read-range.ts';
import type { RangeResult } from '../../src/core/split/range-result.ts';
import type { RangeThreadTask } from './range-thread.ts';

const THREAD_SCRIPT = path.join(import.meta.dirname, 'range-thread-entry.mjs');

export interface RangeThreads {
  readers: RangeReaders;
  /** Stops the threads that are still running. */
  stop(): Promise<void>;
}

/**
 * Starts `threads - 1` worker threads for the file at `filePath` (the one file a bench run
 * reads) and waits until each has loaded its modules. Each thread reads one range, once.
 */
export async function startRangeThreads(filePath: string, threads: number): Promise<RangeThreads> {
  const workers = await Promise.all(
    Array.from({ length: Math.max(0, threads - 1) }, async () => {
      const worker = new Worker(THREAD_SCRIPT, { workerData: filePath });
      await new Promise<void>((resolve, reject) => {
        worker.once('message', () => {
          resolve();
        });
        worker.once('error', reject);
      });
      return worker;
    }),
  );

  const readers: RangeReaders = {
    maxRanges: threads,
    readRange: (file, plan, rangeIndex, { signal, onSlice }) => {
      const worker = workers[rangeIndex - 1];
      if (rangeIndex === 0 || worker === undefined) {
        return readRange(file.source, plan, rangeIndex, { signal, onSlice });
      }
      return new Promise<RangeResult>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        const task: RangeThreadTask = { plan, rangeIndex };
        worker.postMessage(task);
      });
    },
  };
  return {
    readers,
    stop: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
