// Splits one large text export into byte ranges that can be read at the same time, one per
// worker. Ranges start at line starts. For a CSV, each range after the first is read behind the
// file's header, so its rows get the same columns. The merge checks afterwards that no record
// crossed a split (a quoted cell with a line break) and reads the file whole when one did.

import type { ByteSource } from '../types.ts';
import { detectContainer } from '../read/archive/container-magic.ts';
import { readSlice } from '../read/archive/source-chunks.ts';
import { CsvRecordReader } from '../read/csv-record-reader.ts';
import { Utf8Transcoder } from '../read/decode/utf8-transcoder.ts';
import { SNIFF_BYTES, detectFormat } from '../read/detect-format.ts';
import type { DetectedFormat } from '../read/detect-format.ts';

/**
 * Smallest range worth a worker of its own, 16 MiB: about 0.1 s of reading at the 110-200 MB/s one
 * core reads the bench's exports (BENCHMARKS.md). An estimate: below it, starting a worker and
 * merging would take a large share of the time saved.
 */
export const MIN_RANGE_BYTES = 16 * 1024 * 1024;

/** Bytes searched at a time for the line feed that ends a range. */
const LINE_SEARCH_BYTES = 64 * 1024;

/**
 * Bytes searched past a split for a line start: 16 MiB. A file whose lines are longer is read
 * whole, because a split could give some range no line at all.
 */
const MAX_LINE_SEARCH_BYTES = 16 * 1024 * 1024;

const LINE_FEED = 0x0a;

/** Byte ranges of one file and the bytes to read in front of each. */
export interface RangePlan {
  /** Format and encoding of the whole file, detected from its first bytes. */
  detected: DetectedFormat;
  /**
   * Byte offsets of the range starts, then the file size. Range `i` is bytes `bounds[i]` up to,
   * not including, `bounds[i + 1]`.
   */
  bounds: number[];
  /**
   * Bytes read in front of every range but the first. For a CSV they run from the file start
   * through the line feed of the header row. For JSON lines this is 0.
   */
  prefixBytes: number;
  /** Number of lines in the `prefixBytes` bytes. */
  prefixLines: number;
}

export interface PlanOptions {
  /**
   * Smallest range in bytes, MIN_RANGE_BYTES when absent. Tests use small files and small ranges.
   */
  minRangeBytes?: number;
}

/**
 * Plans up to `maxRanges` ranges of `source`, each starting at a line start. Returns undefined
 * when the file is to be read whole. That is the case for a file too small for two ranges, a
 * compressed file or archive, an unknown format, JSON that is not JSON lines, and UTF-16. It is
 * also the case for a CSV whose header does not end within its first 64 KiB or whose rows span
 * several lines there, and for a file with no line feed within 16 MiB after a split.
 */
export async function planRanges(source: ByteSource, maxRanges: number, options: PlanOptions = {}): Promise<RangePlan | undefined> {
  const minRangeBytes = options.minRangeBytes ?? MIN_RANGE_BYTES;
  const rangeCount = Math.min(Math.floor(maxRanges), Math.floor(source.size / minRangeBytes));
  if (rangeCount < 2) {
    return undefined;
  }

  const head = await readSlice(source, 0, Math.min(source.size, SNIFF_BYTES));
  if (detectContainer(head) !== undefined) {
    return undefined;
  }

  const detected = detectFormat(head, head.length === source.size);
  const isSingleByteText = detected.encoding === 'utf-8' || detected.encoding === 'utf-8-bom' || detected.encoding === 'windows-1252';
  if (detected.format === 'unknown' || detected.format === 'json' || !isSingleByteText) {
    return undefined;
  }

  const prefix = detected.format === 'json-lines' ? { bytes: 0, lines: 0 } : findCsvPrefix(head, detected);
  if (prefix === undefined) {
    return undefined;
  }

  const bounds = [0];
  for (let index = 1; index < rangeCount; index += 1) {
    const nominal = Math.max(prefix.bytes, Math.floor((source.size * index) / rangeCount));
    const start = await lineStartAtOrAfter(source, nominal, MAX_LINE_SEARCH_BYTES);
    if (start === undefined) return undefined;
    if (start > (bounds.at(-1) ?? 0) && start < source.size) bounds.push(start);
  }
  bounds.push(source.size);

  if (bounds.length < 3) {
    return undefined;
  }
  return { detected, bounds, prefixBytes: prefix.bytes, prefixLines: prefix.lines };
}

/**
 * Finds the bytes from the start of a CSV through the line feed of its first header row. It reads
 * the head with the CSV reader itself, so quoting and a `#TYPE` line count as in the full read.
 * Returns undefined for a CSV whose rows span several lines in the head (cells with line breaks,
 * as in pretty-printed AuditData). Most splits would fall inside a row there, and the merge would
 * reject the ranges only after reading them all.
 */
function findCsvPrefix(head: Uint8Array, detected: DetectedFormat): { bytes: number; lines: number } | undefined {
  const rows = { previousLine: 0, spanLines: false };
  const noteRow = (line: number): void => {
    rows.spanLines ||= rows.previousLine > 0 && line - rows.previousLine > 1;
    rows.previousLine = line;
  };
  const sink = {
    record: (_record: unknown, line: number): void => {
      noteRow(line);
    },
    skip: (_reason: unknown, line: number): void => {
      noteRow(line);
    },
  };
  const reader = new CsvRecordReader(sink, detected.delimiter);
  reader.push(new Utf8Transcoder(detected.encoding, true).pushText(head));
  const lines = reader.linesThroughFirstHeader;
  if (lines === 0 || rows.spanLines) {
    return undefined;
  }

  let end = -1;
  for (let line = 0; line < lines; line += 1) {
    end = head.indexOf(LINE_FEED, end + 1);
    if (end < 0) return undefined;
  }
  return { bytes: end + 1, lines };
}

/**
 * Finds the first offset at or after `offset` that starts a line, or returns the file size when
 * none does. Returns undefined after searching about `maxBytes` past `offset`, so that a file
 * with such long lines is read whole.
 */
async function lineStartAtOrAfter(source: ByteSource, offset: number, maxBytes: number): Promise<number | undefined> {
  // The byte before `offset` decides whether `offset` itself starts a line.
  let searchFrom = offset - 1;
  while (searchFrom < source.size) {
    if (searchFrom - offset > maxBytes) return undefined;
    const end = Math.min(source.size, searchFrom + LINE_SEARCH_BYTES);
    const bytes = await readSlice(source, searchFrom, end);
    const lineFeed = bytes.indexOf(LINE_FEED);
    if (lineFeed >= 0) {
      return searchFrom + lineFeed + 1;
    }
    searchFrom = end;
  }
  return source.size;
}
