// Nested worker that reads one byte range of a large file while the analysis worker reads
// another, so a file is read on every core. It returns the range's log with its typed arrays
// transferred, not copied.
import * as Comlink from 'comlink';

import { readRange } from '../core/split/read-range.ts';
import type { RangePlan } from '../core/split/range-plan.ts';
import type { RangeResult } from '../core/split/range-result.ts';
import { rangeTransferables } from '../core/split/range-result.ts';

/** Methods of a range worker. */
export interface RangeWorkerApi {
  /** Reads range `rangeIndex` of `plan` from `file` and calls `onSlice` with the bytes and records read so far. */
  readRange(file: Blob, plan: RangePlan, rangeIndex: number, onSlice: (bytesRead: number, records: number) => void): Promise<RangeResult>;
}

const api: RangeWorkerApi = {
  async readRange(file, plan, rangeIndex, onSlice) {
    const remote = onSlice as Comlink.Remote<typeof onSlice>;
    const result = await readRange(file, plan, rangeIndex, {
      onSlice: (bytesRead, records) => {
        // Progress is sent without waiting, because a round trip per slice would stall the read.
        remote(bytesRead, records).catch(() => undefined);
      },
    });
    return Comlink.transfer(result, rangeTransferables(result));
  },
};

Comlink.expose(api);
