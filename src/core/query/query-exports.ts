// Every query export at once, for the page's "run it where the data lives" downloads.

import type { AllowListEntry } from '../allow-list/allow-list-entry.ts';
import { canonicalAllowList } from '../allow-list/check-allow-list.ts';
import { validateDetectionSettings, type DetectionSettings } from '../detect/detection-settings.ts';
import { buildDuckDbQuery, DEFAULT_DUCKDB_SOURCE, type DuckDbSource } from './duckdb-query.ts';
import { buildKqlQuery } from './kql-query.ts';
import { buildSplunkQuery } from './splunk-query.ts';

export type QueryLanguage = 'splunk-spl' | 'kql-officeactivity' | 'kql-cloudappevents' | 'duckdb-sql';

/** One exported query: plain data, so it survives structured cloning. */
export interface QueryExport {
  language: QueryLanguage;
  /** Short label for a button or a heading. */
  title: string;
  /** Suggested download name. */
  fileName: string;
  text: string;
}

export interface QueryExportOptions {
  /** The file the DuckDB query reads. When absent, the query reads `audit-log.jsonl` as JSON lines. */
  duckDbSource?: DuckDbSource;
}

/**
 * Builds the Splunk, the two KQL and the DuckDB queries for the settings and allow-list. Throws a
 * RangeError naming each invalid setting or allow-list entry.
 */
export function buildQueryExports(
  settings: DetectionSettings,
  allowList: readonly AllowListEntry[],
  options: QueryExportOptions = {},
): QueryExport[] {
  validateDetectionSettings(settings);
  const entries = canonicalAllowList(allowList);

  return [
    { language: 'splunk-spl', title: 'Splunk SPL', fileName: 'mailsweep-detection.spl', text: buildSplunkQuery(settings, entries) },
    {
      language: 'kql-officeactivity',
      title: 'KQL (Sentinel OfficeActivity)',
      fileName: 'mailsweep-detection-officeactivity.kql',
      text: buildKqlQuery(settings, entries, 'OfficeActivity'),
    },
    {
      language: 'kql-cloudappevents',
      title: 'KQL (CloudAppEvents)',
      fileName: 'mailsweep-detection-cloudappevents.kql',
      text: buildKqlQuery(settings, entries, 'CloudAppEvents'),
    },
    {
      language: 'duckdb-sql',
      title: 'DuckDB SQL',
      fileName: 'mailsweep-detection.duckdb.sql',
      text: buildDuckDbQuery(settings, entries, options.duckDbSource ?? DEFAULT_DUCKDB_SOURCE),
    },
  ];
}
