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
    ['a ZIP archive', bytesOf([0x50, 0x4b, 0x03, 0x04], 'xl/workbook.xml'), /ZIP archive \(an Excel \.xlsx workbook is one\)/],
    ['gzip data', bytesOf([0x1f, 0x8b, 0x08, 0x00]), /gzip-compressed/],
    ['UTF-16 text', bytesOf([0xff, 0xfe], '[\0{\0'), /UTF-16 text, which is not supported yet/],
  ])('reports %s', async (_name, bytes, message) => {
    const result = await readAll(blobOf(bytes));

    expect(result.outcome.format).toBe('unknown');
    expect(result.outcome.error).toMatch(message);
    expect(result.records).toEqual([]);
  });

  it('reports a CSV without AuditData', async () => {
    // Microsoft-Extractor-Suite Get-Sessions output: no AppId, ClientAppId or ClientInfoString.
    const text = 'TimeStamp,User,Action,SessionId,ClientIP,MailAccessType,IsThrottled,OperationCount\r\n1,2,3,4,5,6,7,8\r\n';

    const result = await readAll(blobOf(text));

    expect(result.outcome).toEqual({
      format: 'unknown',
      encoding: 'utf-8',
      error:
        'The file is not JSON, and its first line is not a CSV header with an AuditData column ' +
        '(first line: "TimeStamp,User,Action,SessionId,ClientIP,MailAccessType,IsThrottled,OperationCount"). ' +
        'Expected an Office 365 unified audit log export: a JSON array or JSON lines of audit records, ' +
        'a Microsoft Purview audit search CSV, or Search-UnifiedAuditLog output saved with Export-Csv.',
    });
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
