// Reads one dropped file in byte ranges at the same time when it is large enough, and whole
// otherwise. The caller chooses where the ranges run (worker threads, Web Workers or this
// thread). The plan, the reading of each range and the merge are the same everywhere.

import type { FileReport, NamedSource } from '../types.ts';
import type { AddInputOptions, AnalysisSession } from '../analysis/analysis-session.ts';
import { planRanges } from './range-plan.ts';
import type { RangePlan } from './range-plan.ts';
import type { RangeResult } from './range-result.ts';

/** Executor of range reads, such as a worker pool, for up to `maxRanges` ranges at a time. */
export interface RangeReaders {
  /** Ranges to plan per file: the number of threads that can read at once. */
  maxRanges: number;
  /** Smallest range in bytes, the plan's default (MIN_RANGE_BYTES) when absent. */
  minRangeBytes?: number;
  /**
   * Reads range `rangeIndex` of `plan` (see readRange), calling `onSlice` with the bytes and
   * records read so far in that range. Rejects with `signal.reason` on abort.
   */
  readRange(
    file: NamedSource,
    plan: RangePlan,
    rangeIndex: number,
    options: { signal?: AbortSignal; onSlice: (bytesRead: number, records: number) => void },
  ): Promise<RangeResult>;
}

/**
 * Adds `file` to `session`, read in ranges by `readers` when the file can be split. The file is
 * read whole instead when it cannot be split, when a range read fails, or when the ranges do not
 * match a whole-file read (a quoted cell with a line break crossed a split). Returns the file's
 * reports, as `addInput` does.
 */
export async function addInputInRanges(
  session: AnalysisSession,
  file: NamedSource,
  readers: RangeReaders,
  options: AddInputOptions = {},
): Promise<FileReport[]> {
  const { signal } = options;
  const plan = await planRanges(file.source, readers.maxRanges, readers.minRangeBytes === undefined ? {} : { minRangeBytes: readers.minRangeBytes });
  if (plan === undefined) {
    return session.addInput(file, options);
  }

  const results = await readAllRanges(file, plan, readers, options);
  signal?.throwIfAborted();
  const report = results === undefined ? undefined : session.addSplitFile(file, plan, results);
  return report === undefined ? session.addInput(file, options) : [report];
}

/**
 * Reads every range of `plan` at once. When one read fails (a range worker ran out of memory or
 * was stopped), it aborts the others and returns undefined, so that the file is read whole
 * instead. An abort of `options.signal` rejects with the signal's reason.
 */
async function readAllRanges(file: NamedSource, plan: RangePlan, readers: RangeReaders, options: AddInputOptions): Promise<RangeResult[] | undefined> {
  const { signal, onProgress } = options;
  const rangeCount = plan.bounds.length - 1;
  const bytesRead = new Array<number>(rangeCount).fill(0);
  const recordsRead = new Array<number>(rangeCount).fill(0);
  const stopRanges = new AbortController();
  const stop = (): void => {
    stopRanges.abort(signal?.reason);
  };
  signal?.addEventListener('abort', stop);

  // A reader that throws before returning its promise fails like one whose promise rejects.
  const reads = Array.from({ length: rangeCount }, async (_, rangeIndex) =>
    readers.readRange(file, plan, rangeIndex, {
      signal: stopRanges.signal,
      onSlice: (bytes, records) => {
        bytesRead[rangeIndex] = bytes;
        recordsRead[rangeIndex] = records;
        void onProgress?.(sum(bytesRead), sum(recordsRead), file.name);
      },
    }),
  );
  try {
    return await Promise.all(reads);
  } catch (error) {
    // Every read ends before this returns, so a cancelled file leaves no slice in memory.
    stopRanges.abort(signal?.aborted === true ? signal.reason : error);
    await Promise.allSettled(reads);
    signal?.throwIfAborted();
    console.warn(`Reading "${file.name}" in ${rangeCount} ranges failed (${String(error)}), so it is read whole.`);
    return undefined;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
