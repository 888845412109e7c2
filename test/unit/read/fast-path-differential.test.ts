// The fast paths of the readers against their plain paths on randomised input: whole JSON lines
// parsed without the byte scanner, and CSV rows split without PapaParse. Each pair must deliver the
// same records, skips and line numbers for any text and any slice borders.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

import { CsvRecordReader } from '../../../src/core/read/csv-record-reader.ts';
import { JsonRecordScanner } from '../../../src/core/read/json-record-scanner.ts';
import type { RecordSink } from '../../../src/core/read/read-audit-file.ts';

/** Everything a sink received, in order, as comparable text. */
function recordingSink(): { sink: RecordSink; events: string[] } {
  const events: string[] = [];
  return {
    events,
    sink: {
      record: (record, line, context) => events.push(`record ${line} ${JSON.stringify(record)} ${JSON.stringify(context ?? null)}`),
      skip: (reason, line) => events.push(`skip ${line} ${reason}`),
    },
  };
}

/** Cuts `length` into pieces at the given fractions, so fast-check can shrink the borders. */
function cutPoints(length: number, fractions: number[]): number[] {
  return [...new Set(fractions.map((fraction) => Math.floor(fraction * length)))].sort((a, b) => a - b);
}

function pieces<T extends { slice(start: number, end?: number): T; length: number }>(whole: T, fractions: number[]): T[] {
  const points = [0, ...cutPoints(whole.length, fractions), whole.length];
  const result: T[] = [];
  for (let index = 1; index < points.length; index++) {
    result.push(whole.slice(points[index - 1] ?? 0, points[index]));
  }
  return result;
}

/** Stands for a byte that is not valid UTF-8; no other generated text contains it. */
const LATIN1_MARK = '#';
const LATIN1_MARK_BYTE = 0x23;

// Realistic record values, with the variations the readers must not treat differently: keys that
// also appear nested, `\u0041`-style escapes, duplicated and reordered keys, other letter cases.
const recordValue = fc.constantFrom(
  '"Exchange"',
  '"exchange"',
  '"MailItemsAccessed"',
  '"MAILITEMSACCESSED"',
  '"M\\u0061ilItemsAccessed"',
  '"00000003-0000-0000-c000-000000000000"',
  '"Client=WebServices;ExchangeWebServices"',
  '"2024-03-01T10:04:59"',
  '"2001:db8::7"',
  '"[2001:db8::7]:443"',
  '"a \\"quoted\\" }\\" value"',
  '"caf\u00e9 \u{1F4E7}"',
  '"written \uFFFD replacement"',
  '{"Id":"nested","Operation":"MailItemsAccessed"}',
  '[{"Name":"MailAccessType","Value":"Bind"}]',
  '12',
  'true',
  'null',
  '""',
);
const recordKey = fc.constantFrom('Id', 'CreationTime', 'Workload', 'Operation', 'AppId', 'ClientAppId', 'ClientInfoString', 'UserId', 'Oper\\u0061tion', 'Folders');
const recordObject = fc
  .array(fc.tuple(recordKey, recordValue), { minLength: 1, maxLength: 8 })
  .map((entries) => `{${entries.map(([key, value]) => `"${key}":${value}`).join(',')}}`);

/** One line of a JSON-lines file: mostly records, and every kind of damage the byte scanner recovers from. */
const jsonLine = fc.oneof(
  { weight: 6, arbitrary: recordObject },
  { weight: 1, arbitrary: recordObject.map((text) => `  ${text}\r`) },
  { weight: 1, arbitrary: recordObject.map((text) => text.slice(0, Math.max(1, text.length - 3))) },
  { weight: 1, arbitrary: fc.tuple(recordObject, recordObject).map(([first, second]) => `${first}${second}`) },
  { weight: 1, arbitrary: recordObject.map((text) => `[${text},${text}]`) },
  { weight: 1, arbitrary: recordObject.map((text) => text.replace(',', ',\n  ')) },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '\uFEFF{"Operation":"x"}', '"text"', '42', '}', '{"Id":"a\nb"}', '{"a":1} trailing') },
  { weight: 1, arbitrary: fc.constantFrom(`{"UserId":"Jos${LATIN1_MARK}"}`, `{"UserId":"Jos${LATIN1_MARK}"}{}`, `{"UserId":"Jos${LATIN1_MARK}`) },
);

/** Encodes lines as UTF-8, with each LATIN1_MARK written as the single byte 0xE9 (Windows-1252 `é`). */
function encodeLines(lines: string[]): Uint8Array {
  const encoded = new TextEncoder().encode(lines.join('\n'));
  return encoded.map((byte) => (byte === LATIN1_MARK_BYTE ? 0xe9 : byte));
}

/** Scans `lines`, cut at `fractions`, with and without whole-line parsing, and expects the same records and skips. */
function expectScannersAgree(lines: string[], fractions: number[]): void {
  const bytes = encodeLines(lines);
  const fast = recordingSink();
  const plain = recordingSink();
  const fastScanner = new JsonRecordScanner(fast.sink, true);
  const plainScanner = new JsonRecordScanner(plain.sink, true, undefined, { wholeLines: false });
  for (const piece of pieces(bytes, fractions)) {
    fastScanner.push(piece);
    plainScanner.push(piece);
  }
  fastScanner.finish();
  plainScanner.finish();

  expect(fast.events).toEqual(plain.events);
  expect(fastScanner.windows1252Records).toBe(plainScanner.windows1252Records);
}

describe('JSON lines: whole-line parsing against the byte scanner', () => {
  it('matches the byte scanner on random lines', () => {
    fc.assert(
      fc.property(fc.array(jsonLine, { maxLength: 12 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), (lines, fractions) => {
        expectScannersAgree(lines, fractions);
      }),
      { numRuns: 400 },
    );
  });

  it('matches the byte scanner across decode blocks', () => {
    // Thousands of lines make several 64 KiB decode blocks per slice, with lines that cross them.
    fc.assert(
      fc.property(fc.array(jsonLine, { minLength: 2000, maxLength: 4000 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }), (lines, fractions) => {
        expectScannersAgree(lines, fractions);
      }),
      { numRuns: 8 },
    );
  });

  it('decodes a slice once when other lines interleave', () => {
    // Every other line goes to the byte scanner. Each return to whole lines must reuse the decoded
    // text instead of decoding the rest of the slice again.
    const lines = Array.from({ length: 2000 }, (_, index) => (index % 2 === 0 ? `{"Id":"${index}","Operation":"MailItemsAccessed"}` : `[${index}]`));
    const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`);
    const decode = vi.spyOn(TextDecoder.prototype, 'decode');
    const recorded = recordingSink();
    const scanner = new JsonRecordScanner(recorded.sink, true);
    scanner.push(bytes);
    scanner.finish();

    const decodedBytes = decode.mock.calls.reduce((total, [input]) => total + ((input as Uint8Array | undefined)?.byteLength ?? 0), 0);
    decode.mockRestore();
    expect(recorded.events.filter((event) => event.startsWith('record'))).toHaveLength(1000);
    expect(decodedBytes).toBeLessThan(3 * bytes.length);
  });

  it('counts a handed-over Windows-1252 line once', () => {
    // `{"UserId":"Jos\xe9"}{` is not valid UTF-8 and not one object, so both paths decode it.
    const line = Uint8Array.from([...new TextEncoder().encode('{"UserId":"Jos'), 0xe9, ...new TextEncoder().encode('"}{}\n')]);
    const fast = recordingSink();
    const scanner = new JsonRecordScanner(fast.sink, true);
    scanner.push(line);
    scanner.finish();

    expect(fast.events).toEqual(['record 1 {"UserId":"José"} null', 'record 1 {} null']);
    expect(scanner.windows1252Records).toBe(1);
  });
});

/** CSV-escapes a cell the way exports do: quoted when needed, `"` doubled. */
function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

const auditData = recordObject.map(quoted);
const plainCell = fc.constantFrom('', 'MailItemsAccessed', '2024-03-01T10:04:59.0000000Z', 'user1@contoso.example', 'System.Object[]', '50');
const quotedCell = fc.constantFrom('a,b', 'line one\nline two', 'ends with }', '{"not":"closed"', 'say ""hi""', '}",', '\r\n').map(quoted);
/** Damage that the fast splitter must decline: lone quotes, text after a closing quote, an unclosed cell. */
const brokenCell = fc.constantFrom('ab"c', '"{""Id"":1}" x', '"{""Id"":""1""}', '"open', '"}"x"', '"{}"}"');

const csvRow = fc
  .array(fc.oneof({ weight: 3, arbitrary: plainCell }, { weight: 3, arbitrary: auditData }, { weight: 1, arbitrary: quotedCell }, { weight: 1, arbitrary: brokenCell }), {
    minLength: 1,
    maxLength: 6,
  })
  .map((cells) => cells.join(','));

/** Reads `textPieces` in order with one CSV reader and returns what its sink received and its line feed count. */
function readCsvPieces(textPieces: readonly string[], options: { simpleRows?: boolean } = {}): { events: string[]; lineFeeds: number } {
  const { sink, events } = recordingSink();
  const reader = new CsvRecordReader(sink, ',', undefined, options);
  for (const piece of textPieces) reader.push(piece);
  reader.finish();
  return { events, lineFeeds: reader.lineFeeds };
}

describe('CSV: simple-row splitting against PapaParse', () => {
  const header = 'RecordId,CreationDate,Operation,AuditData,AssociatedAdminUnits';

  it('matches PapaParse on random rows', () => {
    fc.assert(
      fc.property(
        fc.array(csvRow, { maxLength: 10 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
        (rows, lineEnd, finalLineEnd, fractions) => {
          const text = [header, ...rows].join(lineEnd) + (finalLineEnd ? lineEnd : '');
          const fast = readCsvPieces(pieces(text, fractions));
          const plain = readCsvPieces(pieces(text, fractions), { simpleRows: false });

          expect(fast.events).toEqual(plain.events);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads pieces like one whole text', () => {
    // A row left open by one piece is completed from the next piece's first line, or from the
    // whole piece when a quoted cell with line breaks keeps it open.
    fc.assert(
      fc.property(fc.array(csvRow, { maxLength: 10 }), fc.constantFrom('\n', '\r\n'), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }), (rows, lineEnd, fractions) => {
        const text = [header, ...rows].join(lineEnd) + lineEnd;
        const split = readCsvPieces(pieces(text, fractions));
        const whole = readCsvPieces([text]);

        expect(split.events).toEqual(whole.events);
        expect(split.lineFeeds).toBe(whole.lineFeeds);
      }),
      { numRuns: 400 },
    );
  });

  it('splits AuditData with a brace-ended value', () => {
    const record = { Id: 'a', Operation: 'MailItemsAccessed', ClientInfoString: 'x}' };
    const text = `${header}\r\nr1,2024-03-01,MailItemsAccessed,${quoted(JSON.stringify(record))},\r\n`;
    const { sink, events } = recordingSink();
    const reader = new CsvRecordReader(sink, ',');
    reader.push(text);
    reader.finish();

    expect(events).toEqual([`record 2 ${JSON.stringify(record)} {"fallbackId":"r1","fallbackTime":"2024-03-01"}`]);
  });
});
