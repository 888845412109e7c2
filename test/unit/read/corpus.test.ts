// Reads the shared corpus and checks the record counts of its manifest.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonRecordScanner } from '../../../src/core/read/json-record-scanner.ts';
import { isPlainObject, unwrapValue } from '../../../src/core/read/unwrap-record.ts';
import type { UnwrapItem } from '../../../src/core/read/unwrap-record.ts';
import type { InputFormat } from '../../../src/core/types.ts';
import { CORPUS_DIR, openCorpusFile, readAll, readAtAllSliceSizes } from './read-test-helpers.ts';

interface CorpusCase {
  file: string;
  format: InputFormat;
  records: number;
  /** Start line of each record, when the file has few enough to list. */
  lines?: number[];
  /** A field of the first record, to show that real content came through. */
  firstRecord?: Record<string, unknown>;
}

const RECORD_FILES: CorpusCase[] = [
  {
    file: 'samples/elastic-fixture_exchange-aggregated-app-rest-record.json',
    format: 'json',
    records: 1,
    lines: [1],
    firstRecord: { Operation: 'AttachmentAccess', ClientInfoString: 'Client=REST;Client=RESTSystem;;' },
  },
  {
    file: 'samples/elastic-fixture_exchangeitem-stringly-numbers.json',
    format: 'json-lines',
    records: 1,
    lines: [1],
    firstRecord: { Operation: 'Create', RecordType: '2', OriginatingServer: 'EXCH01 (192.0.2.20)\n' },
  },
  {
    file: 'samples/mgmt-api-blob_mailitemsaccessed-bind_office365itpros.json',
    format: 'json',
    records: 1,
    lines: [2],
    firstRecord: { Operation: 'MailItemsAccessed', ClientIPAddress: '2001:db8:5f4f:f058:4163:e14a:1332:27c7' },
  },
  {
    file: 'samples/mgmt-api_docs_retrieve-content_sample-response.json',
    format: 'json',
    records: 3,
    lines: [2, 26, 44],
    firstRecord: { Operation: 'PasswordLogonInitialAuthUsingPassword', CreationTime: '2015-06-29T20:03:19' },
  },
  {
    file: 'samples/purview-newsearch-export_2023_us-date_trimmed.csv',
    format: 'purview-csv',
    records: 1,
    lines: [2],
    firstRecord: { Operation: 'Add service principal.', Id: '538815b7-273a-4a3f-9957-c86897966eec' },
  },
  {
    file: 'samples/search-unifiedauditlog_export-csv_au-locale_fixture.csv',
    format: 'search-ual-csv',
    records: 1,
    lines: [2],
    firstRecord: { UserId: 'claire@example.com', CreationTime: '2025-12-03T07:31:34' },
  },
  {
    file: 'samples/splunk-escu-datasource_example_log_mailitemsaccessed_ews-python.json',
    format: 'json-lines',
    records: 1,
    lines: [1],
    firstRecord: { UserId: 'user15@example.onmicrosoft.com', AppId: '47629505-c2b6-4a80-adb1-9b3a3d233b7b' },
  },
  {
    file: 'splunk-attack-data/security_content_data_source_example_o365_mailitemsaccessed.json',
    format: 'json-lines',
    records: 1,
    lines: [1],
    firstRecord: { Operation: 'MailItemsAccessed', Id: '9cef02e9-4bfa-4c73-be7d-9dad68b9cea8' },
  },
  {
    file: 'elastic-o365-pipeline/test-exchange-item.log',
    format: 'json-lines',
    records: 9,
    lines: [1, 2, 3, 4, 5, 6, 7, 8, 9],
    firstRecord: { Operation: 'Create', ClientIPAddress: '::1' },
  },
];

/** Elastic pipeline test inputs, `{"events":[...]}`, with the record count of each. */
const ELASTIC_WRAPPER_FILES: [file: string, records: number][] = [
  ['test-ai-interaction-events.json', 2],
  ['test-bad-ips.json', 4],
  ['test-data-duplicated-querytime-events.json', 1],
  ['test-exchange-access-event.json', 3],
  ['test-exchange-item-edge-cases.json', 2],
  ['test-exchange-item-events.json', 9],
  ['test-ip-formats-events.json', 15],
  ['test-modified-properites.json', 1],
  ['test-ms-teams-events.json', 5],
  ['test-numbery-json-events.json', 7],
  ['test-parameter-string.json', 2],
  ['test-platform-attribute-events.json', 2],
  ['test-stringly-json-events.json', 2],
  ['test-yammer-events.json', 3],
];

/**
 * Unwraps the Elastic test-harness wrapper the way the manifest counts it: each event's
 * `event.original` JSON string, or its `o365audit` object when the string is missing or invalid.
 */
function unwrapElasticEvents(wrapper: Record<string, unknown>): Record<string, unknown>[] {
  const events = wrapper.events;
  if (!Array.isArray(events)) throw new Error('no events array');

  return events.map((event: unknown) => {
    if (!isPlainObject(event)) throw new Error('event is not an object');
    const original = isPlainObject(event.event) ? event.event.original : undefined;
    if (typeof original === 'string') {
      try {
        const parsed: unknown = JSON.parse(original);
        if (isPlainObject(parsed)) return parsed;
      } catch {
        // Some test inputs hold invalid JSON here; the manifest then counts o365audit.
      }
    }
    if (!isPlainObject(event.o365audit)) throw new Error('event has neither a valid original nor o365audit');
    return event.o365audit;
  });
}

describe('corpus record files', () => {
  it.each(RECORD_FILES)('$file', async ({ file, format, records, lines, firstRecord }) => {
    const result = await readAtAllSliceSizes(await openCorpusFile(file));

    expect(result.outcome).toEqual({ format, encoding: 'utf-8' });
    expect(result.skips).toEqual([]);
    expect(result.records).toHaveLength(records);
    if (lines !== undefined) expect(result.records.map((entry) => entry.line)).toEqual(lines);
    if (firstRecord !== undefined) expect(result.records[0]?.record).toMatchObject(firstRecord);
  });

  it('purview 2026 sample skips elided AuditData', async () => {
    const result = await readAtAllSliceSizes(
      await openCorpusFile('samples/purview-newsearch-export_2026_iso-date-trailing-space_AuditData-elided-in-source.csv'),
    );

    expect(result.outcome).toEqual({ format: 'purview-csv', encoding: 'utf-8' });
    expect(result.records).toEqual([]);
    expect(result.skips).toEqual([{ reason: 'invalid-audit-data', line: 2 }]);
  });
});

describe('corpus Elastic wrapper files', () => {
  it.each(ELASTIC_WRAPPER_FILES)('%s holds %i records', async (file, count) => {
    const result = await readAtAllSliceSizes(await openCorpusFile(`elastic-o365-pipeline/${file}`));

    expect(result.outcome).toEqual({ format: 'json', encoding: 'utf-8' });
    expect(result.skips).toEqual([]);
    expect(result.records).toHaveLength(1);
    expect(result.records[0]?.line).toBe(1);

    const wrapper = result.records[0]?.record ?? {};
    expect(Object.keys(wrapper)).toEqual(['events']);
    expect(unwrapElasticEvents(wrapper)).toHaveLength(count);
  });
});

describe('corpus totals', () => {
  it('match the manifest', async () => {
    const all: Record<string, unknown>[] = [];
    for (const { file } of RECORD_FILES) {
      const result = await readAll(await openCorpusFile(file));
      all.push(...result.records.map((entry) => entry.record));
    }
    for (const [file] of ELASTIC_WRAPPER_FILES) {
      const result = await readAll(await openCorpusFile(`elastic-o365-pipeline/${file}`));
      all.push(...unwrapElasticEvents(result.records[0]?.record ?? {}));
    }

    // The manifest counts 77 records, 5 of them MailItemsAccessed, outside its expected/ folder.
    expect(all).toHaveLength(77);
    expect(all.filter((record) => record.Operation === 'MailItemsAccessed')).toHaveLength(5);
  });
});

/** The records among `items`; fails on a skip or a not-records item, which the corpus records must not give. */
function recordsOf(items: UnwrapItem[]): Record<string, unknown>[] {
  return items.map((item) => {
    if (!('record' in item)) throw new Error(`unexpected ${JSON.stringify(item)}`);
    return item.record;
  });
}

async function readCorpusJson(relativePath: string): Promise<Record<string, unknown>> {
  const value: unknown = JSON.parse(await readFile(path.join(CORPUS_DIR, relativePath), 'utf8'));
  if (!isPlainObject(value)) throw new Error(`${relativePath} is not a JSON object`);
  return value;
}

describe('corpus Elastic events through unwrapValue', () => {
  it.each(ELASTIC_WRAPPER_FILES)('%s gives the records the manifest counts', async (file, count) => {
    const wrapper = await readCorpusJson(`elastic-o365-pipeline/${file}`);
    const events = wrapper.events as unknown[];

    // Each test event becomes the Elastic document it stands for: event.original plus o365.audit.
    const documents = events.map((event) => {
      if (!isPlainObject(event)) throw new Error('event is not an object');
      const { o365audit, ...rest } = event;
      return o365audit === undefined ? rest : { ...rest, o365: { audit: o365audit } };
    });
    const records = documents.flatMap((document) => recordsOf(unwrapValue(document)));

    expect(records).toHaveLength(count);
    expect(records).toEqual(unwrapElasticEvents(wrapper));
  });
});

/** Elastic pipeline outputs: `{"expected":[ECS document...]}`, with the input file each repeats. */
const ELASTIC_EXPECTED_FILES: [file: string, input: string, records: number][] = [
  ['test-exchange-access-event.json-expected.json', 'test-exchange-access-event.json', 3],
  ['test-exchange-item-edge-cases.json-expected.json', 'test-exchange-item-edge-cases.json', 2],
  ['test-exchange-item-events.json-expected.json', 'test-exchange-item-events.json', 9],
  ['test-ip-formats-events.json-expected.json', 'test-ip-formats-events.json', 15],
];

describe('corpus ECS documents', () => {
  it.each(ELASTIC_EXPECTED_FILES)('%s repeats the records of %s', async (file, input, count) => {
    const output = await readCorpusJson(`elastic-o365-pipeline/expected/${file}`);
    const documents = output.expected as unknown[];
    const items = documents.flatMap((document) => unwrapValue(document));

    expect(recordsOf(items)).toHaveLength(count);
    expect(recordsOf(items)).toEqual(unwrapElasticEvents(await readCorpusJson(`elastic-o365-pipeline/${input}`)));
    expect(items.every((item) => 'shape' in item && item.shape === 'elastic-json')).toBe(true);
  });

  it('rebuilds the trimmed ECS sample without event.original', async () => {
    const result = await readAtAllSliceSizes(await openCorpusFile('samples/elastic-o365-integration_ecs-document_exchange-aggregated.json'));

    expect(result.skips).toEqual([]);
    expect(result.records).toHaveLength(1);
    expect(result.records[0]?.record).toMatchObject({
      Id: '88888888-4444-5555-6666-123456789012',
      Operation: 'AttachmentAccess',
      Workload: 'Exchange',
      UserId: 'user@example.com',
      CreationTime: '2025-09-29T01:01:01',
      AppId: 'abcdabcd-1234-12ab-1a2b-ad1234567890',
      ClientAppId: 'abcdabcd-1234-12ab-1a2b-ad1234567890',
      ClientInfoString: 'Client=REST;Client=RESTSystem;;',
      ClientIPAddress: '203.0.113.5',
      Messages: [{ Id: 'AAAA...', MessageItems: [{ Id: 'AAAA...', SizeInBytes: 2379 }], Path: 'Messages' }],
    });
  });
});

describe('corpus Graph envelopes', () => {
  it('unwraps each Graph shape of the sample', async () => {
    const sample = await readCorpusJson('samples/graph-auditlogrecord_docs-shape_and_wire-shape.json');

    expect(unwrapValue(sample.wire_shape_from_third_party_test)).toEqual([
      {
        record: {
          '@odata.type': '#microsoft.graph.security.defaultAuditData',
          RecordType: 2,
          Workload: 'Exchange',
          ResultStatus: 'Succeeded',
          Operation: 'MailItemsAccessed',
          UserId: 'alice@contoso.com',
        },
        context: { fallbackId: 'rec-abc-123', fallbackTime: '2026-07-16T09:15:00Z' },
        shape: 'graph-json',
      },
    ]);
    expect(recordsOf(unwrapValue(sample.list_page))).toEqual([{ '@odata.type': '#microsoft.graph.security.defaultAuditData' }]);
    expect(recordsOf(unwrapValue(sample.docs_shape))).toHaveLength(1);
  });

  it('reads the hunting response results as values, not records', async () => {
    const result = await readAtAllSliceSizes(await openCorpusFile('samples/graph-runhuntingquery_docs-response.json'));

    // Process events: the analysis skips them as 'not-a-record' because they have no UAL keys.
    expect(result.records.map((entry) => entry.record.FileName)).toEqual(['cmd.exe', 'cmd.exe']);
    expect(result.records.every((entry) => entry.record.Operation === undefined)).toBe(true);
  });
});

describe('corpus files without records', () => {
  it('recognises the content listing', async () => {
    const bytes = await readFile(path.join(CORPUS_DIR, 'samples/mgmt-api_docs_list-content_response_NOT-records.json.txt'));
    const records: unknown[] = [];
    const scanner = new JsonRecordScanner({ record: (record) => records.push(record), skip: () => undefined }, false);
    scanner.push(new Uint8Array(bytes));
    scanner.finish();

    expect(records).toEqual([]);
    expect(scanner.notRecordsMessage).toMatch(/content listing \(contentUri, contentId\)/);
  });
});
