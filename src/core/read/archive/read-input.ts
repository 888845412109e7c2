// The reading entry for a dropped file: plain, gzip-compressed or a ZIP archive of such files.
import type { NamedSource } from '../../types.ts';
import type { ReadOptions, RecordSink } from '../read-audit-file.ts';
import { checkSliceBytes, readByteStream } from '../read-audit-file.ts';
import { SNIFF_BYTES } from '../detect-format.ts';
import { detectContainer } from './container-magic.ts';
import type { MemberOutcome } from './read-zip-members.ts';
import { readZipMembers } from './read-zip-members.ts';
import { readSlice, sourceChunks } from './source-chunks.ts';

export type { MemberOutcome } from './read-zip-members.ts';

/**
 * Reads `file` and returns one outcome per file in it: one for a plain or gzip-compressed file,
 * one per member of a ZIP archive (members may be gzip-compressed too). `openSink` is called
 * once per outcome, in the same order, before that file's records are delivered, and returns the
 * sink that receives them. `onSlice` reports bytes read of `file` itself (compressed bytes).
 * Rejects with a RangeError for an invalid `sliceBytes`, and with `signal.reason` on abort.
 */
export async function readInput(
  file: NamedSource,
  openSink: (name: string) => RecordSink,
  options: ReadOptions = {},
): Promise<MemberOutcome[]> {
  const sliceBytes = checkSliceBytes(options.sliceBytes);
  const { source } = file;
  const sliceOptions = { sliceBytes, signal: options.signal, onSlice: options.onSlice };

  options.signal?.throwIfAborted();
  const head = await readSlice(source, 0, Math.min(source.size, SNIFF_BYTES));
  if (detectContainer(head) === 'zip') {
    return readZipMembers(file, openSink, sliceOptions);
  }

  const sink = openSink(file.name);
  const chunks = sourceChunks(source, 0, source.size, sliceOptions);
  const outcome = await readByteStream({ bytes: head, isWholeFile: head.length === source.size }, chunks, sink);
  return [{ name: file.name, sizeBytes: source.size, ...outcome }];
}
