import { describe, expect, it } from 'vitest';

import { ESCU_SETTINGS, type DetectionSettings } from '../../../src/core/detect/detection-settings.ts';
import { buildDuckDbQuery } from '../../../src/core/query/duckdb-query.ts';
import { buildQueryExports } from '../../../src/core/query/query-exports.ts';

const SETTINGS: DetectionSettings = { ...ESCU_SETTINGS, graphAppIds: [...ESCU_SETTINGS.graphAppIds], threshold: 8 };

describe('buildQueryExports', () => {
  it('builds the four queries with canonical allow-list entries', () => {
    const exports = buildQueryExports(SETTINGS, [{ field: 'ClientIPAddress', value: ' 192.0.2.77/24 ', note: ' Archiver ' }], {
      duckDbSource: { format: 'purview-csv', path: 'exports/*.csv' },
    });

    expect(exports.map((item) => [item.language, item.fileName])).toEqual([
      ['splunk-spl', 'mailsweep-detection.spl'],
      ['kql-officeactivity', 'mailsweep-detection-officeactivity.kql'],
      ['kql-cloudappevents', 'mailsweep-detection-cloudappevents.kql'],
      ['duckdb-sql', 'mailsweep-detection.duckdb.sql'],
    ]);
    for (const item of exports) {
      expect(item.text, item.language).toContain('ClientIPAddress 192.0.2.0/24: Archiver');
      expect(item.text, item.language).toContain('Finding when more than 8 mailboxes are read (ESCU: more than 5).');
    }
    expect(exports[3]?.text).toBe(
      buildDuckDbQuery(SETTINGS, [{ field: 'ClientIPAddress', value: '192.0.2.0/24', note: 'Archiver' }], { format: 'purview-csv', path: 'exports/*.csv' }),
    );
    expect(exports[3]?.text).toContain("FROM read_csv('exports/*.csv', header = true");
  });

  it('rejects invalid settings and entries', () => {
    expect(() => buildQueryExports({ ...SETTINGS, spanSeconds: 0 }, [])).toThrow(/spanSeconds/);
    expect(() => buildQueryExports(SETTINGS, [{ field: 'ClientAppId', value: '', note: 'empty' }])).toThrow(
      'Invalid allow-list: Entry 1, field "value": empty; write the ClientAppId to allow.',
    );
  });
});
