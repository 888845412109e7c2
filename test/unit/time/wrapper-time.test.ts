import { describe, expect, it } from 'vitest';

import { DayMonthEvidence } from '../../../src/core/time/day-month-order.ts';
import { parseWrapperTime, resolveWrapperTime } from '../../../src/core/time/wrapper-time.ts';
import type { WrapperTime } from '../../../src/core/time/wrapper-time.ts';
import { restoreTimeZoneAfterEach } from './time-zone.ts';

function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond) / 1000;
}

function fixedSeconds(text: string): number | undefined {
  const time = parseWrapperTime(text);
  return time?.order === 'fixed' ? time.seconds : undefined;
}

describe('parseWrapperTime ISO forms', () => {
  it('reads a Purview 7-digit fraction with Z and a trailing space', () => {
    expect(fixedSeconds('2026-01-24T06:54:24.0000000Z ')).toBe(utc(2026, 1, 24, 6, 54, 24));
  });

  it('reads a zone-less time as UTC', () => {
    expect(fixedSeconds('2024-05-06T10:00:11')).toBe(utc(2024, 5, 6, 10, 0, 11));
  });

  it('applies offsets with and without a colon', () => {
    expect(fixedSeconds('2021-07-27T05:48:20.265+0300')).toBe(utc(2021, 7, 27, 2, 48, 20, 265));
    expect(fixedSeconds('2021-07-27T05:48:20.265+03:00')).toBe(utc(2021, 7, 27, 2, 48, 20, 265));
    expect(fixedSeconds('2021-07-27T05:48:20-05:30')).toBe(utc(2021, 7, 27, 11, 18, 20));
  });

  it('reads the Splunk form with a space and GMT', () => {
    expect(fixedSeconds('2026-10-08 13:48:34.000 GMT')).toBe(utc(2026, 10, 8, 13, 48, 34));
    expect(fixedSeconds('2026-10-08 13:48:34 UTC')).toBe(utc(2026, 10, 8, 13, 48, 34));
  });

  it('keeps milliseconds of a 7-digit fraction', () => {
    expect(fixedSeconds('2024-02-01T16:07:34.9999999Z')).toBe(utc(2024, 2, 1, 16, 7, 34, 999));
  });

  it('rejects impossible dates and times', () => {
    expect(parseWrapperTime('2024-02-30T00:00:00Z')).toBeUndefined();
    expect(parseWrapperTime('2024-02-01T24:00:00Z')).toBeUndefined();
    expect(parseWrapperTime('2024-02-01T10:00:00+24:00')).toBeUndefined();
    expect(parseWrapperTime('2024-02-01T16:07:34.12345678Z')).toBeUndefined();
  });
});

describe('parseWrapperTime .NET dates', () => {
  it('reads the escaped form as written in a file', () => {
    expect(fixedSeconds('\\/Date(1714989611000)\\/')).toBe(utc(2024, 5, 6, 10, 0, 11));
  });

  it('reads the form left after JSON parsing', () => {
    expect(fixedSeconds('/Date(1714989611000)/')).toBe(utc(2024, 5, 6, 10, 0, 11));
  });

  it('ignores the offset, because the milliseconds are UTC', () => {
    expect(fixedSeconds('/Date(1714989611000+0200)/')).toBe(utc(2024, 5, 6, 10, 0, 11));
  });

  it('keeps milliseconds', () => {
    expect(fixedSeconds('/Date(1714989611250)/')).toBe(utc(2024, 5, 6, 10, 0, 11, 250));
  });
});

describe('parseWrapperTime slash dates', () => {
  it('reads the 2023 Purview export month-first', () => {
    expect(parseWrapperTime('9/20/2023 4:05:03 AM')).toEqual({ order: 'month-first', seconds: utc(2023, 9, 20, 4, 5, 3) });
  });

  it('reads a day over 12 as day-first', () => {
    expect(parseWrapperTime('20/9/2023 16:05:03')).toEqual({ order: 'day-first', seconds: utc(2023, 9, 20, 16, 5, 3) });
  });

  it('gives both readings of the en-AU Search-UnifiedAuditLog date', () => {
    expect(parseWrapperTime('3/12/2025 7:31:34 AM')).toEqual({
      order: 'ambiguous',
      monthFirstSeconds: utc(2025, 3, 12, 7, 31, 34),
      dayFirstSeconds: utc(2025, 12, 3, 7, 31, 34),
    });
  });

  it('reads equal day and month as one date', () => {
    expect(parseWrapperTime('5/5/2024 10:00:00 PM')).toEqual({ order: 'fixed', seconds: utc(2024, 5, 5, 22) });
  });

  it('reads the Log Analytics form with a comma and milliseconds', () => {
    expect(parseWrapperTime('2/25/2025, 9:19:25.391 AM')).toEqual({ order: 'month-first', seconds: utc(2025, 2, 25, 9, 19, 25, 391) });
  });

  it('reads the US portal form as month-first even when both orders fit', () => {
    expect(parseWrapperTime('2/3/2024, 4:07:12.000 PM')).toEqual({ order: 'month-first', seconds: utc(2024, 2, 3, 16, 7, 12) });
  });

  it('keeps day-first browser forms ambiguous', () => {
    expect(parseWrapperTime('2/3/2024, 16:07:12')?.order).toBe('ambiguous');
    expect(parseWrapperTime('2/3/2024, 4:07:12 pm')?.order).toBe('ambiguous');
    expect(parseWrapperTime('2/3/2024 4:07:12 PM')?.order).toBe('ambiguous');
  });

  it('reads 12 AM as midnight and 12 PM as noon', () => {
    expect(parseWrapperTime('1/13/2024 12:00:01 AM')).toEqual({ order: 'month-first', seconds: utc(2024, 1, 13, 0, 0, 1) });
    expect(parseWrapperTime('1/13/2024 12:00:01 PM')).toEqual({ order: 'month-first', seconds: utc(2024, 1, 13, 12, 0, 1) });
  });

  it('rejects a 12-hour clock hour out of range', () => {
    expect(parseWrapperTime('1/13/2024 13:00:00 PM')).toBeUndefined();
    expect(parseWrapperTime('1/13/2024 0:00:00 AM')).toBeUndefined();
  });

  it('rejects a date that is impossible both ways', () => {
    expect(parseWrapperTime('2/30/2024 10:00:00')).toBeUndefined();
    expect(parseWrapperTime('13/13/2024 10:00:00')).toBeUndefined();
  });

  it('reads a dotted date day-first', () => {
    expect(fixedSeconds('03.12.2025 07:31:34')).toBe(utc(2025, 12, 3, 7, 31, 34));
  });

  it('rejects text of no known form', () => {
    expect(parseWrapperTime('Feb 1, 2024 @ 16:07:34.000')).toBeUndefined();
    expect(parseWrapperTime('yesterday')).toBeUndefined();
    expect(parseWrapperTime('')).toBeUndefined();
  });
});

describe('parseWrapperTime and the host time zone', () => {
  restoreTimeZoneAfterEach();

  it('gives UTC results under TZ=Asia/Kathmandu', () => {
    process.env.TZ = 'Asia/Kathmandu';

    expect(new Date(2024, 0, 1).getTimezoneOffset()).toBe(-(5 * 60 + 45));
    expect(parseWrapperTime('9/20/2023 4:05:03 AM')).toEqual({ order: 'month-first', seconds: utc(2023, 9, 20, 4, 5, 3) });
    expect(fixedSeconds('2024-05-06T10:00:11')).toBe(utc(2024, 5, 6, 10, 0, 11));
  });
});

describe('resolveWrapperTime', () => {
  const ambiguous = parseWrapperTime('3/12/2025 7:31:34 AM') as WrapperTime;

  it('applies the order to an ambiguous date', () => {
    expect(resolveWrapperTime(ambiguous, 'month-first')).toBe(utc(2025, 3, 12, 7, 31, 34));
    expect(resolveWrapperTime(ambiguous, 'day-first')).toBe(utc(2025, 12, 3, 7, 31, 34));
  });

  it('keeps a settled date whatever the order', () => {
    const settled = parseWrapperTime('9/20/2023 4:05:03 AM') as WrapperTime;

    expect(resolveWrapperTime(settled, 'day-first')).toBe(utc(2023, 9, 20, 4, 5, 3));
  });
});

function decideFor(texts: string[]): ReturnType<DayMonthEvidence['decide']> {
  const evidence = new DayMonthEvidence();
  for (const text of texts) {
    const time = parseWrapperTime(text);
    if (time !== undefined) {
      evidence.observe(time);
    }
  }
  return evidence.decide();
}

describe('DayMonthEvidence', () => {
  it('settles a day-first file', () => {
    expect(decideFor(['3/12/2025 7:31:34', '25/11/2025 8:00:00', '4/12/2025 9:00:00'])).toEqual({
      order: 'day-first',
      settled: true,
      conflicting: false,
    });
  });

  it('settles a month-first file', () => {
    expect(decideFor(['3/12/2025 7:31:34 AM', '11/25/2025 8:00:00 AM'])).toEqual({ order: 'month-first', settled: true, conflicting: false });
  });

  it('reads an ambiguous file month-first, unsettled', () => {
    expect(decideFor(['3/12/2025 7:31:34 AM', '4/11/2025 8:00:00 AM', '2025-01-01T00:00:00Z'])).toEqual({
      order: 'month-first',
      settled: false,
      conflicting: false,
    });
  });

  it('flags a mixed file and follows the majority', () => {
    expect(decideFor(['25/11/2025 8:00:00', '26/11/2025 8:00:00', '11/27/2025 8:00:00', '3/4/2025 8:00:00'])).toEqual({
      order: 'day-first',
      settled: false,
      conflicting: true,
    });
  });

  it('reads a tied mixed file month-first', () => {
    expect(decideFor(['25/11/2025 8:00:00', '11/27/2025 8:00:00'])).toEqual({ order: 'month-first', settled: false, conflicting: true });
  });
});
