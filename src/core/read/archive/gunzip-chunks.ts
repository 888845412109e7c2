// Decompresses a gzip stream chunk by chunk with the platform's DecompressionStream.
import { CorruptArchiveError } from './corrupt-archive-error.ts';

/**
 * Yields the decompressed bytes of the gzip data in `chunks`. Memory stays bounded: the
 * decompressor pulls the next compressed chunk only when its output has been taken. An error
 * of `chunks` itself (an abort, a failed read) is rethrown as it is; a failure of the
 * decompression becomes a CorruptArchiveError.
 */
export async function* gunzipChunks(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  const source = chunks[Symbol.asyncIterator]();
  let sourceError: { error: unknown } | undefined;
  let compressedBytes = 0;

  const compressed = new ReadableStream<BufferSource>({
    async pull(controller) {
      try {
        const next = await source.next();
        if (next.done === true) {
          controller.close();
        } else {
          compressedBytes += next.value.length;
          // Every chunk here comes from an ArrayBuffer (Blob reads and decompressor output), never
          // from a SharedArrayBuffer, which is what BufferSource rules out.
          controller.enqueue(next.value as Uint8Array<ArrayBuffer>);
        }
      } catch (error) {
        sourceError = { error };
        controller.error(error);
      }
    },
    async cancel() {
      await source.return?.();
    },
  });
  const reader = compressed.pipeThrough(new DecompressionStream('gzip')).getReader();

  let decompressedBytes = 0;
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        if (sourceError !== undefined) throw sourceError.error;
        throw new CorruptArchiveError(
          `The gzip data is corrupt or cut short: decompression failed after ${compressedBytes} compressed ` +
            `and ${decompressedBytes} decompressed bytes (${describeError(error)}). ` +
            'Records before that point were read; compress the file again or drop it uncompressed.',
          { cause: error },
        );
      }

      if (next.done) return;
      decompressedBytes += next.value.length;
      yield next.value;
    }
  } finally {
    // Stops the pipe when the consumer leaves early; a stream that already ended or failed ignores it.
    await reader.cancel().catch(() => undefined);
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
