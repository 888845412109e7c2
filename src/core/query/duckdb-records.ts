// The `records` source of the DuckDB query: the UAL fields the detection reads, as VARCHAR, from
// a JSON-lines export or from the AuditData column of a Purview audit search CSV.

import { sqlString } from './query-literals.ts';

/** Input of the DuckDB query. `path` may be a glob such as `exports/*.jsonl`. */
export interface DuckDbSource {
  format: 'json-lines' | 'purview-csv';
  path: string;
}

/** Record keys read, matched case-sensitively as in the UAL schema. */
const RECORD_COLUMNS = [
  'Id',
  'CreationTime',
  'Workload',
  'Operation',
  'AppId',
  'ClientAppId',
  'ClientInfoString',
  'ClientIPAddress',
  'UserId',
  'MailboxOwnerUPN',
];

/** Maximum size of a JSON record or CSV line, in bytes (16 MiB), set for both readers so that a large record is read, not rejected. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/**
 * Returns a SELECT of the record columns. Lines or cells that are not JSON are skipped, as
 * Mailsweep skips them.
 * NOTE: a JSON number or boolean read as VARCHAR becomes its JSON text (`1.0`, `true`). Mailsweep
 * reads numbers with String() and ignores booleans. The detection fields are strings in every
 * export seen so far.
 */
export function duckDbRecords(source: DuckDbSource): string {
  if (source.format === 'json-lines') {
    const columns = RECORD_COLUMNS.map((column) => `${column}: 'VARCHAR'`).join(', ');
    return (
      `SELECT * FROM read_ndjson(${sqlString(source.path)}, columns = {${columns}}, ` +
      `maximum_object_size = ${MAX_RECORD_BYTES}, ignore_errors = true)`
    );
  }

  const structType = `{${RECORD_COLUMNS.map((column) => `"${column}": "VARCHAR"`).join(', ')}}`;
  const csv =
    `read_csv(${sqlString(source.path)}, header = true, delim = ',', quote = '"', escape = '"', ` +
    `all_varchar = true, max_line_size = ${MAX_RECORD_BYTES})`;
  return `SELECT unnest(try(json_transform(AuditData, ${sqlString(structType)}))) FROM ${csv}`;
}
