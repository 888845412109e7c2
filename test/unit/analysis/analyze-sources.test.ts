import { gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { analyzeSources } from '../../../src/core/analysis/analyze-sources.ts';
import type { AnalysisProgress } from '../../../src/core/types.ts';
import { ESCU_DEFAULTS } from '../../../src/core/types.ts';
import { sweepRecords } from '../record/ews-sample-record.ts';
import { corpusSource, jsonLinesSource } from './audit-file-sources.ts';

describe('analyzeSources', () => {
  it('reads every file and reports progress by phase', async () => {
    const records = sweepRecords(6);
    const files = [
      jsonLinesSource('first.jsonl', records.slice(0, 3)),
      await corpusSource('samples/mgmt-api-blob_mailitemsaccessed-bind_office365itpros.json'),
      jsonLinesSource('second.jsonl', records.slice(3)),
    ];
    const totalBytes = files.reduce((total, file) => total + file.source.size, 0);
    const progress: AnalysisProgress[] = [];
    const { result, session } = await analyzeSources(files, ESCU_DEFAULTS, {
      sliceBytes: 512,
      onProgress: (update) => {
        progress.push(update);
      },
    });

    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]?.uniqueMailboxes).toBe(6);
    expect(result.summary.files.map((file) => file.name)).toEqual([
      'first.jsonl',
      'mgmt-api-blob_mailitemsaccessed-bind_office365itpros.json',
      'second.jsonl',
    ]);
    expect(result.summary.mailItemsAccessed).toBe(7);
    expect(session.files).toHaveLength(3);

    const reading = progress.filter((update) => update.phase === 'reading');
    const expectedSlices = files.reduce((total, file) => total + Math.ceil(file.source.size / 512), 0);
    expect(reading).toHaveLength(expectedSlices);
    expect(reading.map((update) => update.fileIndex)).toEqual([...reading.map((update) => update.fileIndex)].sort());
    expect(reading.every((update, index) => index === 0 || update.bytesRead > (reading[index - 1]?.bytesRead ?? 0))).toBe(true);
    expect(reading.at(-1)).toEqual({
      phase: 'reading',
      fileIndex: 2,
      fileCount: 3,
      fileName: 'second.jsonl',
      bytesRead: totalBytes,
      totalBytes,
      records: 7,
    });
    expect(progress.slice(-2).map((update) => update.phase)).toEqual(['detecting', 'done']);
    expect(progress.at(-1)).toMatchObject({ bytesRead: totalBytes, records: 7, fileIndex: 2 });
  });

  it('counts records across files in progress', async () => {
    const files = [jsonLinesSource('a.jsonl', sweepRecords(2)), jsonLinesSource('b.jsonl', sweepRecords(3))];
    const progress: AnalysisProgress[] = [];
    await analyzeSources(files, ESCU_DEFAULTS, { onProgress: (update) => void progress.push(update) });

    expect(progress.map((update) => [update.phase, update.fileIndex, update.records])).toEqual([
      ['reading', 0, 2],
      ['reading', 1, 5],
      ['detecting', 1, 5],
      ['done', 1, 5],
    ]);
  });

  it('reads a gzip file as one file and counts compressed bytes', async () => {
    const records = sweepRecords(6);
    const text = records.map((record) => JSON.stringify(record)).join('\n') + '\n';
    const compressed = new Uint8Array(gzipSync(text));
    const progress: AnalysisProgress[] = [];

    const { result } = await analyzeSources([{ name: 'sweep.jsonl.gz', source: new Blob([compressed]) }], ESCU_DEFAULTS, {
      sliceBytes: 64,
      onProgress: (update) => void progress.push(update),
    });
    const reading = progress.filter((update) => update.phase === 'reading');

    expect(result.findings).toHaveLength(1);
    expect(result.summary.files.map(({ name, format, sizeBytes }) => ({ name, format, sizeBytes }))).toEqual([
      { name: 'sweep.jsonl.gz', format: 'json-lines', sizeBytes: compressed.length },
    ]);
    // The decompressor reads compressed bytes ahead of the records it has released, so the record
    // count of a reading update may lag. The 'detecting' update has the total.
    expect(reading.at(-1)).toMatchObject({ bytesRead: compressed.length, totalBytes: compressed.length });
    expect(progress.find((update) => update.phase === 'detecting')?.records).toBe(6);
    expect(reading.every((update) => update.fileName === 'sweep.jsonl.gz')).toBe(true);
  });

  it('handles an empty file list', async () => {
    const progress: AnalysisProgress[] = [];
    const { result } = await analyzeSources([], ESCU_DEFAULTS, { onProgress: (update) => void progress.push(update) });

    expect(result.summary.emptyReason).toBe('no-records');
    expect(progress.map((update) => update.phase)).toEqual(['detecting', 'done']);
    expect(progress[0]).toMatchObject({ fileIndex: 0, fileCount: 0, fileName: '', totalBytes: 0 });
  });

  it('rejects invalid parameters before reading', async () => {
    const progress: AnalysisProgress[] = [];
    const run = analyzeSources([jsonLinesSource('a.jsonl', sweepRecords(6))], { spanSeconds: 0, threshold: 5 }, {
      onProgress: (update) => void progress.push(update),
    });

    await expect(run).rejects.toThrow(RangeError);
    expect(progress).toEqual([]);
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    const files = [jsonLinesSource('a.jsonl', sweepRecords(6)), jsonLinesSource('b.jsonl', sweepRecords(6))];
    const phases: string[] = [];
    const run = analyzeSources(files, ESCU_DEFAULTS, {
      sliceBytes: 256,
      signal: controller.signal,
      onProgress: (update) => {
        phases.push(update.phase);
        controller.abort(new Error('cancelled by the test'));
      },
    });

    await expect(run).rejects.toThrow('cancelled by the test');
    expect(phases).toEqual(['reading']);
  });
});
