// A CSV cell whose quote is never closed: the row is skipped at its line, the rows after it are
// analysed, and the counts show how many rows were lost.
import { describe, expect, it } from 'vitest';

import { analyzeOne, bystanders, expectReconciled, expectSweepFound, purviewCsv, purviewCsvRows, sweep } from './broken-inputs.ts';

describe('unbalanced quote in a CSV', () => {
  it('skips a row whose UserId opens a quote', async () => {
    const rows = purviewCsvRows([...bystanders(3), ...sweep()]);
    // The row on line 3 gets a quote in front of its UserId cell and no closing quote.
    rows[1] = (rows[1] ?? '').replace(',bystander2@', ',"bystander2@');

    const { result, report } = await analyzeOne('open-quote.csv', purviewCsv(rows));

    expect(report.skipped).toEqual([{ reason: 'missing-audit-data', count: 1, firstLines: [3] }]);
    expect(report.recordsRead).toBe(8);
    expectReconciled(report, rows.length);
    expectSweepFound(result);
  });

  it('skips a row whose AuditData quote is not closed', async () => {
    const rows = purviewCsvRows([...bystanders(3), ...sweep()]);
    // The AuditData cell on line 3 loses its closing quote.
    rows[1] = (rows[1] ?? '').replace(/",,\r\n$/, ',,\r\n');

    const { result, report } = await analyzeOne('open-audit-data.csv', purviewCsv(rows));

    expect(report.skipped).toEqual([{ reason: 'invalid-audit-data', count: 1, firstLines: [3] }]);
    expectSweepFound(result);
  });

  it('counts every row after an unclosed AuditData quote', async () => {
    const rows = purviewCsvRows([...bystanders(3), ...sweep()]);
    rows[1] = (rows[1] ?? '').replace(/",,\r\n$/, ',,\r\n');

    const { result, report } = await analyzeOne('open-audit-data.csv', purviewCsv(rows));

    expect(report.skipped).toEqual([{ reason: 'invalid-audit-data', count: 1, firstLines: [3] }]);
    expect(report.recordsRead).toBe(8);
    expectReconciled(report, rows.length);
    expectSweepFound(result);
  });
});
