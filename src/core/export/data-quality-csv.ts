// CSV export of the data-quality report: one row per analysed file (or archive member) with what
// was read, what was skipped and why, the time range and the notices. RFC 4180 framing as in the
// findings export: CRLF after every row, no byte-order mark.

import type { FileReport } from '../types.ts';
import { formatUtcTime } from '../time/format-utc-time.ts';
import { formatCsvRow } from './csv-row.ts';

export const DATA_QUALITY_CSV_COLUMNS = [
  'file',
  'size_bytes',
  'format',
  'encoding',
  'records_read',
  'mail_items_accessed',
  'duplicates_removed',
  'skipped_total',
  'skipped_by_reason',
  'first_record_time',
  'last_record_time',
  'notices',
  'error',
] as const;

/** Characters that make a spreadsheet read a cell as a formula when they start it. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Formats the data-quality report of every file as CSV text, in the given order. Multivalue cells
 * hold one entry per line: `skipped_by_reason` as `reason: count (lines 4, 9)` and `notices` as
 * `code: message`. Times are ISO 8601 UTC, empty for a file without timed records.
 */
export function formatDataQualityCsv(files: readonly FileReport[]): string {
  const lines = [formatCsvRow(DATA_QUALITY_CSV_COLUMNS)];
  for (const file of files) {
    const skippedTotal = file.skipped.reduce((sum, skip) => sum + skip.count, 0);
    const skippedByReason = file.skipped.map((skip) => {
      const lineNoun = skip.firstLines.length === 1 ? 'line' : 'lines';
      const lineList = skip.firstLines.length > 0 ? ` (${lineNoun} ${skip.firstLines.join(', ')})` : '';
      return `${skip.reason}: ${skip.count}${lineList}`;
    });
    const notices = file.notices.map((notice) => `${notice.code}: ${notice.message}`);

    lines.push(
      formatCsvRow([
        guardFormula(file.name),
        String(file.sizeBytes),
        file.format,
        file.encoding,
        String(file.recordsRead),
        String(file.mailItemsAccessed),
        String(file.duplicatesRemoved),
        String(skippedTotal),
        skippedByReason.join('\n'),
        file.firstRecordTime === undefined ? '' : formatUtcTime(file.firstRecordTime),
        file.lastRecordTime === undefined ? '' : formatUtcTime(file.lastRecordTime),
        guardFormula(notices.join('\n')),
        guardFormula(file.error ?? ''),
      ]),
    );
  }
  return lines.join('');
}

/**
 * Prefixes an apostrophe to text that a spreadsheet would run as a formula. File names come from
 * the user's disk, so a name such as `=HYPERLINK(...).csv` must stay text when the CSV is opened.
 */
function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
