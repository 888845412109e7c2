// FileQuality split into parts: each part observes its own records, and absorbing the parts' states
// in file order must give the same decision and report as one FileQuality that observed every
// record in order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { FileQuality } from '../../../src/core/analysis/quality/file-quality.ts';
import type { FileQualityReport, FileQualityState, FileQualityTotals } from '../../../src/core/analysis/quality/file-quality.ts';
import { TimeCoverage } from '../../../src/core/analysis/quality/time-coverage.ts';
import { isMailItemsAccessed } from '../../../src/core/detect/escu-filters.ts';
import type { RecordContext } from '../../../src/core/read/read-audit-file.ts';
import { readAuditFields } from '../../../src/core/record/audit-fields.ts';
import type { FileNoticeCode } from '../../../src/core/types.ts';
import { ewsRecord } from '../record/ews-sample-record.ts';

interface Input {
  record: Record<string, unknown>;
  context?: RecordContext;
}

function observeAll(quality: FileQuality, inputs: readonly Input[]): void {
  for (const { record, context } of inputs) {
    const fields = readAuditFields(record);
    quality.observeRecord(fields, isMailItemsAccessed(fields), context);
  }
}

function stateOf(inputs: readonly Input[]): FileQualityState {
  const quality = new FileQuality();
  observeAll(quality, inputs);
  return structuredClone(quality.snapshot());
}

/** Observes the first part directly and absorbs the state of every later part, as a coordinator does with the first range. */
function merged(parts: readonly Input[][]): FileQuality {
  const [first = [], ...later] = parts;
  const quality = new FileQuality();
  observeAll(quality, first);
  for (const part of later) {
    quality.absorb(stateOf(part));
  }
  return quality;
}

function sequential(inputs: readonly Input[]): FileQuality {
  const quality = new FileQuality();
  observeAll(quality, inputs);
  return quality;
}

function totalsOf(inputs: readonly Input[]): FileQualityTotals {
  return { rows: inputs.length, truncatedAuditData: 0 };
}

function codes(report: FileQualityReport): FileNoticeCode[] {
  return report.notices.map((notice) => notice.code);
}

function messageOf(report: FileQualityReport, code: FileNoticeCode): string {
  return report.notices.find((notice) => notice.code === code)?.message ?? '';
}

function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
}

/** Returns a MailItemsAccessed record without CreationTime, timed from its container's date text. */
function containerDated(fallbackTime: string, fields: Record<string, unknown> = {}): Input {
  return { record: ewsRecord({ CreationTime: undefined, ...fields }), context: { fallbackTime } };
}

function timed(creationTime: string, fields: Record<string, unknown> = {}, context?: RecordContext): Input {
  const input: Input = { record: ewsRecord({ CreationTime: creationTime, ...fields }) };
  if (context !== undefined) {
    input.context = context;
  }
  return input;
}

/** Returns true when `value` contains only plain objects, arrays, strings, numbers, booleans and undefined. */
function isPlainData(value: unknown): boolean {
  if (value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return true;
  }
  if (Array.isArray(value)) {
    return value.every(isPlainData);
  }
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).every(isPlainData);
  }
  return false;
}

describe('FileQuality merge of day/month evidence', () => {
  it('reads an earlier ambiguous date by a later day-first date', () => {
    const parts = [[containerDated('03/04/2024 10:00:00')], [containerDated('25/04/2024 10:00:00')]];
    const quality = merged(parts);
    const decision = quality.decideDayMonthOrder();
    const report = quality.report('en-au.csv', { rows: 2, truncatedAuditData: 0 });

    expect(decision).toEqual({ order: 'day-first', settled: true, conflicting: false });
    expect(codes(report)).toEqual(['fallback-time', 'time-gap']);
    expect(report.firstRecordTime).toBe(utc(2024, 4, 3, 10));
    expect(report.lastRecordTime).toBe(utc(2024, 4, 25, 10));
    expect(report).toEqual(sequential(parts.flat()).report('en-au.csv', { rows: 2, truncatedAuditData: 0 }));
  });

  it("keeps the first part's ambiguous example", () => {
    const parts = [[containerDated('03/04/2024 10:00:00')], [containerDated('05/06/2024 11:00:00')]];
    const report = merged(parts).report('unknown-locale.csv', { rows: 2, truncatedAuditData: 0 });

    expect(messageOf(report, 'day-month-ambiguous')).toMatch(/^2 dates in unknown-locale\.csv \(such as "03\/04\/2024 10:00:00"\)/);
  });

  it('takes the ambiguous example from a later part', () => {
    const parts = [[timed('2024-04-03T09:00:00')], [containerDated('05/06/2024 11:00:00'), containerDated('03/04/2024 10:00:00')]];
    const report = merged(parts).report('unknown-locale.csv', { rows: 3, truncatedAuditData: 0 });

    expect(messageOf(report, 'day-month-ambiguous')).toMatch(/^2 dates in unknown-locale\.csv \(such as "05\/06\/2024 11:00:00"\)/);
  });

  it('finds a conflict between parts', () => {
    const parts = [[containerDated('25/04/2024 10:00:00')], [containerDated('4/26/2024 10:00:00 AM'), containerDated('4/27/2024 10:00:00 AM')]];
    const decision = merged(parts).decideDayMonthOrder();

    expect(decision).toEqual({ order: 'month-first', settled: false, conflicting: true });
  });
});

describe('FileQuality merge of other observations', () => {
  it('reports a gap that spans two parts', () => {
    const parts = [[timed('2024-02-01T10:15:00')], [timed('2024-02-05T08:00:00')]];
    const report = merged(parts).report('window.json', totalsOf(parts.flat()));

    expect(codes(report)).toEqual(['time-gap']);
    expect(messageOf(report, 'time-gap')).toMatch(/^window\.json has no records from 2024-02-01T11:00:00Z to 2024-02-05T08:00:00Z\. /);
  });

  it('finds a field present only in a later part', () => {
    const parts = [[timed('2024-02-01T10:15:00', { ClientAppId: undefined })], [timed('2024-02-01T10:20:00')]];

    expect(codes(merged(parts).report('export.csv', totalsOf(parts.flat())))).toEqual([]);
  });

  it('reports a field missing from every part', () => {
    const parts = [[timed('2024-02-01T10:15:00', { ClientAppId: undefined })], [timed('2024-02-01T10:20:00', { ClientAppId: undefined })]];
    const report = merged(parts).report('export.csv', totalsOf(parts.flat()));

    expect(codes(report)).toEqual(['missing-fields']);
    expect(messageOf(report, 'missing-fields')).toMatch(/^No MailItemsAccessed record in export\.csv has ClientAppId,/);
  });

  it('keeps the largest result count of any part', () => {
    const parts = [[timed('2024-02-01T10:15:00', {}, { resultCount: 3 })], [timed('2024-02-01T10:20:00', {}, { resultCount: 7 })], [timed('2024-02-01T10:25:00')]];
    const report = merged(parts).report('export.csv', totalsOf(parts.flat()));

    expect(codes(report)).toEqual(['result-count-exceeds-rows']);
    expect(messageOf(report, 'result-count-exceeds-rows')).toMatch(/^export\.csv holds 3 rows, but its ResultCount column says the search had 7 results,/);
    expect(report).toEqual(sequential(parts.flat()).report('export.csv', totalsOf(parts.flat())));
  });

  it('adds fallback counts of every part', () => {
    const parts = [[containerDated('2024-02-01T10:15:00Z')], [containerDated('/Date(1706782800000)/'), timed('2024-02-01T10:20:00')]];
    const report = merged(parts).report('powershell.json', totalsOf(parts.flat()));

    expect(messageOf(report, 'fallback-time')).toMatch(/^2 records in powershell\.json have no CreationTime/);
  });

  it('gives the same report when every part is absorbed into an empty FileQuality', () => {
    const parts = [[containerDated('03/04/2024 10:00:00')], [timed('2024-04-09T10:00:00', { Workload: undefined })], [containerDated('25/04/2024 10:00:00')]];
    const quality = new FileQuality();
    for (const part of parts) {
      quality.absorb(stateOf(part));
    }

    expect(quality.report('export.csv', totalsOf(parts.flat()))).toEqual(sequential(parts.flat()).report('export.csv', totalsOf(parts.flat())));
  });
});

describe('FileQuality state', () => {
  it('is plain data that structuredClone keeps', () => {
    const state = stateOf([containerDated('03/04/2024 10:00:00'), timed('2024-02-01T10:15:00', {}, { resultCount: 9 })]);

    expect(isPlainData(state)).toBe(true);
    expect(structuredClone(state)).toEqual(state);
    expect(state.ambiguousExample).toBe('03/04/2024 10:00:00');
    expect(state.coverage.hours).toEqual([Math.floor(utc(2024, 2, 1, 10) / 3600)]);
    expect(state.ambiguousDayFirst.firstTime).toBe(utc(2024, 4, 3, 10));
  });

  it('rejects absorb after the order is decided', () => {
    const quality = new FileQuality();
    quality.decideDayMonthOrder();

    const state = stateOf([timed('2024-02-01T10:15:00')]);

    expect(() => {
      quality.absorb(state);
    }).toThrow(
      'FileQuality.absorb must be called before decideDayMonthOrder and report, but the day/month order is already decided.',
    );
  });

  it('rejects snapshot after report', () => {
    const quality = sequential([containerDated('03/04/2024 10:00:00')]);
    quality.report('export.csv', { rows: 1, truncatedAuditData: 0 });

    expect(() => quality.snapshot()).toThrow('FileQuality.snapshot must be called before decideDayMonthOrder and report');
  });
});

/** Hours that TimeCoverage tracks before it stops listing gaps: 20 years of 366 days. */
const MAX_TRACKED_HOURS = 20 * 366 * 24;

const SECONDS_PER_HOUR = 3600;

/** Returns a coverage with one record in each hour `start + step * i` for `count` hours. */
function coverageOfHours(start: number, step: number, count: number): TimeCoverage {
  const coverage = new TimeCoverage();
  for (let index = 0; index < count; index += 1) {
    coverage.add((start + step * index) * SECONDS_PER_HOUR);
  }
  return coverage;
}

describe('TimeCoverage absorb', () => {
  it('stays within the limit when the hours overlap', () => {
    const half = MAX_TRACKED_HOURS / 2 + 10;
    const coverage = coverageOfHours(0, 30, half);
    coverage.absorb(coverageOfHours(0, 30, half).snapshot());

    expect(coverage.overflowed).toBe(false);
    expect(coverage.gaps(24).length).toBe(half - 1);
  });

  it('overflows when the union of hours exceeds the limit', () => {
    const half = MAX_TRACKED_HOURS / 2 + 10;
    const coverage = coverageOfHours(0, 30, half);
    coverage.absorb(coverageOfHours(15, 30, half).snapshot());

    expect(coverage.overflowed).toBe(true);
    expect(coverage.gaps(24)).toEqual([]);
    expect(coverage.firstTime).toBe(0);
    expect(coverage.lastTime).toBe((15 + 30 * (half - 1)) * SECONDS_PER_HOUR);
  });

  it('keeps the overflow of either part', () => {
    const overflowed = coverageOfHours(0, 30, MAX_TRACKED_HOURS + 1);
    const later = new TimeCoverage();
    later.absorb(overflowed.snapshot());
    const earlier = coverageOfHours(0, 30, 2);
    earlier.absorb(overflowed.snapshot());

    expect(overflowed.overflowed).toBe(true);
    expect(later.overflowed).toBe(true);
    expect(earlier.overflowed).toBe(true);
  });

  it('matches addAll', () => {
    const first = coverageOfHours(100, 48, 5);
    const second = coverageOfHours(90, 7, 40);
    const byState = coverageOfHours(100, 48, 5);
    byState.absorb(second.snapshot());
    first.addAll(second);

    expect(byState.snapshot()).toEqual(first.snapshot());
  });

  it('rejects hours and counts of different lengths', () => {
    const state = { hours: [1, 2], counts: [1], firstTime: 3600, lastTime: 7200, overflowed: false };

    expect(() => {
      new TimeCoverage().absorb(state);
    }).toThrow('Invalid TimeCoverageState: 2 hours but 1 counts.');
  });
});

/** A record drawn for the property: its CreationTime, container facts and missing fields. */
interface RecordSpec {
  creationTime: string | undefined;
  fallbackTime: string | undefined;
  resultCount: number | undefined;
  operation: string;
  missing: string[];
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** CreationTime over 40 days of April and May 2024, so that gaps of days occur, or an unreadable value. */
const CREATION_TIME = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 40 * 24 - 1 }).map((hour) => new Date(utc(2024, 4, 1) * 1000 + hour * 3_600_000).toISOString().slice(0, 19)), weight: 6 },
  { arbitrary: fc.constant('yesterday'), weight: 1 },
);

/** Slash dates with day and month both at most 12, which read both ways unless they are equal, with varied text for the example. */
const AMBIGUOUS_OR_EQUAL_SLASH_DATE = fc
  .record({ first: fc.integer({ min: 1, max: 12 }), second: fc.integer({ min: 1, max: 12 }), minute: fc.integer({ min: 0, max: 59 }) })
  .map(({ first, second, minute }) => `${pad(first)}/${pad(second)}/2024 10:${pad(minute)}:00`);

/** Container dates: slash dates read both ways or one way only, and ISO and .NET dates. */
const FALLBACK_TIME = fc.oneof(
  { arbitrary: AMBIGUOUS_OR_EQUAL_SLASH_DATE, weight: 2 },
  fc.record({ first: fc.integer({ min: 1, max: 28 }), second: fc.integer({ min: 1, max: 12 }), hour: fc.integer({ min: 0, max: 23 }) }).map(
    ({ first, second, hour }) => `${pad(first)}/${pad(second)}/2024 ${pad(hour)}:00:00`,
  ),
  fc.constantFrom('4/25/2024 10:00:00 AM', '2024-04-03T10:00:00Z', '/Date(1714989611000)/', 'not a date'),
);

const RECORD_SPEC: fc.Arbitrary<RecordSpec> = fc.record({
  // Half the records lack CreationTime, so that container dates and their examples are frequent.
  creationTime: fc.option(CREATION_TIME, { nil: undefined, freq: 2 }),
  fallbackTime: fc.option(FALLBACK_TIME, { nil: undefined }),
  resultCount: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
  operation: fc.constantFrom('MailItemsAccessed', 'Send'),
  missing: fc.subarray(['AppId', 'ClientAppId', 'ClientInfoString', 'ClientIPAddress', 'UserId', 'Workload']),
});

function inputOf(spec: RecordSpec): Input {
  const fields: Record<string, unknown> = { CreationTime: spec.creationTime, Operation: spec.operation };
  for (const name of spec.missing) {
    fields[name] = undefined;
  }

  const input: Input = { record: ewsRecord(fields) };
  const context: RecordContext = {};
  if (spec.fallbackTime !== undefined) {
    context.fallbackTime = spec.fallbackTime;
  }
  if (spec.resultCount !== undefined) {
    context.resultCount = spec.resultCount;
  }
  if (Object.keys(context).length > 0) {
    input.context = context;
  }
  return input;
}

/** Record lists with up to two split points anywhere, including at 0 and at the end. */
const SPLIT_RECORDS = fc.array(RECORD_SPEC, { maxLength: 40 }).chain((specs) =>
  fc.record({
    specs: fc.constant(specs),
    cuts: fc.array(fc.integer({ min: 0, max: specs.length }), { minLength: 1, maxLength: 2 }).map((cuts) => cuts.sort((a, b) => a - b)),
  }),
);

function splitAt<T>(items: readonly T[], cuts: readonly number[]): T[][] {
  const parts: T[][] = [];
  let start = 0;
  for (const cut of cuts) {
    parts.push(items.slice(start, cut));
    start = cut;
  }
  parts.push(items.slice(start));
  return parts;
}

describe('FileQuality merge properties', () => {
  it('reports the same for any split', () => {
    fc.assert(
      fc.property(SPLIT_RECORDS, fc.integer({ min: 0, max: 3 }), ({ specs, cuts }, skipped) => {
        const inputs = specs.map(inputOf);
        const totals = { rows: inputs.length + skipped, truncatedAuditData: skipped > 1 ? 1 : 0 };
        const reference = sequential(inputs);
        const quality = merged(splitAt(inputs, cuts));

        // Map insertion order also matches, because each part adds its new hours after the earlier parts' hours.
        expect(quality.snapshot()).toEqual(reference.snapshot());
        expect(quality.decideDayMonthOrder()).toEqual(reference.decideDayMonthOrder());
        expect(quality.report('export.csv', totals)).toEqual(reference.report('export.csv', totals));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps states through structuredClone', () => {
    fc.assert(
      fc.property(fc.array(RECORD_SPEC, { maxLength: 20 }), (specs) => {
        const quality = sequential(specs.map(inputOf));
        const state = quality.snapshot();

        expect(isPlainData(state)).toBe(true);
        expect(structuredClone(state)).toEqual(state);
      }),
      { numRuns: 100 },
    );
  });
});
