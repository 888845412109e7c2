// Reads an exported CSV back, as a spreadsheet or a script would, and undoes the formula guard so
// that tests can compare the cells with the values that went in.
import Papa from 'papaparse';

import type { Finding } from '../../../src/core/types.ts';

/** A guarded cell: one apostrophe was added in front of apostrophes followed by a formula trigger. */
const GUARDED_CELL = /^'+[=+\-@\t\r\0]/;

/** Removes the apostrophe that the export put in front of a formula cell; other cells are returned as they are. */
export function unguardCell(cell: string): string {
  return GUARDED_CELL.test(cell) ? cell.slice(1) : cell;
}

/** Parses CSV text with a header row into one object per row, cells still guarded. Throws on any parse error. */
export function parseCsvRows(text: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, newline: '\r\n', skipEmptyLines: true });
  if (parsed.errors.length > 0) {
    throw new Error(`The export is not valid CSV: ${JSON.stringify(parsed.errors)}`);
  }
  return parsed.data;
}

/** Parses CSV text and unguards every cell. */
export function readCsvExport(text: string): Record<string, string>[] {
  return parseCsvRows(text).map((row) => Object.fromEntries(Object.entries(row).map(([column, cell]) => [column, unguardCell(cell)])));
}

function splitValues(cell: string): string[] {
  return cell === '' ? [] : cell.split('\n');
}

function readEpochSeconds(cell: string, column: string): number {
  const milliseconds = Date.parse(cell);
  if (Number.isNaN(milliseconds)) {
    throw new Error(`Column ${column} holds "${cell}", which is not an ISO 8601 time.`);
  }
  return milliseconds / 1000;
}

function readCount(cell: string, column: string): number {
  if (!/^\d+$/.test(cell)) {
    throw new Error(`Column ${column} holds "${cell}", which is not a whole number.`);
  }
  return Number(cell);
}

/** Rebuilds the findings from the text of a findings CSV export. */
export function readFindingsCsv(text: string): Finding[] {
  return readCsvExport(text).map((row) => ({
    binStart: readEpochSeconds(row._time ?? '', '_time'),
    clientAppId: row.ClientAppId ?? '',
    clientInfoString: row.ClientInfoString ?? '',
    srcIps: splitValues(row.src_ip ?? ''),
    normalizedSrcIps: splitValues(row.src_ip_normalized ?? ''),
    uniqueMailboxes: readCount(row.unique_mailboxes ?? '', 'unique_mailboxes'),
    users: splitValues(row.user ?? ''),
    recordCount: readCount(row.record_count ?? '', 'record_count'),
    firstEventTime: readEpochSeconds(row.first_event_time ?? '', 'first_event_time'),
    lastEventTime: readEpochSeconds(row.last_event_time ?? '', 'last_event_time'),
  }));
}
