// CSV export of the data-quality report: one row per analysed file (or archive member) with what
// was read, what was skipped and why, the time range and the notices. RFC 4180 framing as in the
// findings export: CRLF after every row, no byte-order mark. formatCsvRow guards formula cells,
// such as a file name that starts with `=`.

import type { FileReport } from '../types.ts';
import { formatUtcTime } from '../time/format-utc-time.ts';
import { formatCsvRow } from './csv-row.ts';
import type { TrailingColumns } from './provenance-columns.ts';

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

/**
 * Formats the data-quality report of every file as CSV text, in the given order. Multivalue cells
 * hold one entry per line: `skipped_by_reason` as `reason: count (lines 4, 9)` and `notices` as
 * `code: message`. Times are ISO 8601 UTC, empty for a file without timed records.
 */
export function formatDataQualityCsv(files: readonly FileReport[], trailing?: TrailingColumns): string {
  const lines = [formatCsvRow([...DATA_QUALITY_CSV_COLUMNS, ...(trailing?.names ?? [])])];
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
        file.name,
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
        notices.join('\n'),
        file.error ?? '',
        ...(trailing?.cells ?? []),
      ]),
    );
  }
  return lines.join('');
}

