// A single field value of 50 MB, built in memory: the record is read like any other, in JSON lines
// and in a CSV AuditData cell, and the records after it are analysed.
import { describe, expect, it } from 'vitest';

import { analyzeOne, bystanders, expectReconciled, expectSweepFound, jsonLines, purviewCsv, purviewCsvRows, sweep } from './broken-inputs.ts';
import { ewsRecord } from '../record/ews-sample-record.ts';

const FIELD_BYTES = 50_000_000;

/** Builds a MailItemsAccessed record with a 50 MB value in a field that the detection does not read. */
function recordWithLargeField(): Record<string, unknown> {
  return ewsRecord({ UserId: 'archive@example.onmicrosoft.com', CreationTime: '2024-02-01T19:00:00', ResultStatus: 'x'.repeat(FIELD_BYTES) });
}

describe('single 50 MB field value', () => {
  it('reads the record in JSON lines', async () => {
    const text = jsonLines([...bystanders(1), recordWithLargeField(), ...sweep()]);

    const { result, report } = await analyzeOne('large-field.jsonl', text);

    expect(text.length).toBeGreaterThan(FIELD_BYTES);
    expect(report.error).toBeUndefined();
    expect(report.skipped).toEqual([]);
    expect(report.recordsRead).toBe(8);
    expect(report.mailItemsAccessed).toBe(8);
    expect(report.lastRecordTime).toBe(Date.UTC(2024, 1, 1, 19) / 1000);
    expectSweepFound(result);
  });

  it('reads the record in a CSV AuditData cell', async () => {
    const rows = purviewCsvRows([recordWithLargeField(), ...sweep()]);

    const { result, report } = await analyzeOne('large-field.csv', purviewCsv(rows));

    expect(report.error).toBeUndefined();
    expect(report.skipped).toEqual([]);
    expect(report.recordsRead).toBe(7);
    expectReconciled(report, rows.length);
    expectSweepFound(result);
  });
});
