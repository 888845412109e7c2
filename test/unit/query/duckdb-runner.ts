// Runs an exported DuckDB query in-process and maps its rows to the Finding fields it carries.

import { DuckDBInstance } from '@duckdb/node-api';

import type { Finding } from '../../../src/core/types.ts';

/** The Finding fields that the DuckDB query outputs, plus its near-miss flag. */
export interface QueryRow {
  binStart: number;
  clientAppId: string;
  clientInfoString: string;
  srcIps: string[];
  uniqueMailboxes: number;
  users: string[];
  recordCount: number;
  nearMiss?: boolean;
}

/** Runs one query on a fresh in-memory database whose session time zone is not UTC, to show the query does not depend on it. */
export async function runDuckDbQuery(sql: string): Promise<QueryRow[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'America/New_York'");
    const result = await connection.runAndReadAll(sql);
    return result.getRowObjectsJS().map(queryRow);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Reduces core findings to the fields the query outputs. */
export function findingRows(findings: readonly Finding[]): QueryRow[] {
  return findings.map((finding) => ({
    binStart: finding.binStart,
    clientAppId: finding.clientAppId,
    clientInfoString: finding.clientInfoString,
    srcIps: finding.srcIps,
    uniqueMailboxes: finding.uniqueMailboxes,
    users: finding.users,
    recordCount: finding.recordCount,
  }));
}

function queryRow(row: Record<string, unknown>): QueryRow {
  const time = row._time;
  if (!(time instanceof Date)) {
    throw new Error(`Expected _time as a timestamp, got ${JSON.stringify(time)}.`);
  }

  const mapped: QueryRow = {
    binStart: time.getTime() / 1000,
    clientAppId: String(row.ClientAppId),
    clientInfoString: String(row.ClientInfoString),
    srcIps: stringList(row.src_ip),
    uniqueMailboxes: Number(row.unique_mailboxes),
    users: stringList(row.user),
    recordCount: Number(row.record_count),
  };
  if (typeof row.near_miss === 'boolean') {
    mapped.nearMiss = row.near_miss;
  }
  return mapped;
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new Error(`Expected a list of strings, got ${JSON.stringify(value)}.`);
  }
  return value;
}
