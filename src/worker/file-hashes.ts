// Starts the hash worker for one analysis and hands back its digests, one per dropped file.
import * as Comlink from 'comlink';

import type { AnalyzeOutcome } from '../core/analysis/analyze-sources.ts';

import HashWorker from './hash-worker.ts?worker&inline';
import type { HashWorkerApi } from './hash-worker.ts';

/** Hashing of the files of one analysis, running beside it. */
export interface FileHashing {
  /** One digest per file, in order, or undefined for every file when hashing was not possible. */
  readonly digests: Promise<(string | undefined)[]>;
  /** Stops the hash worker. `digests` then resolves to undefined entries. */
  stop(): void;
}

/**
 * Starts hashing `files` in a worker of its own. Where a worker cannot start one (browsers without
 * nested workers), the files stay unhashed (their reports carry no digest) rather than slowing the analysis down.
 */
export function startFileHashing(files: Blob[]): FileHashing {
  const unhashed = (): (string | undefined)[] => files.map(() => undefined);
  if (typeof Worker === 'undefined' || files.length === 0) {
    return { digests: Promise.resolve(unhashed()), stop: () => undefined };
  }

  const worker = new HashWorker();
  const remote = Comlink.wrap<HashWorkerApi>(worker);
  let stopped = false;
  let endEarly: (digests: (string | undefined)[]) => void = () => undefined;
  const endedEarly = new Promise<(string | undefined)[]>((resolve) => {
    endEarly = resolve;
  });
  worker.addEventListener('error', () => {
    endEarly(unhashed());
  });

  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    remote[Comlink.releaseProxy]();
    worker.terminate();
    endEarly(unhashed());
  };

  const digests = Promise.race([remote.sha256(files), endedEarly]).catch(unhashed).finally(stop);
  return { digests, stop };
}

/**
 * Gives each report of `outcome` the digest of the dropped file it came from, in the session (for
 * later results) and in the result already made. `digests` has one entry per dropped file.
 */
export function applyFileDigests(outcome: AnalyzeOutcome, digests: readonly (string | undefined)[]): void {
  const perReport = outcome.reportCounts.flatMap((count, fileIndex) => Array.from({ length: count }, () => digests[fileIndex]));
  outcome.session.setFileDigests(perReport);
  outcome.result.summary.files.forEach((report, index) => {
    const digest = perReport[index];
    if (digest !== undefined) report.sha256 = digest;
  });
}
