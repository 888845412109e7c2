// CSV export of the findings. The first six columns are those of a Splunk export of the ESCU
// search, in Splunk's order, and the last three are Mailsweep's additions. RFC 4180 framing: CRLF after
// every row (header and last row included), no byte-order mark.

import type { Finding } from '../types.ts';
import { formatUtcTime } from '../time/format-utc-time.ts';

export const FINDINGS_CSV_COLUMNS = [
  '_time',
  'ClientAppId',
  'ClientInfoString',
  'src_ip',
  'unique_mailboxes',
  'user',
  'record_count',
  'first_event_time',
  'last_event_time',
] as const;

const ROW_END = '\r\n';

/** A cell needs quotes when it contains a comma, a double quote, CR or LF. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Formats findings as CSV text, one row per finding in the given order. Times are ISO 8601 UTC.
 * Multivalue cells (`src_ip`, `user`) hold their values joined by LF inside one quoted cell, as
 * Splunk exports them.
 */
export function formatFindingsCsv(findings: Finding[]): string {
  const lines = [formatRow(FINDINGS_CSV_COLUMNS)];
  for (const finding of findings) {
    lines.push(
      formatRow([
        formatUtcTime(finding.binStart),
        finding.clientAppId,
        finding.clientInfoString,
        finding.srcIps.join('\n'),
        String(finding.uniqueMailboxes),
        finding.users.join('\n'),
        String(finding.recordCount),
        formatUtcTime(finding.firstEventTime),
        formatUtcTime(finding.lastEventTime),
      ]),
    );
  }
  return lines.join('');
}

function formatRow(cells: readonly string[]): string {
  return cells.map(quoteCell).join(',') + ROW_END;
}

function quoteCell(cell: string): string {
  // NOTE: a leading `=`, `+`, `-` or `@` is not escaped against spreadsheet formulas, because
  // that would change values that must match a Splunk export.
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
