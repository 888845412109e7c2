// Child process: runs the detection in DuckDB on one file and prints an EngineRunOutput as JSON.
//
// Usage: tsx scripts/bench/run-duckdb.ts FILE json-lines|purview-csv

import { DuckDBInstance } from '@duckdb/node-api';

import { detectionSql } from './duckdb-detection-sql.ts';
import type { EngineRunOutput, EscuRow } from './escu-rows.ts';

function stringList(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new Error(`Expected a list of strings from DuckDB, got ${JSON.stringify(value)}.`);
  }
  return value;
}

function escuRow(row: Record<string, unknown>): EscuRow {
  return {
    binStart: Number(row.bin_start),
    clientAppId: String(row.client_app_id),
    clientInfoString: String(row.client_info_string),
    srcIps: stringList(row.src_ips),
    uniqueMailboxes: Number(row.unique_mailboxes),
    users: stringList(row.users),
  };
}

const [filePath, format] = process.argv.slice(2);
if (filePath === undefined || (format !== 'json-lines' && format !== 'purview-csv')) {
  throw new Error('Usage: run-duckdb.ts FILE json-lines|purview-csv');
}

const started = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run("SET TimeZone = 'UTC'");
const result = await connection.runAndReadAll(detectionSql(filePath, format));
const rows = result.getRowObjectsJS().map(escuRow);
const workSeconds = (performance.now() - started) / 1000;

connection.closeSync();
instance.closeSync();

const output: EngineRunOutput = { workSeconds, peakRssBytes: process.resourceUsage().maxRSS * 1024, rows };
console.log(JSON.stringify(output));
