// The contract between the page and the analysis worker. The UI imports analysis types from here
// and never from src/core, so the core can change shape behind this one module.
import type { AnalysisProgress, AnalysisResult, DetectionParams } from '../core/types.ts';

export type {
  AnalysisPhase,
  AnalysisProgress,
  AnalysisResult,
  AnalysisSummary,
  DetectionParams,
  EmptyReason,
  FileNotice,
  FileNoticeCode,
  FileReport,
  Finding,
  InputFormat,
  SkipCount,
  SkipReason,
  TextEncoding,
} from '../core/types.ts';
export { ESCU_DEFAULTS } from '../core/types.ts';

/** `Error.name` of the rejection that a cancelled `analyze` call ends with. */
export const CANCELLED_ERROR_NAME = 'AbortError';

/** Methods the worker exposes through Comlink. Every argument and result is structured-cloneable. */
export interface MailsweepWorkerApi {
  /**
   * Reads the files and runs the detection. `onProgress` is called once per slice read. Rejects
   * with an error named `CANCELLED_ERROR_NAME` after `cancel()`, and rejects while another
   * analysis is still running.
   */
  analyze(files: File[], params: DetectionParams, onProgress: (progress: AnalysisProgress) => void): Promise<AnalysisResult>;

  /** Stops the running analysis at the next slice boundary. Does nothing when none is running. */
  cancel(): void;

  /** Formats the findings of the latest finished analysis as CSV, and rejects when there is none. */
  exportFindingsCsv(): Promise<string>;

  /**
   * Formats the data-quality report of the latest finished analysis as CSV, one row per file, and
   * rejects when there is none.
   */
  exportDataQualityCsv(): Promise<string>;

  /**
   * Takes the Web Lock `lockName` and holds it until the worker ends, so the page learns of the
   * end by requesting the same lock. Resolves to false where the Web Locks API is missing.
   */
  holdLifetimeLock(lockName: string): Promise<boolean>;
}
