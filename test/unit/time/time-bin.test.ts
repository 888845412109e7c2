import { describe, expect, it } from 'vitest';

import { parseCreationTime } from '../../../src/core/time/creation-time.ts';
import { binStart } from '../../../src/core/time/time-bin.ts';

const TEN_MINUTES = 600;

describe('binStart', () => {
  it('puts 10:09:59 and 10:10:00 in different bins', () => {
    const before = binStart(parseCreationTime('2024-02-01T10:09:59'), TEN_MINUTES);
    const after = binStart(parseCreationTime('2024-02-01T10:10:00'), TEN_MINUTES);

    expect(before).toBe(Date.UTC(2024, 1, 1, 10, 0) / 1000);
    expect(after).toBe(Date.UTC(2024, 1, 1, 10, 10) / 1000);
  });

  it('floors a fractional time into its bin', () => {
    expect(binStart(parseCreationTime('2024-02-01T10:09:59.9999999'), TEN_MINUTES)).toBe(Date.UTC(2024, 1, 1, 10, 0) / 1000);
  });

  it('aligns bins to the Unix epoch', () => {
    // 7 minutes is not a divisor of an hour, so an hour-aligned bin would start at 10:00.
    expect(binStart(parseCreationTime('2024-02-01T10:03:00'), 420)).toBe(Math.floor(Date.UTC(2024, 1, 1, 10, 3) / 1000 / 420) * 420);
  });

  it('puts times before 1970 into the bin below', () => {
    expect(binStart(-1, TEN_MINUTES)).toBe(-600);
    expect(binStart(-600, TEN_MINUTES)).toBe(-600);
    expect(binStart(-0.5, TEN_MINUTES)).toBe(-600);
  });
});
