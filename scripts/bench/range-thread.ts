// Worker thread of the Node benchmark: reads one byte range of a file with the core's readRange,
// as a nested Web Worker does in the page, and posts the result with its buffers transferred.

import { openAsBlob } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

import type { RangePlan } from '../../src/core/split/range-plan.ts';
import { readRange } from '../../src/core/split/read-range.ts';
import { rangeTransferables } from '../../src/core/split/range-result.ts';

export interface RangeThreadInput {
  filePath: string;
  plan: RangePlan;
  rangeIndex: number;
}

const input = workerData as RangeThreadInput;
const source = await openAsBlob(input.filePath);
const result = await readRange(source, input.plan, input.rangeIndex);
parentPort?.postMessage(result, rangeTransferables(result));
