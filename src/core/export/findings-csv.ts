// CSV export of the findings. The first six columns are those of a Splunk export of the ESCU
// search, in Splunk's order, and the last four are Mailsweep's additions. RFC 4180 framing: CRLF after
// every row (header and last row included), no byte-order mark. Cells match a Splunk export except
// those that start like a formula, which formatCsvRow prefixes with an apostrophe.

import type { Finding } from '../types.ts';
import { formatUtcTime } from '../time/format-utc-time.ts';
import { formatCsvRow } from './csv-row.ts';
import type { TrailingColumns } from './provenance-columns.ts';

/** Column added after all others when the export is given application names. */
export const APP_NAME_CSV_COLUMN = 'client_app_name';

export interface FindingsCsvOptions {
  /**
   * Returns the display name of a ClientAppId (or the text for an unknown id). When given, the
   * column `client_app_name` follows the others, so the ESCU columns keep their places.
   */
  appName?: (clientAppId: string) => string;
  /** Columns appended after all others, such as `provenanceColumns`. */
  trailing?: TrailingColumns;
}

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
export function formatFindingsCsv(findings: Finding[], options: FindingsCsvOptions = {}): string {
  const { appName, trailing } = options;
  const header = appName ? [...FINDINGS_CSV_COLUMNS, APP_NAME_CSV_COLUMN] : [...FINDINGS_CSV_COLUMNS];
  const lines = [formatCsvRow([...header, ...(trailing?.names ?? [])])];
  for (const finding of findings) {
    const nameCells = appName ? [appName(finding.clientAppId)] : [];
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
        ...nameCells,
        ...(trailing?.cells ?? []),
      ]),
    );
  }
  return lines.join('');
}
