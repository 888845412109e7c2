// A record whose AuditData cell was cut at 32,767 characters, Excel's cell limit: the row is skipped
// with that reason at its line, the file gets a notice naming the cut, and the other rows are analysed.
import { describe, expect, it } from 'vitest';

import { ewsRecord } from '../record/ews-sample-record.ts';
import { analyzeOne, bystanders, expectReconciled, expectSweepFound, purviewCsv, purviewCsvRows, sweep } from './broken-inputs.ts';

/** Excel keeps at most this many characters in a cell. */
const EXCEL_CELL_LIMIT = 32_767;

/** Builds a MailItemsAccessed record of about 48,000 characters: 400 folders, one message each. */
function longRecord(): Record<string, unknown> {
  const folders = Array.from({ length: 400 }, (_, index) => ({
    Path: `\\Inbox\\Project ${index}`,
    FolderItems: [{ InternetMessageId: `<msg${index}.abcdefghijklmnopqrstuvwxyz@example.com>` }],
  }));
  return ewsRecord({ UserId: 'long@example.onmicrosoft.com', Folders: folders });
}

/** Rewrites the AuditData cell of a Purview row to the first 32,767 characters of its JSON. */
function cutAuditData(row: string, record: Record<string, unknown>): string {
  const json = JSON.stringify(record);
  const cut = json.slice(0, EXCEL_CELL_LIMIT);
  return row.replace(`"${json.replaceAll('"', '""')}"`, `"${cut.replaceAll('"', '""')}"`);
}

describe('AuditData cut at 32,767 characters', () => {
  it('skips the cut row and notes the cut', async () => {
    const record = longRecord();
    const rows = purviewCsvRows([...bystanders(2), record, ...sweep()]);
    rows[2] = cutAuditData(rows[2] ?? '', record);

    const { result, report } = await analyzeOne('saved-by-excel.csv', purviewCsv(rows));

    expect(JSON.stringify(record).length).toBeGreaterThan(EXCEL_CELL_LIMIT);
    expect(report.skipped).toEqual([{ reason: 'truncated-audit-data', count: 1, firstLines: [4] }]);
    expect(report.notices.map((notice) => notice.code)).toContain('audit-data-truncated');
    expect(report.notices.find((notice) => notice.code === 'audit-data-truncated')?.message).toMatch(
      /^1 AuditData cell in saved-by-excel\.csv is cut at 32,767 characters/,
    );
    expect(report.recordsRead).toBe(8);
    expectReconciled(report, rows.length);
    expectSweepFound(result);
  });
});
