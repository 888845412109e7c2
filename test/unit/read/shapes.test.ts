// One small fixture per export shape, built from two real corpus records: the EWS python-requests
// read (record A, passes the ESCU filter) and the Outlook for iOS bind (record B, no app ids).
// Each shape must yield the same key fields, contexts and skips at the default slice size and at 7 bytes.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvRecordReader } from '../../../src/core/read/csv-record-reader.ts';
import { readAuditFile } from '../../../src/core/read/read-audit-file.ts';
import type { RecordContext, RecordSink } from '../../../src/core/read/read-audit-file.ts';
import type { InputFormat, SkipReason } from '../../../src/core/types.ts';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/shapes');

/** The detection fields of a record; absent fields are left out. */
type KeyFields = Partial<Record<(typeof KEY_FIELDS)[number], unknown>>;

const KEY_FIELDS = [
  'Id',
  'CreationTime',
  'Workload',
  'Operation',
  'UserId',
  'AppId',
  'ClientAppId',
  'ClientIPAddress',
  'ClientInfoString',
] as const;

interface Delivered {
  records: { line: number; fields: KeyFields; context?: RecordContext }[];
  skips: { reason: SkipReason; line: number }[];
  /** The container family the reader recognised, when it is more specific than JSON or CSV framing. */
  shape: InputFormat | undefined;
  notRecords: string | undefined;
}

const A: KeyFields = {
  Id: '9cef02e9-4bfa-4c73-be7d-9dad68b9cea8',
  CreationTime: '2024-02-01T16:07:34',
  Workload: 'Exchange',
  Operation: 'MailItemsAccessed',
  UserId: 'user15@example.onmicrosoft.com',
  AppId: '47629505-c2b6-4a80-adb1-9b3a3d233b7b',
  ClientAppId: '47629505-c2b6-4a80-adb1-9b3a3d233b7b',
  ClientIPAddress: '203.0.113.35',
  ClientInfoString:
    'Client=WebServices;ExchangeWebServicesProxy/CrossSite/EXCH/15.20.7249.024/python-requests/2.25.1[AppId=47629505-c2b6-4a80-adb1-9b3a3d233b7b];',
};

const B: KeyFields = {
  Id: 'f5493f9a-57ce-4859-94bd-fd2ad38d5680',
  CreationTime: '2020-04-07T23:47:30',
  Workload: 'Exchange',
  Operation: 'MailItemsAccessed',
  UserId: 'tony.hawks@example.com',
  ClientIPAddress: '2001:db8:5f4f:f058:4163:e14a:1332:27c7',
  ClientInfoString: 'Client=OutlookService;Outlook-iOS/2.0;',
};

function keyFields(record: Record<string, unknown>): KeyFields {
  const fields: KeyFields = {};
  for (const key of KEY_FIELDS) {
    if (record[key] !== undefined) fields[key] = record[key];
  }
  return fields;
}

function collectingSink(delivered: Delivered): RecordSink {
  return {
    record: (record, line, context) => {
      delivered.records.push(context === undefined ? { line, fields: keyFields(record) } : { line, fields: keyFields(record), context });
    },
    skip: (reason, line) => delivered.skips.push({ reason, line }),
  };
}

/** Reads a JSON fixture through readAuditFile, which frames values and unwraps each. */
async function readJson(file: string, sliceBytes: number | undefined): Promise<Delivered> {
  const bytes = await readFile(path.join(FIXTURES, file));
  const delivered: Delivered = { records: [], skips: [], shape: undefined, notRecords: undefined };
  const sink = collectingSink(delivered);
  const outcome = await readAuditFile(new Blob([new Uint8Array(bytes)]), sink, { sliceBytes });
  // readAuditFile names the JSON framing, or the container family once it reports the scanner's.
  delivered.shape = outcome.format === 'json' || outcome.format === 'json-lines' ? undefined : outcome.format;
  return delivered;
}

/**
 * Reads a CSV fixture with CsvRecordReader directly, in slices, so headers without an AuditData
 * column are read whatever the format sniffing decides.
 */
async function readCsv(file: string, delimiter: string, sliceBytes: number | undefined): Promise<Delivered> {
  const bytes = new Uint8Array(await readFile(path.join(FIXTURES, file)));
  const delivered: Delivered = { records: [], skips: [], shape: undefined, notRecords: undefined };
  const reader = new CsvRecordReader(collectingSink(delivered), delimiter);
  const step = sliceBytes ?? bytes.length;
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for (let start = 0; start < bytes.length; start += step) {
    reader.push(decoder.decode(bytes.subarray(start, start + step), { stream: true }));
  }
  reader.push(decoder.decode());
  reader.finish();
  delivered.shape = reader.flatFormat;
  delivered.notRecords = reader.notRecordsMessage;
  return delivered;
}

interface ShapeCase {
  name: string;
  file: string;
  /** CSV delimiter; JSON fixtures have none. */
  delimiter?: string;
  records: { line: number; fields: KeyFields; context?: RecordContext }[];
  skips?: { reason: SkipReason; line: number }[];
  /** The container family: for CSV, the flattened format the header names; for JSON, the unwrapped shape. */
  shape?: InputFormat;
}

const SHAPES: ShapeCase[] = [
  {
    name: 'Search-UnifiedAuditLog ConvertTo-Json',
    file: 'search-ual-convertto-json.json',
    shape: 'search-ual-json',
    records: [
      { line: 2, fields: A, context: { fallbackTime: '/Date(1706803654000)/', resultCount: 24, fallbackId: A.Id as string } },
      { line: 15, fields: B, context: { fallbackTime: '/Date(1586303250000)/', resultCount: 24, fallbackId: B.Id as string } },
    ],
  },
  {
    name: 'Extractor-Suite JSON, one object with AuditData parsed',
    file: 'extractor-suite.json',
    shape: 'search-ual-json',
    records: [{ line: 1, fields: A, context: { fallbackTime: '2024-02-01T16:07:34', resultCount: 1, fallbackId: A.Id as string } }],
  },
  {
    name: 'Splunk export lines',
    file: 'splunk-export.json',
    shape: 'splunk-json',
    records: [
      { line: 2, fields: A, context: { fallbackTime: '2024-02-01T16:07:34.000+00:00' } },
      { line: 3, fields: { ...B, UserId: 'tony.hawks@example.com' }, context: { fallbackId: B.Id as string, fallbackTime: '2020-04-07T23:47:30.000+00:00' } },
    ],
    skips: [{ reason: 'not-a-record', line: 4 }],
  },
  {
    name: 'Elasticsearch _search response',
    file: 'elastic-search-response.json',
    shape: 'elastic-json',
    records: [
      { line: 1, fields: A, context: { fallbackId: A.Id as string, fallbackTime: '2024-02-01T16:07:34.000Z' } },
      { line: 1, fields: B, context: { fallbackId: B.Id as string, fallbackTime: '2020-04-07T23:47:30.000Z' } },
    ],
  },
  {
    name: 'Elastic documents with dotted keys',
    file: 'elastic-documents-dotted.ndjson',
    shape: 'elastic-json',
    records: [{ line: 1, fields: B, context: { fallbackId: B.Id as string, fallbackTime: '2020-04-07T23:47:30.000Z' } }],
  },
  {
    name: 'Graph audit log page',
    file: 'graph-page.json',
    shape: 'graph-json',
    records: [
      { line: 1, fields: A, context: { fallbackId: A.Id as string, fallbackTime: '2024-02-01T16:07:34Z' } },
      // The second auditData lacks Id, CreationTime, Operation and Workload: the outer record supplies the last two.
      {
        line: 1,
        fields: { ...B, Id: undefined, CreationTime: undefined },
        context: { fallbackId: B.Id as string, fallbackTime: '2020-04-07T23:47:30Z' },
      },
    ].map((entry) => ({ ...entry, fields: withoutUndefined(entry.fields) })),
  },
  {
    name: 'Log Analytics tables',
    file: 'log-analytics-tables.json',
    shape: 'log-analytics-json',
    records: [
      { line: 1, fields: sentinelFields(A), context: { fallbackTime: '2024-02-01T16:07:34Z', fallbackId: A.Id as string } },
      { line: 1, fields: sentinelFields(B), context: { fallbackTime: '2020-04-07T23:47:30Z', fallbackId: B.Id as string } },
    ],
  },
  {
    name: 'az array of OfficeActivity rows',
    file: 'az-officeactivity.json',
    shape: 'log-analytics-json',
    records: [
      { line: 2, fields: sentinelFields(A), context: { fallbackTime: '2024-02-01T16:07:34Z', fallbackId: A.Id as string } },
      { line: 24, fields: sentinelFields(B), context: { fallbackTime: '2020-04-07T23:47:30Z', fallbackId: B.Id as string } },
    ],
  },
  {
    name: 'Defender schema and results (Graph)',
    file: 'defender-graph-hunting.json',
    shape: 'defender-json',
    records: [{ line: 1, fields: A, context: { fallbackTime: '2024-02-01T16:07:34.0000000Z' } }],
  },
  {
    name: 'Defender Schema and Results (older API)',
    file: 'defender-api-hunting.json',
    shape: 'defender-json',
    records: [{ line: 1, fields: B, context: { fallbackTime: '2020-04-07T23:47:30.0000000Z' } }],
  },
  {
    name: 'Graph CSV with pretty-printed auditData',
    file: 'graph-auditdata-pretty.csv',
    delimiter: ',',
    records: [
      { line: 2, fields: A, context: { fallbackId: A.Id as string, fallbackTime: '2024-02-01T16:07:34Z' } },
      {
        line: 64,
        fields: withoutUndefined({ ...B, Id: undefined, CreationTime: undefined }),
        context: { fallbackId: B.Id as string, fallbackTime: '2020-04-07T23:47:30Z' },
      },
    ],
  },
  {
    name: 'Hawk Simple CSV',
    file: 'hawk-simple.csv',
    delimiter: ',',
    shape: 'hawk-simple-csv',
    records: [
      { line: 2, fields: A, context: { fallbackTime: '2024-02-01 16:07:34', resultCount: 2, fallbackId: A.Id as string } },
      { line: 4, fields: B, context: { fallbackTime: '2020-04-07 23:47:30', resultCount: 2, fallbackId: B.Id as string } },
    ],
  },
  {
    name: '-AuditDataOnly CSV with the first record\'s columns',
    file: 'auditdataonly-first-record-columns.csv',
    delimiter: ',',
    shape: 'flattened-csv',
    // Record B came first and has no AppId or ClientAppId, so Export-Csv dropped them from record A too.
    records: [
      { line: 2, fields: B },
      { line: 4, fields: withoutUndefined({ ...A, AppId: undefined, ClientAppId: undefined }) },
    ],
  },
  {
    name: 'Sparrow CSV with semicolons',
    file: 'sparrow-semicolon.csv',
    delimiter: ';',
    shape: 'flattened-csv',
    records: [{ line: 2, fields: A }],
  },
  {
    name: 'Sentinel OfficeActivity portal CSV',
    file: 'sentinel-officeactivity.csv',
    delimiter: ',',
    shape: 'sentinel-csv',
    records: [
      { line: 2, fields: sentinelFields(A), context: { fallbackTime: '2/1/2024, 4:07:34.000 PM', fallbackId: A.Id as string } },
      { line: 3, fields: sentinelFields(B), context: { fallbackTime: '4/7/2020, 11:47:30.000 PM', fallbackId: B.Id as string } },
    ],
  },
  {
    name: 'Defender CloudAppEvents CSV',
    file: 'defender-cloudappevents.csv',
    delimiter: ',',
    records: [
      { line: 2, fields: A, context: { fallbackTime: '2024-02-01T16:07:34.0000000Z' } },
      { line: 3, fields: B, context: { fallbackTime: '2020-04-07T23:47:30.0000000Z' } },
    ],
  },
  {
    name: 'Splunk CSV with _raw',
    file: 'splunk-raw.csv',
    delimiter: ',',
    records: [{ line: 2, fields: A, context: { fallbackTime: '2024-02-01T16:07:34.000+0000' } }],
  },
  {
    name: 'Splunk CSV with field columns',
    file: 'splunk-fields.csv',
    delimiter: ',',
    shape: 'splunk-csv',
    records: [{ line: 2, fields: A, context: { fallbackTime: '2024-02-01 16:07:34.000 GMT', fallbackId: A.Id as string } }],
  },
];

/** Sentinel has no CreationTime column: TimeGenerated goes to the context instead. */
function sentinelFields(fields: KeyFields): KeyFields {
  return withoutUndefined({ ...fields, CreationTime: undefined });
}

function withoutUndefined(fields: KeyFields): KeyFields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

describe('export shapes', () => {
  describe.each([undefined, 7])('slice size %s', (sliceBytes) => {
    it.each(SHAPES)('$name', async ({ file, delimiter, records, skips = [], shape }) => {
      const delivered = delimiter === undefined ? await readJson(file, sliceBytes) : await readCsv(file, delimiter, sliceBytes);

      expect(delivered.records).toEqual(records);
      expect(delivered.skips).toEqual(skips);
      if (delimiter !== undefined || delivered.shape !== undefined) expect(delivered.shape).toBe(shape);
      expect(delivered.notRecords).toBeUndefined();
    });
  });
});

describe('files without audit records', () => {
  it.each([
    ['sessions-summary.csv', /sessions summary/],
    ['escu-output.csv', /output of the ESCU search/],
  ])('%s is explained', async (file, message) => {
    const delivered = await readCsv(file, ',', 7);

    expect(delivered.records).toEqual([]);
    expect(delivered.skips).toEqual([{ reason: 'not-a-record', line: 2 }]);
    expect(delivered.notRecords).toMatch(message);
  });
});
