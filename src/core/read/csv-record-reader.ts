// Reads UAL records from the AuditData column of a CSV export, streaming slice by slice.
import Papa from 'papaparse';
import type { RecordSink } from './read-audit-file.ts';
import { findAuditDataColumn } from './csv-header.ts';
import { MAX_RECORD_SIZE, RecordTooLargeError } from './record-too-large-error.ts';
import { readAuditData } from './unwrap-record.ts';

/** Step result of PapaParse's low-level `Parser`: one row, and the offset where it ends. */
interface ParserStep {
  data: string[][];
  meta: { cursor: number };
}

/**
 * Parses CSV text that arrives in pieces. Each piece is parsed together with the incomplete row
 * left over from the previous one (the way PapaParse's own chunk streamer carries its partial
 * line), so quoted cells with line breaks and `""` escapes may span slice borders.
 *
 * Rows are split on LF. A CR before it stays in an unquoted last cell and is removed here, while
 * PapaParse already drops it after a quoted last cell. So CRLF, LF and files that mix them read
 * the same.
 */
export class CsvRecordReader {
  private readonly sink: RecordSink;
  private readonly maxRowLength: number;
  private readonly decoder = new TextDecoder('utf-8');
  private readonly parser: Papa.Parser;

  /** The incomplete last row of the text parsed so far, and the 1-based line it starts on. */
  private pending = '';
  private pendingLine = 1;

  /** Text being parsed, and the offset and line of the next row in it. */
  private input = '';
  private rowStart = 0;
  private rowLine = 1;

  /** Column of AuditData in the latest header row, or -1 before the first header. */
  private auditDataColumn = -1;

  constructor(sink: RecordSink, delimiter: string, maxRowLength: number = MAX_RECORD_SIZE) {
    this.sink = sink;
    this.maxRowLength = maxRowLength;
    this.parser = new Papa.Parser({
      delimiter,
      newline: '\n',
      quoteChar: '"',
      step: (step: unknown) => {
        this.takeRow(step as ParserStep);
      },
    });
  }

  /** Decodes and parses the next slice of the file. A character split across slices waits for its remaining bytes. */
  push(bytes: Uint8Array): void {
    const text = this.decoder.decode(bytes, { stream: true });

    // A piece without a line break cannot complete a row, so it only joins the pending text.
    // Parsing it anyway would parse the pending row again for every small slice.
    if (!text.includes('\n')) {
      this.pending += text;
      if (this.pending.length > this.maxRowLength) {
        throw new RecordTooLargeError(this.pendingLine, this.maxRowLength);
      }
      return;
    }

    this.parseText(text, false);
  }

  /** Parses what is left, including a last row without a line break. */
  finish(): void {
    this.parseText(this.decoder.decode(), true);
  }

  private parseText(text: string, isLast: boolean): void {
    this.input = this.pending + text;
    this.rowStart = 0;
    this.rowLine = this.pendingLine;

    // With ignoreLastRow set, the parser stops before a row that may continue in the next piece.
    this.parser.parse(this.input, 0, !isLast);

    this.pending = isLast ? '' : this.input.slice(this.rowStart);
    this.pendingLine = this.rowLine;
    this.input = '';

    if (this.pending.length > this.maxRowLength) {
      throw new RecordTooLargeError(this.pendingLine, this.maxRowLength);
    }
  }

  private takeRow(step: ParserStep): void {
    const cells = step.data[0];
    const rowEnd = step.meta.cursor;
    const line = this.rowLine;

    this.rowLine += countLineFeeds(this.input, this.rowStart, rowEnd);
    this.rowStart = rowEnd;

    if (cells !== undefined) {
      this.readRow(cells, line);
    }
  }

  private readRow(cells: string[], line: number): void {
    const lastIndex = cells.length - 1;
    const last = cells[lastIndex];
    if (last?.endsWith('\r')) {
      cells[lastIndex] = last.slice(0, -1);
    }

    const first = cells[0] ?? '';
    if (cells.length === 1 && first.trim() === '') {
      return;
    }

    // Windows PowerShell's Export-Csv writes "#TYPE <type name>" first, and concatenated files repeat it.
    if (first.startsWith('#TYPE') || first.startsWith('\uFEFF#TYPE')) {
      return;
    }

    // A header row, first or repeated (concatenated exports, possibly of another module version).
    const headerAuditDataColumn = findAuditDataColumn(cells);
    if (headerAuditDataColumn >= 0) {
      this.auditDataColumn = headerAuditDataColumn;
      return;
    }

    const cell = this.auditDataColumn >= 0 ? cells[this.auditDataColumn] : undefined;
    const result = readAuditData(cell);
    if ('record' in result) {
      this.sink.record(result.record, line);
    } else {
      this.sink.skip(result.skip, line);
    }
  }
}

function countLineFeeds(text: string, start: number, end: number): number {
  let count = 0;
  let index = text.indexOf('\n', start);
  while (index !== -1 && index < end) {
    count++;
    index = text.indexOf('\n', index + 1);
  }
  return count;
}
