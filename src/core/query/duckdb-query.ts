// DuckDB SQL for the current settings over JSON-lines exports or the AuditData column of a Purview
// CSV. It is one statement, so it can be wrapped in a subquery or pasted into the DuckDB shell. To
// run it on Spark or MotherDuck, swap the file reader (read_ndjson) and the regular expression
// functions for that engine's.
//
// Where Splunk and Mailsweep agree, it follows Mailsweep:
// - CreationTime is read as UTC, and a zone-less time gets `Z`.
// - Fraction digits are dropped before binning.
// - Empty strings count as missing, and records with an unreadable CreationTime are left out.
// - Distinct values are sorted by byte order. This equals Mailsweep's code-unit order except
//   between characters above U+FFFF and U+E000-U+FFFF.
// - A group with no address gets an empty list.

import type { AllowListEntry } from '../allow-list/allow-list-entry.ts';
import type { DetectionSettings } from '../detect/detection-settings.ts';
import { duckDbAllowListParts } from './duckdb-allow-list.ts';
import { duckDbRecords, type DuckDbSource } from './duckdb-records.ts';
import { commonGaps, queryHeaderLines, re2Gaps } from './query-header.ts';
import { lineComments, sqlString } from './query-literals.ts';

export type { DuckDbSource } from './duckdb-records.ts';

/** A placeholder the user edits: the file name in the current directory of the DuckDB shell. */
export const DEFAULT_DUCKDB_SOURCE: Readonly<DuckDbSource> = Object.freeze({ format: 'json-lines', path: 'audit-log.jsonl' });

/** `YYYY-MM-DDTHH:MM:SS`, an optional fraction and an optional zone, as parseCreationTime accepts them. */
const CREATION_TIME_PATTERN = String.raw`^(\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d)(?:\.\d{1,7})?(Z|[+-]\d{2}:?\d{2})?\s*$`;

/**
 * Builds the query. Its columns are ESCU's (`_time` as TIMESTAMPTZ, `src_ip` and `user` as sorted
 * lists) plus `record_count`, and `near_miss` when near misses are on. Settings and entries must be
 * valid (validateDetectionSettings, checkAllowList).
 */
export function buildDuckDbQuery(
  settings: DetectionSettings,
  allowList: readonly AllowListEntry[],
  source: DuckDbSource = DEFAULT_DUCKDB_SOURCE,
): string {
  const header = queryHeaderLines(settings, allowList, `${source.format === 'json-lines' ? 'JSON-lines records' : 'a Purview CSV'} in ${source.path}`, [
    ...commonGaps(settings, 'This SQL query'),
    ...re2Gaps(settings),
    'record_count counts distinct record Ids, and each record without an Id once. Mailsweep also drops a second record with a known Id when its content differs.',
  ]);
  const allowListParts = duckDbAllowListParts(allowList);
  const span = settings.spanSeconds;

  const ctes = [
    `records AS (
  ${duckDbRecords(source)}
)`,
    `mail_items_accessed AS (
  SELECT *, regexp_extract(CreationTime, ${sqlString(CREATION_TIME_PATTERN)}, ['seconds', 'zone']) AS creation
  FROM records
  WHERE lower(Workload) = 'exchange'
    AND lower(Operation) = 'mailitemsaccessed'
    AND nullif(AppId, '') IS NOT NULL
    AND nullif(ClientAppId, '') IS NOT NULL
)`,
    `api_reads AS (
  SELECT
    nullif(Id, '') AS Id,
    CAST(floor(epoch(try_cast(creation.seconds || coalesce(nullif(creation.zone, ''), 'Z') AS TIMESTAMPTZ)) / ${span}) AS BIGINT) * ${span} AS bin_start,
    ClientAppId,
    nullif(ClientInfoString, '') AS ClientInfoString,
    nullif(ClientIPAddress, '') AS ClientIPAddress,
    ${identity(settings)} AS mailbox
  FROM mail_items_accessed
  WHERE ${apiFilter(settings)}
)`,
    ...allowListParts.ctes,
    `groups AS (
  SELECT
    bin_start,
    ClientAppId,
    ClientInfoString,
    coalesce(list_sort(list(DISTINCT ClientIPAddress) FILTER (WHERE ClientIPAddress IS NOT NULL)), []) AS src_ip,
    count(DISTINCT mailbox) AS unique_mailboxes,
    coalesce(list_sort(list(DISTINCT mailbox) FILTER (WHERE mailbox IS NOT NULL)), []) AS mailboxes,
    count(DISTINCT Id) + count(*) FILTER (WHERE Id IS NULL) AS record_count${allowListParts.aggregates.map((aggregate) => `,\n    ${aggregate}`).join('')}
  FROM api_reads${allowListParts.join === '' ? '' : `\n  ${allowListParts.join}`}
  WHERE bin_start IS NOT NULL AND ClientInfoString IS NOT NULL
  GROUP BY bin_start, ClientAppId, ClientInfoString
)`,
  ];

  const columns = ['to_timestamp(bin_start) AS _time', 'ClientAppId', 'ClientInfoString', 'src_ip', 'unique_mailboxes', 'mailboxes AS "user"', 'record_count'];
  const conditions = [];
  if (settings.includeNearMisses) {
    columns.push(`unique_mailboxes <= ${settings.threshold} AS near_miss`);
    conditions.push(`unique_mailboxes >= ${settings.threshold - 1}`);
  } else {
    conditions.push(`unique_mailboxes > ${settings.threshold}`);
  }
  if (allowListParts.suppressed !== undefined) {
    conditions.push(`NOT (\n    ${allowListParts.suppressed}\n  )`);
  }

  return `${lineComments(header, '--')}
WITH ${ctes.join(',\n')}
SELECT ${columns.join(', ')}
FROM groups
WHERE ${conditions.join('\n  AND ')}
ORDER BY bin_start, ClientAppId, ClientInfoString
`;
}

/** Returns the counted identity: UserId as in ESCU or MailboxOwnerUPN, empty as missing, lower-cased when folding case. */
function identity(settings: DetectionSettings): string {
  const column = `nullif(${settings.identity}, '')`;
  return settings.foldUserCase ? `lower(${column})` : column;
}

/** Returns ESCU's API filter with the configured Graph AppIds (any letter case) and EWS pattern (case-sensitive). */
function apiFilter(settings: DetectionSettings): string {
  const tests: string[] = [];
  if (settings.graphAppIds.length > 0) {
    tests.push(`lower(AppId) IN (${settings.graphAppIds.map((id) => sqlString(id.trim().toLowerCase())).join(', ')})`);
  }
  if (settings.ewsPattern !== '') {
    tests.push(`regexp_matches(nullif(ClientInfoString, ''), ${sqlString(settings.ewsPattern)})`);
  }

  // Without Graph AppIds and without an EWS pattern no read passes, as in Mailsweep.
  return tests.length === 0 ? 'false' : `(${tests.join(' OR ')})`;
}
