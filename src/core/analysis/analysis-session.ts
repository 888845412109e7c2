// One analysis over any number of files. The session reads each file once, de-duplicates records
// by Id across all files, and keeps only the base-filter records in a typed-array index, so
// `detect` can be re-run with other parameters without reading anything again.

import { ESCU_DEFAULTS } from '../types.ts';
import type { AnalysisResult, AnalysisSummary, DetectionParams, FileReport, NamedSource } from '../types.ts';
import { readAuditFile } from '../read/read-audit-file.ts';
import type { RecordSink } from '../read/read-audit-file.ts';
import { hasCommonSchemaKey, readAuditFields } from '../record/audit-fields.ts';
import { parseCreationTime } from '../time/creation-time.ts';
import { IdSet } from '../index/id-set.ts';
import { MailboxAccessIndex } from '../index/mailbox-access-index.ts';
import { apiAccessFlags, hasAppIds, isMailItemsAccessed } from '../detect/escu-filters.ts';
import { countApiAccess, detectMailboxSweeps } from '../detect/escu-detection.ts';
import { FileTally } from './file-tally.ts';
import { findEmptyReason } from './empty-reason.ts';

export interface AddFileOptions {
  /** Bytes read per slice; the reader's default when absent. */
  sliceBytes?: number;
  signal?: AbortSignal;
  /** Called once per slice with the bytes and records read so far in this file. */
  onProgress?: (bytesRead: number, records: number) => void | Promise<void>;
}

/** Files read so far and the index built from them. */
export class AnalysisSession {
  private readonly ids = new IdSet();
  private readonly index = new MailboxAccessIndex();
  private readonly reports: FileReport[] = [];

  /** Distinct MailItemsAccessed records with a readable CreationTime. */
  private mailItemsAccessed = 0;

  private isReading = false;

  /** Reports of the files added so far, in the order they were added. */
  get files(): readonly FileReport[] {
    return this.reports;
  }

  /**
   * Reads one file into the session and returns its report. Files must be added one at a time:
   * a call made while another is running is rejected. When reading fails or is aborted, the
   * records read before that stay in the session but the file gets no report.
   */
  async addFile(file: NamedSource, options: AddFileOptions = {}): Promise<FileReport> {
    if (this.isReading) {
      throw new Error(`Cannot add "${file.name}" while another file is being read; await the previous addFile call first.`);
    }

    this.isReading = true;
    try {
      const tally = new FileTally();
      const sink: RecordSink = {
        record: (record, line) => {
          this.addRecord(record, line, tally);
        },
        skip: (reason, line) => {
          tally.skip(reason, line);
        },
      };
      const { onProgress } = options;
      const outcome = await readAuditFile(file.source, sink, {
        sliceBytes: options.sliceBytes,
        signal: options.signal,
        onSlice: onProgress && ((bytesRead) => onProgress(bytesRead, tally.recordsRead)),
      });

      const report = tally.toReport(file.name, file.source, outcome);
      this.reports.push(report);
      return report;
    } finally {
      this.isReading = false;
    }
  }

  /**
   * Counts one UAL record into `tally` and indexes it when it passes the base filter. An object
   * without any UAL common-schema key is skipped as 'not-a-record'. A record whose Id was seen
   * before counts only as a duplicate. A MailItemsAccessed record whose
   * CreationTime cannot be read is skipped as 'invalid-creation-time' at `line`.
   */
  private addRecord(record: Record<string, unknown>, line: number, tally: FileTally): void {
    if (!hasCommonSchemaKey(record)) {
      tally.skip('not-a-record', line);
      return;
    }

    const fields = readAuditFields(record);
    const isMailAccess = isMailItemsAccessed(fields);
    tally.recordsRead += 1;
    if (isMailAccess) {
      tally.mailItemsAccessed += 1;
    }

    if (!this.ids.add(fields.id)) {
      tally.duplicatesRemoved += 1;
      return;
    }
    if (!isMailAccess) {
      return;
    }

    const time = fields.creationTime === undefined ? Number.NaN : parseCreationTime(fields.creationTime);
    if (Number.isNaN(time)) {
      tally.skip('invalid-creation-time', line);
      return;
    }

    this.mailItemsAccessed += 1;
    if (hasAppIds(fields)) {
      this.index.append(fields, time, apiAccessFlags(fields));
    }
  }

  /**
   * Runs the detection over everything read so far and returns the findings with a summary.
   * Each call recomputes from the index. Throws a RangeError for invalid parameters.
   */
  detect(params: DetectionParams = ESCU_DEFAULTS): AnalysisResult {
    const { findings, groups, maxUniqueMailboxes } = detectMailboxSweeps(this.index, params);
    const { apiAccess, grouped } = countApiAccess(this.index);
    const files = structuredClone(this.reports);
    const summary: AnalysisSummary = {
      files,
      recordsRead: sumOf(files, (file) => file.recordsRead),
      duplicatesRemoved: sumOf(files, (file) => file.duplicatesRemoved),
      skippedTotal: sumOf(files, (file) => sumOf(file.skipped, (skip) => skip.count)),
      mailItemsAccessed: this.mailItemsAccessed,
      withAppIds: this.index.size,
      apiAccess,
      grouped,
      groups,
      maxUniqueMailboxes,
      findings: findings.length,
      params: { spanSeconds: params.spanSeconds, threshold: params.threshold },
    };
    if (findings.length === 0) {
      summary.emptyReason = findEmptyReason(summary);
    }
    return { summary, findings };
  }
}

function sumOf<T>(items: readonly T[], count: (item: T) => number): number {
  let total = 0;
  for (const item of items) {
    total += count(item);
  }
  return total;
}
