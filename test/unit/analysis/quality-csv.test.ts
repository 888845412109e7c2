import { describe, expect, it } from 'vitest';

import { AnalysisSession } from '../../../src/core/analysis/analysis-session.ts';
import { DATA_QUALITY_CSV_COLUMNS, formatDataQualityCsv } from '../../../src/core/export/data-quality-csv.ts';
import type { FileReport } from '../../../src/core/types.ts';
import { sweepRecords } from '../record/ews-sample-record.ts';
import { corpusSource, jsonLinesSource } from './audit-file-sources.ts';

const HEADER = `${DATA_QUALITY_CSV_COLUMNS.join(',')}\r\n`;

function report(fields: Partial<FileReport>): FileReport {
  return {
    name: 'export.jsonl',
    sizeBytes: 1234,
    format: 'json-lines',
    encoding: 'utf-8',
    recordsRead: 6,
    mailItemsAccessed: 6,
    duplicatesRemoved: 0,
    skipped: [],
    notices: [],
    ...fields,
  };
}

describe('formatDataQualityCsv', () => {
  it('writes only the header without files', () => {
    expect(formatDataQualityCsv([])).toBe(HEADER);
    expect(HEADER).toBe(
      'file,size_bytes,format,encoding,records_read,mail_items_accessed,duplicates_removed,skipped_total,skipped_by_reason,' +
        'first_record_time,last_record_time,notices,error\r\n',
    );
  });

  it('writes a read file with its time range', async () => {
    const session = new AnalysisSession();
    const source = jsonLinesSource('sweep.jsonl', sweepRecords(6));
    const files = [await session.addFile(source)];

    expect(formatDataQualityCsv(files)).toBe(
      `${HEADER}sweep.jsonl,${source.source.size},json-lines,utf-8,6,6,0,0,,2024-02-01T16:00:34Z,2024-02-01T16:05:34Z,,\r\n`,
    );
  });

  it('lists skips and notices one per line', async () => {
    const session = new AnalysisSession();
    const files = [await session.addFile(await corpusSource('samples/search-unifiedauditlog_export-csv_au-locale_fixture.csv'))];
    const [, row] = formatDataQualityCsv(files).split('\r\n', 2);
    const notices = files[0]?.notices.map((notice) => `${notice.code}: ${notice.message}`).join('\n') ?? '';

    expect(row).toContain(`,"${notices.replaceAll('"', '""')}",`);
    expect(notices.split('\n').map((line) => line.split(':')[0])).toEqual(['missing-fields', 'result-count-exceeds-rows']);
  });

  it('writes skip reasons with their first lines', () => {
    const csv = formatDataQualityCsv([
      report({
        skipped: [
          { reason: 'invalid-json', count: 7, firstLines: [4, 9, 12, 15, 20] },
          { reason: 'truncated-record', count: 1, firstLines: [31] },
        ],
      }),
    ]);

    expect(csv).toContain(',8,"invalid-json: 7 (lines 4, 9, 12, 15, 20)\ntruncated-record: 1 (line 31)",');
  });

  it('keeps a file name that looks like a formula as text', () => {
    const csv = formatDataQualityCsv([report({ name: '=HYPERLINK("x").csv' })]);

    expect(csv.split('\r\n')[1]).toMatch(/^"'=HYPERLINK\(""x""\)\.csv",1234,/);
  });

  it('writes the error of an unreadable file', () => {
    const csv = formatDataQualityCsv([report({ format: 'unknown', recordsRead: 0, mailItemsAccessed: 0, error: 'The file is empty.' })]);

    expect(csv.endsWith(',unknown,utf-8,0,0,0,0,,,,,The file is empty.\r\n')).toBe(true);
  });
});
