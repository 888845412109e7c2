// JSON nested 100,000 levels deep, built in memory: the reader neither overflows its stack nor
// stops, and the records around the deep value are analysed.
import { describe, expect, it } from 'vitest';

import { analyzeOne, expectReconciled, expectSweepFound, jsonLines, purviewCsv, purviewCsvRows, sweep } from './broken-inputs.ts';

const DEPTH = 100_000;

const DEEP_ARRAY = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
const DEEP_OBJECT = '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH);
/** A valid audit record with a deep value under a key that the detection does not read. */
const DEEP_RECORD = `{"CreationTime":"2024-02-01T16:00:00","Workload":"Exchange","Operation":"Send","Extra":${DEEP_OBJECT}}`;
/** Wrappers nested inside wrappers, which the unwrapping must not follow without end. */
const DEEP_WRAPPERS = '{"AuditData":'.repeat(DEPTH / 2) + '{}' + '}'.repeat(DEPTH / 2);

describe('JSON nested 100,000 levels deep', () => {
  it.each([
    ['an array', DEEP_ARRAY],
    ['an object', DEEP_OBJECT],
    ['AuditData wrappers', DEEP_WRAPPERS],
  ])('skips %s as not a record', async (_kind, deepLine) => {
    const [first, ...rest] = sweep();
    const text = jsonLines([first ?? {}]) + deepLine + '\n' + jsonLines(rest);

    const { result, report } = await analyzeOne('deep.jsonl', text);

    expect(report.skipped).toEqual([{ reason: 'not-a-record', count: 1, firstLines: [2] }]);
    expect(report.recordsRead).toBe(6);
    expectReconciled(report, 7);
    expectSweepFound(result);
  });

  it('reads a record with a deep value in a JSON array', async () => {
    const records = sweep().map((record) => JSON.stringify(record));
    const text = `[${[...records.slice(0, 3), DEEP_RECORD, ...records.slice(3)].join(',\n')}]`;

    const { result, report } = await analyzeOne('deep.json', text);

    expect(report.skipped).toEqual([]);
    expect(report.recordsRead).toBe(7);
    expectSweepFound(result);
  });

  it('reads a record with a deep value in a CSV AuditData cell', async () => {
    const rows = purviewCsvRows(sweep());
    // A new RecordId, because a record without an Id is de-duplicated by its row's RecordId.
    const deepRow = (rows[0] ?? '')
      .replace(/^[^,]+/, '5f0e3a52-7d1c-4b8e-9a61-0c2d4e6f8a10')
      .replace(/,"\{.*\}",,\r\n$/, `,"${DEEP_RECORD.replaceAll('"', '""')}",,\r\n`);

    const { result, report } = await analyzeOne('deep.csv', purviewCsv([...rows, deepRow]));

    expect(report.skipped).toEqual([]);
    expect(report.recordsRead).toBe(7);
    expect(report.duplicatesRemoved).toBe(0);
    expectSweepFound(result);
  });
});
