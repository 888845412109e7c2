// Every CSV export, read back with PapaParse and with the formula guard undone, gives the exact
// values that went in, and no cell of the raw export starts like a formula.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { analyzeSources } from '../../../src/core/analysis/analyze-sources.ts';
import { formatDataQualityCsv } from '../../../src/core/export/data-quality-csv.ts';
import { formatFindingsCsv } from '../../../src/core/export/findings-csv.ts';
import type { Finding } from '../../../src/core/types.ts';
import { ESCU_DEFAULTS } from '../../../src/core/types.ts';
import { writeFindingsCsv } from '../../fixtures/generator/writers/findings-export.ts';
import { parseCsvRows, readCsvExport, readFindingsCsv } from '../export/csv-reread.ts';
import { HOSTILE_CLIENT_APP_ID, HOSTILE_CLIENT_INFO, HOSTILE_USERS, hostileSweepRecords, toJsonLines } from './hostile-records.ts';

const GENERATED_DIR = path.resolve(import.meta.dirname, '../../fixtures/generated');

/** Tells whether a spreadsheet would evaluate `cell`: a trigger character first, and not a plain number. */
function isFormulaCell(cell: string): boolean {
  return /^[=+\-@\t\r\0]/.test(cell) && !/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(cell);
}

function formulaCells(csv: string): string[] {
  return parseCsvRows(csv).flatMap((row) => Object.values(row).filter(isFormulaCell));
}

async function analyzeHostileFile(name: string) {
  const source = new Blob([toJsonLines(hostileSweepRecords())]);
  return analyzeSources([{ name, source }], ESCU_DEFAULTS);
}

describe('findings CSV export', () => {
  it('gives hostile findings back', async () => {
    const { result } = await analyzeHostileFile('hostile.jsonl');
    const csv = formatFindingsCsv(result.findings);

    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]?.clientInfoString).toBe(HOSTILE_CLIENT_INFO);
    expect(result.findings[0]?.clientAppId).toBe(HOSTILE_CLIENT_APP_ID);
    expect(result.findings[0]?.users).toHaveLength(HOSTILE_USERS.length);
    expect(readFindingsCsv(csv)).toEqual(result.findings);
  });

  it('writes no formula cell', async () => {
    const { result } = await analyzeHostileFile('hostile.jsonl');
    const csv = formatFindingsCsv(result.findings);

    expect(formulaCells(csv)).toEqual([]);
    expect(csv).toContain(`Z,'=cmd|' /C calc'!A0,`);
  });

  it('matches the fixture writer', async () => {
    const { result } = await analyzeHostileFile('hostile.jsonl');

    expect(formatFindingsCsv(result.findings)).toBe(writeFindingsCsv(result.findings));
  });

  it('gives the planted findings back', () => {
    const expected = JSON.parse(readFileSync(path.join(GENERATED_DIR, 'expected-findings.json'), 'utf8')) as Finding[];

    expect(readFindingsCsv(formatFindingsCsv(expected))).toEqual(expected);
  });
});

describe('data-quality CSV export', () => {
  it.each(['=cmd|\' /C calc\'!A0.jsonl', '@SUM(1+1).jsonl', '+1+1.jsonl', '-2+3.jsonl', "'=x.jsonl"])(
    'gives the file name %j back',
    async (name) => {
      const { result } = await analyzeHostileFile(name);
      const csv = formatDataQualityCsv(result.summary.files);
      const [row] = readCsvExport(csv);

      expect(formulaCells(csv)).toEqual([]);
      expect(row?.file).toBe(name);
      expect(row?.records_read).toBe(String(HOSTILE_USERS.length));
    },
  );

  it('gives notices and errors back', async () => {
    const broken = { name: '=broken.json', source: new Blob(['-not json at all']) };
    const { result } = await analyzeSources([broken], ESCU_DEFAULTS);
    const [file] = result.summary.files;
    const [row] = readCsvExport(formatDataQualityCsv(result.summary.files));

    expect(file?.error).toMatch(/^The file is not JSON/);
    expect(row?.file).toBe('=broken.json');
    expect(row?.error).toBe(file?.error);
    expect(row?.notices).toBe(file?.notices.map((notice) => `${notice.code}: ${notice.message}`).join('\n'));
  });
});
