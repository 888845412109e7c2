// unwrapValue on single values: wrapper key spellings, nested encodings, Graph and Elastic
// fallbacks, Excel's cut cells, and values that show a file contains no audit records.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvRecordReader } from '../../../src/core/read/csv-record-reader.ts';
import { JsonRecordScanner } from '../../../src/core/read/json-record-scanner.ts';
import type { RecordSink } from '../../../src/core/read/read-audit-file.ts';
import { unwrapValue } from '../../../src/core/read/unwrap-record.ts';
import type { SkipReason } from '../../../src/core/types.ts';
import { CORPUS_DIR } from './read-test-helpers.ts';

const RECORD = { CreationTime: '2024-05-06T10:00:11', Id: 'id-1', Operation: 'MailItemsAccessed', Workload: 'Exchange' };

interface Collected {
  records: { line: number; record: Record<string, unknown> }[];
  skips: { reason: SkipReason; line: number }[];
}

function collector(): { sink: RecordSink; collected: Collected } {
  const collected: Collected = { records: [], skips: [] };
  return {
    collected,
    sink: {
      record: (record, line) => collected.records.push({ line, record }),
      skip: (reason, line) => collected.skips.push({ reason, line }),
    },
  };
}

describe('unwrapValue wrappers', () => {
  it.each(['AuditData', 'auditData', 'Auditdata', 'RawEventData', '_raw'])('reads the %s key', (key) => {
    expect(unwrapValue({ [key]: JSON.stringify(RECORD) })).toMatchObject([{ record: RECORD }]);
    expect(unwrapValue({ [key]: RECORD })).toMatchObject([{ record: RECORD }]);
  });

  it('parses double-encoded AuditData', () => {
    const twice = JSON.stringify(JSON.stringify(RECORD));

    expect(unwrapValue({ AuditData: twice })).toMatchObject([{ record: RECORD }]);
  });

  it('skips a non-JSON Splunk _raw as not a record', () => {
    expect(unwrapValue({ _time: '2024-05-06T10:00:11.000+00:00', _raw: 'app started' })).toEqual([{ skip: 'not-a-record' }]);
  });

  it('fills Graph fields the inner record lacks', () => {
    const graphRecord = {
      id: 'rec-abc-123',
      createdDateTime: '2026-07-16T09:15:00Z',
      auditLogRecordType: 'ExchangeItemAggregated',
      operation: 'MailItemsAccessed',
      service: 'Exchange',
      userId: 'user-guid-1',
      userPrincipalName: 'alice@contoso.com',
      auditData: { '@odata.type': '#microsoft.graph.security.defaultAuditData', RecordType: 2, Operation: 'MailItemsAccessed' },
    };

    expect(unwrapValue(graphRecord)).toEqual([
      {
        record: {
          '@odata.type': '#microsoft.graph.security.defaultAuditData',
          RecordType: 2,
          Operation: 'MailItemsAccessed',
          Workload: 'Exchange',
          UserId: 'alice@contoso.com',
        },
        context: { fallbackId: 'rec-abc-123', fallbackTime: '2026-07-16T09:15:00Z' },
        shape: 'graph-json',
      },
    ]);
  });

  it('falls back to o365.audit when event.original is invalid', () => {
    const document = {
      '@timestamp': '2025-09-29T01:01:01.000Z',
      event: { original: '{"Id": "broken', action: 'MailItemsAccessed', provider: 'Exchange', id: 'id-9' },
      user: { id: 'ana@example.com' },
      o365: { audit: { CreationTime: '2025-09-29T01:01:01', ExchangeAggregatedFolders: [{ Path: '\\Inbox' }] } },
    };

    expect(unwrapValue(document)).toEqual([
      {
        record: {
          CreationTime: '2025-09-29T01:01:01',
          Folders: [{ Path: '\\Inbox' }],
          Operation: 'MailItemsAccessed',
          Workload: 'Exchange',
          Id: 'id-9',
          UserId: 'ana@example.com',
        },
        context: { fallbackId: 'id-9', fallbackTime: '2025-09-29T01:01:01.000Z' },
        shape: 'elastic-json',
      },
    ]);
  });

  it('never takes Defender ReportId as the record id', () => {
    const row = { Timestamp: '2024-05-06T10:00:11Z', ReportId: 'rep-1', RawEventData: { Operation: 'MailItemsAccessed' } };

    expect(unwrapValue(row)).toEqual([
      { record: { Operation: 'MailItemsAccessed' }, context: { fallbackTime: '2024-05-06T10:00:11Z' }, shape: 'defender-json' },
    ]);
  });

  it('rebuilds nested values of a Hawk Simple object', () => {
    const row = {
      Identity: 'id-3',
      Operation: 'MailItemsAccessed',
      AppAccessContext_ClientAppId: 'app-1',
      Folders_0_Path: '\\Inbox',
      Folders_0_FolderItems_0_InternetMessageId: '<m1@example.com>',
      OperationProperties_0_Name: 'MailAccessType',
      OperationProperties_0_Value: 'Bind',
    };

    expect(unwrapValue(row)).toEqual([
      {
        record: {
          Identity: 'id-3',
          Operation: 'MailItemsAccessed',
          AppAccessContext: { ClientAppId: 'app-1' },
          Folders: [{ Path: '\\Inbox', FolderItems: [{ InternetMessageId: '<m1@example.com>' }] }],
          OperationProperties: [{ Name: 'MailAccessType', Value: 'Bind' }],
        },
        context: { fallbackId: 'id-3' },
        shape: 'hawk-simple-json',
      },
    ]);
  });

  it('yields nothing for Splunk preview rows and end markers', () => {
    expect(unwrapValue({ preview: true, offset: 0, result: { _raw: JSON.stringify(RECORD) } })).toEqual([]);
    expect(unwrapValue({ preview: false, lastrow: true })).toEqual([]);
  });

  it('skips values that are not objects', () => {
    expect(unwrapValue({ value: [1, 'text', RECORD] })).toMatchObject([{ skip: 'not-a-record' }, { skip: 'not-a-record' }, { record: RECORD }]);
  });
});

describe('AuditData cut by Excel', () => {
  const header = 'RecordId,CreationDate,RecordType,Operation,UserId,AuditData\r\n';

  function rowWithAuditData(length: number): string {
    const start = '{"Id":"id-1","Padding":"';
    const cell = start + 'x'.repeat(length - start.length);
    return `id-1,2024-05-06T10:00:11,50,MailItemsAccessed,ana@example.com,"${cell.replaceAll('"', '""')}"\r\n`;
  }

  it.each([
    [32_767, 'truncated-audit-data'],
    [32_766, 'invalid-audit-data'],
  ])('a cut cell of %i characters is %s', (length, reason) => {
    const { sink, collected } = collector();
    const reader = new CsvRecordReader(sink, ',');
    reader.push(header + rowWithAuditData(length));
    reader.finish();

    expect(collected.records).toEqual([]);
    expect(collected.skips).toEqual([{ reason, line: 2 }]);
  });
});

describe('CSV record context', () => {
  it('takes Identity, CreationDate and ResultCount from Search-UnifiedAuditLog columns', () => {
    const text = [
      '"RunspaceId","RecordType","CreationDate","UserIds","Operations","AuditData","ResultIndex","ResultCount","Identity","IsValid","ObjectState"',
      '"0f0f","ExchangeItemAggregated","3/12/2025 7:31:34 AM","ana@example.com","MailItemsAccessed","{""Operation"":""MailItemsAccessed""}","1","5000","id-7","True","Unchanged"',
      '',
    ].join('\r\n');
    const contexts: unknown[] = [];
    const reader = new CsvRecordReader({ record: (_record, _line, context) => contexts.push(context), skip: () => undefined }, ',');
    reader.push(text);
    reader.finish();

    expect(contexts).toEqual([{ fallbackTime: '3/12/2025 7:31:34 AM', resultCount: 5000, fallbackId: 'id-7' }]);
  });
});

describe('flattened CSV headers', () => {
  it('skips #TYPE lines and repeated headers mid-file', () => {
    const header = '"CreationTime","Id","Operation","Workload","UserId"';
    const text = [
      '#TYPE System.Management.Automation.PSCustomObject',
      header,
      '"2024-05-06T10:00:11","id-1","MailItemsAccessed","Exchange","ana@example.com"',
      '#TYPE System.Management.Automation.PSCustomObject',
      header,
      '"2024-05-06T10:00:12","id-2","MailItemsAccessed","Exchange","bo@example.com"',
      '',
    ].join('\r\n');
    const { sink, collected } = collector();
    const reader = new CsvRecordReader(sink, ',');
    reader.push(text);
    reader.finish();

    expect(reader.flatFormat).toBe('flattened-csv');
    expect(collected.skips).toEqual([]);
    expect(collected.records).toEqual([
      { line: 3, record: { CreationTime: '2024-05-06T10:00:11', Id: 'id-1', Operation: 'MailItemsAccessed', Workload: 'Exchange', UserId: 'ana@example.com' } },
      { line: 6, record: { CreationTime: '2024-05-06T10:00:12', Id: 'id-2', Operation: 'MailItemsAccessed', Workload: 'Exchange', UserId: 'bo@example.com' } },
    ]);
  });
});

describe('JSON without audit records', () => {
  it('explains the Management API content listing', async () => {
    const bytes = await readFile(path.join(CORPUS_DIR, 'samples/mgmt-api_docs_list-content_response_NOT-records.json.txt'));
    const { sink, collected } = collector();
    const scanner = new JsonRecordScanner(sink, false);
    scanner.push(new Uint8Array(bytes));
    scanner.finish();

    expect(scanner.notRecordsMessage).toMatch(/^This file is a Management Activity API content listing/);
    expect(collected.records).toEqual([]);
    // The listing entry, then the docs' literal "..." that makes the file invalid JSON.
    expect(collected.skips).toEqual([
      { reason: 'not-a-record', line: 2 },
      { reason: 'invalid-json', line: 9 },
    ]);
  });

  it('explains exported ESCU results', () => {
    const line = {
      preview: false,
      offset: 0,
      result: { _time: '1714989600', ClientAppId: 'app', ClientInfoString: 'Client=REST;', src_ip: '203.0.113.10', unique_mailboxes: '6', user: ['a', 'b'] },
    };

    expect(unwrapValue(line)).toEqual([{ notRecords: expect.stringMatching(/output of the ESCU search/) as unknown }]);
  });
});
