// CSV export of one finding's drill-down: one row per record, in time order, with the finding's
// ClientAppId and ClientInfoString on every row, so the file is complete without the findings export. Columns named after
// a UAL field contain that field as logged, and the lower-case ones are Mailsweep's. RFC 4180 framing as
// in the findings export (CRLF after every row, no byte-order mark), and formatCsvRow turns cells
// that start like a formula into text.

import type { DrillDown } from '../detect/drill-down.ts';
import { formatUtcTime } from '../time/format-utc-time.ts';
import { formatCsvRow } from './csv-row.ts';
import type { TrailingColumns } from './provenance-columns.ts';

export const DRILL_DOWN_CSV_COLUMNS = [
  'time',
  'ClientAppId',
  'ClientInfoString',
  'UserId',
  'MailboxOwnerUPN',
  'ClientIPAddress',
  'AppId',
  'MailAccessType',
  'OperationCount',
  'IsThrottled',
  'folder_paths',
  'internet_message_id_count',
] as const;

/**
 * Formats the records of a drill-down as CSV text. Times are ISO 8601 UTC, and IsThrottled is
 * `True` or `False` as the log writes it. Folder paths are joined by LF inside one cell, as Splunk
 * exports multivalue fields. A field that the record lacks is an empty cell.
 */
export function formatDrillDownCsv(drillDown: DrillDown, trailing?: TrailingColumns): string {
  const lines = [formatCsvRow([...DRILL_DOWN_CSV_COLUMNS, ...(trailing?.names ?? [])])];
  for (const record of drillDown.records) {
    lines.push(
      formatCsvRow([
        formatUtcTime(record.time),
        drillDown.clientAppId,
        drillDown.clientInfoString,
        record.userId ?? '',
        record.mailboxOwnerUpn ?? '',
        record.clientIp ?? '',
        record.appId ?? '',
        record.mailAccessType ?? '',
        record.operationCount === undefined ? '' : String(record.operationCount),
        formatThrottled(record.isThrottled),
        record.folderPaths.join('\n'),
        record.messageIdCount === undefined ? '' : String(record.messageIdCount),
        ...(trailing?.cells ?? []),
      ]),
    );
  }
  return lines.join('');
}

function formatThrottled(isThrottled: boolean | undefined): string {
  if (isThrottled === undefined) {
    return '';
  }
  return isThrottled ? 'True' : 'False';
}
