// The second analysis that the page offers after a failure. It leaves out the file that was being
// read when the analysis failed, because that file most likely caused the failure (a record too
// large for the memory left, or a bug that it triggers).
import type { AnalysisProgress } from '../worker/worker-api.ts';

/** A second analysis that the page offers after a failure. */
export interface RetryOffer {
  files: File[];
  /** The file left out, absent when every file is tried again. */
  excludedName?: string;
  buttonLabel: string;
}

/**
 * Returns the index of the file that was being read when the analysis failed, given the last
 * progress the page received. Progress comes once per slice read, after the slice, so a file whose
 * bytes were all read is done and the failure came in the next file that has bytes. Returns
 * undefined when the failure came after the last file, while detecting.
 *
 * NOTE: a failure while the worker finishes one file's report, before it reads the next file, is
 * put on the next file.
 */
export function findFailedFileIndex(sizes: readonly number[], lastProgress: AnalysisProgress | undefined): number | undefined {
  if (lastProgress !== undefined && lastProgress.phase !== 'reading') {
    return undefined;
  }

  let index = lastProgress?.fileIndex ?? 0;
  if (lastProgress !== undefined) {
    const endOfFile = sizes.slice(0, index + 1).reduce((sum, size) => sum + size, 0);
    if (lastProgress.bytesRead < endOfFile) {
      return index;
    }
    index += 1;
  }

  while (index < sizes.length && sizes[index] === 0) {
    index += 1;
  }
  return index < sizes.length ? index : undefined;
}

/**
 * Builds the retry after a failed analysis of `files`: the other files when more than one was
 * dropped and the failure can be put on one of them, else all the files again.
 */
export function offerRetry(files: readonly File[], lastProgress: AnalysisProgress | undefined): RetryOffer {
  const failedIndex = findFailedFileIndex(
    files.map((file) => file.size),
    lastProgress,
  );
  const failed = failedIndex === undefined ? undefined : files[failedIndex];
  if (failed === undefined || files.length < 2) {
    return { files: [...files], buttonLabel: files.length === 1 ? 'Try the file again' : `Try the ${files.length} files again` };
  }

  const others = files.filter((_, index) => index !== failedIndex);
  const noun = others.length === 1 ? 'file' : 'files';
  return { files: others, excludedName: failed.name, buttonLabel: `Analyse the other ${others.length} ${noun}` };
}
