// Reading the page's CSV exports in browser tests: every export is the core's CSV followed by
// columns that the page adds (application names, then settings, version and input hashes).
import { expect } from '@playwright/test';
import Papa from 'papaparse';

/** Columns that end every CSV export from the page: how it was made. */
export const PROVENANCE_COLUMNS = ['detection_settings', 'mailsweep_version', 'input_files'];

/** Parses CRLF-framed CSV text into rows of cells. */
export function parseCsv(text: string): string[][] {
  return Papa.parse<string[]>(text, { newline: '\r\n', skipEmptyLines: true }).data;
}

/**
 * Checks that `exported` starts every row with the cells of `coreCsv`, header included, and
 * returns the rows' remaining cells: the columns the page added.
 */
export function expectCoreColumnsFirst(exported: string, coreCsv: string): string[][] {
  const coreRows = parseCsv(coreCsv);
  const rows = parseCsv(exported);
  const width = coreRows[0]?.length ?? 0;

  expect(exported.startsWith(`${coreCsv.split('\r\n')[0] ?? ''},`)).toBe(true);
  expect(rows.map((row) => row.slice(0, width))).toEqual(coreRows);
  return rows.map((row) => row.slice(width));
}
