// Result of reading one byte range, for the merge. It is plain data that crosses to another
// thread with its typed arrays transferred, not copied.

import type { InputFormat, TextEncoding } from '../types.ts';
import type { FileQualityState } from '../analysis/quality/file-quality.ts';
import type { MailboxAccessIndexState } from '../index/mailbox-access-index.ts';
import { transferablesOf } from '../index/mailbox-access-index.ts';
import type { RecordIdLogState } from '../index/record-id-log.ts';

/** The records of one range, as the merge needs them. */
export interface RangeRecords {
  recordsRead: number;
  /** MailItemsAccessed records read, duplicates included. */
  mailItemsAccessed: number;
  quality: FileQualityState;
  /** One code per record or skip, in file order (see range-events.ts). */
  codes: Uint8Array<ArrayBuffer>;
  /** Line of each entry, counted from the range's first line (1). */
  lines: Float64Array<ArrayBuffer>;
  /** Id of each record entry, in the same order. */
  ids: RecordIdLogState;
  /** Index rows of the range's OUTCOME_INDEXED records, duplicates included, in order. */
  index: MailboxAccessIndexState;
  /**
   * Rows of `index` timed by an ambiguous slash date. `pendingDayFirst` contains their day-first
   * times in seconds.
   */
  pendingRows: Float64Array<ArrayBuffer>;
  pendingDayFirst: Float64Array<ArrayBuffer>;
}

/** Records of one range and the state its read ended in. */
export interface RangeResult extends RangeRecords {
  /** Line feeds in the range's own bytes. The merge adds them to the line numbers of later ranges. */
  lineFeeds: number;
  /** False when the range ended inside a record, which then crossed into the next range. */
  endedBetweenRecords: boolean;
  /** CSV header rows the reader saw, including the one read in front of the range. 0 for JSON. */
  headerRows: number;
  /** Format the reader reported: the detected one, or the container of the range's first wrapped record. */
  format: InputFormat;
  encoding: TextEncoding;
  /** Text read as Windows-1252 (records for JSON, bytes for CSV). */
  fallbackCount: number;
  /** Error message of a read that stopped early, such as for a record too large. */
  failure?: string;
  /** The reader's message that the data are not audit records. */
  notRecordsMessage?: string;
}

/** Buffers of `result` to transfer rather than copy when it crosses to another thread. */
export function rangeTransferables(result: RangeResult): ArrayBuffer[] {
  const buffers = [
    result.codes.buffer,
    result.lines.buffer,
    result.ids.kinds.buffer,
    result.ids.guidWords.buffer,
    result.pendingRows.buffer,
    result.pendingDayFirst.buffer,
    ...transferablesOf(result.index),
  ];
  return [...new Set(buffers)];
}
