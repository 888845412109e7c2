// One RFC 4180 CSV row: cells quoted only when needed, CRLF at the end.

const ROW_END = '\r\n';

/** A cell needs quotes when it contains a comma, a double quote, CR or LF. */
const NEEDS_QUOTES = /[",\r\n]/;

/** Formats one CSV row with its CRLF ending, quoting the cells that need it. */
export function formatCsvRow(cells: readonly string[]): string {
  return cells.map(quoteCell).join(',') + ROW_END;
}

function quoteCell(cell: string): string {
  // NOTE: a leading `=`, `+`, `-` or `@` is not escaped against spreadsheet formulas here, because
  // the findings export must match a Splunk export. Other exports guard their cells before this.
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
