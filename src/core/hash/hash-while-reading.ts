// SHA-256 of a dropped file, computed from the slices the reader requests anyway, so a file is not
// read twice just to hash it.

import type { ByteSource } from '../types.ts';
import { Sha256 } from './sha256.ts';

/** Bytes per read when the digest has to read what the reader skipped: 8 MiB, as the readers' slices. */
const CATCH_UP_SLICE_BYTES = 8 * 1024 * 1024;

/**
 * Largest gap between the hashed prefix and a later slice that is read at once to close it. A ZIP
 * reader skips each member's name (tens of bytes) and reads the central directory early. Closing
 * such gaps costs little, but a gap of many MB is left for the final catch-up read.
 */
const MAX_GAP_BYTES = 1024 * 1024;

/** Maximum bytes of later slices kept (copied) while a gap before them is being read. */
const MAX_WAITING_BYTES = 64 * 1024 * 1024;

/** A byte source that hashes what is read through it, and how to finish the hash. */
export interface HashingSource {
  /** Give this to the reader in place of the original source. */
  readonly source: ByteSource;
  /**
   * Reads the bytes that the reader has not covered yet, hashes them and returns the SHA-256 of the
   * whole source as 64 lower-case hexadecimal digits. Later calls return the same promise.
   */
  digestHex(): Promise<string>;
  /** Bytes read only for the hash: the gaps between the reader's slices and the catch-up at the end. */
  readonly bytesReadAgain: number;
}

/** A slice that starts after the hashed prefix, kept until the gap before it is hashed. */
interface WaitingSlice {
  start: number;
  bytes: Uint8Array;
}

/**
 * Wraps `source` so that every slice read through it feeds the hash, in file order. A slice that
 * continues the hashed prefix (or overlaps its end) extends it. A slice that starts shortly after
 * the prefix is copied and kept while the gap before it is read. A slice that starts far beyond it
 * is left for `digestHex`, which reads what is still missing. A plain or gzip file, read from start
 * to end, is hashed without any extra read.
 */
export function hashWhileReading(source: ByteSource): HashingSource {
  const hasher = new Sha256();
  const waiting: WaitingSlice[] = [];
  let waitingBytes = 0;
  let hashedBytes = 0;
  let bytesReadAgain = 0;
  let gapRead: Promise<void> | undefined;
  let digest: Promise<string> | undefined;

  const extendPrefix = (start: number, bytes: Uint8Array): void => {
    const end = start + bytes.length;
    if (start <= hashedBytes && end > hashedBytes) {
      hasher.update(bytes.subarray(hashedBytes - start));
      hashedBytes = end;
    }
  };

  /** Hashes the waiting slices that now touch the prefix, and drops those it already covers. */
  const hashWaitingSlices = (): void => {
    waiting.sort((left, right) => left.start - right.start);
    while (waiting.length > 0 && (waiting[0]?.start ?? Infinity) <= hashedBytes) {
      const slice = waiting.shift();
      if (slice === undefined) break;
      waitingBytes -= slice.bytes.length;
      extendPrefix(slice.start, slice.bytes);
    }
  };

  /** Reads the gap between the prefix and the first waiting slice, unless a read is under way. */
  const closeGap = (): void => {
    const next = waiting[0];
    if (gapRead !== undefined || next === undefined || digest !== undefined) {
      return;
    }
    const gapStart = hashedBytes;
    gapRead = readBytes(source, gapStart, next.start)
      .then((bytes) => {
        bytesReadAgain += bytes.length;
        extendPrefix(gapStart, bytes);
        hashWaitingSlices();
      })
      .catch(() => {
        // Dropping the waiting slices leaves them to the catch-up in digestHex, which reads them
        // again and reports the error if it recurs. Keeping them would retry the failing read
        // forever.
        waiting.length = 0;
        waitingBytes = 0;
      })
      .finally(() => {
        gapRead = undefined;
        closeGap();
      });
  };

  const absorb = (start: number, bytes: Uint8Array): void => {
    const end = start + bytes.length;
    if (digest !== undefined || end <= hashedBytes) {
      return;
    }
    if (start <= hashedBytes) {
      extendPrefix(start, bytes);
      hashWaitingSlices();
      return;
    }
    if (start - hashedBytes <= MAX_GAP_BYTES && waitingBytes + bytes.length <= MAX_WAITING_BYTES) {
      // A copy, because the reader may transfer or reuse the buffer once it has it.
      waiting.push({ start, bytes: bytes.slice() });
      waitingBytes += bytes.length;
      waiting.sort((left, right) => left.start - right.start);
      closeGap();
    }
  };

  const wrapped: ByteSource = {
    size: source.size,
    slice(start: number, end: number) {
      const slice = source.slice(start, end);
      return {
        async arrayBuffer(): Promise<ArrayBuffer> {
          const buffer = await slice.arrayBuffer();
          absorb(clampStart(start, source.size), new Uint8Array(buffer));
          return buffer;
        },
      };
    },
  };

  const finish = async (): Promise<string> => {
    // A gap read that started before the digest still extends the prefix, so wait for it.
    while (gapRead !== undefined) {
      await gapRead;
    }
    waiting.length = 0;

    while (hashedBytes < source.size) {
      const end = Math.min(hashedBytes + CATCH_UP_SLICE_BYTES, source.size);
      const bytes = await readBytes(source, hashedBytes, end);
      hasher.update(bytes);
      bytesReadAgain += bytes.length;
      hashedBytes = end;
    }
    return hasher.digestHex();
  };

  return {
    source: wrapped,
    digestHex: () => (digest ??= finish()),
    get bytesReadAgain() {
      return bytesReadAgain;
    },
  };
}

/** Reads bytes `start` to `end` and rejects when the source returns fewer, as a changed file does. */
async function readBytes(source: ByteSource, start: number, end: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(await source.slice(start, end).arrayBuffer());
  if (bytes.length !== end - start) {
    throw new Error(
      `Reading bytes ${start} to ${end} for the SHA-256 returned ${bytes.length} bytes, ` +
        'so the file may have changed while it was read. Drop the file again.',
    );
  }
  return bytes;
}

/**
 * Returns the offset where the bytes of `slice(start, ...)` begin, as Blob.slice computes it. A
 * negative start counts from the end, and a start beyond the end is clamped to the size.
 */
function clampStart(start: number, size: number): number {
  const fromStart = start < 0 ? size + start : start;
  return Math.max(0, Math.min(fromStart, size));
}
