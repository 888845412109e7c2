// The data-quality report and the container fallbacks through a whole AnalysisSession: CSV exports
// written as Purview and Search-UnifiedAuditLog write them, around copies of the real EWS record.
import { describe, expect, it } from 'vitest';

import { AnalysisSession } from '../../../src/core/analysis/analysis-session.ts';
import type { FileReport, NamedSource } from '../../../src/core/types.ts';
import { ewsRecord, sweepRecords } from '../record/ews-sample-record.ts';
import { corpusSource } from './audit-file-sources.ts';

const PURVIEW_HEADER = 'RecordId,CreationDate,RecordType,Operation,UserId,AuditData,AssociatedAdminUnits,AssociatedAdminUnitsNames';
const SEARCH_UAL_HEADER =
  '"RunspaceId","RecordType","CreationDate","UserIds","Operations","AuditData","ResultIndex","ResultCount","Identity","IsValid","ObjectState"';
const RUNSPACE_ID = '0f0f0f0f-1111-4222-8333-444444444444';

function quoted(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

function purviewCsv(name: string, records: Record<string, unknown>[]): NamedSource {
  const rows = records.map((record) =>
    [
      String(record.Id),
      quoted(`${String(record.CreationTime)}.0000000Z `),
      '50',
      'MailItemsAccessed',
      String(record.UserId),
      quoted(JSON.stringify(record)),
      '',
      '',
    ].join(','),
  );
  return { name, source: new Blob([[PURVIEW_HEADER, ...rows].join('\r\n') + '\r\n']) };
}

interface SearchUalRow {
  record: Record<string, unknown>;
  creationDate: string;
  identity: string;
  resultCount?: number;
}

function searchUalCsv(name: string, rows: SearchUalRow[]): NamedSource {
  const lines = rows.map(({ record, creationDate, identity, resultCount }, index) =>
    [
      RUNSPACE_ID,
      'ExchangeItemAggregated',
      creationDate,
      String(record.UserId),
      'MailItemsAccessed',
      JSON.stringify(record),
      String(index + 1),
      String(resultCount ?? rows.length),
      identity,
      'True',
      'Unchanged',
    ]
      .map(quoted)
      .join(','),
  );
  return { name, source: new Blob([[SEARCH_UAL_HEADER, ...lines].join('\r\n') + '\r\n']) };
}

/** Returns `record` without the given keys, as an Export-Csv of records that lack them writes it. */
function without(record: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const copy = { ...record };
  for (const key of keys) {
    Reflect.deleteProperty(copy, key);
  }
  return copy;
}

function noticeCodes(report: FileReport): string[] {
  return report.notices.map((notice) => notice.code);
}

function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
}

describe('AnalysisSession de-duplication fallbacks', () => {
  it('matches a Search-UAL Identity with a Purview Id', async () => {
    const records = sweepRecords(6);
    const session = new AnalysisSession();
    const purview = await session.addFile(purviewCsv('purview.csv', records));
    const searchUal = await session.addFile(
      searchUalCsv(
        'search-ual.csv',
        records.map((record) => ({ record: without(record, 'Id'), creationDate: '2/1/2024 4:00:34 PM', identity: String(record.Id) })),
      ),
    );
    const { summary, findings } = session.detect();

    expect(purview.duplicatesRemoved).toBe(0);
    expect(searchUal.recordsRead).toBe(6);
    expect(searchUal.duplicatesRemoved).toBe(6);
    expect(summary.mailItemsAccessed).toBe(6);
    expect(findings[0]?.recordCount).toBe(6);
  });

  it('prefers the AuditData Id to the Identity column', async () => {
    const records = sweepRecords(6);
    const session = new AnalysisSession();
    await session.addFile(purviewCsv('purview.csv', records));
    const rows = records.map((record, index) => ({
      record,
      creationDate: '2/1/2024 4:00:34 PM',
      // Identity values that match nothing: only the AuditData Ids can make these duplicates.
      identity: `aaaaaaaa-0000-4000-8000-${String(index).padStart(12, '0')}`,
    }));
    const report = await session.addFile(searchUalCsv('search-ual.csv', rows));

    expect(report.duplicatesRemoved).toBe(6);
  });

  it('keeps records whose Identity differs', async () => {
    const records = sweepRecords(6, { Id: undefined });
    const rows = records.map((record, index) => ({
      record,
      creationDate: '2/1/2024 4:00:34 PM',
      identity: `bbbbbbbb-0000-4000-8000-${String(index).padStart(12, '0')}`,
    }));
    const session = new AnalysisSession();
    const report = await session.addFile(searchUalCsv('search-ual.csv', [...rows, ...rows]));

    expect(report.recordsRead).toBe(12);
    expect(report.duplicatesRemoved).toBe(6);
    expect(session.detect().summary.mailItemsAccessed).toBe(6);
  });
});

/** Six mailboxes read at the given CreationDate texts, with CreationTime removed from AuditData. */
function untimedRows(creationDates: string[]): SearchUalRow[] {
  return creationDates.map((creationDate, index) => {
    const record = ewsRecord({ UserId: `user${index + 1}@example.onmicrosoft.com`, CreationTime: undefined });
    return { record, creationDate, identity: String(record.Id) };
  });
}

describe('AnalysisSession container times', () => {
  it('bins records by an unambiguous CreationDate', async () => {
    const dates = ['2/13/2024 4:01:00 PM', '2/13/2024 4:02:00 PM', '2/13/2024 4:03:00 PM', '2/13/2024 4:04:00 PM', '2/13/2024 4:05:00 PM', '2/13/2024 4:06:00 PM'];
    const session = new AnalysisSession();
    const report = await session.addFile(searchUalCsv('en-us.csv', untimedRows(dates)));
    const { findings } = session.detect();

    expect(noticeCodes(report)).toEqual(['fallback-time']);
    expect(report.notices[0]?.message).toMatch(/^6 records in en-us\.csv have no CreationTime/);
    expect(findings[0]?.binStart).toBe(utc(2024, 2, 13, 16));
    expect(report.firstRecordTime).toBe(utc(2024, 2, 13, 16, 1));
    expect(report.lastRecordTime).toBe(utc(2024, 2, 13, 16, 6));
  });

  it('rebins ambiguous rows once a later date shows the file is day-first', async () => {
    const dates = ['3/12/2025 7:31:00', '3/12/2025 7:32:00', '3/12/2025 7:33:00', '3/12/2025 7:34:00', '3/12/2025 7:35:00', '13/12/2025 7:36:00'];
    const session = new AnalysisSession();
    const report = await session.addFile(searchUalCsv('en-au.csv', untimedRows(dates)));
    const { findings, summary } = session.detect({ spanSeconds: 600, threshold: 4 });

    expect(noticeCodes(report)).toEqual(['fallback-time', 'time-gap']);
    expect(summary.mailItemsAccessed).toBe(6);
    expect(findings.map((finding) => finding.binStart)).toEqual([utc(2025, 12, 3, 7, 30)]);
    expect(findings[0]?.uniqueMailboxes).toBe(5);
    expect(report.firstRecordTime).toBe(utc(2025, 12, 3, 7, 31));
  });

  it('settles order from a timed row', async () => {
    // The last row keeps its CreationTime, so its day-first CreationDate is read only as evidence of the order.
    const rows = untimedRows(['3/12/2025 7:31:00', '3/12/2025 7:32:00', '3/12/2025 7:33:00', '3/12/2025 7:34:00', '3/12/2025 7:35:00']);
    const timed = ewsRecord({ UserId: 'user6@example.onmicrosoft.com', CreationTime: '2025-12-03T07:36:00' });
    rows.push({ record: timed, creationDate: '13/12/2025 7:36:00', identity: String(timed.Id) });
    const session = new AnalysisSession();
    const report = await session.addFile(searchUalCsv('en-au-mixed.csv', rows));
    const { findings } = session.detect({ spanSeconds: 600, threshold: 4 });

    expect(noticeCodes(report)).toEqual(['fallback-time']);
    expect(findings.map((finding) => finding.binStart)).toEqual([utc(2025, 12, 3, 7, 30)]);
    expect(findings[0]?.uniqueMailboxes).toBe(6);
  });

  it('reads an unsettled file month-first and flags it', async () => {
    const dates = ['3/12/2025 7:31:00 AM', '3/12/2025 7:32:00 AM', '3/12/2025 7:33:00 AM', '3/12/2025 7:34:00 AM', '3/12/2025 7:35:00 AM', '3/12/2025 7:36:00 AM'];
    const session = new AnalysisSession();
    const report = await session.addFile(searchUalCsv('unknown.csv', untimedRows(dates)));
    const { findings } = session.detect();

    expect(noticeCodes(report)).toEqual(['fallback-time', 'day-month-ambiguous']);
    expect(findings[0]?.binStart).toBe(utc(2025, 3, 12, 7, 30));
  });

  it('keeps each file to its own order', async () => {
    const session = new AnalysisSession();
    await session.addFile(searchUalCsv('en-au.csv', untimedRows(['3/12/2025 7:31:00', '13/12/2025 7:36:00'])));
    const us = await session.addFile(searchUalCsv('en-us.csv', untimedRows(['3/12/2025 7:31:00 AM', '3/13/2025 7:36:00 AM'])));

    expect(us.firstRecordTime).toBe(utc(2025, 3, 12, 7, 31));
  });

  it('times a flattened CSV from its CreationDate column', async () => {
    // A hand-made export whose columns are the record's own keys plus a day-first CreationDate.
    const columns = ['CreationDate', 'Operation', 'Workload', 'Id', 'UserId', 'AppId', 'ClientAppId', 'ClientInfoString', 'ClientIPAddress'];
    const rows = sweepRecords(6).map((record, index) => {
      const row: Record<string, unknown> = { ...record, CreationDate: `13/02/2024 16:0${index + 1}:34` };
      return columns.map((column) => quoted(typeof row[column] === 'string' ? row[column] : '')).join(',');
    });
    const text = [columns.map(quoted).join(','), ...rows].join('\r\n') + '\r\n';
    const session = new AnalysisSession();
    const report = await session.addFile({ name: 'flattened.csv', source: new Blob([text]) });
    const { findings } = session.detect();

    expect(report.format).toBe('flattened-csv');
    expect(report.skipped).toEqual([]);
    expect(noticeCodes(report)).toEqual(['fallback-time']);
    expect(findings.map((finding) => finding.binStart)).toEqual([utc(2024, 2, 13, 16)]);
    expect(findings[0]?.uniqueMailboxes).toBe(6);
  });

  it('skips a MailItemsAccessed record without any readable time', async () => {
    const session = new AnalysisSession();
    const report = await session.addFile(searchUalCsv('bad-dates.csv', untimedRows(['31/31/2025 7:31:00', 'yesterday'])));

    expect(report.skipped).toEqual([{ reason: 'invalid-creation-time', count: 2, firstLines: [2, 3] }]);
    expect(report.firstRecordTime).toBeUndefined();
  });
});

describe('AnalysisSession data-quality report', () => {
  it('flags the real en-AU Search-UnifiedAuditLog sample', async () => {
    const session = new AnalysisSession();
    const report = await session.addFile(await corpusSource('samples/search-unifiedauditlog_export-csv_au-locale_fixture.csv'));

    expect(noticeCodes(report)).toEqual(['missing-fields', 'result-count-exceeds-rows']);
    expect(report.notices[1]?.message).toMatch(/holds 1 row, but its ResultCount column says the search had 226,494 results/);
    expect(report.firstRecordTime).toBe(utc(2025, 12, 3, 7, 31, 34));
  });

  it('finds no notice in a complete Purview export', async () => {
    const session = new AnalysisSession();
    const report = await session.addFile(purviewCsv('purview.csv', sweepRecords(6)));

    expect(report.notices).toEqual([]);
    expect(report.firstRecordTime).toBe(utc(2024, 2, 1, 16, 0, 34));
  });

  it('flags a Search-UAL export of exactly 100 rows', async () => {
    const records = sweepRecords(100);
    const rows = records.map((record) => ({ record, creationDate: '2/1/2024 4:00:34 PM', identity: String(record.Id), resultCount: 100 }));
    const session = new AnalysisSession();
    const report = await session.addFile(searchUalCsv('default-size.csv', rows));

    expect(noticeCodes(report)).toEqual(['capped-export']);
  });
});

describe('AnalysisSession normalised addresses', () => {
  it('adds normalised source IPs to a finding and keeps the raw ones', async () => {
    const addresses = ['[2001:DB8::5]:443', '2001:db8::5', '203.0.113.5:443', '::ffff:203.0.113.5', '203.0.113.5', '203.0.113.5'];
    const records = sweepRecords(6).map((record, index) => ({ ...record, ClientIPAddress: addresses[index] }));
    const session = new AnalysisSession();
    await session.addFile(purviewCsv('addresses.csv', records));
    const [finding] = session.detect().findings;

    expect(finding?.srcIps).toEqual(['2001:db8::5', '203.0.113.5', '203.0.113.5:443', '::ffff:203.0.113.5', '[2001:DB8::5]:443']);
    expect(finding?.normalizedSrcIps).toEqual(['2001:db8::5', '203.0.113.5']);
  });
});
