// Files that are not audit-log exports get format 'unknown' and an error message naming the cause.
import { describe, expect, it } from 'vitest';
import { SNIFF_BYTES, detectFormat } from '../../../src/core/read/detect-format.ts';
import { UTF8_BOM, blobOf, bytesOf, readAll } from './read-test-helpers.ts';

describe('unreadable files', () => {
  it('reports an empty file', async () => {
    const result = await readAll(blobOf(''));

    expect(result.outcome.format).toBe('unknown');
    expect(result.outcome.error).toMatch(/^The file is empty\. Expected an Office 365 unified audit log export/);
    expect(result.records).toEqual([]);
    expect(result.skips).toEqual([]);
  });

  it('reports a file of only whitespace', async () => {
    const result = await readAll(blobOf(bytesOf(UTF8_BOM, ' \r\n\t\n')));

    expect(result.outcome).toMatchObject({ format: 'unknown', encoding: 'utf-8-bom' });
    expect(result.outcome.error).toMatch(/^The file contains only whitespace\./);
  });

  it.each([
    ['binary data', bytesOf('ab', [0, 1, 2], 'cd'), /binary \(it contains NUL bytes\)/],
    ['a ZIP archive', bytesOf([0x50, 0x4b, 0x03, 0x04], 'xl/workbook.xml'), /ZIP archive inside an archive, or an Excel \.xlsx workbook/],
    ['gzip data cut short', bytesOf([0x1f, 0x8b, 0x08, 0x00]), /gzip data is corrupt or cut short/],
    ['a tar archive', bytesOf('a.csv', new Array<number>(252).fill(0), 'ustar', [0, 0x30, 0x30]), /tar archive/],
  ])('reports %s', async (_name, bytes, message) => {
    const result = await readAll(blobOf(bytes));

    expect(result.outcome.format).toBe('unknown');
    expect(result.outcome.error).toMatch(message);
    expect(result.records).toEqual([]);
  });

  it('explains a sessions summary CSV', async () => {
    // Microsoft-Extractor-Suite Get-Sessions output: no AppId, ClientAppId or ClientInfoString.
    const text = 'TimeStamp,User,Action,SessionId,ClientIP,MailAccessType,IsThrottled,OperationCount\r\n1,2,3,4,5,6,7,8\r\n';

    const result = await readAll(blobOf(text));

    expect(result.outcome.format).toBe('unknown');
    expect(result.outcome.error).toMatch(/^This file is a Microsoft-Extractor-Suite sessions summary/);
    expect(result.outcome.error).toContain('no AppId, ClientAppId or ClientInfoString');
    expect(result.records).toEqual([]);
  });

  it('reports a CSV header it does not know', async () => {
    const text = 'Date,Host,Bytes\r\n2024-05-06,host1,12\r\n';

    const result = await readAll(blobOf(text));

    expect(result.outcome.format).toBe('unknown');
    expect(result.outcome.error).toContain('its first line is not a CSV header with an AuditData column (first line: "Date,Host,Bytes")');
  });

  it('reports a #TYPE line without a header', async () => {
    const result = await readAll(blobOf('#TYPE Deserialized.Something\r\n'));

    expect(result.outcome.format).toBe('unknown');
    expect(result.outcome.error).toMatch(/only a #TYPE line and no CSV header/);
  });

  it('reports text without a line break in the sniffed head', () => {
    const head = new TextEncoder().encode('x'.repeat(SNIFF_BYTES));

    const detected = detectFormat(head, false);

    expect(detected.format).toBe('unknown');
    expect(detected.error).toMatch(/contain no complete line/);
  });
});

describe('JSON flavour', () => {
  it.each([
    ['{"Id":"1"}\n{"Id":"2"}\n', 'json-lines'],
    ['  \r\n{ "Id": "1" }', 'json-lines'],
    ['{\n  "Id": "1"\n}\n', 'json'],
    ['{   \r\n"Id": "1"}', 'json'],
    ['\n[{"Id":"1"}]', 'json'],
  ])('detects %j as %s', (text, format) => {
    expect(detectFormat(new TextEncoder().encode(text), true).format).toBe(format);
  });
});
