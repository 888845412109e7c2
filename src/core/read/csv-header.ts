// Recognises UAL CSV header rows by their column names, compared case-insensitively.
import type { InputFormat } from '../types.ts';

const AUDIT_DATA = 'auditdata';

/** Maximum length of a raw cell that can name the AuditData column: room for a byte order mark, quotes, spaces. */
const MAX_AUDIT_DATA_CELL_LENGTH = 24;

const PURVIEW_COLUMNS = ['recordid', 'creationdate', 'recordtype', 'operation', 'userid', 'auditdata'];
const PURVIEW_CLASSIC_COLUMNS = ['creationdate', 'userids', 'operations', 'auditdata'];
/**
 * Columns of the Search-UnifiedAuditLog output object. The classic portal export shares UserIds and
 * Operations, so its exact header is checked before these.
 */
const SEARCH_UAL_COLUMNS = new Set([
  'userids',
  'operations',
  'identity',
  'resultindex',
  'resultcount',
  'runspaceid',
  'pscomputername',
  'psshowcomputername',
  'isvalid',
  'objectstate',
]);

/**
 * Normalises a header cell for comparison: drops a byte order mark (a concatenated file can
 * carry one in the middle), surrounding whitespace and quotes, and case.
 */
export function normalizeHeaderCell(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim()
    .toLowerCase();
}

/**
 * Returns the index of the AuditData column when `cells` is a header row, or -1. Data rows are
 * rejected after a length check, so their long AuditData cells are never copied.
 */
export function findAuditDataColumn(cells: readonly string[]): number {
  return cells.findIndex(
    (cell) => cell.length <= MAX_AUDIT_DATA_CELL_LENGTH && normalizeHeaderCell(cell) === AUDIT_DATA,
  );
}

/**
 * Names the export a header with an AuditData column comes from.
 * `quoted`: the header cells are quoted, as PowerShell `Export-Csv` writes them.
 * `typeLine`: a `#TYPE` line came before the header, as Windows PowerShell 5.1 writes it.
 */
export function classifyCsvHeader(cells: readonly string[], quoted: boolean, typeLine: boolean): InputFormat {
  const names = cells.map(normalizeHeaderCell);

  if (PURVIEW_COLUMNS.every((name, index) => names[index] === name)) {
    return 'purview-csv';
  }

  const isClassic =
    names.length === PURVIEW_CLASSIC_COLUMNS.length &&
    PURVIEW_CLASSIC_COLUMNS.every((name, index) => names[index] === name);
  if (isClassic && !quoted && !typeLine) {
    return 'purview-classic-csv';
  }

  if (typeLine || names.some((name) => SEARCH_UAL_COLUMNS.has(name))) {
    return 'search-ual-csv';
  }

  // Other exports with an AuditData column (Graph audit log CSV, hand-made selections) carry
  // the record the same way as the Purview export, which is the closest match.
  return 'purview-csv';
}
