// Binary garbage and NUL bytes: a binary file is named as such, and garbage inside a text export
// is skipped where it is, with the records around it analysed.
import { describe, expect, it } from 'vitest';

import { analyzeSources } from '../../../src/core/analysis/analyze-sources.ts';
import { ESCU_DEFAULTS } from '../../../src/core/types.ts';
import { analyzeOne, bystanders, expectSweepFound, jsonLines, purviewCsv, purviewCsvRows, sweep } from './broken-inputs.ts';

/** Bytes from a fixed linear congruential sequence: every value but LF, with NUL among them. */
function garbage(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = 12345;
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const byte = state >> 23;
    bytes[index] = byte === 0x0a ? 0 : byte;
  }
  return bytes;
}

function concat(...parts: (string | Uint8Array)[]): Uint8Array<ArrayBuffer> {
  const encoded = parts.map((part) => (typeof part === 'string' ? new TextEncoder().encode(part) : part));
  const joined = new Uint8Array(encoded.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of encoded) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

describe('binary garbage and NUL bytes', () => {
  it('names a binary file and reads the other files', async () => {
    const { result } = await analyzeSources(
      [
        { name: 'photo.png', source: new Blob([concat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), garbage(4000))]) },
        { name: 'sweep.jsonl', source: new Blob([jsonLines(sweep())]) },
      ],
      ESCU_DEFAULTS,
    );
    const [binary, text] = result.summary.files;

    expect(binary?.name).toBe('photo.png');
    expect(binary?.error).toMatch(/^The file is binary \(it contains NUL bytes\), not a text export\./);
    expect(binary?.recordsRead).toBe(0);
    expect(text?.recordsRead).toBe(6);
    expectSweepFound(result);
  });

  it('skips a garbage line inside JSON lines', async () => {
    const [first, second, third, ...rest] = sweep();
    const bytes = concat(jsonLines([first ?? {}, second ?? {}, third ?? {}]), 'x', garbage(3000), '\n', jsonLines(rest));

    const { result, report } = await analyzeOne('damaged.jsonl', bytes);

    expect(report.error).toBeUndefined();
    expect(report.recordsRead).toBe(6);
    expect(report.skipped.length).toBeGreaterThan(0);
    expect(report.skipped.every((skip) => skip.firstLines.every((line) => line === 4))).toBe(true);
    expectSweepFound(result);
  });

  it('skips a record with NUL bytes inside JSON lines', async () => {
    const lines = [...bystanders(2), ...sweep()].map((record) => JSON.stringify(record));
    lines[1] = (lines[1] ?? '').replace('"UserId":"', '"UserId":"\0\0');

    const { result, report } = await analyzeOne('nul.jsonl', `${lines.join('\n')}\n`);

    expect(report.skipped).toEqual([{ reason: 'invalid-json', count: 1, firstLines: [2] }]);
    expect(report.recordsRead).toBe(7);
    expectSweepFound(result);
  });

  it('skips a CSV row with NUL bytes in its AuditData', async () => {
    const rows = purviewCsvRows([...bystanders(2), ...sweep()]);
    rows[1] = (rows[1] ?? '').replace('""UserId"":""', '""UserId"":""\0');

    const { result, report } = await analyzeOne('nul.csv', purviewCsv(rows));

    expect(report.skipped).toEqual([{ reason: 'invalid-audit-data', count: 1, firstLines: [3] }]);
    expect(report.recordsRead).toBe(7);
    expectSweepFound(result);
  });
});
