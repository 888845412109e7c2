// Web Worker entry: exposes the analysis to the page through Comlink. The worker keeps the latest
// findings and file reports so that the page can export them without sending them back.
import * as Comlink from 'comlink';

import { analyzeSources } from '../core/analysis/analyze-sources.ts';
import { formatDataQualityCsv } from '../core/export/data-quality-csv.ts';
import { formatFindingsCsv } from '../core/export/findings-csv.ts';
import { CANCELLED_ERROR_NAME } from './worker-api.ts';
import type { AnalysisProgress, AnalysisResult, DetectionParams, FileReport, Finding, MailsweepWorkerApi } from './worker-api.ts';

let runningAnalysis: AbortController | undefined;
let latestFindings: Finding[] | undefined;
let latestFiles: FileReport[] | undefined;

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
  params: DetectionParams,
  onProgress: (progress: AnalysisProgress) => void,
): Promise<AnalysisResult> {
  if (runningAnalysis) {
    throw new Error('An analysis is already running. Cancel it or wait for it to finish.');
  }

  const controller = new AbortController();
  runningAnalysis = controller;
  latestFindings = undefined;
  latestFiles = undefined;

  try {
    const sources = files.map((file) => ({ name: file.name, source: file }));
    const { result } = await analyzeSources(sources, params, {
      signal: controller.signal,
      onProgress: forwardProgress(onProgress),
    });

    // The session is dropped on purpose because it contains the whole record index, and nothing
    // re-runs the detection with other parameters yet.
    latestFindings = result.findings;
    latestFiles = result.summary.files;
    return result;
  } catch (error) {
    // The core may end a cancelled run with any error, and the page only needs to know it was cancelled.
    throw controller.signal.aborted ? cancelledError() : error;
  } finally {
    runningAnalysis = undefined;
    releaseCallback(onProgress);
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

  exportFindingsCsv(): Promise<string> {
    if (!latestFindings) {
      return Promise.reject(new Error('No finished analysis to export. Run an analysis first.'));
    }
    return Promise.resolve(formatFindingsCsv(latestFindings));
  },

  exportDataQualityCsv(): Promise<string> {
    if (!latestFiles) {
      return Promise.reject(new Error('No finished analysis to export. Run an analysis first.'));
    }
    return Promise.resolve(formatDataQualityCsv(latestFiles));
  },

  holdLifetimeLock,
};

Comlink.expose(api);
