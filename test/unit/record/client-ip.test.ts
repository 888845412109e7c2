// normalizeClientIp over every raw value in the Elastic IP fixture and the corpus manifest's IP table.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeClientIp } from '../../../src/core/record/client-ip.ts';

const CORPUS_DIR = path.resolve(import.meta.dirname, '../../../../shared/corpus');

/** Expected form of each value in samples/elastic-fixture_clientip-formats.txt, in file order. */
const ELASTIC_FIXTURE_VALUES: [raw: string, normalized: string][] = [
  ['[10.11.12.13]:12345', '10.11.12.13'],
  ['10.11.12.13:12345', '10.11.12.13'],
  ['10.11.12.13', '10.11.12.13'],
  ['::ffff:10.11.12.13', '10.11.12.13'],
  ['[::ffff:10.11.12.13]:12345', '10.11.12.13'],
  ['[2001:db8::abcd]:12345', '2001:db8::abcd'],
  ['2001:db8::abcd', '2001:db8::abcd'],
  ['[2001:db8::abcd]', '2001:db8::abcd'],
  ['[10.11.12.13]', '10.11.12.13'],
  ['localhost', 'localhost'],
  ['[localhost]:12345', 'localhost'],
  ['localhost:12345', 'localhost'],
  ['[cool.client.local]:12345', 'cool.client.local'],
  ['cool.client.local', 'cool.client.local'],
  ['cool.client.local:12345', 'cool.client.local'],
];

/** Raw values of the manifest's ClientIP / ClientIPAddress table that the fixture file does not list. */
const MANIFEST_VALUES: [raw: string, normalized: string][] = [
  ['120.1.121.35', '120.1.121.35'],
  ['67.43.156.13:12345', '67.43.156.13'],
  ['2001:db8:5f4f:f058:4163:e14a:1332:27c7', '2001:db8:5f4f:f058:4163:e14a:1332:27c7'],
  ['2603:10b6:5:1f4:cafe::28', '2603:10b6:5:1f4:cafe::28'],
  ['2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6', '2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6'],
  ['::1', '::1'],
  ['[2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6]', '2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6'],
  ['[2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6]:12345', '2a02:cf40:add:4002:91f2:a9b2:e09a:6fc6'],
  ['[fdfd::555]:12346', 'fdfd::555'],
  // Text that is not an address stays as it is.
  ['NOTANIPV4 (10.9000.0.1)', 'NOTANIPV4 (10.9000.0.1)'],
  ['[CORRECTIPV4 (10.90.0.1)]', '[CORRECTIPV4 (10.90.0.1)]'],
  ['[INCORRECTIPV4 (10.900.0.1)]', '[INCORRECTIPV4 (10.900.0.1)]'],
];

describe('normalizeClientIp', () => {
  it('covers every value of the Elastic fixture file', async () => {
    const text = await readFile(path.join(CORPUS_DIR, 'samples/elastic-fixture_clientip-formats.txt'), 'utf8');
    const values = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));

    expect(values).toEqual(ELASTIC_FIXTURE_VALUES.map(([raw]) => raw));
  });

  it.each(ELASTIC_FIXTURE_VALUES)('normalises fixture value %s', (raw, normalized) => {
    expect(normalizeClientIp(raw)).toBe(normalized);
  });

  it.each(MANIFEST_VALUES)('normalises manifest value %s', (raw, normalized) => {
    expect(normalizeClientIp(raw)).toBe(normalized);
  });

  it.each([
    ['[203.0.113.5]:443', '203.0.113.5'],
    ['198.51.100.7:51000', '198.51.100.7'],
    ['2001:DB8::ABCD', '2001:db8::abcd'],
    ['::FFFF:203.0.113.9', '203.0.113.9'],
    ['  203.0.113.10 ', '203.0.113.10'],
    ['', ''],
    ['   ', ''],
  ])('normalises other shape %j', (raw, normalized) => {
    expect(normalizeClientIp(raw)).toBe(normalized);
  });
});
