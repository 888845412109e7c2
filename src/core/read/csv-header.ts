// Recognises UAL CSV header rows by their column names, compared case-insensitively.
import type { InputFormat } from '../types.ts';
import { RECORD_KEYS } from './shapes/audit-data-wrapper.ts';
import { describeNonRecordKeys } from './shapes/non-record-files.ts';

/** Maximum length of a raw cell that can name the AuditData column: room for a byte order mark, quotes, spaces. */
const MAX_AUDIT_DATA_CELL_LENGTH = 24;

/** Maximum length of a raw header cell of a flattened layout; longer cells mark a data row. */
const MAX_HEADER_CELL_LENGTH = 120;

/** Hawk "Simple" flattens nested AuditData values into columns such as `Folders_0_Path`. */
const HAWK_FLATTENED_COLUMN = /^(?:appaccesscontext|operationproperties|folders)_/;

/** A header without a record column: the CSV format it names, or why the file contains no audit records. */
export type FlatCsvHeader = { format: InputFormat } | { notRecords: string };

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
 * Returns the index of the column that carries the whole record (AuditData, auditData,
 * RawEventData or _raw) when `cells` is a header row, or -1. Data rows are rejected after a length
 * check, so their long AuditData cells are never copied.
 */
export function findAuditDataColumn(cells: readonly string[]): number {
  for (const name of RECORD_KEYS) {
    const index = cells.findIndex(
      (cell) => cell.length <= MAX_AUDIT_DATA_CELL_LENGTH && normalizeHeaderCell(cell) === name,
    );
    if (index >= 0) return index;
  }
  return -1;
}

/**
 * Recognises a header row without a record column: a layout whose columns are the record's
 * fields (Sentinel OfficeActivity, Hawk Simple, Splunk fields, -AuditDataOnly, Hawk and Sparrow),
 * or a file that contains no audit records. Returns undefined for anything else, data rows included.
 */
export function recognizeFlatCsvHeader(cells: readonly string[]): FlatCsvHeader | undefined {
  if (cells.length < 2 || cells.some((cell) => cell.length > MAX_HEADER_CELL_LENGTH)) {
    return undefined;
  }

  const names = new Set(cells.map(normalizeHeaderCell));
  const notRecords = describeNonRecordKeys(names);
  if (notRecords !== undefined) return { notRecords };

  if (names.has('officeworkload') || names.has('client_ipaddress')) return { format: 'sentinel-csv' };
  if ([...names].some((name) => HAWK_FLATTENED_COLUMN.test(name))) return { format: 'hawk-simple-csv' };

  const hasRecordFields = names.has('operation') && (names.has('creationtime') || names.has('workload'));
  const hasSplunkFields = names.has('_time') || [...names].some((name) => name.includes('{}'));
  if (hasSplunkFields && (hasRecordFields || names.has('clientappid'))) return { format: 'splunk-csv' };
  if (hasRecordFields) return { format: 'flattened-csv' };
  return undefined;
}

/**
 * Names the export a header with a record column comes from (see findAuditDataColumn).
 * `quoted`: the header cells are quoted, as PowerShell `Export-Csv` writes them.
 * `typeLine`: a `#TYPE` line came before the header, as Windows PowerShell 5.1 writes it.
 */
export function classifyCsvHeader(cells: readonly string[], quoted: boolean, typeLine: boolean): InputFormat {
  const names = cells.map(normalizeHeaderCell);

  if (PURVIEW_COLUMNS.every((name, index) => names[index] === name)) {
    return 'purview-csv';
  }

  if (names.includes('raweventdata')) {
    return 'defender-csv';
  }
  if (!names.includes('auditdata')) {
    return 'splunk-csv';
  }
  if (names.includes('createddatetime') || names.includes('auditlogrecordtype')) {
    return 'graph-csv';
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
