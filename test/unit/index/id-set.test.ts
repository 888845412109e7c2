import { describe, expect, it } from 'vitest';

import { IdSet } from '../../../src/core/index/id-set.ts';

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
});
