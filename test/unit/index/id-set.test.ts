import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { IdSet, WORDS_PER_GUID, parseGuid } from '../../../src/core/index/id-set.ts';

const SAMPLE_ID = '9cef02e9-4bfa-4c73-be7d-9dad68b9cea8';

describe('IdSet', () => {
  it('reports a repeated GUID as a duplicate', () => {
    const ids = new IdSet();

    expect(ids.add(SAMPLE_ID)).toBe(true);
    expect(ids.add(SAMPLE_ID)).toBe(false);
    expect(ids.size).toBe(1);
  });

  it('compares GUIDs without regard to case or braces', () => {
    const ids = new IdSet();
    ids.add(SAMPLE_ID);

    expect(ids.add(SAMPLE_ID.toUpperCase())).toBe(false);
    expect(ids.add(`{${SAMPLE_ID}}`)).toBe(false);
    expect(ids.add(`{${SAMPLE_ID.toUpperCase()}}`)).toBe(false);
    expect(ids.size).toBe(1);
  });

  it('tells GUIDs apart that differ in any word', () => {
    const ids = new IdSet();
    ids.add(SAMPLE_ID);

    expect(ids.add('8cef02e9-4bfa-4c73-be7d-9dad68b9cea8')).toBe(true);
    expect(ids.add('9cef02e9-4bfb-4c73-be7d-9dad68b9cea8')).toBe(true);
    expect(ids.add('9cef02e9-4bfa-4c73-be7e-9dad68b9cea8')).toBe(true);
    expect(ids.add('9cef02e9-4bfa-4c73-be7d-9dad68b9cea9')).toBe(true);
    expect(ids.size).toBe(5);
  });

  it('never treats a record without an Id as a duplicate', () => {
    const ids = new IdSet();

    expect(ids.add(undefined)).toBe(true);
    expect(ids.add(undefined)).toBe(true);
    expect(ids.size).toBe(0);
  });

  it('compares other ids as exact strings', () => {
    const ids = new IdSet();

    expect(ids.add('record-17')).toBe(true);
    expect(ids.add('record-17')).toBe(false);
    expect(ids.add('RECORD-17')).toBe(true);
    expect(ids.add(`{${SAMPLE_ID}`)).toBe(true);
    expect(ids.add(`{${SAMPLE_ID}`)).toBe(false);
    expect(ids.add(SAMPLE_ID)).toBe(true);
  });

  it('compares malformed GUIDs as exact strings', () => {
    const malformed = [
      '9cef02e9-4bfa-4c73-be7d-9dad68b9ceag',
      '9cef02e94-bfa-4c73-be7d-9dad68b9cea8',
      '7777777-6666-aaaa-bbbb-123456789012',
      '[9cef02e9-4bfa-4c73-be7d-9dad68b9cea8]',
    ];
    const ids = new IdSet();

    for (const id of malformed) {
      expect(ids.add(id), id).toBe(true);
      expect(ids.add(id.toUpperCase()), id.toUpperCase()).toBe(true);
      expect(ids.add(id), id).toBe(false);
    }
  });

  it('stores the nil GUID', () => {
    const ids = new IdSet();

    expect(ids.add('00000000-0000-0000-0000-000000000000')).toBe(true);
    expect(ids.add('{00000000-0000-0000-0000-000000000000}')).toBe(false);
    expect(ids.size).toBe(1);
  });

  it('keeps every GUID while the table grows', () => {
    const ids = new IdSet();
    const guids = Array.from({ length: 5000 }, (_, serial) => `${serial.toString(16).padStart(8, '0')}-0000-4000-8000-${(serial * 7919).toString(16).padStart(12, '0')}`);

    expect(guids.map((guid) => ids.add(guid)).every(Boolean)).toBe(true);
    expect(ids.size).toBe(5000);
    expect(guids.filter((guid) => ids.add(guid.toUpperCase()))).toEqual([]);
    expect(ids.size).toBe(5000);
  });

  it('keeps earlier GUIDs across a reserve', () => {
    const ids = new IdSet();
    const guids = Array.from({ length: 3000 }, (_, serial) => `${serial.toString(16).padStart(8, '0')}-1111-4000-8000-${(serial * 104729).toString(16).padStart(12, '0')}`);
    guids.slice(0, 1000).forEach((guid) => ids.add(guid));

    ids.reserve(2000);

    expect(guids.slice(0, 1000).filter((guid) => ids.add(guid))).toEqual([]);
    expect(guids.slice(1000).map((guid) => ids.add(guid)).every(Boolean)).toBe(true);
    expect(ids.size).toBe(3000);
    expect(guids.filter((guid) => ids.add(`{${guid}}`))).toEqual([]);
  });
});

describe('parseGuid', () => {
  it.each([
    ['9cef02e9-4bfa-4c73-be7d-9dad68b9cea8', [0x9cef02e9, 0x4bfa4c73, 0xbe7d9dad, 0x68b9cea8]],
    ['{FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF}', [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]],
    ['80000000-0000-0000-7fff-ffff00000001', [0x80000000, 0x00000000, 0x7fffffff, 0x00000001]],
  ])('reads %s as four unsigned words in text order', (id, expected) => {
    const words = new Uint32Array(WORDS_PER_GUID);
    expect(parseGuid(id, words)).toBe(true);
    expect(Array.from(words)).toEqual(expected);
  });

  it.each(['9cef02e9-4bfa-4c73-be7d-9dad68b9cea', '9cef02e9-4bfa-4c73-be7d-9dad68b9ceag', '9cef02e9x4bfa-4c73-be7d-9dad68b9cea8'])(
    'rejects %s',
    (id) => {
      expect(parseGuid(id, new Uint32Array(WORDS_PER_GUID))).toBe(false);
    },
  );

  it('matches a GUID pattern on random text', () => {
    const GUID_PATTERN = /^(\{?)([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})([0-9a-f]{8})(\}?)$/i;
    // Mostly hex digits and hyphens, so that the cases include both valid GUIDs and near misses.
    const character = fc.oneof(fc.constantFrom(...Array.from('0123456789abcdefABCDEF-')), fc.constantFrom('g', 'G', '{', '}', ' ', '\u0660', '\uff10'));
    const guidLike = fc.oneof(
      fc.array(character, { minLength: 36, maxLength: 36 }).map((characters) => characters.join('')),
      fc.uuid().map((uuid) => `{${uuid.toUpperCase()}}`),
      fc.tuple(fc.uuid(), fc.nat(35), character).map(([uuid, index, replacement]) => uuid.slice(0, index) + replacement + uuid.slice(index + 1)),
    );
    fc.assert(
      fc.property(guidLike, (id) => {
        const match = GUID_PATTERN.exec(id);
        const isGuid = match !== null && (match[1] === '{') === (match[8] === '}');
        const words = new Uint32Array(WORDS_PER_GUID);
        expect(parseGuid(id, words)).toBe(isGuid);
        if (match !== null && isGuid) {
          const hex = match.slice(2, 8).join('');
          expect(Array.from(words)).toEqual([0, 8, 16, 24].map((offset) => Number.parseInt(hex.slice(offset, offset + 8), 16)));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
