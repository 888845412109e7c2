// End-to-end through the core: each planted export, in every format the readers accept, must give
// exactly the findings CSV that the fixture generator computed from its scenario.
import { openAsBlob, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { analyzeSources } from '../../../src/core/analysis/analyze-sources.ts';
import { formatFindingsCsv } from '../../../src/core/export/findings-csv.ts';
import { ESCU_DEFAULTS, type InputFormat, type NamedSource } from '../../../src/core/types.ts';

const GENERATED_DIR = path.resolve(import.meta.dirname, '../../fixtures/generated');
const SAMPLE_PATH = path.resolve(import.meta.dirname, '../../../src/sample/sample-purview-export.csv');

const PLANTED_EXPORTS: { file: string; format: InputFormat }[] = [
  { file: 'planted.purview.csv', format: 'purview-csv' },
  { file: 'planted.purview-classic.csv', format: 'purview-classic-csv' },
  { file: 'planted.search-ual.csv', format: 'search-ual-csv' },
  { file: 'planted.search-ual-typeline.csv', format: 'search-ual-csv' },
  { file: 'planted.mgmt-api.json', format: 'json' },
  { file: 'planted.jsonl', format: 'json-lines' },
];

/** Rows in the planted day, and how many of them repeat an earlier row's Id. */
const PLANTED_ROWS = 365;
const PLANTED_DUPLICATES = 20;

async function openGenerated(file: string): Promise<NamedSource> {
  return { name: file, source: await openAsBlob(path.join(GENERATED_DIR, file)) };
}

function expectedCsv(file: string): string {
  return readFileSync(path.join(GENERATED_DIR, file), 'utf8');
}

describe('planted exports', () => {
  for (const { file, format } of PLANTED_EXPORTS) {
    it(`${file} gives the expected findings CSV`, async () => {
      const { result } = await analyzeSources([await openGenerated(file)], ESCU_DEFAULTS);

      expect(result.summary.files[0]?.format).toBe(format);
      expect(result.summary.recordsRead).toBe(PLANTED_ROWS);
      expect(result.summary.duplicatesRemoved).toBe(PLANTED_DUPLICATES);
      expect(result.summary.skippedTotal).toBe(0);
      expect(formatFindingsCsv(result.findings)).toBe(expectedCsv('expected-findings.csv'));
    });
  }

  // The files are read into memory first: 7-byte slices of a file-backed Blob cost one file read
  // each, which makes this test several times slower without testing anything more.
  it('gives the same findings at a 7-byte slice size', async () => {
    for (const { file } of PLANTED_EXPORTS) {
      const inMemory: NamedSource = { name: file, source: new Blob([readFileSync(path.join(GENERATED_DIR, file))]) };
      const { result } = await analyzeSources([inMemory], ESCU_DEFAULTS, { sliceBytes: 7 });

      expect(formatFindingsCsv(result.findings), file).toBe(expectedCsv('expected-findings.csv'));
    }
  }, 180_000);

  it('counts every format of the same day once when all are dropped together', async () => {
    const sources = await Promise.all(PLANTED_EXPORTS.map(({ file }) => openGenerated(file)));
    const { result } = await analyzeSources(sources, ESCU_DEFAULTS);

    expect(result.summary.recordsRead).toBe(PLANTED_ROWS * PLANTED_EXPORTS.length);
    expect(result.summary.duplicatesRemoved).toBe(PLANTED_ROWS * PLANTED_EXPORTS.length - (PLANTED_ROWS - PLANTED_DUPLICATES));
    expect(formatFindingsCsv(result.findings)).toBe(expectedCsv('expected-findings.csv'));
  });

  it('finds the bundled sample findings', async () => {
    const sample: NamedSource = { name: 'sample-purview-export.csv', source: await openAsBlob(SAMPLE_PATH) };
    const { result } = await analyzeSources([sample], ESCU_DEFAULTS);

    expect(result.findings.length).toBeGreaterThanOrEqual(1);
    expect(formatFindingsCsv(result.findings)).toBe(expectedCsv('sample-expected-findings.csv'));
  });
});
