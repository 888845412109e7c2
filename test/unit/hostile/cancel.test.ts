// Cancelling stops the read at the next slice border: once the signal is aborted, the reader asks
// the source for no slice beyond the one it had already requested. With 8 MiB slices at the 47 MB/s
// that scripts/measure-browser.mjs measured in Chromium on a 2-core machine, that is about 0.2 s.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { analyzeSources } from '../../../src/core/analysis/analyze-sources.ts';
import type { ByteSource } from '../../../src/core/types.ts';
import { ESCU_DEFAULTS } from '../../../src/core/types.ts';

const GENERATED_DIR = path.resolve(import.meta.dirname, '../../fixtures/generated');

/** Slice size of these tests: small, so that each file takes many slices. */
const SLICE_BYTES = 4096;

/** Reading progress events after which the test aborts. */
const ABORT_AFTER_SLICES = 5;

/** A ByteSource over bytes in memory that records the end offset of every slice requested from it. */
class CountingSource implements ByteSource {
  readonly requestedEnds: number[] = [];
  private readonly blob: Blob;

  constructor(bytes: Uint8Array<ArrayBuffer>) {
    this.blob = new Blob([bytes]);
  }

  get size(): number {
    return this.blob.size;
  }

  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> } {
    this.requestedEnds.push(end);
    return this.blob.slice(start, end);
  }
}

function generated(name: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(path.join(GENERATED_DIR, name)));
}

const INPUTS: [string, () => Uint8Array<ArrayBuffer>][] = [
  ['planted.jsonl', () => generated('planted.jsonl')],
  ['planted.mgmt-api.json', () => generated('planted.mgmt-api.json')],
  ['planted.purview.csv', () => generated('planted.purview.csv')],
  ['planted.purview.csv.gz', () => new Uint8Array(gzipSync(generated('planted.purview.csv')))],
  ['planted.zip', () => new Uint8Array(zipSync({ 'a.jsonl': generated('planted.jsonl'), 'b.csv': generated('planted.purview.csv') }, { level: 0 }))],
];

describe('cancel', () => {
  it.each(INPUTS)('stops reading %s at the next slice', async (name, bytes) => {
    const source = new CountingSource(bytes());
    const controller = new AbortController();
    let slicesRead = 0;
    let requestsAtAbort = 0;

    const analysis = analyzeSources([{ name, source }], ESCU_DEFAULTS, {
      sliceBytes: SLICE_BYTES,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.phase !== 'reading') return;
        slicesRead += 1;
        if (slicesRead === ABORT_AFTER_SLICES) {
          controller.abort(new DOMException('The analysis was cancelled.', 'AbortError'));
          requestsAtAbort = source.requestedEnds.length;
        }
      },
    });

    await expect(analysis).rejects.toMatchObject({ name: 'AbortError' });
    expect(source.size).toBeGreaterThan(SLICE_BYTES * (ABORT_AFTER_SLICES + 5));
    expect(requestsAtAbort).toBeGreaterThan(0);
    expect(source.requestedEnds.length).toBeLessThanOrEqual(requestsAtAbort + 1);
    // A ZIP archive's directory is read from its end first, so count slices rather than offsets.
    expect(source.requestedEnds.length).toBeLessThan(source.size / SLICE_BYTES);
  });
});
