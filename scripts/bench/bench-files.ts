// The benchmark's input files under bench-data/: generated once with a fixed seed, then reused.

import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';

import { writeLargeExportTwins, type LargeExportTwinSummary } from '../../test/fixtures/generator/large-export.ts';
import type { BenchFileFormat } from './duckdb-detection-sql.ts';

export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '../..');
export const BENCH_DATA_DIR = path.join(REPOSITORY_ROOT, 'bench-data');
export const CORPUS_DIR = path.resolve(REPOSITORY_ROOT, '../shared/corpus');

export interface BenchFile {
  path: string;
  format: BenchFileFormat;
}

export interface BenchDataSet {
  /** Record count the generator aims at. It stops after the first whole day that reaches it. */
  targetRecords: number;
  files: BenchFile[];
}

function dataSet(baseName: string, targetRecords: number): BenchDataSet {
  return {
    targetRecords,
    files: [
      { path: path.join(BENCH_DATA_DIR, `${baseName}.jsonl`), format: 'json-lines' },
      { path: path.join(BENCH_DATA_DIR, `${baseName}.purview.csv`), format: 'purview-csv' },
    ],
  };
}

export const FULL_DATA_SET = dataSet('bench-500k', 500_000);
export const QUICK_DATA_SET = dataSet('bench-20k', 20_000);

/**
 * Generates both files of the set unless both exist. They are written under temporary names and
 * renamed at the end, so an interrupted run leaves no half-written file that a later run would reuse.
 * Returns the generator's summary, or undefined when the files were already there.
 */
export async function ensureBenchData(set: BenchDataSet): Promise<LargeExportTwinSummary | undefined> {
  const [jsonLines, purviewCsv] = set.files;
  if (jsonLines === undefined || purviewCsv === undefined) {
    throw new Error('A benchmark data set needs a JSON-lines file and a Purview CSV.');
  }
  if (existsSync(jsonLines.path) && existsSync(purviewCsv.path)) {
    return undefined;
  }

  await mkdir(BENCH_DATA_DIR, { recursive: true });
  const partial = { jsonLinesPath: `${jsonLines.path}.partial`, purviewCsvPath: `${purviewCsv.path}.partial` };
  const summary = await writeLargeExportTwins(partial, set.targetRecords, CORPUS_DIR);
  await rename(partial.jsonLinesPath, jsonLines.path);
  await rename(partial.purviewCsvPath, purviewCsv.path);
  return summary;
}
