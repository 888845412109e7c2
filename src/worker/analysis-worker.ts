// Web Worker entry: exposes the analysis to the page through Comlink. The worker keeps the latest
// analysis, index included, so that the page can re-detect with other settings, drill down and
// export without sending data back or reading the files again.
import * as Comlink from 'comlink';

import { analyzeSources } from '../core/analysis/analyze-sources.ts';
import { buildQueryExports } from '../core/query/query-exports.ts';
import { formatAnalysisExport } from './analysis-exports.ts';
import { applyFileDigests, startFileHashing } from './file-hashes.ts';
import type { FileHashing } from './file-hashes.ts';
import { Investigation, requireInvestigation } from './investigation.ts';
import { createRangeWorkerPool, startSpareRangeWorkers } from './range-worker-pool.ts';
import { CANCELLED_ERROR_NAME } from './worker-api.ts';
import type { AnalysisProgress, DetectionRequest, InvestigationResult, MailsweepWorkerApi } from './worker-api.ts';

let runningAnalysis: AbortController | undefined;

/** The latest finished analysis, kept until the next one starts or the page calls `clear`. */
let investigation: Investigation | undefined;

/** Hashing of the latest analysis' files, and when its digests are in that analysis' reports. */
let fileHashing: FileHashing | undefined;
let digestsApplied: Promise<void> = Promise.resolve();

function cancelledError(): Error {
  const error = new Error('The analysis was cancelled.');
  error.name = CANCELLED_ERROR_NAME;
  return error;
}

/**
 * Sends progress without waiting for the page to receive it, because every call through a
 * Comlink proxy is a message round trip and the read loop should not stall on it.
 */
function forwardProgress(onProgress: (progress: AnalysisProgress) => void): (progress: AnalysisProgress) => void {
  // Functions cannot be structured-cloned, so a callback that came through Comlink is always a proxy.
  const remote = onProgress as Comlink.Remote<(progress: AnalysisProgress) => void>;
  return (progress) => {
    remote(progress).catch(() => {
      // The page has gone or released the callback, but the analysis itself can still finish.
    });
  };
}

function releaseCallback(onProgress: (progress: AnalysisProgress) => void): void {
  const remote = onProgress as Comlink.Remote<(progress: AnalysisProgress) => void>;
  remote[Comlink.releaseProxy]();
}

async function analyze(
  files: File[],
  request: DetectionRequest,
  onProgress: (progress: AnalysisProgress) => void,
): Promise<InvestigationResult> {
  if (runningAnalysis) {
    throw new Error('An analysis is already running. Cancel it or wait for it to finish.');
  }

  const controller = new AbortController();
  runningAnalysis = controller;
  // The previous index is released before the new one grows, so two never share the worker's memory.
  investigation = undefined;

  // The hashes are computed in a worker of their own. The findings do not wait for them, but the
  // exports, which carry them, do. With a core to spare the hash runs while the files are read.
  // On fewer cores it slows the analysis, so it starts once the findings are out. Measured with
  // scripts/measure-browser.mjs on a 2-core VM, the bench's 453 MB JSON-lines file took
  // 6.3-8.3 s to the table with the hash alongside and 4.9-5.2 s without.
  fileHashing?.stop();
  fileHashing = hasSpareCore() ? startFileHashing(files) : undefined;
  digestsApplied = Promise.resolve();
  try {
    const sources = files.map((file) => ({ name: file.name, source: file }));
    const rangeReaders = createRangeWorkerPool(navigator.hardwareConcurrency);
    const outcome = await analyzeSources(sources, request.settings, {
      signal: controller.signal,
      onProgress: forwardProgress(onProgress),
      ...(rangeReaders === undefined ? {} : { rangeReaders }),
    });
    const { result, session } = outcome;
    investigation = new Investigation(session, request, result);
    fileHashing ??= startFileHashing(files);
    digestsApplied = fileHashing.digests.then((digests) => {
      applyFileDigests(outcome, digests);
    });
    return investigation.result;
  } catch (error) {
    fileHashing?.stop();
    // The core may end a cancelled run with any error, and the page only needs to know it was cancelled.
    throw controller.signal.aborted ? cancelledError() : error;
  } finally {
    runningAnalysis = undefined;
    releaseCallback(onProgress);
  }
}

/** Range workers to keep started: one for each core but the one this worker reads on. */
function spareRangeWorkerCount(): number {
  return Math.max(0, navigator.hardwareConcurrency - 1);
}

/** Cores needed to hash during the analysis: one each for the analysis, the hash, the page and the browser. */
const MIN_CORES_FOR_PARALLEL_HASHING = 4;

function hasSpareCore(): boolean {
  return navigator.hardwareConcurrency >= MIN_CORES_FOR_PARALLEL_HASHING;
}

/** Runs a synchronous step and turns what it throws into a rejection, which Comlink sends to the page. */
function run<T>(step: () => T): Promise<T> {
  try {
    return Promise.resolve(step());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

function holdLifetimeLock(lockName: string): Promise<boolean> {
  if (!('locks' in navigator)) {
    return Promise.resolve(false);
  }

  return new Promise<boolean>((resolve, reject) => {
    navigator.locks
      .request(lockName, () => {
        resolve(true);
        // Never settles, so the lock is released only when the worker ends.
        return new Promise<never>(() => undefined);
      })
      .catch(reject);
  });
}

const api: MailsweepWorkerApi = {
  analyze,

  cancel(): void {
    runningAnalysis?.abort();
  },

  prepare(): void {
    startSpareRangeWorkers(spareRangeWorkerCount());
  },

  redetect: (request) => run(() => requireInvestigation(investigation).redetect(request)),

  clear(): void {
    fileHashing?.stop();
    investigation = undefined;
  },

  drillDown: (finding) => run(() => requireInvestigation(investigation).drillDown(finding)),
  timeline: () => run(() => requireInvestigation(investigation).timeline()),
  exportAnalysis: async (kind, finding) => {
    await digestsApplied;
    return run(() => formatAnalysisExport(requireInvestigation(investigation), kind, { version: __MAILSWEEP_VERSION__, generatedAt: new Date() }, finding));
  },

  buildQueries: (request) => run(() => buildQueryExports(request.settings, request.allowList)),

  holdLifetimeLock,
};

Comlink.expose(api);
