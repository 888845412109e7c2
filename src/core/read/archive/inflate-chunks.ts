// Decompresses raw DEFLATE data (ZIP method 8) chunk by chunk with fflate.
import { Inflate } from 'fflate';
import { CorruptArchiveError } from './corrupt-archive-error.ts';

/**
 * Compressed bytes handed to the decompressor at a time. The output of one push is in memory at
 * once. DEFLATE expands by at most about 1,032 times, so a push yields at most about 64 MiB even
 * for a crafted member. Text audit logs expand about 10 to 20 times.
 */
const INFLATE_INPUT_BYTES = 64 * 1024;

/**
 * Yields the decompressed bytes of the raw DEFLATE stream in `chunks`. `memberName` names the
 * member in the error thrown when the data is corrupt or ends before the last block.
 */
export async function* inflateChunks(
  chunks: AsyncIterable<Uint8Array>,
  memberName: string,
): AsyncGenerator<Uint8Array, void, undefined> {
  const output: Uint8Array[] = [];
  const inflate = new Inflate((data) => {
    if (data.length > 0) output.push(data);
  });

  const push = (bytes: Uint8Array, isFinal: boolean): void => {
    try {
      inflate.push(bytes, isFinal);
    } catch (error) {
      throw new CorruptArchiveError(
        `The ZIP member "${memberName}" is corrupt: its compressed data cannot be decompressed ` +
          `(${error instanceof Error ? error.message : String(error)}). Records before that point were read.`,
        { cause: error },
      );
    }
  };

  for await (const chunk of chunks) {
    for (let start = 0; start < chunk.length; start += INFLATE_INPUT_BYTES) {
      push(chunk.subarray(start, start + INFLATE_INPUT_BYTES), false);
      yield* output.splice(0);
    }
  }

  push(new Uint8Array(0), true);
  yield* output.splice(0);
}
