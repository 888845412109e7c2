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
 * Yields bytes `start` to `end` of `source` in slices of `sliceBytes`, reading the next slice
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
  let sliceStart = start;
  let sliceEnd = Math.min(start + sliceBytes, end);
  let next = sliceStart < end ? readSlice(source, sliceStart, sliceEnd) : undefined;

  while (next !== undefined) {
    signal?.throwIfAborted();
    const bytes = await next;
    if (bytes.length !== sliceEnd - sliceStart) {
      throw new Error(
        `Reading bytes ${sliceStart} to ${sliceEnd} returned ${bytes.length} bytes, ` +
          'so the file may have changed while it was read.',
      );
    }

    next = undefined;
    if (sliceEnd < end) {
      next = readSlice(source, sliceEnd, Math.min(sliceEnd + sliceBytes, end));
      // An abort can leave this read unawaited, and its failure is then of no interest.
      next.catch(() => undefined);
    }

    yield bytes;
    await onSlice?.(sliceEnd);
    sliceStart = sliceEnd;
    sliceEnd = Math.min(sliceStart + sliceBytes, end);
  }
}

export async function readSlice(source: ByteSource, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await source.slice(start, end).arrayBuffer());
}
