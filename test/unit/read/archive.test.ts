// Compressed and bundled input: gzip files and ZIP archives give the same findings as the plain exports.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { deflateSync, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { analyzeSources } from '../../../src/core/analysis/analyze-sources.ts';
import { formatFindingsCsv } from '../../../src/core/export/findings-csv.ts';
import { inflateChunks } from '../../../src/core/read/archive/inflate-chunks.ts';
import { readInput } from '../../../src/core/read/archive/read-input.ts';
import type { RecordSink } from '../../../src/core/read/read-audit-file.ts';
import { ESCU_DEFAULTS, type AnalysisProgress, type NamedSource } from '../../../src/core/types.ts';
import { GENERATED_DIR, expectedFindingsCsv } from './encoding-inputs.ts';
import { blobOf } from './read-test-helpers.ts';

/** Rows in the planted day, and how many of them repeat an earlier row's Id. */
const PLANTED_ROWS = 365;
const PLANTED_DUPLICATES = 20;

function planted(file: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(GENERATED_DIR, file)));
}

function named(name: string, bytes: Uint8Array): NamedSource {
  return { name, source: blobOf(bytes) };
}

async function* chunksOf(...chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  await Promise.resolve();
  yield* chunks;
}

const IGNORING_SINK: RecordSink = { record: () => undefined, skip: () => undefined };

describe('gzip input', () => {
  it.each(['planted.jsonl', 'planted.purview.csv', 'planted.search-ual-typeline.csv'])('%s.gz gives the planted findings', async (file) => {
    for (const sliceBytes of [undefined, 7]) {
      const { result } = await analyzeSources([named(`${file}.gz`, gzipSync(planted(file)))], ESCU_DEFAULTS, { sliceBytes });

      expect(formatFindingsCsv(result.findings)).toBe(expectedFindingsCsv());
      expect(result.summary.recordsRead).toBe(PLANTED_ROWS);
      expect(result.summary.duplicatesRemoved).toBe(PLANTED_DUPLICATES);
      expect(result.summary.files.map((report) => report.name)).toEqual([`${file}.gz`]);
    }
  }, 60_000);

  it('reports a corrupt gzip file and reads the other files', async () => {
    const compressed = new Uint8Array(gzipSync(planted('planted.jsonl')));
    const cut = compressed.subarray(0, Math.floor(compressed.length / 2));
    const garbled = compressed.slice();
    garbled.fill(0xff, 10, 200);

    const { result } = await analyzeSources(
      [named('cut.jsonl.gz', cut), named('garbled.jsonl.gz', garbled), named('planted.jsonl', planted('planted.jsonl'))],
      ESCU_DEFAULTS,
    );
    const [cutReport, garbledReport, plainReport] = result.summary.files;

    expect(cutReport?.error).toMatch(/^The gzip data is corrupt or cut short/);
    expect(cutReport?.format).toBe('json-lines');
    expect(cutReport?.recordsRead).toBeGreaterThan(0);
    expect(garbledReport?.error).toMatch(/^The gzip data is corrupt or cut short/);
    expect(plainReport?.error).toBeUndefined();
    expect(formatFindingsCsv(result.findings)).toBe(expectedFindingsCsv());
  });
});

describe('ZIP input', () => {
  it('reads each member as a file of its own', async () => {
    const archive = zipSync({
      'exports/': new Uint8Array(0),
      'exports/planted.purview.csv': planted('planted.purview.csv'),
      'exports/json/planted.jsonl.gz': [gzipSync(planted('planted.jsonl')), { level: 0 }],
      '__MACOSX/exports/._planted.purview.csv': strToU8('AppleDouble metadata'),
    });

    for (const sliceBytes of [undefined, 7]) {
      const { result } = await analyzeSources([named('case.zip', archive)], ESCU_DEFAULTS, { sliceBytes });

      expect(result.summary.files.map(({ name, format, sizeBytes }) => ({ name, format, sizeBytes }))).toEqual([
        { name: 'case.zip/exports/planted.purview.csv', format: 'purview-csv', sizeBytes: planted('planted.purview.csv').length },
        { name: 'case.zip/exports/json/planted.jsonl.gz', format: 'json-lines', sizeBytes: gzipSync(planted('planted.jsonl')).length },
      ]);
      expect(formatFindingsCsv(result.findings)).toBe(expectedFindingsCsv());
      // The second member repeats every record of the first.
      expect(result.summary.recordsRead).toBe(2 * PLANTED_ROWS);
      expect(result.summary.duplicatesRemoved).toBe(PLANTED_ROWS + PLANTED_DUPLICATES);
    }
  }, 60_000);

  it('counts duplicates across three overlapping exports in different formats', async () => {
    // The planted exports list the same rows in the same order, so line ranges pick the same records.
    const jsonLines = new TextDecoder().decode(planted('planted.jsonl')).trimEnd().split('\n');
    const csvLines = new TextDecoder().decode(planted('planted.purview.csv')).trimEnd().split('\n');
    expect(csvLines.length).toBe(jsonLines.length + 1);

    const firstPart = [csvLines[0], ...csvLines.slice(1, 201)].join('\n') + '\n';
    const middlePart = jsonLines.slice(150, 300).join('\n') + '\n';
    const lastPart = '[' + jsonLines.slice(250).join(',\n') + ']';
    const archive = zipSync({
      'a/first.csv': strToU8(firstPart),
      'b/middle.jsonl': strToU8(middlePart),
      'c/last.json': strToU8(lastPart),
    });

    const { result } = await analyzeSources([named('overlap.zip', archive)], ESCU_DEFAULTS, { sliceBytes: 7 });

    expect(result.summary.files.map(({ name, format }) => `${name} ${format}`)).toEqual([
      'overlap.zip/a/first.csv purview-csv',
      'overlap.zip/b/middle.jsonl json-lines',
      'overlap.zip/c/last.json json',
    ]);
    expect(result.summary.recordsRead).toBe(200 + 150 + 115);
    // Every planted row is present once at least, so all but the distinct Ids are duplicates.
    expect(result.summary.duplicatesRemoved).toBe(200 + 150 + 115 - (PLANTED_ROWS - PLANTED_DUPLICATES));
    expect(formatFindingsCsv(result.findings)).toBe(expectedFindingsCsv());
  }, 60_000);

  it('reports a cut-off archive and reads the other files', async () => {
    const archive = zipSync({ 'planted.jsonl': planted('planted.jsonl') });
    const cut = archive.subarray(0, archive.length - 30);

    const { result } = await analyzeSources([named('cut.zip', cut), named('planted.jsonl', planted('planted.jsonl'))], ESCU_DEFAULTS);

    expect(result.summary.files[0]?.name).toBe('cut.zip');
    expect(result.summary.files[0]?.error).toMatch(/^The ZIP archive is corrupt or incomplete/);
    expect(result.summary.files[1]?.error).toBeUndefined();
    expect(formatFindingsCsv(result.findings)).toBe(expectedFindingsCsv());
  });

  it('reports a member with corrupt data and reads the next member', async () => {
    const archive = zipSync({ 'broken.jsonl': planted('planted.jsonl'), 'good.csv': planted('planted.purview.csv') });
    // The first member's deflate data starts after its 30-byte header and 12-byte name.
    archive.fill(0xff, 30 + 12 + 100, 30 + 12 + 400);

    const { result } = await analyzeSources([named('mixed.zip', archive)], ESCU_DEFAULTS);
    const [broken, good] = result.summary.files;

    expect(broken?.name).toBe('mixed.zip/broken.jsonl');
    expect(broken?.error).toMatch(/^The ZIP member "broken\.jsonl" is corrupt/);
    expect(good?.error).toBeUndefined();
    expect(good?.recordsRead).toBe(PLANTED_ROWS);
    expect(formatFindingsCsv(result.findings)).toBe(expectedFindingsCsv());
  });

  it('reports an unsupported compression method', async () => {
    const archive = zipSync({ 'a.jsonl': strToU8('{"Id":"1"}\n') }, { level: 0 });
    const centralDirectory = archive.findLastIndex((_, index) => archive[index] === 0x50 && archive[index + 1] === 0x4b && archive[index + 2] === 0x01);
    // Method 12 (bzip2) in the central directory entry, which the reader trusts.
    archive[centralDirectory + 10] = 12;

    const outcomes = await readInput(named('bz.zip', archive), () => IGNORING_SINK);

    expect(outcomes).toEqual([
      expect.objectContaining({ name: 'bz.zip/a.jsonl', format: 'unknown', error: expect.stringMatching(/compressed with bzip2/) as unknown }),
    ]);
  });

  it('reports an Excel workbook once', async () => {
    const workbook = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') });

    const outcomes = await readInput(named('audit.xlsx', workbook), () => IGNORING_SINK);

    expect(outcomes.map(({ name, error }) => ({ name, error }))).toEqual([
      {
        name: 'audit.xlsx',
        error:
          'The file is an Excel workbook, not an archive of exports: open it in Excel and save the sheet as CSV UTF-8, then drop the CSV.',
      },
    ]);
  });

  it('reports progress in bytes of the archive and names the member', async () => {
    const archive = zipSync({ 'one.jsonl': planted('planted.jsonl'), 'two.csv': planted('planted.purview.csv') });
    const progress: AnalysisProgress[] = [];

    await analyzeSources([named('p.zip', archive)], ESCU_DEFAULTS, {
      sliceBytes: 4096,
      onProgress: (update) => void progress.push(update),
    });
    const reading = progress.filter((update) => update.phase === 'reading');

    expect(reading.every((update, index) => index === 0 || update.bytesRead >= (reading[index - 1]?.bytesRead ?? 0))).toBe(true);
    expect(reading.at(-1)).toMatchObject({ bytesRead: archive.length, totalBytes: archive.length, fileName: 'p.zip/two.csv', records: 2 * PLANTED_ROWS });
    expect(new Set(reading.map((update) => update.fileName))).toEqual(new Set(['p.zip/one.jsonl', 'p.zip/two.csv']));
  });
});

describe('inflateChunks', () => {
  it('yields a large member in bounded pieces', async () => {
    // Pseudo-random hex compresses only about 2:1, like the ids and addresses in audit records.
    let state = 1;
    const line = (): string => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return `{"Id":"${state.toString(16).padStart(8, '0')}"}\n`;
    };
    const text = strToU8(Array.from({ length: 300_000 }, line).join(''));
    const deflated = deflateSync(text);
    let total = 0;
    let largest = 0;
    for await (const piece of inflateChunks(chunksOf(deflated), 'a')) {
      total += piece.length;
      largest = Math.max(largest, piece.length);
    }

    expect(total).toBe(text.length);
    expect(largest).toBeLessThan(1024 * 1024);
    expect(text.length).toBeGreaterThan(4 * 1024 * 1024);
  });
});
