// Reads UAL records from a CSV export, streaming slice by slice: from the column that carries the
// record (AuditData, RawEventData, _raw), or from columns that are the record's fields.
import Papa from 'papaparse';
import type { InputFormat } from '../types.ts';
import type { RecordSink } from './read-audit-file.ts';
import { findAuditDataColumn, recognizeFlatCsvHeader } from './csv-header.ts';
import { splitSimpleRow } from './csv-simple-row.ts';
import { MAX_RECORD_SIZE, RecordTooLargeError } from './record-too-large-error.ts';
import { deliverUnwrapped } from './unwrap-record.ts';

/** Text that PowerShell's Export-Csv writes in place of an array. Nothing of the array survives, so the cell counts as empty. */
const POWERSHELL_ARRAY_PLACEHOLDER = 'System.Object[]';

/** The latest header row: its column names, and the column that carries the record (-1 for field columns). */
interface CsvHeader {
  names: string[];
  recordColumn: number;
  /** Set when the header shows the file contains no audit records. */
  notRecords?: string;
}


const BYTE_ORDER_MARK = '\uFEFF';

/** Length above which a cell cannot be a column name; audit records in JSON are longer. */
const MAX_HEADER_CELL_TEXT = 256;
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
  /** Receives the records. finish() swaps it for one that names a cut last row. */
  private sink: RecordSink;
  private readonly maxRowLength: number;
  /** Whether rows go through `splitSimpleRow` before PapaParse. */
  private readonly splitsSimpleRows: boolean;
  /** Character code of the one-character delimiter. */
  private readonly delimiter: number;
  /** True until the first non-empty piece of text arrives. */
  private atStart = true;
  /** Replaced after each abort, because an aborted PapaParse parser stops every later parse at once. */
  private parser: Papa.Parser;
  private readonly delimiterText: string;
  /** Set when a row swallowed the lines after it and parsing must start again at `rowStart`. */
  private resyncing = false;

  /** The incomplete last row of the text parsed so far, and the 1-based line it starts on. */
  private pending = '';
  private pendingLine = 1;

  /** Text being parsed, and the offset and line of the next row in it. */
  private input = '';
  private rowStart = 0;
  private rowLine = 1;

  /** The latest header row, undefined before the first one. */
  private header: CsvHeader | undefined;

  /** Format named by the first header without a record column (Sentinel, Hawk Simple, Splunk fields, flattened). */
  flatFormat: InputFormat | undefined;
  /** Set when a header shows that the file contains no audit records. The message names the file kind and the export to use. */
  notRecordsMessage: string | undefined;

  /** Header rows read so far, repeated headers of concatenated exports included. */
  headerRows = 0;

  /** Lines from the start of the text to the end of the first header row, 0 before one is read. */
  linesThroughFirstHeader = 0;

  /** Line feeds in the rows parsed so far: all of the text after finish(). */
  get lineFeeds(): number {
    return this.pendingLine - 1;
  }

  /** True when the text pushed so far ends with a whole row: no row is left open for the next piece. */
  get isBetweenRecords(): boolean {
    return this.pending === '' && !this.resyncing;
  }

  /**
   * `simpleRows: false` sends every row through PapaParse, for tests that compare the two paths.
   * Results are the same either way.
   */
  constructor(sink: RecordSink, delimiter: string, maxRowLength: number = MAX_RECORD_SIZE, { simpleRows = true } = {}) {
    this.sink = sink;
    this.splitsSimpleRows = simpleRows;
    this.delimiter = delimiter.charCodeAt(0);
    this.maxRowLength = maxRowLength;
    this.delimiterText = delimiter;
    this.parser = this.createParser();
  }

  private createParser(): Papa.Parser {
    return new Papa.Parser({
      delimiter: this.delimiterText,
      newline: '\n',
      quoteChar: '"',
      step: (step: unknown) => {
        this.takeRow(step as ParserStep);
      },
    });
  }

  /**
   * Parses the next piece of the file's text. A byte order mark at the very start is dropped. One
   * later in the file (concatenated exports) stays and is handled where a header is expected.
   */
  push(piece: string): void {
    let text = piece;
    if (this.atStart && text.length > 0) {
      this.atStart = false;
      if (text.startsWith(BYTE_ORDER_MARK)) text = text.slice(1);
    }

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

  /**
   * Parses what is left, including a last row without a line break. Such a row whose record cell is
   * not valid JSON was cut off with the file, so it is skipped as 'truncated-record'.
   */
  finish(): void {
    const sink = this.sink;
    // A file that ends in CR lost only the LF of its CRLF, so its last row is whole.
    if (this.pending.trim() !== '' && !this.pending.endsWith('\r')) {
      this.sink = {
        record: (record, line, context) => {
          sink.record(record, line, context);
        },
        skip: (reason, line) => {
          sink.skip(reason === 'invalid-audit-data' ? 'truncated-record' : reason, line);
        },
      };
    }

    try {
      this.parseText('', true);
    } finally {
      this.sink = sink;
    }
  }

  private parseText(text: string, isLast: boolean): void {
    const pending = this.pending;
    if (pending === '' || isLast) {
      this.parseInput(pending + text, 0, isLast);
    } else {
      // The row left open by the previous piece is completed with this piece's first line only.
      // Joined with the whole piece, it made a string that V8 flattened, an 8 MiB copy per slice,
      // before the first search. A row still open after that line (a quoted cell with line
      // breaks) is joined with the rest of the piece.
      const firstLineEnd = text.indexOf('\n') + 1;
      this.parseInput(pending + text.slice(0, firstLineEnd), 0, false);
      if (this.pending === '') {
        this.parseInput(text, firstLineEnd, false);
      } else {
        this.parseInput(this.pending + text.slice(firstLineEnd), 0, false);
      }
    }

    if (this.pending.length > this.maxRowLength) {
      throw new RecordTooLargeError(this.pendingLine, this.maxRowLength);
    }
  }

  /** Parses the rows of `input` from offset `start` on, and keeps what is left as the pending text. */
  private parseInput(input: string, start: number, isLast: boolean): void {
    this.input = input;
    this.rowStart = start;
    this.rowLine = this.pendingLine;

    for (;;) {
      if (this.splitsSimpleRows) this.splitSimpleRows(isLast);

      // PapaParse reads from the first row the fast splitter left. With ignoreLastRow set, it stops
      // before a row that may continue in the next piece.
      if (this.rowStart < this.input.length) {
        this.parser.parse(this.rowStart === 0 ? this.input : this.input.slice(this.rowStart), this.rowStart, !isLast);
      }
      if (!this.resyncing) break;

      this.resyncing = false;
      this.parser = this.createParser();
    }

    this.pending = isLast ? '' : this.input.slice(this.rowStart);
    this.pendingLine = this.rowLine;
    this.input = '';
  }

  /** Reads rows with `splitSimpleRow` from `rowStart` until it declines one. */
  private splitSimpleRows(isLast: boolean): void {
    const input = this.input;
    for (;;) {
      const row = splitSimpleRow(input, this.rowStart, this.delimiter, isLast);
      if (row === undefined) return;

      const rowStart = this.rowStart;
      const line = this.rowLine;
      this.rowLine += row.lineFeeds;
      this.rowStart = row.end;
      if (this.resyncAfterSwallowedLines(row.cells, rowStart, line)) continue;

      this.readRow(row.cells, line);
      if (row.end >= input.length) return;
    }
  }

  private takeRow(step: ParserStep): void {
    const cells = step.data[0];
    const rowStart = this.rowStart;
    const rowEnd = step.meta.cursor;
    const line = this.rowLine;

    this.rowLine += countLineFeeds(this.input, rowStart, rowEnd);
    this.rowStart = rowEnd;

    if (cells === undefined) {
      return;
    }
    if (this.resyncAfterSwallowedLines(cells, rowStart, line)) {
      this.resyncing = true;
      this.parser.abort();
      return;
    }
    this.readRow(cells, line);
  }

  /**
   * Skips the first line of a row that swallowed the lines after it, and moves `rowStart` to its
   * second line, where reading starts again. Returns false, changing nothing, for any other row.
   * Both splitters call it, so they read such a file the same way.
   */
  private resyncAfterSwallowedLines(cells: readonly string[], rowStart: number, line: number): boolean {
    if (!this.swallowedNextLines(cells)) return false;

    this.sink.skip('invalid-audit-data', line);
    this.rowStart = this.input.indexOf('\n', rowStart) + 1;
    this.rowLine = line + 1;
    return true;
  }

  /**
   * Tells whether a quote that was never closed made one row of several lines: the row has more
   * cells than the header, and its record cell spans a line break without ending like a JSON
   * object. An export writes every row with the header's cells, and a record that spans lines
   * (pretty-printed JSON) still ends with its closing brace.
   */
  private swallowedNextLines(cells: readonly string[]): boolean {
    const header = this.header;
    if (header === undefined || header.recordColumn < 0 || cells.length <= header.names.length) {
      return false;
    }
    const recordCell = cells[header.recordColumn] ?? '';
    return recordCell.includes('\n') && !recordCell.trimEnd().endsWith('}');
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

    if (this.mayBeHeader(cells) && this.readHeader(cells)) {
      return;
    }

    const header = this.header;
    if (header === undefined) {
      this.sink.skip('missing-audit-data', line);
      return;
    }
    if (header.notRecords !== undefined) {
      this.sink.skip('not-a-record', line);
      return;
    }

    const delivered = deliverUnwrapped(rowObject(header, cells), this.sink, line);
    this.notRecordsMessage ??= delivered.notRecords;
  }

  /**
   * Tells whether `cells` could be a header row. A row whose cell under the current record column
   * is longer than any column name is data, so the header checks (which normalise every short
   * cell) are skipped for almost every row of an AuditData export. A short record cell still gets
   * the full check, which is slower but equally correct.
   */
  private mayBeHeader(cells: readonly string[]): boolean {
    const recordColumn = this.header?.recordColumn ?? -1;
    if (recordColumn < 0) {
      return true;
    }
    return (cells[recordColumn]?.length ?? 0) <= MAX_HEADER_CELL_TEXT;
  }

  /**
   * Takes `cells` as the new header when they are one: a row with a record column, a header of a
   * flattened layout, or the current header repeated (concatenated exports, possibly of another
   * module version). Returns whether the row was a header.
   */
  private readHeader(cells: string[]): boolean {
    const recordColumn = findAuditDataColumn(cells);
    if (recordColumn >= 0) {
      this.header = makeHeader(cells, recordColumn);
      this.countHeaderRow();
      return true;
    }

    const flat = recognizeFlatCsvHeader(cells);
    if (flat === undefined) {
      return false;
    }

    const header = makeHeader(cells, -1);
    if ('format' in flat) {
      this.flatFormat ??= flat.format;
    } else {
      header.notRecords = flat.notRecords;
      this.notRecordsMessage ??= flat.notRecords;
    }
    this.header = header;
    this.countHeaderRow();
    return true;
  }

  /** Counts a header row just read; `rowLine` is already the line after it. */
  private countHeaderRow(): void {
    if (this.headerRows === 0) this.linesThroughFirstHeader = this.rowLine - 1;
    this.headerRows += 1;
  }
}

function makeHeader(cells: string[], recordColumn: number): CsvHeader {
  const names = cells.map((cell) => cell.replace(/^\uFEFF/, '').trim().replace(/^"(.*)"$/, '$1').trim());
  return { names, recordColumn };
}

/**
 * Builds the object that `deliverUnwrapped` unwraps from one data row: the record column (present even
 * when its cell is missing, so the row is skipped as 'missing-audit-data') and every other non-empty cell.
 */
function rowObject(header: CsvHeader, cells: string[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  header.names.forEach((name, index) => {
    const cell = cells[index];
    if (index === header.recordColumn) {
      row[name] = cell;
    } else if (cell !== undefined && cell !== '' && cell !== POWERSHELL_ARRAY_PLACEHOLDER && name !== '') {
      row[name] ??= cell;
    }
  });
  return row;
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
