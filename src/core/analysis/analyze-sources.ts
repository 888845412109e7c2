// The single entry point that reads files and runs the detection; the worker, the benchmark and
// the tests all go through it.

import type { AnalysisProgress, AnalysisResult, DetectionParams, NamedSource } from '../types.ts';
import { ESCU_SETTINGS, resolveDetectionSettings, validateDetectionSettings } from '../detect/detection-settings.ts';
import type { DetectionSettings } from '../detect/detection-settings.ts';
import { AnalysisSession } from './analysis-session.ts';
import type { AddInputOptions } from './analysis-session.ts';
import { addInputInRanges } from '../split/split-reading.ts';
import type { RangeReaders } from '../split/split-reading.ts';

export interface AnalyzeOptions {
  /** Bytes read per slice; the reader's default when absent. */
  sliceBytes?: number;
  signal?: AbortSignal;
  /** Called with phase 'reading' once per slice, then once with 'detecting' and once with 'done'. */
  onProgress?: (progress: AnalysisProgress) => void | Promise<void>;
  /** Readers that read a large file in byte ranges at the same time. Without them, every file is read whole. */
  rangeReaders?: RangeReaders;
}

export interface AnalyzeOutcome {
  result: AnalysisResult;
  /** The session that contains the index, for re-running `detect` with other parameters. */
  session: AnalysisSession;
  /** Reports each dropped file gave, in file order: 1 for a plain file, one per member for an archive. */
  reportCounts: number[];
}

/**
 * Reads every file in order into a new session and runs the detection. Compressed files and the
 * members of ZIP archives are read as files of their own, with one report each. Progress names
 * the member being read and counts bytes of the dropped files. Throws a RangeError for
 * invalid parameters before reading anything, and rejects with the signal's reason when aborted.
 */
export async function analyzeSources(
  files: NamedSource[],
  params: DetectionParams & Partial<DetectionSettings> = ESCU_SETTINGS,
  options: AnalyzeOptions = {},
): Promise<AnalyzeOutcome> {
  // Bad settings throw before anything is read.
  const settings = resolveDetectionSettings(params);
  validateDetectionSettings(settings);

  const { signal, onProgress } = options;
  const session = new AnalysisSession();
  const fileCount = files.length;
  const totalBytes = files.reduce((total, file) => total + file.source.size, 0);
  let bytesBefore = 0;
  let recordsBefore = 0;
  const reportCounts: number[] = [];
  for (const [fileIndex, file] of files.entries()) {
    signal?.throwIfAborted();
    const addOptions: AddInputOptions = {
      sliceBytes: options.sliceBytes,
      signal,
      onProgress:
        onProgress &&
        ((bytesRead, records, name) =>
          onProgress({
            phase: 'reading',
            fileIndex,
            fileCount,
            fileName: name,
            bytesRead: bytesBefore + bytesRead,
            totalBytes,
            records: recordsBefore + records,
          })),
    };
    const { rangeReaders } = options;
    const reports = rangeReaders === undefined ? await session.addInput(file, addOptions) : await addInputInRanges(session, file, rangeReaders, addOptions);
    reportCounts.push(reports.length);
    bytesBefore += file.source.size;
    recordsBefore += reports.reduce((total, report) => total + report.recordsRead, 0);
  }
  signal?.throwIfAborted();

  // After reading, progress names the last file (index 0 and no name when there were none).
  const finalProgress = {
    fileIndex: Math.max(0, fileCount - 1),
    fileCount,
    fileName: files.at(-1)?.name ?? '',
    bytesRead: totalBytes,
    totalBytes,
    records: recordsBefore,
  };
  await onProgress?.({ phase: 'detecting', ...finalProgress });
  const result = session.detect(settings);
  await onProgress?.({ phase: 'done', ...finalProgress });
  return { result, session, reportCounts };
}
