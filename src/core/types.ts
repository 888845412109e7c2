// Shapes shared by the core, the worker adapter and (through the worker API) the UI.
// Everything here is plain data that survives structured cloning.

import type { DetectionSettings } from './detect/detection-settings.ts';

/** Parameters of the "O365 Multiple Mailboxes Accessed via API" search. */
export interface DetectionParams {
  /** Bin length in seconds; ESCU's `bucket span=10m` is 600. Bins are aligned to the Unix epoch. */
  spanSeconds: number;
  /** A group becomes a finding when its distinct users exceed this number (ESCU: `> 5`). */
  threshold: number;
}

/** The ESCU search as published: 10-minute bins, more than 5 distinct users. */
export const ESCU_DEFAULTS: Readonly<DetectionParams> = Object.freeze({ spanSeconds: 600, threshold: 5 });

/** One row of the detection output: a (bin, ClientAppId, ClientInfoString) group over the threshold. */
export interface Finding {
  /** Bin start, Unix epoch seconds (UTC); exported as `_time`. */
  binStart: number;
  clientAppId: string;
  clientInfoString: string;
  /** Distinct raw ClientIPAddress strings, sorted by UTF-16 code unit; exported as `src_ip`. */
  srcIps: string[];
  /**
   * Distinct `srcIps` after normalisation (port, brackets and `::ffff:` removed, IPv6 in lower
   * case), sorted by UTF-16 code unit. For display only; exported as `src_ip_normalized`.
   */
  normalizedSrcIps: string[];
  /** Number of distinct `users`; exported as `unique_mailboxes`. */
  uniqueMailboxes: number;
  /**
   * Distinct UserId strings, case-sensitive, sorted by UTF-16 code unit, and exported as `user`. With
   * other settings, the counted identity (MailboxOwnerUPN), in lower case when case is folded.
   */
  users: string[];
  /** Records that fell into this group (after de-duplication). */
  recordCount: number;
  /** CreationTime of the earliest and latest record in the group, Unix epoch seconds. */
  firstEventTime: number;
  lastEventTime: number;
  /** Set on a group at the threshold or one below it, listed only when near misses are requested. */
  nearMiss?: true;
  /**
   * Sliding-window mode only: end (exclusive, epoch seconds) of the last window over the
   * threshold. `binStart` is then the start of the first one. Fixed bins end at binStart + span.
   */
  windowEnd?: number;
  /** Sliding-window mode only: largest mailbox count of a single window of the span. */
  peakMailboxes?: number;
}

/** Container shapes recognised from file content, never from the file name. */
export type InputFormat =
  | 'json' // a JSON array of UAL records (Management Activity API content blob) or back-to-back JSON objects
  | 'json-lines' // one UAL record per line
  | 'purview-csv' // Purview "Audit" search export, 2023+: RecordId,CreationDate,RecordType,Operation,UserId,AuditData,...
  | 'purview-classic-csv' // classic portal download: CreationDate,UserIds,Operations,AuditData
  | 'search-ual-csv' // Search-UnifiedAuditLog | Export-Csv, with or without the #TYPE line
  | 'graph-csv' // Graph audit log records as CSV (Extractor-Suite Get-UALGraph): id,createdDateTime,...,auditData
  | 'defender-csv' // Defender CloudAppEvents portal export: Timestamp,ActionType,...,RawEventData
  | 'splunk-csv' // Splunk search export with a _raw column or with field columns (_time, OperationProperties{}.Name)
  | 'sentinel-csv' // Sentinel OfficeActivity portal export: OfficeWorkload, Client_IPAddress, "TimeGenerated [UTC]"
  | 'hawk-simple-csv' // Hawk Simple_*.csv: wrapper columns plus AuditData flattened into Folders_0_Path-style columns
  | 'flattened-csv' // columns are the record's own keys: Extractor-Suite -AuditDataOnly, Hawk, Sparrow
  | 'search-ual-json' // wrapper objects with AuditData: Search-UnifiedAuditLog | ConvertTo-Json, Extractor-Suite JSON
  | 'graph-json' // Graph audit log records or pages ({"value":[...]}) with a camelCase outer record and auditData
  | 'splunk-json' // Splunk export lines {"preview","offset","result"} with _raw or field names
  | 'elastic-json' // Elastic o365 documents (o365.audit, event.original) or _search responses
  | 'log-analytics-json' // Log Analytics tables[].rows with columns, or az arrays of OfficeActivity rows
  | 'defender-json' // Defender advanced hunting schema/results with RawEventData
  | 'hawk-simple-json' // Hawk Simple_*.json: objects with Folders_0_Path-style keys
  | 'unknown';

/** Text encoding of a file, as detected from its bytes; `-bom` when it starts with a byte order mark. */
export type TextEncoding =
  | 'utf-8'
  | 'utf-8-bom'
  | 'utf-16le'
  | 'utf-16le-bom'
  | 'utf-16be'
  | 'utf-16be-bom'
  | 'windows-1252';

/** Reason a record, or what looked like one, could not be analysed. */
export type SkipReason =
  | 'invalid-json' // the record text is not valid JSON
  | 'not-a-record' // valid JSON, but not an object that contains a UAL record
  | 'invalid-audit-data' // a CSV AuditData cell that is not a JSON object
  | 'missing-audit-data' // a CSV row without an AuditData cell
  | 'truncated-record' // the file ends inside a record
  | 'truncated-audit-data' // an AuditData cell cut at 32,767 characters (Excel's cell limit)
  | 'invalid-creation-time'; // a MailItemsAccessed record whose CreationTime cannot be read as a UTC time

/** Skipped records of one reason in one file. */
export interface SkipCount {
  reason: SkipReason;
  count: number;
  /** 1-based line numbers where the first few skipped records start (at most 5). */
  firstLines: number[];
}

/** Kinds of data-quality notice about one file. */
export type FileNoticeCode =
  | 'not-audit-records' // the file contains something else (a content listing, a sessions summary, detection output)
  | 'missing-fields' // a field the detection needs is absent from every record of the file
  | 'capped-export' // the row count equals a known export cap (50,000, 5,000 or 100)
  | 'result-count-exceeds-rows' // ResultCount reports more search results than the file contains
  | 'audit-data-truncated' // AuditData cells cut at 32,767 characters
  | 'encoding-fallback' // bytes that are not valid UTF-8 were read as Windows-1252
  | 'fallback-time' // records without CreationTime were timed from a wrapper date
  | 'day-month-ambiguous' // wrapper dates whose day/month order the file does not settle
  | 'time-gap'; // a long stretch with no records inside the covered time range

/** A data-quality observation about one file, with a message that explains its meaning and the next step. */
export interface FileNotice {
  code: FileNoticeCode;
  message: string;
}

/** Report of one dropped file, or of one member of a dropped archive. */
export interface FileReport {
  /** File name; for an archive member, the archive's name, then `/`, then the member's path. */
  name: string;
  sizeBytes: number;
  format: InputFormat;
  encoding: TextEncoding;
  /** Records unwrapped from the container, before de-duplication. */
  recordsRead: number;
  /** Records with Workload Exchange and Operation MailItemsAccessed, before de-duplication. */
  mailItemsAccessed: number;
  /** Records in this file whose Id was already seen in this file or an earlier one. */
  duplicatesRemoved: number;
  skipped: SkipCount[];
  /** Data-quality observations, in the order they were made. */
  notices: FileNotice[];
  /** Earliest and latest record time in the file, Unix epoch seconds; absent without timed records. */
  firstRecordTime?: number;
  lastRecordTime?: number;
  /** A problem with the whole file (empty, not an audit-log export), with what to do about it. */
  error?: string;
  /**
   * SHA-256 of the dropped file's bytes as read, 64 lower-case hex digits. Every member of one
   * archive carries the archive's hash. Absent when the file was not hashed.
   */
  sha256?: string;
  /** For an archive member, the name of the dropped archive: the file that `sha256` is the hash of. */
  archive?: string;
}

/** Reason an analysis found nothing: the earliest filter that removed everything. */
export type EmptyReason =
  | 'no-records' // no readable audit records at all
  | 'no-mail-items-accessed' // records, but none with Workload Exchange and Operation MailItemsAccessed
  | 'no-app-ids' // MailItemsAccessed records, but none with both AppId and ClientAppId
  | 'no-api-access' // records with app ids, but none through Microsoft Graph or EWS
  | 'below-threshold'; // API reads exist, but no group exceeds the threshold

/** Counts of the whole analysis; each filter stage counts distinct records (after de-duplication). */
export interface AnalysisSummary {
  files: FileReport[];
  recordsRead: number;
  duplicatesRemoved: number;
  skippedTotal: number;
  /** Workload Exchange and Operation MailItemsAccessed (case-insensitive). */
  mailItemsAccessed: number;
  /** ...and AppId and ClientAppId present and non-empty. */
  withAppIds: number;
  /** ...and AppId is Microsoft Graph or ClientInfoString matches the EWS pattern. */
  apiAccess: number;
  /** ...and ClientInfoString present, so the record belongs to a group. */
  grouped: number;
  /** (bin, ClientAppId, ClientInfoString) groups formed from the grouped records. */
  groups: number;
  /** Largest distinct UserId count of any group, so a result below the threshold shows how close it came. */
  maxUniqueMailboxes: number;
  findings: number;
  /** The settings the findings were detected with, ESCU values filled in for any left out. */
  params: DetectionSettings;
  /** Set when `findings` is 0. */
  emptyReason?: EmptyReason;
}

export interface AnalysisResult {
  summary: AnalysisSummary;
  findings: Finding[];
  /** Groups at the threshold or one below it. Present only when the settings request near misses. */
  nearMisses?: Finding[];
}

export type AnalysisPhase = 'reading' | 'detecting' | 'done';

/** Progress of a running analysis, reported once per slice. */
export interface AnalysisProgress {
  phase: AnalysisPhase;
  /** 0-based index of the file being read, and how many there are. */
  fileIndex: number;
  fileCount: number;
  fileName: string;
  /** Bytes read so far across all files, and their total size. */
  bytesRead: number;
  totalBytes: number;
  /** Records read so far across all files. */
  records: number;
}

/**
 * A readable run of bytes: `Blob` and `File` in browsers and Node (`fs.openAsBlob`) satisfy it,
 * so the core never needs the DOM.
 */
export interface ByteSource {
  readonly size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** A file to analyse: its display name and its bytes. */
export interface NamedSource {
  name: string;
  source: ByteSource;
}
