// Empty and blank files are named with their problem, and the other files of the analysis are read.
import { describe, expect, it } from 'vitest';

import { analyzeSources } from '../../../src/core/analysis/analyze-sources.ts';
import { ESCU_DEFAULTS } from '../../../src/core/types.ts';
import { expectSweepFound, jsonLines, sweep } from './broken-inputs.ts';

describe('empty file', () => {
  it.each([
    ['empty.json', '', /^The file is empty\./],
    ['blank.csv', ' \r\n\r\n\t', /^The file contains only whitespace\./],
    ['bom-only.csv', '\uFEFF', /^The file contains only whitespace\./],
  ])('names %s and reads the other files', async (name, content, message) => {
    const [first, ...rest] = sweep();
    const { result } = await analyzeSources(
      [
        { name: 'first.jsonl', source: new Blob([jsonLines([first ?? {}])]) },
        { name, source: new Blob([content]) },
        { name: 'rest.jsonl', source: new Blob([jsonLines(rest)]) },
      ],
      ESCU_DEFAULTS,
    );
    const report = result.summary.files.find((file) => file.name === name);

    expect(report?.format).toBe('unknown');
    expect(report?.error).toMatch(message);
    expect(report?.recordsRead).toBe(0);
    expect(report?.skipped).toEqual([]);
    expect(result.summary.recordsRead).toBe(6);
    expectSweepFound(result);
  });
});
