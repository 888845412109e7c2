// CSV exports: header variants, quoted cells across slices, damaged rows, line endings.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputFormat } from '../../../src/core/types.ts';
import { CORPUS_DIR, UTF8_BOM, blobOf, bytesOf, readAtAllSliceSizes } from './read-test-helpers.ts';

const PURVIEW_HEADER = 'RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames';
const SEARCH_UAL_HEADER =
  '"RunspaceId","RecordType","CreationDate","UserIds","Operations","AuditData","ResultIndex","ResultCount","Identity","IsValid","ObjectState"';
const TYPE_LINE = '#TYPE Deserialized.Microsoft.Exchange.Management.SystemConfigurationTasks.UnifiedAuditLogEvent';

/** Quotes a cell the way Export-Csv and the Purview portal do: in double quotes, with `"` doubled. */
function quoteCell(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

function searchUalRow(auditData: string): string {
  const cells = ['0f0f', 'ExchangeItemAggregated', '5/6/2024 10:00:11 AM', 'a@example.com', 'MailItemsAccessed'];
  return [...cells, auditData, '1', '2', 'x', 'True', 'Unchanged']
    .map(quoteCell)
    .join(',');
}

describe('CSV reader', () => {
  it('reads multi-byte text, embedded line breaks and doubled quotes', async () => {
    const prettyAuditData = '{\r\n  "Id": "id2",\r\n  "Path": "\\\\Inbox",\r\n  "Subject": "say \\"hi\\""\r\n}';
    const text = [
      PURVIEW_HEADER,
      `id1,2024-05-06T10:00:11,50,MailItemsAccessed,jürgen@example.com,${quoteCell('{"Id":"id1","UserId":"jürgen@example.com","Subject":"日本 🎉"}')},,"Unit A\r\nUnit B"`,
      `id2,2024-05-06T10:00:12,50,MailItemsAccessed,zoë@example.com,${quoteCell(prettyAuditData)},,`,
      `id3,2024-05-06T10:00:13,50,MailItemsAccessed,bo@example.com,${quoteCell('{"Id":"id3"}')},,`,
      '',
    ].join('\r\n');

    const result = await readAtAllSliceSizes(blobOf(text));

    expect(result.outcome).toEqual({ format: 'purview-csv', encoding: 'utf-8' });
    expect(result.skips).toEqual([]);
    expect(result.records).toEqual([
      { line: 2, record: { Id: 'id1', UserId: 'jürgen@example.com', Subject: '日本 🎉' } },
      { line: 4, record: { Id: 'id2', Path: '\\Inbox', Subject: 'say "hi"' } },
      { line: 9, record: { Id: 'id3' } },
    ]);
  });

  it('reads LF and CRLF files alike', async () => {
    const rows = [PURVIEW_HEADER, `id1,d,50,Op,u,${quoteCell('{"Id":"id1"}')},,`, `id2,d,50,Op,u,${quoteCell('{"Id":"id2"}')},a,b`];

    const lf = await readAtAllSliceSizes(blobOf(rows.join('\n')));
    const crlf = await readAtAllSliceSizes(blobOf(rows.join('\r\n') + '\r\n'));

    expect(lf.records).toEqual([
      { line: 2, record: { Id: 'id1' } },
      { line: 3, record: { Id: 'id2' } },
    ]);
    expect(crlf).toEqual(lf);
  });

  it('reads AuditData as the last column', async () => {
    const text = [
      'CreationDate,UserIds,Operations,AuditData',
      `2024-05-06T10:00:11,a@example.com,MailItemsAccessed,${quoteCell('{"Id":"1"}')}`,
    ].join('\r\n');

    const result = await readAtAllSliceSizes(blobOf(text));

    expect(result.outcome.format).toBe('purview-classic-csv');
    expect(result.records).toEqual([{ line: 2, record: { Id: '1' } }]);
  });

  it('counts invalid and missing AuditData by line', async () => {
    const text = [
      PURVIEW_HEADER,
      `id1,d,50,Op,u,${quoteCell('{"Id":"id1"}')},,`,
      `id2,d,50,Op,u,${quoteCell('{"AppAccessContext":{...}}')},,`,
      'id3,d,50,Op,u,,,',
      `id4,d,50,Op,u,${quoteCell('["not", "an", "object"]')},,`,
      'id5,d,50',
      `id6,d,50,Op,u,${quoteCell('{"Id":"id6"}')},,`,
    ].join('\r\n');

    const result = await readAtAllSliceSizes(blobOf(text));

    expect(result.records).toEqual([
      { line: 2, record: { Id: 'id1' } },
      { line: 7, record: { Id: 'id6' } },
    ]);
    expect(result.skips).toEqual([
      { reason: 'invalid-audit-data', line: 3 },
      { reason: 'missing-audit-data', line: 4 },
      { reason: 'invalid-audit-data', line: 5 },
      { reason: 'missing-audit-data', line: 6 },
    ]);
  });

  it('skips #TYPE lines and repeated headers', async () => {
    // Two Windows PowerShell exports joined with `type a.csv b.csv > all.csv`.
    const text = [
      TYPE_LINE,
      SEARCH_UAL_HEADER,
      searchUalRow('{"Id":"1"}'),
      TYPE_LINE,
      SEARCH_UAL_HEADER,
      searchUalRow('{"Id":"2"}'),
      '',
    ].join('\r\n');

    const result = await readAtAllSliceSizes(blobOf(text));

    expect(result.outcome).toEqual({ format: 'search-ual-csv', encoding: 'utf-8' });
    expect(result.skips).toEqual([]);
    expect(result.records).toEqual([
      { line: 3, record: { Id: '1' } },
      { line: 6, record: { Id: '2' } },
    ]);
  });

  it('follows a repeated header with other columns', async () => {
    // A V2-module export (PS* columns first) joined to a V3 export, the second with a BOM.
    const v2Header = `"PSComputerName",${SEARCH_UAL_HEADER.replace('"RecordType",', '"PSShowComputerName","RecordType",')}`;
    const v2Row = `"outlook.office365.com",${searchUalRow('{"Id":"v2"}').replace('"ExchangeItemAggregated",', '"False","ExchangeItemAggregated",')}`;
    const bytes = bytesOf(`${v2Header}\r\n${v2Row}\r\n`, UTF8_BOM, `${SEARCH_UAL_HEADER}\r\n${searchUalRow('{"Id":"v3"}')}\r\n`);

    const result = await readAtAllSliceSizes(blobOf(bytes));

    expect(result.skips).toEqual([]);
    expect(result.records).toEqual([
      { line: 2, record: { Id: 'v2' } },
      { line: 4, record: { Id: 'v3' } },
    ]);
  });

  it('reads a file with a byte order mark', async () => {
    const bytes = bytesOf(UTF8_BOM, `${SEARCH_UAL_HEADER}\r\n${searchUalRow('{"Id":"1","UserId":"zoë@example.com"}')}\r\n`);

    const result = await readAtAllSliceSizes(blobOf(bytes));

    expect(result.outcome).toEqual({ format: 'search-ual-csv', encoding: 'utf-8-bom' });
    expect(result.records).toEqual([{ line: 2, record: { Id: '1', UserId: 'zoë@example.com' } }]);
  });

  it('ignores blank lines but counts them', async () => {
    const text = `\r\n${PURVIEW_HEADER}\r\n\r\n   \r\nid1,d,50,Op,u,${quoteCell('{"Id":"id1"}')},,\r\n\r\n`;

    const result = await readAtAllSliceSizes(blobOf(text));

    expect(result.skips).toEqual([]);
    expect(result.records).toEqual([{ line: 5, record: { Id: 'id1' } }]);
  });

  it('reads semicolon-separated exports', async () => {
    // Export-Csv -UseCulture in many European locales.
    const text = `"CreationDate";"UserIds";"Operations";"AuditData"\n"06.05.2024 10:00:11";"a@example.com";"Op";${quoteCell('{"Id":"1","Note":"a;b"}')}\n`;

    const result = await readAtAllSliceSizes(blobOf(text));

    expect(result.outcome.format).toBe('search-ual-csv');
    expect(result.records).toEqual([{ line: 2, record: { Id: '1', Note: 'a;b' } }]);
  });

  it('reads a row without a final line break', async () => {
    const text = `${PURVIEW_HEADER}\r\nid1,d,50,Op,u,${quoteCell('{"Id":"id1"}')},,"last"`;

    const result = await readAtAllSliceSizes(blobOf(text));

    expect(result.records).toEqual([{ line: 2, record: { Id: 'id1' } }]);
  });
});

describe('CSV header variants', () => {
  /** Format expected for each header line in the corpus list, in file order. */
  const EXPECTED_FORMATS: InputFormat[] = [
    'purview-classic-csv', // CreationDate,UserIds,Operations,AuditData
    'purview-csv', // RecordId,...,AssociatedAdminUnitsNames
    'purview-csv', // RecordId,...,AuditData
    'search-ual-csv', // PSComputerName,... (V1/V2 module)
    'search-ual-csv', // RunspaceId,... (V3 module)
    'search-ual-csv', // RecordType,CreationDate,UserIds,...
    'search-ual-csv', // CreationDate,UserIds,RecordType,AuditData (Select-Object example)
    'graph-csv', // id,createdDateTime,...,auditData (Graph CSV)
    'unknown', // TimeStamp,User,Action,... (Get-Sessions: no AuditData)
    'flattened-csv', // CreationTime,Id,Operation,... (Sparrow: the record's own keys as columns)
    'unknown', // "TimeGenerated [UTC]",... (Log Analytics)
  ];

  it('classifies every listed header', async () => {
    const listing = await readFile(path.join(CORPUS_DIR, 'samples/ual-csv-header-variants.txt'), 'utf8');
    const headers = listing.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(headers).toHaveLength(EXPECTED_FORMATS.length);

    const found: InputFormat[] = [];
    for (const header of headers) {
      // One data row with a record in the AuditData column, wherever that column is, or with the
      // record's Id in the Id column of a flattened layout.
      const cells = header.split(',');
      const hasAuditData = cells.some((cell) => cell.toLowerCase() === 'auditdata');
      const row = cells
        .map((cell) => {
          if (cell.toLowerCase() === 'auditdata') return quoteCell('{"Id":"r1"}');
          return !hasAuditData && cell === 'Id' ? 'r1' : '';
        })
        .join(',');

      const result = await readAtAllSliceSizes(blobOf(`${header}\r\n${row}\r\n`));
      found.push(result.outcome.format);

      if (result.outcome.format === 'unknown') {
        expect(result.outcome.error, header).toMatch(/sessions summary|not a CSV header with an AuditData column/i);
        expect(result.records, header).toEqual([]);
      } else {
        expect(result.records, header).toEqual([{ line: 2, record: { Id: 'r1' } }]);
      }
    }

    expect(found).toEqual(EXPECTED_FORMATS);
  });

  it('tells quoted classic headers from portal ones', async () => {
    const row = `"2024-05-06T10:00:11","a@example.com","Op",${quoteCell('{"Id":"1"}')}`;

    const quoted = await readAtAllSliceSizes(blobOf(`"CreationDate","UserIds","Operations","AuditData"\n${row}\n`));
    const withTypeLine = await readAtAllSliceSizes(blobOf(`${TYPE_LINE}\nCreationDate,UserIds,Operations,AuditData\n${row}\n`));

    expect(quoted.outcome.format).toBe('search-ual-csv');
    expect(withTypeLine.outcome.format).toBe('search-ual-csv');
    expect(withTypeLine.records).toEqual([{ line: 3, record: { Id: '1' } }]);
  });

  it('matches column names case-insensitively', async () => {
    const text = `recordid,CREATIONDATE,RecordType,operation,UserID,auditdata\nid1,d,50,Op,u,${quoteCell('{"Id":"id1"}')}\n`;

    const result = await readAtAllSliceSizes(blobOf(text));

    expect(result.outcome.format).toBe('purview-csv');
    expect(result.records).toEqual([{ line: 2, record: { Id: 'id1' } }]);
  });
});
