// Reads one audit-log file slice by slice and hands each UAL record to a sink.
import type { ByteSource, InputFormat, SkipReason, TextEncoding } from '../types.ts';
import { CsvRecordReader } from './csv-record-reader.ts';
import { SNIFF_BYTES, detectFormat } from './detect-format.ts';
import { JsonRecordScanner } from './json-record-scanner.ts';
import { RecordTooLargeError } from './record-too-large-error.ts';

/** What the container around a record says about it, for use where the record itself is silent. */
export interface RecordContext {
  /** Id from the container when it has one: Purview RecordId, PowerShell Identity, Sentinel OfficeId, Graph id. Never Defender's ReportId. */
  fallbackId?: string;
  /** Raw time text from the container (CreationDate, TimeGenerated, createdDateTime, Splunk _time, @timestamp), for a record without CreationTime. */
  fallbackTime?: string;
  /** Search-UnifiedAuditLog's ResultCount column: how many results the search said it had. */
  resultCount?: number;
}

export interface RecordSink {
  /**
   * An unwrapped UAL record (the AuditData object, or a record rebuilt from mapped columns with
   * UAL key names) and the 1-based line where it starts.
   */
  record(record: Record<string, unknown>, line: number, context?: RecordContext): void;
  /** Something that looked like a record but could not be read. */
  skip(reason: SkipReason, line: number): void;
}

export interface ReadOptions {
  /** Bytes per slice read from the source; default DEFAULT_SLICE_BYTES (8 MiB). Any value >= 1 must give identical results. */
  sliceBytes?: number;
  /** Checked between slices; abort rejects with signal.reason. */
  signal?: AbortSignal;
  /** Called after each slice is processed with the bytes consumed so far; awaited if it returns a promise. */
  onSlice?: (bytesRead: number) => void | Promise<void>;
}

export interface ReadOutcome {
  format: InputFormat;
  encoding: TextEncoding;
  /** Error message when the file, or the rest of it, could not be read. Records before the problem were delivered. */
  error?: string;
}

export const DEFAULT_SLICE_BYTES = 8 * 1024 * 1024;

/**
 * Detects the format of `source` from its content and delivers every record to `sink`, in file
 * order. Memory use grows with the longest record, not with the file size.
 * Rejects with a RangeError for an invalid `sliceBytes`, and with `signal.reason` on abort.
 */
export async function readAuditFile(
  source: ByteSource,
  sink: RecordSink,
  options: ReadOptions = {},
): Promise<ReadOutcome> {
  const sliceBytes = options.sliceBytes ?? DEFAULT_SLICE_BYTES;
  if (!Number.isInteger(sliceBytes) || sliceBytes < 1) {
    throw new RangeError(`sliceBytes must be a whole number of bytes, at least 1, but got ${String(sliceBytes)}.`);
  }

  options.signal?.throwIfAborted();
  const headEnd = Math.min(source.size, SNIFF_BYTES);
  const head = await readSlice(source, 0, headEnd);
  const detected = detectFormat(head, headEnd === source.size);
  if (detected.format === 'unknown') {
    return { format: detected.format, encoding: detected.encoding, error: detected.error };
  }

  const reader =
    detected.format === 'json' || detected.format === 'json-lines'
      ? new JsonRecordScanner(sink, detected.format === 'json-lines')
      : new CsvRecordReader(sink, detected.delimiter);
  const outcome: ReadOutcome = { format: detected.format, encoding: detected.encoding };

  try {
    await streamSlices(source, sliceBytes, options, (bytes) => {
      reader.push(bytes);
    });
    reader.finish();
  } catch (error) {
    if (!(error instanceof RecordTooLargeError)) throw error;
    outcome.error = error.message;
  }

  return outcome;
}

/** Feeds `source` to `consume` in slices, reading the next slice while the current one is consumed. */
async function streamSlices(
  source: ByteSource,
  sliceBytes: number,
  options: ReadOptions,
  consume: (bytes: Uint8Array) => void,
): Promise<void> {
  const size = source.size;
  let start = 0;
  let end = Math.min(sliceBytes, size);
  let next = size > 0 ? readSlice(source, start, end) : undefined;

  while (next !== undefined) {
    options.signal?.throwIfAborted();
    const bytes = await next;
    if (bytes.length !== end - start) {
      throw new Error(
        `Reading bytes ${start} to ${end} returned ${bytes.length} bytes, ` +
          'so the file may have changed while it was read.',
      );
    }

    next = undefined;
    if (end < size) {
      next = readSlice(source, end, Math.min(end + sliceBytes, size));
      // An abort can leave this read unawaited, and its failure is then of no interest.
      next.catch(() => undefined);
    }

    consume(bytes);
    await options.onSlice?.(end);
    start = end;
    end = Math.min(start + sliceBytes, size);
  }
}

async function readSlice(source: ByteSource, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await source.slice(start, end).arrayBuffer());
}
