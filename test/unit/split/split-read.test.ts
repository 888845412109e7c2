// Differential tests of reading one file in byte ranges (one per worker) against reading it whole.
// The reports, findings and drill-downs must be identical for the planted exports, the export
// shapes, real corpus files, broken files and random split points. Where the ranges do not match
// a whole-file read (a quoted cell crossed a split), the session must reject them, never guess.

import { readdirSync } from 'node:fs';
import path from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { AnalysisSession } from '../../../src/core/analysis/analysis-session.ts';
import type { NamedSource } from '../../../src/core/types.ts';
import type { RangePlan } from '../../../src/core/split/range-plan.ts';
import { planRanges } from '../../../src/core/split/range-plan.ts';
import { readRange } from '../../../src/core/split/read-range.ts';
import { detectFormat } from '../../../src/core/read/detect-format.ts';
import { PURVIEW_CSV_HEADER, purviewCsvRow } from '../../fixtures/generator/writers/purview-csv.ts';
import type { AuditRecord } from '../../fixtures/generator/json-value.ts';
import { sweepRecords } from '../record/ews-sample-record.ts';
import { addInRanges, fileSource, lineStarts, namedSource, readWhole, smallRangePlan, viewOf } from './split-read-helpers.ts';

const GENERATED = path.resolve(import.meta.dirname, '../../fixtures/generated');
const SHAPES = path.join(GENERATED, 'shapes');
const CORPUS_SAMPLES = path.resolve(import.meta.dirname, '../../../../shared/corpus/samples');

const PLANTED = ['planted.jsonl', 'planted.purview.csv', 'planted.purview-classic.csv', 'planted.search-ual.csv', 'planted.search-ual-typeline.csv'];

async function bytesOf(file: NamedSource): Promise<Uint8Array> {
  return new Uint8Array(await file.source.slice(0, file.source.size).arrayBuffer());
}

/** Reads `file` in the ranges of `plan` into a new session. Returns undefined when the session rejects them. */
async function readSplit(file: NamedSource, plan: RangePlan, sliceBytes?: number): Promise<ReturnType<typeof viewOf> | undefined> {
  const session = new AnalysisSession();
  const report = await addInRanges(session, file, plan, sliceBytes);
  return report === undefined ? undefined : viewOf(session);
}

/**
 * Builds by hand the plan of a CSV with a one-line header. planRanges leaves these files whole
 * because their rows span lines in the head, and these tests exercise the checks on the ranges.
 */
function csvPlanByHand(text: string): RangePlan {
  const headerEnd = text.indexOf('\n') + 1;
  return { detected: detectFormat(new TextEncoder().encode(text), true), bounds: [], prefixBytes: headerEnd, prefixLines: 1 };
}

/** Returns `plan` with its splits moved to `splits` (line starts after the header, ascending, no repeats). */
function withSplits(plan: RangePlan, size: number, splits: readonly number[]): RangePlan {
  return { ...plan, bounds: [0, ...splits, size] };
}

/** Draws 1 to 4 distinct split points among the line starts after the CSV header. */
function splitPoints(bytes: Uint8Array, prefixBytes: number): fc.Arbitrary<number[]> {
  const candidates = lineStarts(bytes).filter((start) => start >= prefixBytes);
  return fc.uniqueArray(fc.constantFrom(...candidates), { minLength: 1, maxLength: Math.min(4, candidates.length) }).map((points) => [...points].sort((a, b) => a - b));
}

describe('reading a file in ranges', () => {
  for (const name of PLANTED) {
    it(`matches the whole-file read for ${name} at any split`, async () => {
      const file = fileSource(path.join(GENERATED, name));
      const whole = await readWhole([file]);
      const plan = await smallRangePlan(file, 3);
      if (plan === undefined) throw new Error(`${name} was not split`);
      expect(plan.bounds).toHaveLength(4);
      expect(await readSplit(file, plan)).toEqual(whole);
      expect(whole.result.findings.length).toBeGreaterThan(0);

      const bytes = await bytesOf(file);
      await fc.assert(
        fc.asyncProperty(splitPoints(bytes, plan.prefixBytes), fc.constantFrom(undefined, 7, 4096), async (splits, sliceBytes) => {
          expect(await readSplit(file, withSplits(plan, bytes.length, splits), sliceBytes)).toEqual(whole);
        }),
        { numRuns: 12 },
      );
    });
  }

  it('matches the whole-file read for the export shapes', async () => {
    const shapeFiles = readdirSync(SHAPES).filter((name) => name !== 'lossy');
    const split: string[] = [];
    for (const name of shapeFiles) {
      const file = fileSource(path.join(SHAPES, name));
      const plan = await smallRangePlan(file, 4);
      if (plan === undefined) continue;
      const view = await readSplit(file, plan);
      if (view === undefined) {
        // Its second header row changes the columns of the ranges after it.
        expect(name).toBe('search-ual-concatenated.csv');
        continue;
      }
      split.push(name);
      expect(view, name).toEqual(await readWhole([file]));
    }
    // These are the JSON-lines shapes and the CSV shapes with one-line rows, except the
    // concatenated CSV rejected above. planRanges leaves the other shapes whole.
    expect(split.sort()).toEqual([
      'concatenated-with-boms.json',
      'defender-cloudappevents.csv',
      'elastic-documents.ndjson',
      'json-lines.json',
      'purview-semicolon.csv',
      'purview.windows-1252.csv',
      'search-ual-tab.csv',
      'sentinel-officeactivity.csv',
      'splunk-export.csv',
      'splunk-export.json',
    ]);
  });

  it('matches the whole-file read for corpus CSVs', async () => {
    const names = readdirSync(CORPUS_SAMPLES).filter((name) => name.endsWith('.csv'));
    const split: string[] = [];
    for (const name of names) {
      const file = fileSource(path.join(CORPUS_SAMPLES, name));
      const plan = await smallRangePlan(file, 3);
      if (plan === undefined) continue;
      const view = await readSplit(file, plan);
      expect(view, name).toEqual(await readWhole([file]));
      split.push(name);
    }
    expect(split.length).toBeGreaterThan(0);
  });

  it('rejects a multi-line cell across a split', async () => {
    const records = sweepRecords(6) as AuditRecord[];
    const rows = records.map((record) => purviewCsvRow(record));
    // A cell with a line break inside quotes: a valid CSV row over two lines.
    const brokenRow = rows[2]?.replace('"Operation', '"Operation\n') ?? '';
    const text = `${PURVIEW_CSV_HEADER}\r\n${rows[0]}${rows[1]}${brokenRow}${rows.slice(3).join('')}`;
    const file = namedSource('multi-line-cell.csv', text);
    const bytes = await bytesOf(file);
    expect(await smallRangePlan(file, 2)).toBeUndefined();
    const plan = csvPlanByHand(text);

    const insideCell = text.indexOf('"Operation\n') + '"Operation\n'.length;
    const session = new AnalysisSession();
    expect(await addInRanges(session, file, withSplits(plan, bytes.length, [insideCell]))).toBeUndefined();
    expect(session.files).toHaveLength(0);

    const afterRow = lineStarts(bytes).find((start) => start > insideCell) ?? 0;
    expect(await readSplit(file, withSplits(plan, bytes.length, [afterRow]))).toEqual(await readWhole([file]));
  });

  it('counts skips and duplicates at whole-file lines', async () => {
    const records = sweepRecords(8).map((record) => JSON.stringify(record));
    const lines = [records[0], 'not json at all', records[1], records[2], records[0], '{"CreationTime": "2024-02-01T16:00:00", "Id": 5', records[3], records[1], records[4]];
    const text = `${lines.join('\n')}\n${records[5]}\n${(records[6] ?? '').slice(0, 40)}`;
    const file = namedSource('broken.jsonl', text);
    const bytes = await bytesOf(file);
    const whole = await readWhole([file]);
    expect(whole.reports[0]?.duplicatesRemoved).toBe(2);
    expect(whole.reports[0]?.skipped.map((skip) => [skip.reason, skip.firstLines])).toEqual([
      ['invalid-json', [2, 6]],
      ['truncated-record', [11]],
    ]);

    const plan = await smallRangePlan(file, 2);
    if (plan === undefined) throw new Error('not split');
    // The unclosed object of line 6 is still open at the end of its line, so the session rejects a
    // split right after it. The whole-file read finds that the next line cannot continue the object.
    // Every other split gives the whole-file result.
    const afterUnclosedObject = lineStarts(bytes)[5];
    await fc.assert(
      fc.asyncProperty(splitPoints(bytes, 0), async (splits) => {
        const split = await readSplit(file, withSplits(plan, bytes.length, splits));
        if (splits.includes(afterUnclosedObject ?? -1)) expect(split).toBeUndefined();
        else expect(split).toEqual(whole);
      }),
      { numRuns: 40 },
    );
  });

  it('de-duplicates a split file against earlier files', async () => {
    const first = fileSource(path.join(GENERATED, 'planted.jsonl'));
    const second = fileSource(path.join(GENERATED, 'planted.purview.csv'));
    const whole = await readWhole([first, second]);

    const session = new AnalysisSession();
    await session.addFile(first);
    const plan = await smallRangePlan(second, 3);
    if (plan === undefined) throw new Error('not split');
    expect(await addInRanges(session, second, plan)).toBeDefined();
    expect(viewOf(session)).toEqual(whole);
    expect(whole.reports[1]?.duplicatesRemoved).toBeGreaterThan(0);
  });

  it('rejects a CSV with a second header', async () => {
    const records = sweepRecords(6) as AuditRecord[];
    const rows = records.map((record) => purviewCsvRow(record));
    const text = `${PURVIEW_CSV_HEADER}\r\n${rows.slice(0, 3).join('')}${PURVIEW_CSV_HEADER}\r\n${rows.slice(3).join('')}`;
    const file = namedSource('concatenated.csv', text);
    const bytes = await bytesOf(file);
    const plan = csvPlanByHand(text);
    const lastRow = lineStarts(bytes).at(-1) ?? 0;
    expect(await addInRanges(new AnalysisSession(), file, withSplits(plan, bytes.length, [lastRow]))).toBeUndefined();

    const firstRow = lineStarts(bytes)[0] ?? 0;
    expect(await readSplit(file, withSplits(plan, bytes.length, [firstRow]))).toBeUndefined();
  });
});

describe('line feeds of a range', () => {
  /** Line feeds in bytes `start` to `end`, counted byte by byte. */
  function countLineFeeds(bytes: Uint8Array, start: number, end: number): number {
    let count = 0;
    for (let index = start; index < end; index += 1) if (bytes[index] === 0x0a) count += 1;
    return count;
  }

  it('equal the bytes\' line feeds at any split', async () => {
    const rows = (sweepRecords(6) as AuditRecord[]).map((record) => purviewCsvRow(record));
    const blankLines = namedSource('blank-lines.csv', `${PURVIEW_CSV_HEADER}\r\n${rows[0]}\r\n\n${rows[1]}${rows[2]}\n\n\n${rows.slice(3).join('')}\n`);
    const jsonLines = sweepRecords(6).map((record) => JSON.stringify(record));
    const blankJsonLines = namedSource('blank-lines.jsonl', `${jsonLines[0]}\n\n  \n${jsonLines.slice(1, 4).join('\r\n')}\n[1,2]\n${jsonLines.slice(4).join('\n')}\n\n`);
    const files = [fileSource(path.join(GENERATED, 'planted.jsonl')), fileSource(path.join(GENERATED, 'planted.search-ual-typeline.csv')), blankLines, blankJsonLines];

    for (const file of files) {
      const bytes = await bytesOf(file);
      // planRanges leaves a CSV with blank lines whole, as rows that may span lines.
      const plan = file === blankLines ? csvPlanByHand(new TextDecoder().decode(bytes)) : await smallRangePlan(file, 2);
      if (plan === undefined) throw new Error(`${file.name} was not split`);
      await fc.assert(
        fc.asyncProperty(splitPoints(bytes, plan.prefixBytes), async (splits) => {
          const split = withSplits(plan, bytes.length, splits);
          for (let index = 0; index < split.bounds.length - 1; index += 1) {
            const result = await readRange(file.source, split, index);
            expect(result.lineFeeds, `${file.name} range ${index}`).toBe(countLineFeeds(bytes, split.bounds[index] ?? 0, split.bounds[index + 1] ?? 0));
          }
        }),
        { numRuns: 15 },
      );
    }
  });
});

describe('planning ranges', () => {
  it('splits a CSV at line starts after its header', async () => {
    const file = fileSource(path.join(GENERATED, 'planted.purview.csv'));
    const bytes = await bytesOf(file);
    const plan = await planRanges(file.source, 4, { minRangeBytes: 1024 });
    if (plan === undefined) throw new Error('not split');
    expect(plan.detected.format).toBe('purview-csv');
    expect(plan.prefixLines).toBe(1);
    expect(new TextDecoder().decode(bytes.subarray(0, plan.prefixBytes))).toBe(`${PURVIEW_CSV_HEADER}\r\n`);
    for (const bound of plan.bounds.slice(1, -1)) expect(bytes[bound - 1]).toBe(0x0a);
    expect(plan.bounds.at(-1)).toBe(bytes.length);

    // A file too small for two default ranges, or a single allowed range, is read whole.
    expect(await planRanges(file.source, 4)).toBeUndefined();
    expect(await planRanges(file.source, 1, { minRangeBytes: 1 })).toBeUndefined();
  });

  it('leaves JSON arrays, gzip and UTF-16 files whole', async () => {
    for (const name of ['window-array.json', 'json-lines.jsonl.gz', 'json-lines.utf16le.jsonl']) {
      const file = fileSource(path.join(SHAPES, name));
      expect(await planRanges(file.source, 4, { minRangeBytes: 1 }), name).toBeUndefined();
    }
  });

  it('onSlice reaches the range length', async () => {
    const file = fileSource(path.join(GENERATED, 'planted.jsonl'));
    const plan = await smallRangePlan(file, 2);
    if (plan === undefined) throw new Error('not split');
    const seen: number[] = [];
    await readRange(file.source, plan, 1, { sliceBytes: 65536, onSlice: (bytes) => void seen.push(bytes) });
    expect(seen.at(-1)).toBe((plan.bounds[2] ?? 0) - (plan.bounds[1] ?? 0));
    expect(seen.length).toBeGreaterThan(1);
  });
});
