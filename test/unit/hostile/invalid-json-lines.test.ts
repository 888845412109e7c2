// Lines that are not valid JSON among valid JSON lines: each is skipped at its own line, and the
// lines around it are analysed.
import { describe, expect, it } from 'vitest';

import { analyzeOne, expectReconciled, expectSweepFound, jsonLines, sweep } from './broken-inputs.ts';

const INVALID_LINES = [
  '{"CreationTime":"2024-02-01T16:00:00","Operation":"MailItemsAccessed",oops}',
  '{"CreationTime":"2024-02-01T16:00:00","Workload":"Exchange"',
  '{"Id":"x","UserId":"raw\tcontrol\u0001character"}',
  '"a lone string"',
];

describe('invalid JSON lines among valid ones', () => {
  it('skips each invalid line and reads the rest', async () => {
    const [first, second, ...rest] = sweep();
    const text = jsonLines([first ?? {}, second ?? {}]) + INVALID_LINES.join('\n') + '\n' + jsonLines(rest);

    const { result, report } = await analyzeOne('mixed.jsonl', text);

    expect(report.recordsRead).toBe(6);
    expect(report.skipped).toEqual([
      { reason: 'invalid-json', count: 3, firstLines: [3, 4, 5] },
      { reason: 'not-a-record', count: 1, firstLines: [6] },
    ]);
    expectReconciled(report, 6 + INVALID_LINES.length);
    expectSweepFound(result);
  });

  it('counts a line of plain words as one skipped record', async () => {
    const [first, ...rest] = sweep();
    const text = jsonLines([first ?? {}]) + 'not json at all\n-- comment, 2 words\n' + jsonLines(rest);

    const { result, report } = await analyzeOne('words.jsonl', text);

    expect(report.skipped).toEqual([{ reason: 'invalid-json', count: 2, firstLines: [2, 3] }]);
    expectReconciled(report, 8);
    expectSweepFound(result);
  });
});
