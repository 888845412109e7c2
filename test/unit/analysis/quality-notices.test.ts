// FileQuality on realistic records: copies of the real EWS sample record and records from the
// corpus, with the container facts (RecordContext) that the readers pass along.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { FileQuality } from '../../../src/core/analysis/quality/file-quality.ts';
import type { FileQualityReport, RecordTime } from '../../../src/core/analysis/quality/file-quality.ts';
import type { RecordContext } from '../../../src/core/read/read-audit-file.ts';
import { readAuditFields } from '../../../src/core/record/audit-fields.ts';
import { isMailItemsAccessed } from '../../../src/core/detect/escu-filters.ts';
import type { FileNoticeCode } from '../../../src/core/types.ts';
import { CORPUS_DIR, ewsRecord, sweepRecords } from '../record/ews-sample-record.ts';

interface Input {
  record: Record<string, unknown>;
  context?: RecordContext;
}

function observeAll(quality: FileQuality, inputs: Input[]): (RecordTime | undefined)[] {
  return inputs.map(({ record, context }) => {
    const fields = readAuditFields(record);
    return quality.observeRecord(fields, isMailItemsAccessed(fields), context);
  });
}

function reportOf(inputs: Input[], fileName = 'export.csv', skipped = 0, truncatedAuditData = 0): FileQualityReport {
  const quality = new FileQuality();
  observeAll(quality, inputs);
  return quality.report(fileName, { rows: inputs.length + skipped, truncatedAuditData });
}

function codes(report: FileQualityReport): FileNoticeCode[] {
  return report.notices.map((notice) => notice.code);
}

function messageOf(report: FileQualityReport, code: FileNoticeCode): string {
  return report.notices.find((notice) => notice.code === code)?.message ?? '';
}

function plain(records: Record<string, unknown>[]): Input[] {
  return records.map((record) => ({ record }));
}

/** Returns the real Search-UnifiedAuditLog record of the corpus (en-AU export), whose AuditData lacks Workload, AppId and Id. */
function auLocaleRecord(): Input {
  const text = readFileSync(path.join(CORPUS_DIR, 'samples/search-unifiedauditlog_export-csv_au-locale_fixture.csv'), 'utf8');
  const auditData = /"(\{.*\})"/.exec(text)?.[1]?.replaceAll('""', '"') ?? '{}';
  return {
    record: JSON.parse(auditData) as Record<string, unknown>,
    context: { fallbackTime: '3/12/2025 7:31:34 AM', fallbackId: '8b236c9f-f890-4078-97e1-5e8d8abe4680', resultCount: 226494 },
  };
}

function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
}

describe('FileQuality on a complete export', () => {
  it('reports no notice and the time range', () => {
    const report = reportOf(plain(sweepRecords(6)));

    expect(report).toEqual({ notices: [], firstRecordTime: utc(2024, 2, 1, 16, 0, 34), lastRecordTime: utc(2024, 2, 1, 16, 5, 34) });
  });
});

describe('FileQuality missing fields', () => {
  it('names the fields that no MailItemsAccessed record has', () => {
    const records = sweepRecords(6, { ClientAppId: undefined, ClientInfoString: undefined });
    const report = reportOf(plain(records), 'audit-data-only.csv');

    expect(codes(report)).toEqual(['missing-fields']);
    expect(messageOf(report, 'missing-fields')).toMatch(/^No MailItemsAccessed record in audit-data-only\.csv has ClientAppId and ClientInfoString,/);
    expect(messageOf(report, 'missing-fields')).toContain('Purview audit search export');
  });

  it('ignores fields that only some records lack', () => {
    const records = [...sweepRecords(5), ewsRecord({ ClientAppId: undefined, ClientIPAddress: '' })];

    expect(codes(reportOf(plain(records)))).toEqual([]);
  });

  it('reads only MailItemsAccessed records when the file has some', () => {
    const send = ewsRecord({ Operation: 'Send', ClientInfoString: 'Client=REST;' });
    const records = [send, ...sweepRecords(6, { ClientInfoString: undefined })];

    expect(messageOf(reportOf(plain(records)), 'missing-fields')).toContain('has ClientInfoString,');
  });

  it('reads every record when there is no MailItemsAccessed record', () => {
    const report = reportOf([auLocaleRecord()], 'au-export.csv');

    expect(messageOf(report, 'missing-fields')).toMatch(/^No record in au-export\.csv has Workload, AppId and ClientAppId,/);
  });

  it('mentions ordinary Outlook reads when only the app ids are missing', () => {
    const outlookReads = sweepRecords(6, { AppId: undefined, ClientAppId: undefined, ClientInfoString: 'Client=OutlookService;Outlook-iOS/2.0;' });

    expect(messageOf(reportOf(plain(outlookReads)), 'missing-fields')).toContain('Ordinary Outlook and OWA reads carry no app ids');
  });

  it('counts a container time in place of CreationTime', () => {
    const records = sweepRecords(6, { CreationTime: undefined }).map((record) => ({ record, context: { fallbackTime: '2024-02-01T16:00:00Z' } }));

    expect(codes(reportOf(records))).toEqual(['fallback-time']);
  });
});

describe('FileQuality capped exports', () => {
  it('flags exactly 100 rows', () => {
    const report = reportOf(plain(sweepRecords(97)), 'search.csv', 3);

    expect(codes(report)).toEqual(['capped-export']);
    expect(messageOf(report, 'capped-export')).toMatch(/^search\.csv holds exactly 100 rows, and Search-UnifiedAuditLog returns 100 results when -ResultSize/);
  });

  it('leaves 101 rows alone', () => {
    expect(codes(reportOf(plain(sweepRecords(101))))).toEqual([]);
  });

  it('flags a ResultCount above the rows present', () => {
    const report = reportOf([auLocaleRecord()], 'au-export.csv');

    expect(codes(report)).toContain('result-count-exceeds-rows');
    expect(messageOf(report, 'result-count-exceeds-rows')).toMatch(/^au-export\.csv holds 1 row, but its ResultCount column says the search had 226,494 results/);
  });

  it('accepts a ResultCount equal to the rows present', () => {
    const inputs = sweepRecords(6).map((record) => ({ record, context: { resultCount: 6 } }));

    expect(codes(reportOf(inputs))).toEqual([]);
  });
});

describe('FileQuality truncated AuditData', () => {
  it('reports the count and the fix', () => {
    const report = reportOf(plain(sweepRecords(6)), 'saved-by-excel.csv', 2, 2);

    expect(codes(report)).toEqual(['audit-data-truncated']);
    expect(messageOf(report, 'audit-data-truncated')).toBe(
      '2 AuditData cells in saved-by-excel.csv are cut at 32,767 characters, the most that Excel keeps in a cell, so those ' +
        'records were skipped. Analyse the export as downloaded, not a copy opened and saved in Excel.',
    );
  });
});

describe('FileQuality times', () => {
  it('prefers CreationTime to the container date', () => {
    const [time] = observeAll(new FileQuality(), [{ record: ewsRecord(), context: { fallbackTime: '1/1/2020 1:00:00 AM' } }]);

    expect(time).toEqual({ kind: 'exact', seconds: utc(2024, 2, 1, 16, 7, 34) });
  });

  it('keeps an invalid CreationTime invalid', () => {
    const [time] = observeAll(new FileQuality(), [{ record: ewsRecord({ CreationTime: 'yesterday' }), context: { fallbackTime: '2024-02-01T16:07:34Z' } }]);

    expect(time).toBeUndefined();
  });

  it('times a record without CreationTime from the container', () => {
    const quality = new FileQuality();
    const times = observeAll(quality, [{ record: ewsRecord({ CreationTime: undefined }), context: { fallbackTime: '/Date(1714989611000)/' } }]);
    const report = quality.report('powershell.json', { rows: 1, truncatedAuditData: 0 });

    expect(times).toEqual([{ kind: 'exact', seconds: utc(2024, 5, 6, 10, 0, 11) }]);
    expect(codes(report)).toEqual(['fallback-time']);
    expect(messageOf(report, 'fallback-time')).toMatch(/^1 record in powershell\.json has no CreationTime, so its time was read/);
    expect(report.firstRecordTime).toBe(utc(2024, 5, 6, 10, 0, 11));
  });

  it('leaves a record without any time untimed', () => {
    const [time] = observeAll(new FileQuality(), [{ record: ewsRecord({ CreationTime: undefined }) }]);

    expect(time).toBeUndefined();
  });
});

function slashDated(dates: string[]): Input[] {
  return dates.map((fallbackTime, index) => ({
    record: ewsRecord({ CreationTime: undefined, UserId: `user${index}@example.onmicrosoft.com` }),
    context: { fallbackTime },
  }));
}

describe('FileQuality day and month order', () => {
  it('reads a day-first file day-first without a notice', () => {
    const quality = new FileQuality();
    const times = observeAll(quality, slashDated(['3/12/2025 7:31:34', '25/11/2025 8:00:00']));
    const decision = quality.decideDayMonthOrder();
    const report = quality.report('en-au.csv', { rows: 2, truncatedAuditData: 0 });

    expect(times[0]).toEqual({ kind: 'ambiguous', monthFirstSeconds: utc(2025, 3, 12, 7, 31, 34), dayFirstSeconds: utc(2025, 12, 3, 7, 31, 34) });
    expect(decision).toEqual({ order: 'day-first', settled: true, conflicting: false });
    expect(codes(report)).toEqual(['fallback-time', 'time-gap']);
    expect(report.firstRecordTime).toBe(utc(2025, 11, 25, 8));
    expect(report.lastRecordTime).toBe(utc(2025, 12, 3, 7, 31, 34));
  });

  it('reads a month-first file month-first without a notice', () => {
    const quality = new FileQuality();
    observeAll(quality, slashDated(['3/12/2025 7:31:34 AM', '3/25/2025 8:00:00 AM']));
    const report = quality.report('en-us.csv', { rows: 2, truncatedAuditData: 0 });

    expect(codes(report)).toEqual(['fallback-time', 'time-gap']);
    expect(report.firstRecordTime).toBe(utc(2025, 3, 12, 7, 31, 34));
    expect(report.lastRecordTime).toBe(utc(2025, 3, 25, 8));
  });

  it('flags an ambiguous file and reads it month-first', () => {
    const quality = new FileQuality();
    observeAll(quality, slashDated(['3/12/2025 7:31:34 AM', '4/11/2025 8:00:00 AM']));
    const report = quality.report('unknown-locale.csv', { rows: 2, truncatedAuditData: 0 });

    expect(codes(report)).toEqual(['fallback-time', 'day-month-ambiguous', 'time-gap']);
    expect(messageOf(report, 'day-month-ambiguous')).toMatch(
      /^2 dates in unknown-locale\.csv \(such as "3\/12\/2025 7:31:34 AM"\) read both ways, .* so they were read month first \(the US order\)\./,
    );
    expect(report.firstRecordTime).toBe(utc(2025, 3, 12, 7, 31, 34));
  });

  it('flags a mixed file and follows the majority', () => {
    const quality = new FileQuality();
    observeAll(quality, slashDated(['25/11/2025 8:00:00', '26/11/2025 8:00:00', '11/27/2025 8:00:00', '3/12/2025 9:00:00']));
    const decision = quality.decideDayMonthOrder();
    const report = quality.report('joined.csv', { rows: 4, truncatedAuditData: 0 });

    expect(decision).toEqual({ order: 'day-first', settled: false, conflicting: true });
    expect(messageOf(report, 'day-month-ambiguous')).toMatch(/^joined\.csv mixes dates that can only be day-first .* were read day first, the more common order\./);
    expect(report.lastRecordTime).toBe(utc(2025, 12, 3, 9));
  });

  it('takes the order from container dates of records that have CreationTime', () => {
    const quality = new FileQuality();
    const timed = { record: ewsRecord(), context: { fallbackTime: '25/11/2025 8:00:00' } };
    observeAll(quality, [timed, ...slashDated(['3/12/2025 7:31:34'])]);
    const report = quality.report('partly-timed.csv', { rows: 2, truncatedAuditData: 0 });

    expect(quality.decideDayMonthOrder().order).toBe('day-first');
    expect(codes(report)).not.toContain('day-month-ambiguous');
  });
});

describe('FileQuality time gaps', () => {
  function atTimes(times: string[]): Input[] {
    return times.map((CreationTime) => ({ record: ewsRecord({ CreationTime }) }));
  }

  it('reports a gap of 24 empty hours with its start and end', () => {
    const report = reportOf(atTimes(['2024-02-01T10:15:00', '2024-02-02T11:40:00']), 'window.json');

    expect(codes(report)).toEqual(['time-gap']);
    expect(messageOf(report, 'time-gap')).toMatch(/^window\.json has no records from 2024-02-01T11:00:00Z to 2024-02-02T11:00:00Z\. /);
  });

  it('ignores 23 empty hours', () => {
    expect(codes(reportOf(atTimes(['2024-02-01T10:15:00', '2024-02-02T10:59:59'])))).toEqual([]);
  });

  it('lists the 5 longest of 6 gaps in time order', () => {
    const times = ['2024-03-01T00:00:00', '2024-03-02T06:00:00', '2024-03-06T00:00:00', '2024-03-08T00:00:00', '2024-03-12T00:00:00', '2024-03-14T00:00:00', '2024-03-18T00:00:00'];
    const message = messageOf(reportOf(atTimes(times), 'month.json'), 'time-gap');

    expect(message).toMatch(/^month\.json has 6 stretches of 24 hours or more without records; the 5 longest are from 2024-03-02T07:00:00Z to 2024-03-06T00:00:00Z;/);
    expect(message).not.toContain('from 2024-03-01T01:00:00Z');
    expect(message).toContain('from 2024-03-14T01:00:00Z to 2024-03-18T00:00:00Z.');
  });
});
