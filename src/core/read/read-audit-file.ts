// Reads one audit-log file slice by slice and hands each UAL record to a sink.
import type { ByteSource, FileNotice, InputFormat, SkipReason, TextEncoding } from '../types.ts';
import { detectContainer } from './archive/container-magic.ts';
import { CorruptArchiveError } from './archive/corrupt-archive-error.ts';
import { gunzipChunks } from './archive/gunzip-chunks.ts';
import { readSlice, sourceChunks } from './archive/source-chunks.ts';
import { SNIFF_BYTES, detectFormat } from './detect-format.ts';
import { readDetectedText } from './read-detected-text.ts';

/** Facts from the container around a record, for use where the record itself lacks them. */
export interface RecordContext {
  /** Id from the container when it has one: Purview RecordId, PowerShell Identity, Sentinel OfficeId, Graph id. Never Defender's ReportId. */
  fallbackId?: string;
  /** Raw time text from the container (CreationDate, TimeGenerated, createdDateTime, Splunk _time, @timestamp), for a record without CreationTime. */
  fallbackTime?: string;
  /** Search-UnifiedAuditLog's ResultCount column: the number of results the search reported. */
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
  /** Observations about how the bytes were read, such as 'encoding-fallback'; absent when there are none. */
  notices?: FileNotice[];
}

export const DEFAULT_SLICE_BYTES = 8 * 1024 * 1024;

/** The first bytes of a byte stream, up to SNIFF_BYTES, for detection. */
export interface StreamHead {
  bytes: Uint8Array;
  /** True when `bytes` is the whole stream. */
  isWholeFile: boolean;
}

/**
 * Detects the format of `source` from its content and delivers every record to `sink`, in file
 * order. A gzip-compressed file is decompressed on the fly; a ZIP archive gets an error, because
 * its members are separate files (readInput reads them). Memory use grows with the longest
 * record, not with the file size.
 * Rejects with a RangeError for an invalid `sliceBytes`, and with `signal.reason` on abort.
 */
export async function readAuditFile(
  source: ByteSource,
  sink: RecordSink,
  options: ReadOptions = {},
): Promise<ReadOutcome> {
  const sliceBytes = checkSliceBytes(options.sliceBytes);

  options.signal?.throwIfAborted();
  const head = await readSlice(source, 0, Math.min(source.size, SNIFF_BYTES));
  const chunks = sourceChunks(source, 0, source.size, { sliceBytes, signal: options.signal, onSlice: options.onSlice });
  return readByteStream({ bytes: head, isWholeFile: head.length === source.size }, chunks, sink);
}

/**
 * Delivers every record of a byte stream to `sink`: `head` is its start, and `chunks` yields the
 * whole stream from the beginning (including the bytes of `head`). Gzip data is decompressed on
 * the fly, any number of times nested.
 */
export async function readByteStream(
  head: StreamHead,
  chunks: AsyncIterable<Uint8Array>,
  sink: RecordSink,
): Promise<ReadOutcome> {
  if (detectContainer(head.bytes) !== 'gzip') {
    return readText(head, chunks, sink);
  }

  const inflated = gunzipChunks(chunks);
  try {
    return await readDecompressed(inflated, sink);
  } catch (error) {
    if (!(error instanceof CorruptArchiveError)) throw error;
    return { format: 'unknown', encoding: 'utf-8', error: error.message };
  } finally {
    await inflated.return();
  }
}

/**
 * Reads decompressed data (a gzip stream or a ZIP member) as a file of its own. When the data
 * broke off before its format could be recognised, the break is the problem reported.
 */
export async function readDecompressed(data: AsyncIterable<Uint8Array>, sink: RecordSink): Promise<ReadOutcome> {
  const peeked = await peekHead(data);
  const outcome = await readByteStream(peeked.head, peeked.chunks, sink);
  if (peeked.error !== undefined && outcome.format === 'unknown') {
    outcome.error = peeked.error.message;
  }
  return outcome;
}

/** Returns a RangeError-checked slice size, DEFAULT_SLICE_BYTES when absent. */
export function checkSliceBytes(sliceBytes: number | undefined): number {
  const checked = sliceBytes ?? DEFAULT_SLICE_BYTES;
  if (!Number.isInteger(checked) || checked < 1) {
    throw new RangeError(`sliceBytes must be a whole number of bytes, at least 1, but got ${String(checked)}.`);
  }
  return checked;
}

/**
 * Reads the first SNIFF_BYTES of `chunks` (or all of it, when shorter) and returns them with an
 * iterable that yields the whole stream again, from its beginning. When the data is corrupt
 * within the head, `error` is set, and the iterable yields the bytes before the break and then
 * throws it, so that the records before the break are still read.
 */
export async function peekHead(
  chunks: AsyncIterable<Uint8Array>,
): Promise<{ head: StreamHead; chunks: AsyncIterable<Uint8Array>; error?: CorruptArchiveError }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const taken: Uint8Array[] = [];
  let takenBytes = 0;
  let isWholeFile = false;
  let error: CorruptArchiveError | undefined;

  while (takenBytes < SNIFF_BYTES) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await iterator.next();
    } catch (caught) {
      if (!(caught instanceof CorruptArchiveError)) throw caught;
      error = caught;
      break;
    }
    if (next.done === true) {
      isWholeFile = true;
      break;
    }
    taken.push(next.value);
    takenBytes += next.value.length;
  }

  const joined = new Uint8Array(takenBytes);
  let offset = 0;
  for (const chunk of taken) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }

  async function* replay(): AsyncGenerator<Uint8Array, void, undefined> {
    yield* taken.splice(0);
    if (error !== undefined) throw error;
    if (isWholeFile) return;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      yield next.value;
    }
  }

  const head = { bytes: joined.subarray(0, SNIFF_BYTES), isWholeFile: isWholeFile && takenBytes <= SNIFF_BYTES };
  return error === undefined ? { head, chunks: replay() } : { head, chunks: replay(), error };
}

/** Detects the text format and encoding from `head` and runs the matching reader over `chunks`. */
async function readText(head: StreamHead, chunks: AsyncIterable<Uint8Array>, sink: RecordSink): Promise<ReadOutcome> {
  const detected = detectFormat(head.bytes, head.isWholeFile);
  if (detected.format === 'unknown') {
    return { format: detected.format, encoding: detected.encoding, error: detected.error };
  }

  const { outcome } = await readDetectedText(detected, chunks, sink);
  return outcome;
}
