// An aborted read must not leave slice reads in flight. A read that has not completed keeps its
// slice allocated (in Chromium, the Blob reader's ArrayBuffer), so the memory of a cancelled file
// would stay in use after the cancel returned.

import { describe, expect, it } from 'vitest';

import { sourceChunks } from '../../../src/core/read/archive/source-chunks.ts';
import type { ByteSource } from '../../../src/core/types.ts';

/** Creates a source whose slice reads complete only when the test releases them, in request order. */
function sourceWithManualReads(size: number): { source: ByteSource; requested: number[]; completed: number[]; releaseNext: () => void } {
  const waiting: (() => void)[] = [];
  const requested: number[] = [];
  const completed: number[] = [];
  const source: ByteSource = {
    size,
    slice: (start, end) => ({
      arrayBuffer: () => {
        requested.push(start);
        return new Promise<ArrayBuffer>((resolve) => {
          waiting.push(() => {
            completed.push(start);
            resolve(new ArrayBuffer(end - start));
          });
        });
      },
    }),
  };
  return { source, requested, completed, releaseNext: () => waiting.shift()?.() };
}

describe('sourceChunks abort', () => {
  it('waits for reads in flight before it rejects', async () => {
    const reads = sourceWithManualReads(100);
    const controller = new AbortController();
    const chunks = sourceChunks(reads.source, 0, 100, { sliceBytes: 10, signal: controller.signal });

    const first = chunks.next();
    reads.releaseNext();
    expect((await first).value?.length).toBe(10);
    // The first slice is consumed, and three more are read ahead.
    expect(reads.requested).toEqual([0, 10, 20, 30]);

    controller.abort(new Error('cancelled'));
    let rejected = false;
    const second = chunks.next().catch((error: unknown) => {
      rejected = true;
      return error;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(rejected).toBe(false);

    reads.releaseNext();
    reads.releaseNext();
    reads.releaseNext();
    expect(String(await second)).toContain('cancelled');
    expect(reads.completed).toEqual([0, 10, 20, 30]);
    expect(reads.requested).toHaveLength(4);
  });
});
