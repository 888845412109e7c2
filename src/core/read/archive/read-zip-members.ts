// Reads every file in a ZIP archive as a file of its own, streaming each member's data.
import type { ByteSource, NamedSource } from '../../types.ts';
import type { ReadOutcome, RecordSink } from '../read-audit-file.ts';
import { readDecompressed } from '../read-audit-file.ts';
import { CorruptArchiveError } from './corrupt-archive-error.ts';
import { inflateChunks } from './inflate-chunks.ts';
import type { SliceOptions } from './source-chunks.ts';
import { sourceChunks } from './source-chunks.ts';
import type { ZipEntry } from './zip-directory.ts';
import { readDataOffset, readZipDirectory } from './zip-directory.ts';

/** The read outcome of one dropped file, or of one member of a dropped archive. */
export interface MemberOutcome extends ReadOutcome {
  /** The dropped file's name; for an archive member, the archive's name, then `/`, then the member's path. */
  name: string;
  /** Size of the file, or the uncompressed size of an archive member. */
  sizeBytes: number;
}

const STORED = 0;
const DEFLATED = 8;

/** Names of the ZIP compression methods that other tools write and this reader cannot decompress. */
const METHOD_NAMES = new Map([
  [9, 'Deflate64'],
  [12, 'bzip2'],
  [14, 'LZMA'],
  [93, 'Zstandard'],
  [95, 'xz'],
  [98, 'PPMd'],
]);

/**
 * Reads each file of the ZIP archive `archive` in the order of its data, calling `openSink` once
 * per outcome, in order, before that member's records. Folders and the `__MACOSX/` metadata that
 * macOS adds are skipped. An archive that cannot be listed, an Excel workbook and an archive
 * without files give one outcome named after the archive, with an error.
 */
export async function readZipMembers(
  archive: NamedSource,
  openSink: (name: string) => RecordSink,
  options: SliceOptions,
): Promise<MemberOutcome[]> {
  const { source } = archive;
  const archiveError = (error: string): MemberOutcome[] => {
    openSink(archive.name);
    return [{ name: archive.name, sizeBytes: source.size, format: 'unknown', encoding: 'utf-8', error }];
  };

  let entries: ZipEntry[];
  try {
    entries = await readZipDirectory(source);
  } catch (error) {
    if (!(error instanceof CorruptArchiveError)) throw error;
    return archiveError(error.message);
  }

  if (isExcelWorkbook(entries)) {
    return archiveError(
      'The file is an Excel workbook, not an archive of exports: open it in Excel and save the sheet as CSV UTF-8, then drop the CSV.',
    );
  }
  const files = entries.filter((entry) => !entry.isFolder && !entry.path.startsWith('__MACOSX/'));
  if (files.length === 0) {
    return archiveError('The ZIP archive contains no files.');
  }

  const outcomes: MemberOutcome[] = [];
  for (const entry of files) {
    options.signal?.throwIfAborted();
    const name = `${archive.name}/${entry.path}`;
    const sink = openSink(name);
    const outcome = await readMember(source, entry, sink, options);
    outcomes.push({ name, sizeBytes: entry.uncompressedSize, ...outcome });
  }

  // The central directory after the last member is read too, so progress ends at the archive's size.
  await options.onSlice?.(source.size);
  return outcomes;
}

async function readMember(source: ByteSource, entry: ZipEntry, sink: RecordSink, options: SliceOptions): Promise<ReadOutcome> {
  const unreadable = (error: string): ReadOutcome => ({ format: 'unknown', encoding: 'utf-8', error });

  if (entry.isEncrypted) {
    return unreadable('The archive member is encrypted: extract the archive with its password and drop the files.');
  }
  if (entry.method !== STORED && entry.method !== DEFLATED) {
    const method = METHOD_NAMES.get(entry.method) ?? `method ${entry.method}`;
    return unreadable(
      `The archive member is compressed with ${method}, and only stored and Deflate members can be read: ` +
        'extract the archive with another tool and drop the files, or zip them again with Deflate.',
    );
  }

  try {
    const dataOffset = await readDataOffset(source, entry);
    const raw = sourceChunks(source, dataOffset, dataOffset + entry.compressedSize, options);
    const data = entry.method === DEFLATED ? inflateChunks(raw, entry.path) : raw;
    return await readDecompressed(checkSize(data, entry), sink);
  } catch (error) {
    if (!(error instanceof CorruptArchiveError)) throw error;
    return unreadable(error.message);
  }
}

/** Passes `chunks` on and throws at their end when their total differs from the member's recorded size. */
async function* checkSize(chunks: AsyncIterable<Uint8Array>, entry: ZipEntry): AsyncGenerator<Uint8Array, void, undefined> {
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    yield chunk;
  }

  if (total !== entry.uncompressedSize) {
    throw new CorruptArchiveError(
      `The ZIP member "${entry.path}" is corrupt: it contains ${total} bytes, but the archive lists ` +
        `${entry.uncompressedSize}. Records before that point were read.`,
    );
  }
}

/** Recognises an .xlsx workbook: a ZIP archive with `[Content_Types].xml` and the workbook under `xl/`. */
function isExcelWorkbook(entries: readonly ZipEntry[]): boolean {
  return (
    entries.some((entry) => entry.path === '[Content_Types].xml') &&
    entries.some((entry) => entry.path.startsWith('xl/'))
  );
}
