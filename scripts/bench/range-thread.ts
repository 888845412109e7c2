// Worker thread of the Node benchmark: reads one byte range of a file with the core's readRange,
// as a nested Web Worker does in the page, and posts the result with its buffers transferred.
// It loads its modules first and then posts 'ready', so TypeScript loading is not timed, as it
// is not for the main thread either.

import { openAsBlob } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

import type { RangePlan } from '../../src/core/split/range-plan.ts';
import { readRange } from '../../src/core/split/read-range.ts';
import { rangeTransferables } from '../../src/core/split/range-result.ts';

/** The range to read, sent after 'ready'. */
export interface RangeThreadTask {
  plan: RangePlan;
  rangeIndex: number;
}

const port = parentPort;
if (port === null) {
  throw new Error('range-thread.ts runs as a worker thread; start it with new Worker().');
}

const filePath = workerData as string;
port.once('message', (task: RangeThreadTask) => {
  void (async () => {
    const source = await openAsBlob(filePath);
    const result = await readRange(source, task.plan, task.rangeIndex);
    port.postMessage(result, rangeTransferables(result));
  })();
});
port.postMessage('ready');
