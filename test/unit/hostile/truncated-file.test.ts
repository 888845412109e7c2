// A file cut off inside a record: the records before the cut are analysed, and the cut record is
// skipped at the line where it starts.
import { describe, expect, it } from 'vitest';

import { analyzeOne, expectReconciled, expectSweepFound, jsonLines, purviewCsv, purviewCsvRows, sweep } from './broken-inputs.ts';

/** Bytes cut from the end of the file: the tail of the last record, never a whole record. */
const CUT_BYTES = 300;

describe('file truncated mid-record', () => {
  it('reads JSON lines up to the cut', async () => {
    const records = [...sweep(), ...sweep().slice(0, 1)];
    const text = jsonLines(records);

    const { result, report } = await analyzeOne('cut.jsonl', text.slice(0, -CUT_BYTES));

    expect(report.name).toBe('cut.jsonl');
    expect(report.skipped).toEqual([{ reason: 'truncated-record', count: 1, firstLines: [7] }]);
    expect(report.error).toBeUndefined();
    expect(report.recordsRead).toBe(6);
    expectReconciled(report, records.length);
    expectSweepFound(result);
  });

  it('reads a one-line JSON array up to the cut', async () => {
    const records = [...sweep(), ...sweep().slice(0, 1)];
    const text = `[${records.map((record) => JSON.stringify(record)).join(',')}]`;

    const { result, report } = await analyzeOne('cut.json', text.slice(0, -CUT_BYTES));

    expect(report.skipped).toEqual([{ reason: 'truncated-record', count: 1, firstLines: [1] }]);
    expect(report.recordsRead).toBe(6);
    expectReconciled(report, records.length);
    expectSweepFound(result);
  });

  it('reads a Purview CSV up to the cut', async () => {
    const records = [...sweep(), ...sweep().slice(0, 1)];
    const text = purviewCsv(purviewCsvRows(records));

    const { result, report } = await analyzeOne('cut.csv', text.slice(0, -CUT_BYTES));

    // The header is line 1, so the seventh record starts on line 8.
    expect(report.skipped).toEqual([{ reason: 'truncated-record', count: 1, firstLines: [8] }]);
    expect(report.recordsRead).toBe(6);
    expectReconciled(report, records.length);
    expectSweepFound(result);
  });

});
