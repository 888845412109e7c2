import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { parseCreationTime, parseCreationTimeByPattern } from '../../../src/core/time/creation-time.ts';
import { restoreTimeZoneAfterEach } from './time-zone.ts';

/** 2024-02-01T16:07:34Z, the CreationTime of the real EWS sample record. */
const SAMPLE_SECONDS = Date.UTC(2024, 1, 1, 16, 7, 34) / 1000;

describe('parseCreationTime', () => {
  restoreTimeZoneAfterEach();

  it('reads a zone-less time as UTC', () => {
    expect(parseCreationTime('2024-02-01T16:07:34')).toBe(SAMPLE_SECONDS);
    expect(parseCreationTime('2024-02-01T16:07:34Z')).toBe(SAMPLE_SECONDS);
  });

  it('gives the same result under TZ=Asia/Kathmandu', () => {
    process.env.TZ = 'Asia/Kathmandu';

    // Proves that the zone took effect: Date reads the same text as local time, 5:45 earlier in UTC.
    expect(new Date('2024-02-01T16:07:34').getTime() / 1000).toBe(SAMPLE_SECONDS - (5 * 3600 + 45 * 60));
    expect(parseCreationTime('2024-02-01T16:07:34')).toBe(SAMPLE_SECONDS);
  });

  it('accepts a 7-digit fraction with Z and a trailing space', () => {
    expect(parseCreationTime('2026-01-24T06:54:24.0000000Z ')).toBe(Date.UTC(2026, 0, 24, 6, 54, 24) / 1000);
    expect(parseCreationTime('2024-02-01T16:07:34.2509999')).toBe(SAMPLE_SECONDS + 0.25);
  });

  it('accepts fractions of 1 to 7 digits', () => {
    expect(parseCreationTime('2024-02-01T16:07:34.5')).toBe(SAMPLE_SECONDS + 0.5);
    expect(parseCreationTime('2024-02-01T16:07:34.123')).toBe(SAMPLE_SECONDS + 0.123);
    expect(parseCreationTime('2024-02-01T16:07:34.12345678')).toBeNaN();
    expect(parseCreationTime('2024-02-01T16:07:34.')).toBeNaN();
  });

  it('keeps .9999999 inside its whole second', () => {
    const seconds = parseCreationTime('2024-02-01T10:09:59.9999999');

    expect(Math.floor(seconds)).toBe(Date.UTC(2024, 1, 1, 10, 9, 59) / 1000);
  });

  it('subtracts offsets with and without a colon', () => {
    expect(parseCreationTime('2024-02-01T19:07:34+03:00')).toBe(SAMPLE_SECONDS);
    expect(parseCreationTime('2024-02-01T19:07:34+0300')).toBe(SAMPLE_SECONDS);
    expect(parseCreationTime('2024-02-01T10:37:34.000-05:30')).toBe(SAMPLE_SECONDS);
  });

  it('rejects text that is not an ISO UTC time', () => {
    for (const text of ['', '9/20/2023 4:05:03 AM', '2024-02-01 16:07:34', '2024-02-01', ' 2024-02-01T16:07:34', '/Date(1714989611000)/']) {
      expect(parseCreationTime(text), text).toBeNaN();
    }
  });

  it('rejects impossible dates and times', () => {
    for (const text of ['2023-02-29T00:00:00', '2024-04-31T00:00:00', '2024-13-01T00:00:00', '2024-02-01T24:00:00', '2024-02-01T16:60:00', '2024-02-01T16:07:60', '2024-02-01T16:07:34+24:00']) {
      expect(parseCreationTime(text), text).toBeNaN();
    }
  });

  it('accepts 29 February of a leap year', () => {
    expect(parseCreationTime('2024-02-29T00:00:00')).toBe(Date.UTC(2024, 1, 29) / 1000);
  });

  it('reads years below 100 literally', () => {
    const expected = new Date(0);
    expected.setUTCFullYear(50, 0, 1);

    expect(parseCreationTime('0050-01-01T00:00:00')).toBe(expected.getTime() / 1000);
  });
});

describe('parseCreationTime without its pattern for the common form', () => {
  const digit = fc.constantFrom(...'0123456789'.split(''));
  const almostDigit = fc.oneof({ weight: 20, arbitrary: digit }, { weight: 1, arbitrary: fc.constantFrom('a', ' ', '-', ':', '/') });
  const field = (count: number) => fc.array(almostDigit, { minLength: count, maxLength: count }).map((chars) => chars.join(''));
  const separator = (expected: string) => fc.oneof({ weight: 20, arbitrary: fc.constant(expected) }, { weight: 1, arbitrary: fc.constantFrom('/', ' ', 'x') });
  const commonForm = fc
    .tuple(field(4), separator('-'), field(2), separator('-'), field(2), separator('T'), field(2), separator(':'), field(2), separator(':'), field(2))
    .chain((parts) => fc.constantFrom('', 'Z', 'z', '.5', '+01:00', ' ').map((suffix) => parts.join('') + suffix));

  it('agrees with the pattern on near-common forms', () => {
    fc.assert(
      fc.property(fc.array(commonForm, { minLength: 1, maxLength: 5 }), (texts) => {
        for (const text of texts) {
          expect(Object.is(parseCreationTime(text), parseCreationTimeByPattern(text)), text).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('checks each date despite the cached midnight', () => {
    expect(parseCreationTime('2023-03-01T00:00:00')).toBe(1_677_628_800);
    expect(parseCreationTime('2024-02-29T23:59:59Z')).toBe(1_709_251_199);
    expect(parseCreationTime('2023-02-29T00:00:00')).toBeNaN();
  });
});
