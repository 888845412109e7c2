// Owns the analysis worker on the page side. It creates the worker on first use, wraps it once with
// Comlink, and turns the worker's end (an error event, a messageerror, or the worker stopping) into
// rejected calls, which Comlink does not do by itself. The next analysis after an end gets a new worker.
import * as Comlink from 'comlink';

import AnalysisWorker from './analysis-worker.ts?worker&inline';
import { CANCELLED_ERROR_NAME } from './worker-api.ts';
import type {
  AnalysisExportKind,
  AnalysisProgress,
  DetectionRequest,
  DrillDownResult,
  ExportFile,
  Finding,
  InvestigationResult,
  MailsweepWorkerApi,
  QueryExport,
  TimelineResult,
} from './worker-api.ts';

/** Rejection of an `analyze` call that the user cancelled. */
export class AnalysisCancelledError extends Error {
  override name = 'AnalysisCancelledError';
}

/** Rejection of every pending call when the worker fails or stops. */
export class WorkerEndedError extends Error {
  override name = 'WorkerEndedError';
}

/**
 * How long a cancelled analysis may take to stop before its worker is terminated instead. The worker
 * checks for cancellation between slices, and one 8 MiB slice takes about 0.2 s at the 47 MB/s
 * measured with scripts/measure-browser.mjs on a 2-core machine. The detection after the last
 * slice never checks, so this limit bounds how long a cancel can wait for it.
 */
const CANCEL_GRACE_MS = 2000;

/** One worker and the promise that rejects when it ends. */
class WorkerConnection {
  readonly remote: Comlink.Remote<MailsweepWorkerApi>;
  readonly #worker: Worker;
  readonly #ended: Promise<never>;
  #rejectEnded: (reason: Error) => void = () => undefined;
  #isEnded = false;

  constructor() {
    this.#worker = new AnalysisWorker({ name: 'mailsweep-analysis' });
    this.remote = Comlink.wrap<MailsweepWorkerApi>(this.#worker);

    this.#ended = new Promise<never>((_resolve, reject) => {
      this.#rejectEnded = reject;
    });
    // Callers observe the end through `run`. This handler keeps an end with no call pending from
    // being reported as an unhandled rejection.
    this.#ended.catch(() => undefined);

    this.#worker.addEventListener('error', (event) => {
      const detail = event.message ? `: ${event.message}` : '';
      this.end(new WorkerEndedError(`The analysis worker failed${detail}. Drop the files again to retry.`));
    });
    this.#worker.addEventListener('messageerror', () => {
      this.end(new WorkerEndedError('The analysis worker sent a message the page could not read. Drop the files again to retry.'));
    });
    void this.#watchLifetime();
  }

  get isEnded(): boolean {
    return this.#isEnded;
  }

  /** Settles like `call`, or rejects as soon as the worker ends. */
  run<T>(call: Promise<T>): Promise<T> {
    return Promise.race([call, this.#ended]);
  }

  /** Terminates the worker and rejects every call made through `run`. Later calls do nothing. */
  end(reason: Error): void {
    if (this.#isEnded) {
      return;
    }
    this.#isEnded = true;
    this.#worker.terminate();
    this.#rejectEnded(reason);
  }

  /**
   * Notices a worker that stops without an error event, for example one that calls `close()`.
   * The worker takes a Web Lock for its whole life, so the page's request for the same lock is
   * granted only once the worker has ended.
   */
  async #watchLifetime(): Promise<void> {
    // TODO: without the Web Locks API (pages served over plain HTTP from a host other than
    // localhost are not a secure context), a worker that stops without an error event goes unnoticed.
    if (!('locks' in navigator)) {
      return;
    }

    // Lock names are shared by every page of the origin, so each worker gets its own.
    const lockName = `mailsweep-worker-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    try {
      const lockTaken = await this.run(this.remote.holdLifetimeLock(lockName));
      if (!lockTaken) {
        return;
      }
      await navigator.locks.request(lockName, () => undefined);
    } catch {
      // The worker ended before it took the lock, and that end has already been reported.
      return;
    }
    this.end(new WorkerEndedError('The analysis worker stopped unexpectedly. Drop the files again to retry.'));
  }
}

function isCancellation(error: unknown): boolean {
  return error instanceof Error && error.name === CANCELLED_ERROR_NAME;
}

/** Page-side handle to the analysis worker, the only way the UI reaches the analysis. */
export class AnalysisClient {
  #connection: WorkerConnection | undefined;
  #cancelTimer: ReturnType<typeof setTimeout> | undefined;

  /** Analyses the files in the worker. Rejects with `AnalysisCancelledError` or `WorkerEndedError`. */
  async analyze(
    files: File[],
    request: DetectionRequest,
    onProgress: (progress: AnalysisProgress) => void,
  ): Promise<InvestigationResult> {
    const connection = this.#connect();
    try {
      return await connection.run(connection.remote.analyze(files, request, Comlink.proxy(onProgress)));
    } catch (error) {
      throw isCancellation(error) ? new AnalysisCancelledError('The analysis was cancelled.') : error;
    } finally {
      clearTimeout(this.#cancelTimer);
      this.#cancelTimer = undefined;
    }
  }

  /**
   * Asks the worker to stop the running analysis. If it has not stopped within `CANCEL_GRACE_MS`,
   * the worker is terminated and the next analysis starts a new one.
   */
  cancel(): void {
    const connection = this.#connection;
    if (!connection || connection.isEnded || this.#cancelTimer !== undefined) {
      return;
    }

    connection.run(connection.remote.cancel()).catch(() => undefined);
    this.#cancelTimer = setTimeout(() => {
      connection.end(new AnalysisCancelledError('The analysis was cancelled.'));
    }, CANCEL_GRACE_MS);
  }

  /** Re-runs the detection of the latest finished analysis with other settings or allow-list, without reading the files again. */
  redetect(request: DetectionRequest): Promise<InvestigationResult> {
    return this.#callFinished((remote) => remote.redetect(request));
  }

  /** Returns the records behind a finding of the latest detection. */
  drillDown(finding: Finding): Promise<DrillDownResult> {
    return this.#callFinished((remote) => remote.drillDown(finding));
  }

  /** Returns distinct mailboxes per bin and application over the latest analysis. */
  timeline(): Promise<TimelineResult> {
    return this.#callFinished((remote) => remote.timeline());
  }

  /** Formats an export of the latest finished analysis. `finding` is required for `drill-down-csv`. */
  exportAnalysis(kind: AnalysisExportKind, finding?: Finding): Promise<ExportFile> {
    return this.#callFinished((remote) => remote.exportAnalysis(kind, finding));
  }

  /** Builds the SPL, KQL and DuckDB queries for the settings and allow-list. Starts the worker if needed: no analysis is required. */
  buildQueries(request: DetectionRequest): Promise<QueryExport[]> {
    const connection = this.#connect();
    return connection.run(connection.remote.buildQueries(request));
  }

  /** Releases the latest analysis in the worker, index included. Does nothing without a worker. */
  clear(): void {
    const connection = this.#connection;
    if (connection && !connection.isEnded) {
      connection.run(connection.remote.clear()).catch(() => undefined);
    }
  }

  /**
   * Calls the worker about the latest finished analysis. Rejects when no worker was started, and
   * with `WorkerEndedError` when the worker, and the analysis it kept, has ended since.
   */
  async #callFinished<T>(call: (remote: Comlink.Remote<MailsweepWorkerApi>) => Promise<T>): Promise<T> {
    const connection = this.#connection;
    if (!connection) {
      throw new Error('No finished analysis. Run an analysis first.');
    }
    if (connection.isEnded) {
      throw new WorkerEndedError('The analysis worker has stopped since the analysis finished, and its results went with it. Run the analysis again.');
    }
    return connection.run(call(connection.remote));
  }

  /**
   * Starts the worker and its range workers ahead of the next analysis, so that a drop does not
   * wait for them to load. Call it while the page is idle.
   */
  prepare(): void {
    const connection = this.#connect();
    connection.run(connection.remote.prepare()).catch(() => undefined);
  }

  /** Terminates the worker. A later `analyze` starts a new one. */
  dispose(): void {
    this.#connection?.end(new WorkerEndedError('The analysis worker was shut down.'));
    this.#connection = undefined;
  }

  #connect(): WorkerConnection {
    if (!this.#connection || this.#connection.isEnded) {
      this.#connection = new WorkerConnection();
    }
    return this.#connection;
  }
}
