// Every supported text encoding gives the same records, and the planted findings, as UTF-8.
import { describe, expect, it } from 'vitest';

import { analyzeSources } from '../../../src/core/analysis/analyze-sources.ts';
import { SNIFF_BYTES } from '../../../src/core/read/detect-format.ts';
import { formatFindingsCsv } from '../../../src/core/export/findings-csv.ts';
import { ESCU_DEFAULTS, type TextEncoding } from '../../../src/core/types.ts';
import {
  EMOJI_USER,
  WINDOWS_1252_USER,
  excerpt,
  expectedFindingsCsv,
  moveLineForward,
  plantedText,
  utf16be,
  utf16le,
  windows1252,
} from './encoding-inputs.ts';
import { blobOf, readAll, readAtAllSliceSizes } from './read-test-helpers.ts';

interface EncodedInput {
  label: string;
  /** Planted export the input is built from. */
  file: 'planted.jsonl' | 'planted.purview.csv';
  user: string;
  /** Changes the UTF-8 text before encoding, such as moving a line. */
  arrange?: (text: string) => string;
  encode: (text: string) => Uint8Array;
  encoding: TextEncoding;
  /** Code of the notice the read must add, if any. */
  notice?: 'encoding-fallback';
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Valid ASCII records that push what follows out of the sniffed head. */
const FILLER_JSON_LINES = '{"Id":"0","UserId":"filler@contoso.example"}\n'.repeat(Math.ceil(SNIFF_BYTES / 40));
const withUtf8Bom = (text: string): Uint8Array => utf8('\uFEFF' + text);

/** Puts the non-ASCII user in the first lines, so that the sniffed head decides the encoding. */
const userFirst = (text: string): string => moveLineForward(text, 'anna.k', 1);

const INPUTS: EncodedInput[] = [
  { label: 'UTF-8 JSON lines with emoji', file: 'planted.jsonl', user: EMOJI_USER, encode: utf8, encoding: 'utf-8' },
  { label: 'UTF-8 BOM CSV with emoji', file: 'planted.purview.csv', user: EMOJI_USER, encode: withUtf8Bom, encoding: 'utf-8-bom' },
  ...(['planted.jsonl', 'planted.purview.csv'] as const).flatMap((file): EncodedInput[] => [
    { label: `UTF-16LE BOM ${file}`, file, user: EMOJI_USER, encode: (text) => utf16le(text, true), encoding: 'utf-16le-bom' },
    { label: `UTF-16LE ${file}`, file, user: EMOJI_USER, encode: (text) => utf16le(text, false), encoding: 'utf-16le' },
    { label: `UTF-16BE BOM ${file}`, file, user: EMOJI_USER, encode: (text) => utf16be(text, true), encoding: 'utf-16be-bom' },
    { label: `UTF-16BE ${file}`, file, user: EMOJI_USER, encode: (text) => utf16be(text, false), encoding: 'utf-16be' },
    {
      label: `Windows-1252 ${file}, non-ASCII in the head`,
      file,
      user: WINDOWS_1252_USER,
      arrange: userFirst,
      encode: windows1252,
      encoding: 'windows-1252',
    },
    {
      label: `Windows-1252 ${file}, non-ASCII after the head`,
      file,
      user: WINDOWS_1252_USER,
      encode: windows1252,
      encoding: 'utf-8',
      notice: 'encoding-fallback',
    },
  ]),
];

/** Returns the planted export as UTF-8 text, arranged for the input, and shortened for the 1-byte slice checks. */
function inputText(input: EncodedInput, shorten: boolean): string {
  const text = plantedText(input.file, input.user);
  const arranged = input.arrange ? input.arrange(text) : text;
  return shorten ? excerpt(arranged, 12, 'anna.k') : arranged;
}

describe('text encodings', () => {
  describe.each(INPUTS)('$label', (input) => {
    it('gives the planted findings', async () => {
      const source = { name: input.label, source: blobOf(input.encode(inputText(input, false))) };
      const { result } = await analyzeSources([source], ESCU_DEFAULTS);
      const report = result.summary.files[0];

      expect(formatFindingsCsv(result.findings)).toBe(expectedFindingsCsv(input.user));
      expect(report?.encoding).toBe(input.encoding);
      expect(report?.error).toBeUndefined();
      expect(result.summary.skippedTotal).toBe(0);
      expect(report?.notices.filter((notice) => notice.code === 'encoding-fallback').length).toBe(input.notice ? 1 : 0);
    });

    it('reads the same records at every slice size', async () => {
      const text = inputText(input, true);
      const encoded = await readAtAllSliceSizes(blobOf(input.encode(text)));
      const reference = await readAll(blobOf(utf8(text)));

      expect(encoded.records).toEqual(reference.records);
      expect(encoded.records.some(({ record }) => record.UserId === input.user)).toBe(true);
      expect(encoded.skips).toEqual([]);
    }, 60_000);
  });

  it('reads UTF-16 CSV parts joined with a byte order mark each', async () => {
    const text = plantedText('planted.purview.csv', EMOJI_USER);
    const lines = text.split('\n');
    const header = lines[0] as string;
    const middle = Math.floor(lines.length / 2);
    const first = lines.slice(0, middle).join('\n') + '\n';
    const second = [header, ...lines.slice(middle)].join('\n');
    const joined = new Uint8Array([...utf16le(first, true), ...utf16le(second, true)]);

    const { result } = await analyzeSources([{ name: 'joined.csv', source: blobOf(joined) }], ESCU_DEFAULTS);

    expect(formatFindingsCsv(result.findings)).toBe(expectedFindingsCsv(EMOJI_USER));
    expect(result.summary.skippedTotal).toBe(0);
  });

  it('decodes a whole Windows-1252 file from its head', async () => {
    const bytes = windows1252('{"Id":"1","UserId":"a@contoso.example"}\n{"Id":"2","UserId":"jürgen@contoso.example"}\n');

    const result = await readAll(blobOf(bytes));

    expect(result.outcome.encoding).toBe('windows-1252');
    expect(result.records.map(({ record }) => record.UserId)).toEqual(['a@contoso.example', 'jürgen@contoso.example']);
  });

  it('falls back per JSON record after a valid UTF-8 head', async () => {
    const head = '{"Id":"1","UserId":"zoë@contoso.example"}\n' + FILLER_JSON_LINES;
    const bytes = new Uint8Array([...utf8(head), ...windows1252('{"Id":"2","UserId":"jürgen€@contoso.example"}\n')]);

    const result = await readAll(blobOf(bytes), { sliceBytes: 5 });
    const users = result.records.map(({ record }) => record.UserId).filter((user) => user !== 'filler@contoso.example');

    expect(result.outcome.encoding).toBe('utf-8');
    expect(users).toEqual(['zoë@contoso.example', 'jürgen€@contoso.example']);
    expect(result.outcome.notices).toEqual([
      {
        code: 'encoding-fallback',
        message:
          'The file starts as UTF-8, but 1 record is not valid UTF-8, so it was read as Windows-1252. ' +
          'Check non-ASCII characters in user names; re-saving the export as UTF-8 avoids the guess.',
      },
    ]);
  });

  it('repairs invalid CSV bytes one by one after a valid UTF-8 head', async () => {
    const header = 'CreationDate,UserIds,Operations,AuditData\n';
    const row = (id: string, user: string) => `d,${user},o,"{""Id"":""${id}"",""UserId"":""${user}""}"\n`;
    const filler = row('0', 'filler@contoso.example').repeat(Math.ceil(SNIFF_BYTES / 60));
    const head = header + row('1', 'zoë@contoso.example') + filler;
    const bytes = new Uint8Array([...utf8(head), ...windows1252(row('2', 'jürgen@contoso.example'))]);

    for (const sliceBytes of [undefined, 7, 1]) {
      const result = await readAll(blobOf(bytes), { sliceBytes });
      const users = result.records.map(({ record }) => record.UserId).filter((user) => user !== 'filler@contoso.example');

      expect(result.outcome.encoding).toBe('utf-8');
      expect(users).toEqual(['zoë@contoso.example', 'jürgen@contoso.example']);
      // ü appears twice in the row: in the UserIds cell and in AuditData.
      expect(result.outcome.notices?.[0]?.message).toMatch(/^The file starts as UTF-8, but 2 bytes are not valid UTF-8/);
    }
  });
});
