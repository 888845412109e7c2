// JSON arrays, back-to-back objects and JSON lines, including damaged input.
import { describe, expect, it } from 'vitest';
import { UTF8_BOM, blobOf, bytesOf, readAtAllSliceSizes } from './read-test-helpers.ts';

describe('JSON arrays', () => {
  it('reads multi-byte UTF-8 values intact', async () => {
    const text = [
      '[',
      '  {"Id": "a", "UserId": "jürgen@example.com", "Subject": "日本 🎉 report"},',
      '  {"Id": "b", "UserId": "zoë@example.com"}',
      ']',
    ].join('\n');

    const result = await readAtAllSliceSizes(blobOf(text));

    expect(result.outcome).toEqual({ format: 'json', encoding: 'utf-8' });
    expect(result.skips).toEqual([]);
    expect(result.records).toEqual([
      { line: 2, record: { Id: 'a', UserId: 'jürgen@example.com', Subject: '日本 🎉 report' } },
      { line: 3, record: { Id: 'b', UserId: 'zoë@example.com' } },
    ]);
  });

  it('reads arrays back to back', async () => {
    const text = '[{"Id":"1"},{"Id":"2"}][{"Id":"3"}]\n[\n{"Id":"4"}\n]\n';

    const result = await readAtAllSliceSizes(blobOf(text));

    expect(result.skips).toEqual([]);
    expect(result.records.map((entry) => [entry.record.Id, entry.line])).toEqual([
      ['1', 1],
      ['2', 1],
      ['3', 1],
      ['4', 3],
    ]);
  });

  it('tolerates missing and doubled commas', async () => {
    // Microsoft-Extractor-Suite merges JSON-lines files into "[{...}\n{...},{...}]".
    const text = '[{"Id":"1"}\n{"Id":"2"},,{"Id":"3"}]';

    const result = await readAtAllSliceSizes(blobOf(text));

    expect(result.skips).toEqual([]);
    expect(result.records.map((entry) => entry.record.Id)).toEqual(['1', '2', '3']);
  });

  it('keeps escapes and brackets inside strings', async () => {
    const text = String.raw`[{"Path":"\\Inbox\\","Note":"say \"hi\" {not] a [brace}","Server":"EXCH01\r\n"}]`;

    const result = await readAtAllSliceSizes(blobOf(text));

    expect(result.skips).toEqual([]);
    expect(result.records).toEqual([
      { line: 1, record: { Path: '\\Inbox\\', Note: 'say "hi" {not] a [brace}', Server: 'EXCH01\r\n' } },
    ]);
  });

  it('skips elements that are not objects', async () => {
    const text = '[\n{"Id":"1"},\n42,\n"text",\n[{"Id":"nested"}],\nnull,\n{"Id":"2"}\n]';

    const result = await readAtAllSliceSizes(blobOf(text));

    expect(result.records.map((entry) => [entry.record.Id, entry.line])).toEqual([
      ['1', 2],
      ['2', 7],
    ]);
    expect(result.skips).toEqual([
      { reason: 'not-a-record', line: 3 },
      { reason: 'not-a-record', line: 4 },
      { reason: 'not-a-record', line: 5 },
      { reason: 'not-a-record', line: 6 },
    ]);
  });

  it('reports a record truncated by the end of the file', async () => {
    const text = '[\n  {"Id": "1"},\n  {"Id": "2", "UserId": "al';

    const result = await readAtAllSliceSizes(blobOf(text));

    expect(result.records).toEqual([{ line: 2, record: { Id: '1' } }]);
    expect(result.skips).toEqual([{ reason: 'truncated-record', line: 3 }]);
  });

  it('ends a record at a mismatched bracket', async () => {
    const text = '[\n{"Id":"1","Folders":[1,2},\n{"Id":"2"}\n]';

    const result = await readAtAllSliceSizes(blobOf(text));

    expect(result.skips).toEqual([{ reason: 'invalid-json', line: 2 }]);
    expect(result.records).toEqual([{ line: 3, record: { Id: '2' } }]);
  });

  it('ends a record closed by the enclosing array', async () => {
    const text = '[{"Id":"1"},\n{"Id":"2","Folders":[1]\n]\n[{"Id":"3"}]';

    const result = await readAtAllSliceSizes(blobOf(text));

    expect(result.records.map((entry) => entry.record.Id)).toEqual(['1', '3']);
    expect(result.skips).toEqual([{ reason: 'invalid-json', line: 2 }]);
  });

  it('counts a stray closing bracket', async () => {
    const result = await readAtAllSliceSizes(blobOf('[{"Id":"1"}]\n]'));

    expect(result.records).toHaveLength(1);
    expect(result.skips).toEqual([{ reason: 'invalid-json', line: 2 }]);
  });

  it('reads an array after a byte order mark', async () => {
    const result = await readAtAllSliceSizes(blobOf(bytesOf(UTF8_BOM, '[{"Id":"1"}]')));

    expect(result.outcome).toEqual({ format: 'json', encoding: 'utf-8-bom' });
    expect(result.records).toEqual([{ line: 1, record: { Id: '1' } }]);
  });
});

describe('JSON objects back to back', () => {
  it('reads pretty-printed objects', async () => {
    const text = '{\r\n  "Id": "1",\r\n  "Folders": [{"Path": "\\\\Inbox"}]\r\n}\r\n{\r\n  "Id": "2"\r\n}\r\n';

    const result = await readAtAllSliceSizes(blobOf(text));

    expect(result.outcome).toEqual({ format: 'json', encoding: 'utf-8' });
    expect(result.skips).toEqual([]);
    expect(result.records).toEqual([
      { line: 1, record: { Id: '1', Folders: [{ Path: '\\Inbox' }] } },
      { line: 5, record: { Id: '2' } },
    ]);
  });

  it('unwraps AuditData wrappers', async () => {
    // Search-UnifiedAuditLog | ConvertTo-Json keeps AuditData a string; Extractor-Suite parses it.
    const text = JSON.stringify([
      { RecordType: 50, Identity: 'x', AuditData: JSON.stringify({ Id: 'x', UserId: 'ana@example.com' }) },
      { RecordType: 'ExchangeItemAggregated', AuditData: { Id: 'y', UserId: 'bo@example.com' } },
      { RecordType: 50, AuditData: '{"Id": "z", ' },
      { RecordType: 50, AuditData: '' },
    ]);

    const result = await readAtAllSliceSizes(blobOf(text));

    expect(result.records.map((entry) => entry.record)).toEqual([
      { Id: 'x', UserId: 'ana@example.com' },
      { Id: 'y', UserId: 'bo@example.com' },
    ]);
    expect(result.skips).toEqual([
      { reason: 'invalid-audit-data', line: 1 },
      { reason: 'missing-audit-data', line: 1 },
    ]);
  });

  it('reads a top-level scalar as not a record', async () => {
    const result = await readAtAllSliceSizes(blobOf('[{"Id":"1"}] 17'));

    expect(result.records).toHaveLength(1);
    expect(result.skips).toEqual([{ reason: 'not-a-record', line: 1 }]);
  });
});

describe('JSON lines', () => {
  it('reads one record per line with CRLF', async () => {
    const text = '{"Id":"1","UserId":"jürgen@example.com"}\r\n{"Id":"2","Note":"🎉"}\r\n\r\n{"Id":"3"}';

    const result = await readAtAllSliceSizes(blobOf(text));

    expect(result.outcome).toEqual({ format: 'json-lines', encoding: 'utf-8' });
    expect(result.skips).toEqual([]);
    expect(result.records).toEqual([
      { line: 1, record: { Id: '1', UserId: 'jürgen@example.com' } },
      { line: 2, record: { Id: '2', Note: '🎉' } },
      { line: 4, record: { Id: '3' } },
    ]);
  });

  it('skips invalid lines and reads the ones after', async () => {
    const text = [
      '{"Id":"1"}',
      '{"Id":"2","Subject":"unterminated}',
      '{"Id":"3"}',
      '{"Id":"4","Folders":[1,2',
      '{"Id":"5"}',
      '{"Id":6,}',
      'garbage',
      '{"Id":"8"}',
      '',
    ].join('\n');

    const result = await readAtAllSliceSizes(blobOf(text));

    expect(result.records.map((entry) => [entry.record.Id, entry.line])).toEqual([
      ['1', 1],
      ['3', 3],
      ['5', 5],
      ['8', 8],
    ]);
    expect(result.skips).toEqual([
      { reason: 'invalid-json', line: 2 },
      { reason: 'invalid-json', line: 4 },
      { reason: 'invalid-json', line: 6 },
      { reason: 'invalid-json', line: 7 },
    ]);
  });

  it('reports a last line cut short', async () => {
    const result = await readAtAllSliceSizes(blobOf('{"Id":"1"}\n{"Id":"2","User'));

    expect(result.records).toEqual([{ line: 1, record: { Id: '1' } }]);
    expect(result.skips).toEqual([{ reason: 'truncated-record', line: 2 }]);
  });

  it('reads concatenated files with byte order marks', async () => {
    const bytes = bytesOf(UTF8_BOM, '{"Id":"1"}\r\n', UTF8_BOM, '{"Id":"2"}\r\n');

    const result = await readAtAllSliceSizes(blobOf(bytes));

    expect(result.outcome).toEqual({ format: 'json-lines', encoding: 'utf-8-bom' });
    expect(result.skips).toEqual([]);
    expect(result.records).toEqual([
      { line: 1, record: { Id: '1' } },
      { line: 2, record: { Id: '2' } },
    ]);
  });
});
