// Runs the reader of an already detected text format over a byte stream. Whole files come here
// after detection. A byte range of a file comes here with the format of the whole file, because
// the range's own first bytes need not show it.

import { CorruptArchiveError } from './archive/corrupt-archive-error.ts';
import { CsvRecordReader } from './csv-record-reader.ts';
import { encodingFallbackNotice } from './decode/encoding-fallback-notice.ts';
import { Utf8Transcoder } from './decode/utf8-transcoder.ts';
import type { DetectedFormat } from './detect-format.ts';
import { JsonRecordScanner } from './json-record-scanner.ts';
import type { ReadOutcome, RecordSink } from './read-audit-file.ts';
import { RecordTooLargeError } from './record-too-large-error.ts';

/** Outcome and end state of a read of detected text, besides the records it delivered. */
export interface DetectedTextRead {
  outcome: ReadOutcome;
  /**
   * True when the stream ended between records: no value or row was left open before the end.
   * A byte range that ends inside a record (a CSV cell with a line break) is false.
   */
  endedBetweenRecords: boolean;
  /** CSV header rows read, 0 for JSON. A range of a CSV file starts with the file's header. */
  headerRows: number;
  /** Line feeds the reader read, as it counted them. Valid only when the read did not fail. */
  lineFeeds: number;
  /**
   * Error message when reading stopped before the end (a record too large, a broken gzip stream).
   * Undefined when the read reached the end.
   */
  failure?: string;
  /** The reader's message that the file contains no audit records (an export of another kind), if it sent one. */
  notRecordsMessage?: string;
  /**
   * Text that was not valid UTF-8 and was read as Windows-1252: records for JSON, bytes for CSV.
   * The outcome's notice is built from it. The ranges of one file sum theirs first.
   */
  fallbackCount: number;
}

/**
 * Delivers every record of `chunks` to `sink` with the reader of `detected.format`, which must
 * not be 'unknown'. A record too large to read, or a broken gzip stream, ends the read with the
 * outcome's `error`. The records before it were delivered.
 */
export async function readDetectedText(
  detected: DetectedFormat,
  chunks: AsyncIterable<Uint8Array>,
  sink: RecordSink,
): Promise<DetectedTextRead> {
  const isJson = detected.format === 'json' || detected.format === 'json-lines';
  const reader = isJson ? new JsonRecordScanner(sink, detected.format === 'json-lines') : new CsvRecordReader(sink, detected.delimiter);
  const scanner = reader instanceof JsonRecordScanner ? reader : undefined;
  // The JSON scanner falls back to Windows-1252 per record, but the CSV reader gets repaired UTF-8 text.
  const transcoder = new Utf8Transcoder(detected.encoding, scanner === undefined);
  const outcome: ReadOutcome = { format: detected.format, encoding: detected.encoding };
  let endedBetweenRecords = false;
  let failure: string | undefined;

  try {
    if (reader instanceof CsvRecordReader) {
      for await (const bytes of chunks) {
        reader.push(transcoder.pushText(bytes));
      }
      reader.push(transcoder.finishText());
    } else {
      for await (const bytes of chunks) {
        reader.push(transcoder.push(bytes));
      }
      reader.push(transcoder.finish());
    }
    endedBetweenRecords = reader.isBetweenRecords;
    reader.finish();
  } catch (error) {
    if (!(error instanceof RecordTooLargeError || error instanceof CorruptArchiveError)) throw error;
    failure = error.message;
    outcome.error = failure;
  }

  // A JSON file's first wrapped value names its export (Graph page, Splunk lines, ...).
  if (scanner?.containerFormat !== undefined) {
    outcome.format = scanner.containerFormat;
  }
  if (reader.notRecordsMessage !== undefined) {
    outcome.error ??= reader.notRecordsMessage;
  }

  const fallbackCount = scanner === undefined ? transcoder.replacedBytes : scanner.windows1252Records;
  const fallback = encodingFallbackNotice(fallbackCount, scanner === undefined ? 'bytes' : 'records');
  if (fallback !== undefined) {
    outcome.notices = [fallback];
  }

  const headerRows = reader instanceof CsvRecordReader ? reader.headerRows : 0;
  const read: DetectedTextRead = { outcome, endedBetweenRecords, headerRows, fallbackCount, lineFeeds: reader.lineFeeds };
  if (failure !== undefined) read.failure = failure;
  if (reader.notRecordsMessage !== undefined) read.notRecordsMessage = reader.notRecordsMessage;
  return read;
}
