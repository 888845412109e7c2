import { describe, expect, it } from 'vitest';

import { StringTable } from '../../../src/core/index/string-table.ts';

describe('StringTable', () => {
  it('interns each string once', () => {
    const table = new StringTable();
    const first = table.intern('user1@example.onmicrosoft.com');
    const second = table.intern('user2@example.onmicrosoft.com');

    expect(table.intern('user1@example.onmicrosoft.com')).toBe(first);
    expect(second).not.toBe(first);
    expect(table.size).toBe(3);
    expect(table.lookup(first)).toBe('user1@example.onmicrosoft.com');
    expect(table.lookup(second)).toBe('user2@example.onmicrosoft.com');
  });

  it('reserves id 0 for absent values', () => {
    const table = new StringTable();

    expect(table.intern(undefined)).toBe(StringTable.ABSENT);
    expect(table.intern('Alex@example.com')).not.toBe(StringTable.ABSENT);
    expect(() => table.lookup(StringTable.ABSENT)).toThrow(RangeError);
  });

  it('compares strings exactly', () => {
    const table = new StringTable();

    expect(table.intern('Alex@example.com')).not.toBe(table.intern('alex@example.com'));
    expect(table.intern('203.0.113.5')).not.toBe(table.intern('203.0.113.5:443'));
  });

  it('rejects unknown ids', () => {
    const table = new StringTable();
    table.intern('203.0.113.5');

    expect(() => table.lookup(2)).toThrow(/String id 2 is not in the table/);
  });
});
