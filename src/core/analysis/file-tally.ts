import type { ByteSource, FileReport, SkipCount, SkipReason } from '../types.ts';
import type { ReadOutcome } from '../read/read-audit-file.ts';
import { FileQuality } from './quality/file-quality.ts';
import { PendingRowTimes } from './quality/pending-row-times.ts';

/** Line numbers kept per skip reason, so a report can point at examples without growing with the file. */
const MAX_SKIP_LINES = 5;

/** Counters of one file while it is read, turned into a FileReport at the end. */
export class FileTally {
  recordsRead = 0;
  mailItemsAccessed = 0;
  duplicatesRemoved = 0;

  /** Record times, field presence and container facts of the file, for its data-quality notices. */
  readonly quality = new FileQuality();

  /** Index rows of this file timed by an ambiguous slash date, settled when the file ends. */
  readonly pendingRows = new PendingRowTimes();

  private readonly skips = new Map<SkipReason, SkipCount>();

  /** Counts a skipped record and keeps its line number when it is among the first few lines of its reason. */
  skip(reason: SkipReason, line: number): void {
    let entry = this.skips.get(reason);
    if (entry === undefined) {
      entry = { reason, count: 0, firstLines: [] };
      this.skips.set(reason, entry);
    }

    entry.count += 1;
    // Several values can share a line (`[1,2,3]`), and the report lists each line once.
    const isNewLine = entry.firstLines[entry.firstLines.length - 1] !== line;
    if (isNewLine && entry.firstLines.length < MAX_SKIP_LINES) {
      entry.firstLines.push(line);
    }
  }

  /**
   * Builds the report of the file, with its data-quality notices and time range. Skip reasons are
   * listed in the order they first occurred.
   */
  toReport(name: string, source: ByteSource, outcome: ReadOutcome): FileReport {
    const skipped = Array.from(this.skips.values(), (entry) => entry.count).reduce((sum, count) => sum + count, 0);
    const quality = this.quality.report(name, {
      rows: this.recordsRead + skipped,
      truncatedAuditData: this.skips.get('truncated-audit-data')?.count ?? 0,
    });
    const report: FileReport = {
      name,
      sizeBytes: source.size,
      format: outcome.format,
      encoding: outcome.encoding,
      recordsRead: this.recordsRead,
      mailItemsAccessed: this.mailItemsAccessed,
      duplicatesRemoved: this.duplicatesRemoved,
      skipped: Array.from(this.skips.values(), (entry) => ({ ...entry, firstLines: [...entry.firstLines] })),
      notices: quality.notices,
    };
    if (quality.firstRecordTime !== undefined && quality.lastRecordTime !== undefined) {
      report.firstRecordTime = quality.firstRecordTime;
      report.lastRecordTime = quality.lastRecordTime;
    }
    if (outcome.error !== undefined) {
      report.error = outcome.error;
    }
    return report;
  }
}
