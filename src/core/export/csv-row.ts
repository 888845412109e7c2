// One RFC 4180 CSV row: cells quoted only when needed, CRLF at the end, and every cell that a
// spreadsheet would run as a formula turned into text. Every CSV export goes through here, so the
// guard cannot be forgotten in one of them.

const ROW_END = '\r\n';

/** A cell needs quotes when it contains a comma, a double quote, CR or LF. */
const NEEDS_QUOTES = /[",\r\n]/;

/** Prefix that makes a spreadsheet read a cell as text. Some programs show the apostrophe itself. */
export const FORMULA_GUARD = "'";

/**
 * A cell that a spreadsheet may evaluate starts with `=`, `+`, `-`, `@`, tab, CR or NUL (the list
 * of OWASP ASVS 5.0, requirement 1.2.10, plus CR). Apostrophes before the trigger are matched too,
 * so a value that already starts with `'=` gets one more. A reader then gets the value back by
 * removing one apostrophe from each cell that matches `^'+[=+\-@\t\r\0]`, and from no other cell.
 */
const FORMULA_START = /^'*[=+\-@\t\r\0]/;

/** A plain decimal number such as `-5`, `+1.5` or `-2e3`: a spreadsheet reads it as a number, never as a formula. */
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Formats one CSV row with its CRLF ending, guarding formula cells and quoting the cells that need it. */
export function formatCsvRow(cells: readonly string[]): string {
  return cells.map((cell) => quoteCell(guardFormula(cell))).join(',') + ROW_END;
}

/**
 * Prefixes FORMULA_GUARD to a cell that a spreadsheet would run as a formula, and keeps numbers as
 * they are. Field values come from files that an attacker may have written, for example a UserId
 * of `=HYPERLINK("https://...")` or a file name that starts with `@`. Only the start of the cell
 * counts, so a multivalue cell whose later lines start with `=` is left as it is.
 */
export function guardFormula(cell: string): string {
  if (!FORMULA_START.test(cell) || PLAIN_NUMBER.test(cell)) {
    return cell;
  }
  return `${FORMULA_GUARD}${cell}`;
}

function quoteCell(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
