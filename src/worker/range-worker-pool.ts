// Range readers for the analysis worker. Range 0 is read in this worker and every other range in
// a nested worker of its own, so a large file is read on all cores at once. Each worker reads one
// range and stops when it is read, on abort, or when one read fails. Spare workers are started
// ahead of need, because loading one took about 0.3 s in Chromium, during which range 0 ran alone.
import * as Comlink from 'comlink';

import type { RangeReaders } from '../core/split/split-reading.ts';
import { readRange } from '../core/split/read-range.ts';
import type { RangeResult } from '../core/split/range-result.ts';

import RangeWorker from './range-worker.ts?worker&inline';
import type { RangeWorkerApi } from './range-worker.ts';

/** Name of every range worker, which the DevTools protocol shows as the worker's title. */
export const RANGE_WORKER_NAME = 'mailsweep-range';

/** Range workers that have been started and have not read a range yet. */
const spareWorkers: Worker[] = [];

/**
 * Starts range workers until `count` are spare, so that the next split file finds them loaded.
 * Call it while nothing else runs, because each worker's start-up takes a core for a moment.
 */
export function startSpareRangeWorkers(count: number): void {
  if (typeof Worker === 'undefined') return;
  while (spareWorkers.length < count) {
    const worker = new RangeWorker({ name: RANGE_WORKER_NAME });
    // A read listens for errors only once it takes the worker, so a spare that fails before then
    // is dropped here, and the read starts a new worker instead.
    worker.addEventListener(
      'error',
      (event) => {
        const index = spareWorkers.indexOf(worker);
        if (index < 0) return;
        spareWorkers.splice(index, 1);
        worker.terminate();
        console.warn(`A spare range worker failed to start (${event.message || 'no reason given'}), so the next large file starts a new one.`);
      },
      { once: true },
    );
    spareWorkers.push(worker);
  }
}

/**
 * Creates range readers over `threads` threads (this worker and `threads - 1` nested ones).
 * Returns undefined when there is no second thread to use or nested workers are not available.
 */
export function createRangeWorkerPool(threads: number): RangeReaders | undefined {
  if (threads < 2 || typeof Worker === 'undefined') {
    return undefined;
  }

  return {
    maxRanges: threads,
    readRange: (file, plan, rangeIndex, { signal, onSlice }) => {
      if (rangeIndex === 0) {
        return readRange(file.source, plan, rangeIndex, { signal, onSlice });
      }
      const { source } = file;
      if (!(source instanceof Blob)) {
        throw new TypeError(`"${file.name}" cannot be sent to a range worker, because it is not a Blob.`);
      }
      return readInNestedWorker((worker) => worker.readRange(source, plan, rangeIndex, Comlink.proxy(onSlice)), signal);
    },
  };
}

/** Runs `read` in a new range worker and stops the worker when it settles, fails or is aborted. */
async function readInNestedWorker(
  read: (worker: Comlink.Remote<RangeWorkerApi>) => Promise<RangeResult>,
  signal: AbortSignal | undefined,
): Promise<RangeResult> {
  signal?.throwIfAborted();
  const worker = spareWorkers.pop() ?? new RangeWorker({ name: RANGE_WORKER_NAME });
  const remote = Comlink.wrap<RangeWorkerApi>(worker);
  let stopWith: (error: unknown) => void = () => undefined;
  const stopped = new Promise<never>((_resolve, reject) => {
    stopWith = reject;
  });
  const onAbort = (): void => {
    stopWith(signal?.reason);
  };
  signal?.addEventListener('abort', onAbort);
  worker.addEventListener('error', (event) => {
    stopWith(new Error(`A range worker stopped: ${event.message || 'no reason given'}.`));
  });

  try {
    return await Promise.race([read(remote), stopped]);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    remote[Comlink.releaseProxy]();
    worker.terminate();
  }
}
