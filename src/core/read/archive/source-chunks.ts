// Reads a byte range of a ByteSource as a stream of slices.
import type { ByteSource } from '../../types.ts';

export interface SliceOptions {
  /** Bytes per slice; at least 1. */
  sliceBytes: number;
  /** Checked before each slice; abort throws signal.reason. */
  signal?: AbortSignal;
  /**
   * Called when the consumer requests the next slice, with the end offset of the slice it took.
   * Awaited if it returns a promise.
   */
  onSlice?: (bytesRead: number) => void | Promise<void>;
}

/**
 * Slices read ahead of the one being consumed. One was not enough: with a single read in flight,
 * a CPU profile (`node --cpu-prof`) of scripts/bench/run-mailsweep.ts on the bench's 453 MB
 * JSON-lines file showed the reader idle for 15% of the run. Each costs one slice of memory.
 */
const SLICES_AHEAD = 3;

/**
 * Yields bytes `start` to `end` of `source` in slices of `sliceBytes`, reading the next slices
 * while the current one is consumed. Throws when the source returns fewer bytes than requested,
 * which happens when a file changes while it is read.
 */
export async function* sourceChunks(
  source: ByteSource,
  start: number,
  end: number,
  options: SliceOptions,
): AsyncGenerator<Uint8Array, void, undefined> {
  const { sliceBytes, signal, onSlice } = options;
  const pending: { start: number; end: number; bytes: Promise<Uint8Array> }[] = [];
  let nextStart = start;
  const readAhead = (): void => {
    while (pending.length < SLICES_AHEAD && nextStart < end) {
      const sliceEnd = Math.min(nextStart + sliceBytes, end);
      const bytes = readSlice(source, nextStart, sliceEnd);
      // An abort can leave this read unawaited, and its failure is then of no interest.
      bytes.catch(() => undefined);
      pending.push({ start: nextStart, end: sliceEnd, bytes });
      nextStart = sliceEnd;
    }
  };

  readAhead();
  try {
    for (let slice = pending.shift(); slice !== undefined; slice = pending.shift()) {
      signal?.throwIfAborted();
      const bytes = await slice.bytes;
      if (bytes.length !== slice.end - slice.start) {
        throw new Error(
          `Reading bytes ${slice.start} to ${slice.end} returned ${bytes.length} bytes, ` +
            'so the file may have changed while it was read.',
        );
      }

      readAhead();
      yield bytes;
      await onSlice?.(slice.end);
    }
  } finally {
    // A read in flight keeps its slice allocated until it completes, so an abort waits for the
    // reads ahead (tens of milliseconds) and leaves no slice behind.
    await Promise.allSettled(pending.map((slice) => slice.bytes));
  }
}

export async function readSlice(source: ByteSource, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await source.slice(start, end).arrayBuffer());
}
