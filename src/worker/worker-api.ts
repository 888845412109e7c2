// The contract between the page and the analysis worker. The UI imports analysis types from here
// and never from src/core, so the core can change shape behind this one module.
import type { AllowListEntry } from '../core/allow-list/allow-list-entry.ts';
import type { AllowListEntryCount, SuppressedFinding } from '../core/allow-list/apply-allow-list.ts';
import type { AppNameLookup } from '../core/apps/resolve-app-name.ts';
import type { DetectionSettings } from '../core/detect/detection-settings.ts';
import type { DrillDown } from '../core/detect/drill-down.ts';
import type { Timeline } from '../core/detect/timeline.ts';
import type { QueryExport } from '../core/query/query-exports.ts';
import type { AnalysisProgress, AnalysisResult, Finding } from '../core/types.ts';

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
export type { CountedIdentity, DetectionSettings, WindowMode } from '../core/detect/detection-settings.ts';
export { ESCU_SETTINGS, readDetectionSettings } from '../core/detect/detection-settings.ts';
export { departuresFromEscu, formatSpan } from '../core/detect/escu-departures.ts';
export type { AllowListEntry, AllowListField } from '../core/allow-list/allow-list-entry.ts';
export { ALLOW_LIST_FIELDS } from '../core/allow-list/allow-list-entry.ts';
// The allow-list helpers are small and pure, so the page runs them itself: the editor checks each
// entry as it is typed, and the stored list is read before any worker starts.
export { checkAllowListEntry } from '../core/allow-list/check-allow-list.ts';
export { formatAllowListJson, parseAllowListJson } from '../core/allow-list/allow-list-json.ts';
export { renderKqlAllowListFilter } from '../core/allow-list/kql-allow-list-filter.ts';
export { SPLUNK_FILTER_MACRO_NAME, renderSplunkFilterMacro } from '../core/allow-list/splunk-filter-macro.ts';
export type { AllowListEntryCount, SuppressedFinding } from '../core/allow-list/apply-allow-list.ts';
export type { AppNameLookup } from '../core/apps/resolve-app-name.ts';
export type { ActivityBin, DrillDown, DrillDownMailbox, DrillDownRecord } from '../core/detect/drill-down.ts';
export type { AppTimeline, Timeline } from '../core/detect/timeline.ts';
export type { QueryExport, QueryLanguage } from '../core/query/query-exports.ts';

/** Request of a detection run: the settings, and the allow-list that removes reviewed findings afterwards. */
export interface DetectionRequest {
  settings: DetectionSettings;
  allowList: AllowListEntry[];
}

/** Names of application ids, keyed by the id as it appears in the data. */
export type AppNames = Record<string, AppNameLookup>;

/**
 * An analysis or re-detection as the page shows it. `findings` contains only the findings that no
 * allow-list entry suppressed, but `summary.findings` still counts every finding over the threshold.
 */
export interface InvestigationResult extends AnalysisResult {
  settings: DetectionSettings;
  allowList: AllowListEntry[];
  /** Groups at the threshold or one below it that the allow-list kept. Empty unless the settings request them. */
  nearMisses: Finding[];
  suppressed: SuppressedFinding[];
  /** Suppression counts of each allow-list entry, in list order. */
  allowListCounts: AllowListEntryCount[];
  /** Names of every ClientAppId in `findings`, `nearMisses` and `suppressed`. */
  appNames: AppNames;
}

/** A drill-down with the names of the ClientAppId and of every AppId in its records. */
export interface DrillDownResult {
  drillDown: DrillDown;
  appNames: AppNames;
}

/** The timeline with the names of every ClientAppId in it. */
export interface TimelineResult {
  timeline: Timeline;
  appNames: AppNames;
}

/** Text for a download. The page names the file `<baseName>-<UTC timestamp>.<extension>`. */
export interface ExportFile {
  text: string;
  /** Such as `mailsweep-findings`. */
  baseName: string;
  /** Without the dot, such as `csv`. */
  extension: string;
  mimeType: string;
}

/** Exports that need a finished analysis. `drill-down-csv` also needs the finding. */
export type AnalysisExportKind = 'findings-csv' | 'data-quality-csv' | 'drill-down-csv' | 'notable-json' | 'report-json' | 'report-html';

/** `Error.name` of the rejection that a cancelled `analyze` call ends with. */
export const CANCELLED_ERROR_NAME = 'AbortError';

/** Methods the worker exposes through Comlink. Every argument and result is structured-cloneable. */
export interface MailsweepWorkerApi {
  /**
   * Reads the files and runs the detection. `onProgress` is called once per slice read. Rejects
   * with an error named `CANCELLED_ERROR_NAME` after `cancel()`, and rejects while another
   * analysis is still running.
   */
  analyze(files: File[], request: DetectionRequest, onProgress: (progress: AnalysisProgress) => void): Promise<InvestigationResult>;

  /** Stops the running analysis at the next slice boundary. Does nothing when none is running. */
  cancel(): void;

  /**
   * Starts the range workers that the next large file will be read with, so that it does not wait
   * for them to load. The page calls it while it is idle: on load and once results are shown.
   */
  prepare(): void;

  /**
   * Runs the detection again on the index of the latest finished analysis, without reading the
   * files. Rejects when there is no finished analysis. For invalid settings it rejects with a
   * RangeError whose message names the setting, and the previous result stays in force.
   */
  redetect(request: DetectionRequest): Promise<InvestigationResult>;

  /** Releases the latest analysis and its index. Exports and `redetect` reject until the next analysis. */
  clear(): void;

  /**
   * Returns the records behind a finding of the latest detection (or one of its near misses or
   * suppressed findings), with the app's activity around it. Rejects for a finding that the
   * latest detection did not return.
   */
  drillDown(finding: Finding): Promise<DrillDownResult>;

  /** Returns distinct mailboxes per bin and ClientAppId over the whole analysis, under the latest settings. */
  timeline(): Promise<TimelineResult>;

  /**
   * Formats one export of the latest finished analysis, with the settings and allow-list of the
   * latest detection. `finding` is required for `drill-down-csv`. Rejects when there is no analysis.
   */
  exportAnalysis(kind: AnalysisExportKind, finding?: Finding): Promise<ExportFile>;

  /** Builds the queries that run this detection where the data lives (SPL, two KQL, DuckDB SQL). Needs no analysis. */
  buildQueries(request: DetectionRequest): Promise<QueryExport[]>;

  /**
   * Takes the Web Lock `lockName` and holds it until the worker ends, so the page learns of the
   * end by requesting the same lock. Resolves to false where the Web Locks API is missing.
   */
  holdLifetimeLock(lockName: string): Promise<boolean>;
}
