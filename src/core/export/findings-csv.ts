// CSV export of the findings. The first six columns are those of a Splunk export of the ESCU
// search, in Splunk's order, and the last four are Mailsweep's additions. RFC 4180 framing: CRLF after
// every row (header and last row included), no byte-order mark.

import type { Finding } from '../types.ts';
import { formatUtcTime } from '../time/format-utc-time.ts';
import { formatCsvRow } from './csv-row.ts';

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
  'src_ip_normalized',
] as const;

/**
 * Formats findings as CSV text, one row per finding in the given order. Times are ISO 8601 UTC.
 * Multivalue cells (`src_ip`, `user`, `src_ip_normalized`) hold their values joined by LF inside
 * one quoted cell, as Splunk exports them.
 */
export function formatFindingsCsv(findings: Finding[]): string {
  const lines = [formatCsvRow(FINDINGS_CSV_COLUMNS)];
  for (const finding of findings) {
    lines.push(
      formatCsvRow([
        formatUtcTime(finding.binStart),
        finding.clientAppId,
        finding.clientInfoString,
        finding.srcIps.join('\n'),
        String(finding.uniqueMailboxes),
        finding.users.join('\n'),
        String(finding.recordCount),
        formatUtcTime(finding.firstEventTime),
        formatUtcTime(finding.lastEventTime),
        finding.normalizedSrcIps.join('\n'),
      ]),
    );
  }
  return lines.join('');
}
