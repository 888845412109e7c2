// Reads one byte range of a planned file. Every range after the first is read behind the file's
// CSV header, if there is one. The read runs where the caller calls it, in a worker or in the same
// thread.

import type { ByteSource } from '../types.ts';
import { checkSliceBytes } from '../read/read-audit-file.ts';
import { readSlice, sourceChunks } from '../read/archive/source-chunks.ts';
import { readDetectedText } from '../read/read-detected-text.ts';
import type { RangePlan } from './range-plan.ts';
import { RangeRecorder } from './range-recorder.ts';
import type { RangeResult } from './range-result.ts';


export interface RangeReadOptions {
  sliceBytes?: number;
  signal?: AbortSignal;
  /** Called once per slice with the bytes of this range read so far and the records read from them. */
  onSlice?: (bytesRead: number, records: number) => void | Promise<void>;
}

/**
 * Reads range `rangeIndex` of `plan` from `source` and returns its result for the merge. Throws a
 * RangeError when the plan has no such range.
 */
export async function readRange(source: ByteSource, plan: RangePlan, rangeIndex: number, options: RangeReadOptions = {}): Promise<RangeResult> {
  const { start, end } = rangeBounds(plan, rangeIndex);

  const sliceBytes = checkSliceBytes(options.sliceBytes);
  const { signal, onSlice } = options;
  const hasPrefix = rangeIndex > 0 && plan.prefixBytes > 0;
  const prefix = hasPrefix ? await readSlice(source, 0, plan.prefixBytes) : undefined;
  const prefixLines = hasPrefix ? plan.prefixLines : 0;
  const recorder = new RangeRecorder(prefixLines);

  async function* rangeChunks(): AsyncGenerator<Uint8Array, void, undefined> {
    if (prefix !== undefined) yield prefix;
    const sliceOptions = { sliceBytes, signal, onSlice: onSlice && ((offset: number) => onSlice(offset - start, recorder.recordsRead)) };
    yield* sourceChunks(source, start, end, sliceOptions);
  }

  // The readers count the line feeds they read anyway. Counting them again in the bytes took about
  // 7% of a range worker's time in Chromium.
  const read = await readDetectedText(plan.detected, rangeChunks(), recorder);
  const result: RangeResult = {
    ...recorder.records(),
    lineFeeds: read.lineFeeds - prefixLines,
    endedBetweenRecords: read.endedBetweenRecords,
    headerRows: read.headerRows,
    format: read.outcome.format,
    encoding: read.outcome.encoding,
    fallbackCount: read.fallbackCount,
  };
  if (read.failure !== undefined) result.failure = read.failure;
  if (read.notRecordsMessage !== undefined) result.notRecordsMessage = read.notRecordsMessage;
  return result;
}

function rangeBounds(plan: RangePlan, rangeIndex: number): { start: number; end: number } {
  const start = plan.bounds[rangeIndex];
  const end = plan.bounds[rangeIndex + 1];
  if (start === undefined || end === undefined) {
    throw new RangeError(`Range ${rangeIndex} is not in the plan (it has ${plan.bounds.length - 1} ranges).`);
  }
  return { start, end };
}
