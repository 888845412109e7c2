// DuckDB SQL for ESCU's "O365 Multiple Mailboxes Accessed via API" over a JSON-lines file or over
// the AuditData column of a Purview CSV.

/** Record keys the detection reads, all as VARCHAR. JSON keys are matched case-sensitively. */
const RECORD_COLUMNS = ['Workload', 'Operation', 'AppId', 'ClientAppId', 'ClientInfoString', 'ClientIPAddress', 'UserId', 'CreationTime'];

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function columnTypes(): string {
  return RECORD_COLUMNS.map((column) => `${column}: 'VARCHAR'`).join(', ');
}

/** Reads the needed keys from one JSON record per line. */
function jsonLinesRecords(filePath: string): string {
  return `SELECT * FROM read_ndjson(${sqlString(filePath)}, columns = {${columnTypes()}}, maximum_object_size = 16777216)`;
}

/**
 * Reads the AuditData column of a Purview CSV and parses each cell once with json_transform.
 * AuditData cells that are not JSON fail the query, so the harness only feeds generated files.
 */
function purviewCsvRecords(filePath: string): string {
  const structType = `{${RECORD_COLUMNS.map((column) => `"${column}": "VARCHAR"`).join(', ')}}`;
  const csv = `read_csv(${sqlString(filePath)}, header = true, delim = ',', quote = '"', escape = '"', all_varchar = true, max_line_size = 16777216)`;
  return `SELECT unnest(json_transform(AuditData, ${sqlString(structType)})) FROM ${csv}`;
}

/**
 * Builds the detection over `records`. CreationTime has no zone suffix but is UTC, so the session
 * time zone must be UTC (the caller sets it) for the TIMESTAMPTZ cast. Records whose CreationTime
 * does not parse are left out, as Mailsweep skips them. An empty string counts as missing in every
 * field, as in Mailsweep.
 * NOTE: a JSON number or boolean read as VARCHAR becomes its JSON text (`1.0`, `true`), where
 * Mailsweep reads numbers with String() and ignores booleans. The generated files have strings only.
 */
function detectionOver(records: string, spanSeconds: number, threshold: number): string {
  return `
WITH records AS (${records}),
api_reads AS (
  SELECT
    CAST(floor(epoch(try_cast(trim(CreationTime) AS TIMESTAMPTZ)) / ${spanSeconds}) * ${spanSeconds} AS DOUBLE) AS bin_start,
    ClientAppId,
    nullif(ClientInfoString, '') AS ClientInfoString,
    nullif(ClientIPAddress, '') AS ClientIPAddress,
    nullif(UserId, '') AS UserId
  FROM records
  WHERE lower(Workload) = 'exchange'
    AND lower(Operation) = 'mailitemsaccessed'
    AND AppId IS NOT NULL AND AppId <> ''
    AND ClientAppId IS NOT NULL AND ClientAppId <> ''
    AND (lower(AppId) = '${GRAPH_APP_ID}' OR regexp_matches(ClientInfoString, '^Client=WebServices;ExchangeWebServices'))
)
SELECT
  bin_start,
  ClientAppId AS client_app_id,
  ClientInfoString AS client_info_string,
  list_sort(list(DISTINCT ClientIPAddress) FILTER (WHERE ClientIPAddress IS NOT NULL)) AS src_ips,
  CAST(count(DISTINCT UserId) AS DOUBLE) AS unique_mailboxes,
  list_sort(list(DISTINCT UserId) FILTER (WHERE UserId IS NOT NULL)) AS users
FROM api_reads
WHERE bin_start IS NOT NULL AND ClientInfoString IS NOT NULL
GROUP BY bin_start, ClientAppId, ClientInfoString
HAVING count(DISTINCT UserId) > ${threshold}
ORDER BY bin_start, ClientAppId, ClientInfoString`;
}

export type BenchFileFormat = 'json-lines' | 'purview-csv';

/** Returns the detection query for one file, with ESCU's 600-second span and threshold 5. */
export function detectionSql(filePath: string, format: BenchFileFormat): string {
  const records = format === 'json-lines' ? jsonLinesRecords(filePath) : purviewCsvRecords(filePath);
  return detectionOver(records, 600, 5);
}
