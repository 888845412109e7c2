// The record sink of one byte range. It does all the work that does not depend on earlier ranges:
// fields, counters, data quality, and index rows for records that pass the base filter. It also
// logs each record's id and outcome and each skip, in file order. From that log the merge
// de-duplicates across ranges and files and produces exactly the counts of a whole-file read.

import type { SkipReason } from '../types.ts';
import type { RecordContext, RecordSink } from '../read/read-audit-file.ts';
import { apiAccessFlags } from '../detect/escu-filters.ts';
import { readMailAccessDetails } from '../record/mail-access-details.ts';
import { MailboxAccessIndex } from '../index/mailbox-access-index.ts';
import { RecordIdLog } from '../index/record-id-log.ts';
import { FileTally } from '../analysis/file-tally.ts';
import { OUTCOME_INDEXED, observeRecord } from '../analysis/observe-record.ts';
import { GrowingFloat64Array, GrowingUint8Array } from './growing-arrays.ts';
import { skipEventCode } from './range-events.ts';
import type { RangeRecords } from './range-result.ts';

/** Logs the records of one range. */
export class RangeRecorder implements RecordSink {
  /** Records read, MailItemsAccessed count and data quality of this range. Skips go to the log instead. */
  private readonly tally = new FileTally();
  private readonly index = new MailboxAccessIndex();
  private readonly ids = new RecordIdLog();

  /** One entry per record or skip, with the record's outcome or a skip code from `skipEventCode`. */
  private readonly codes = new GrowingUint8Array();
  /** Line of each entry, counted from the range's first line (1). */
  private readonly lines = new GrowingFloat64Array();

  /** Index rows timed by an ambiguous slash date, and their day-first times in seconds. */
  private readonly pendingRows = new GrowingFloat64Array();
  private readonly pendingDayFirst = new GrowingFloat64Array();

  /**
   * `prefixLines` is the number of lines read in front of the range (the CSV header). Records and
   * skips on those lines belong to the first range, so they are dropped here. Later lines are
   * renumbered to start at 1.
   */
  constructor(private readonly prefixLines: number) {}

  /** Records read so far, for progress. */
  get recordsRead(): number {
    return this.tally.recordsRead;
  }

  record(record: Record<string, unknown>, line: number, context?: RecordContext): void {
    if (line <= this.prefixLines) return;

    const observed = observeRecord(record, context, this.tally);
    if (observed === undefined) {
      this.skip('not-a-record', line);
      return;
    }

    this.ids.append(observed.id);
    this.codes.push(observed.outcome);
    this.lines.push(line - this.prefixLines);

    const { fields, time } = observed;
    if (observed.outcome !== OUTCOME_INDEXED || time === undefined) {
      return;
    }
    const seconds = time.kind === 'exact' ? time.seconds : time.monthFirstSeconds;
    const row = this.index.append(fields, seconds, apiAccessFlags(fields), readMailAccessDetails(record));
    if (time.kind === 'ambiguous') {
      this.pendingRows.push(row);
      this.pendingDayFirst.push(time.dayFirstSeconds);
    }
  }

  skip(reason: SkipReason, line: number): void {
    if (line <= this.prefixLines) return;

    this.codes.push(skipEventCode(reason));
    this.lines.push(line - this.prefixLines);
  }

  /** Returns the range's counts and log as plain data whose typed arrays can be transferred. */
  records(): RangeRecords {
    return {
      recordsRead: this.tally.recordsRead,
      mailItemsAccessed: this.tally.mailItemsAccessed,
      quality: this.tally.quality.snapshot(),
      codes: this.codes.toArray(),
      lines: this.lines.toArray(),
      ids: this.ids.snapshot(),
      index: this.index.snapshot(),
      pendingRows: this.pendingRows.toArray(),
      pendingDayFirst: this.pendingDayFirst.toArray(),
    };
  }
}
