// Reads the central directory of a ZIP archive: the list of members with their sizes and offsets.
// The central directory is authoritative (a local header may defer its sizes to a data descriptor
// after the data), so members are located through it (ZIP format: PKWARE APPNOTE.TXT, section 4.4.4).
import type { ByteSource } from '../../types.ts';
import { decodeWindows1252 } from '../decode/windows-1252.ts';
import { CorruptArchiveError } from './corrupt-archive-error.ts';
import { readSlice } from './source-chunks.ts';

export interface ZipEntry {
  /** Path inside the archive, with `/` separators. */
  path: string;
  /** Compression method: 0 stored, 8 deflated; others are reported as unsupported. */
  method: number;
  isEncrypted: boolean;
  isFolder: boolean;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the local file header from the start of the archive. */
  localHeaderOffset: number;
}

const END_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;

const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
const ZIP64_LOCATOR_BYTES = 20;
const CENTRAL_HEADER_BYTES = 46;
const LOCAL_HEADER_BYTES = 30;
/** A 32-bit size or offset of 0xFFFFFFFF (and a 16-bit count of 0xFFFF) means the value is in the ZIP64 records. */
const ZIP64_MARK_32 = 0xffffffff;
const ZIP64_MARK_16 = 0xffff;
const ZIP64_EXTRA_ID = 0x0001;

/** General-purpose flag bits. */
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8_NAME = 0x0800;

const CORRUPT =
  'The ZIP archive is corrupt or incomplete (for example, a download that stopped early): ';

/** Lists the members of the ZIP archive in `source`, in the order of their data in the file. */
export async function readZipDirectory(source: ByteSource): Promise<ZipEntry[]> {
  const tailStart = Math.max(0, source.size - END_RECORD_BYTES - MAX_COMMENT_BYTES - ZIP64_LOCATOR_BYTES);
  const tail = await readSlice(source, tailStart, source.size);
  const endOffset = findEndRecord(tail);
  if (endOffset < 0) {
    throw new CorruptArchiveError(`${CORRUPT}its end-of-central-directory record is missing.`);
  }

  const end = new DataView(tail.buffer, tail.byteOffset + endOffset, END_RECORD_BYTES);
  let entryCount = end.getUint16(10, true);
  let directorySize = end.getUint32(12, true);
  let directoryOffset = end.getUint32(16, true);

  const usesZip64 = entryCount === ZIP64_MARK_16 || directorySize === ZIP64_MARK_32 || directoryOffset === ZIP64_MARK_32;
  if (usesZip64) {
    ({ entryCount, directorySize, directoryOffset } = await readZip64End(source, tail, endOffset));
  }
  if (directoryOffset + directorySize > source.size) {
    throw new CorruptArchiveError(`${CORRUPT}its central directory lies beyond the end of the file.`);
  }

  const directory = await readSlice(source, directoryOffset, directoryOffset + directorySize);
  const entries = parseCentralDirectory(directory, entryCount);
  return entries.sort((first, second) => first.localHeaderOffset - second.localHeaderOffset);
}

/** Returns the offset in the archive where the member's data starts, read from its local file header. */
export async function readDataOffset(source: ByteSource, entry: ZipEntry): Promise<number> {
  const header = await readSlice(source, entry.localHeaderOffset, entry.localHeaderOffset + LOCAL_HEADER_BYTES);
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (header.length < LOCAL_HEADER_BYTES || view.getUint32(0, true) !== LOCAL_HEADER_SIGNATURE) {
    throw new CorruptArchiveError(`${CORRUPT}the local header of "${entry.path}" is missing.`);
  }

  // The local header's name and extra field may differ in length from the central directory's.
  const dataOffset = entry.localHeaderOffset + LOCAL_HEADER_BYTES + view.getUint16(26, true) + view.getUint16(28, true);
  if (dataOffset + entry.compressedSize > source.size) {
    throw new CorruptArchiveError(`${CORRUPT}the data of "${entry.path}" runs past the end of the file.`);
  }
  return dataOffset;
}

/** Returns the offset of the last end-of-central-directory record in `tail` whose comment fits the file, or -1. */
function findEndRecord(tail: Uint8Array): number {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  for (let offset = tail.length - END_RECORD_BYTES; offset >= 0; offset--) {
    if (view.getUint32(offset, true) === END_SIGNATURE) {
      const commentLength = view.getUint16(offset + 20, true);
      if (offset + END_RECORD_BYTES + commentLength <= tail.length) return offset;
    }
  }
  return -1;
}

async function readZip64End(
  source: ByteSource,
  tail: Uint8Array,
  endOffset: number,
): Promise<{ entryCount: number; directorySize: number; directoryOffset: number }> {
  const locatorOffset = endOffset - ZIP64_LOCATOR_BYTES;
  const tailView = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  if (locatorOffset < 0 || tailView.getUint32(locatorOffset, true) !== ZIP64_LOCATOR_SIGNATURE) {
    throw new CorruptArchiveError(`${CORRUPT}its ZIP64 end-of-central-directory locator is missing.`);
  }

  const recordOffset = readUint64(tailView, locatorOffset + 8);
  const record = await readSlice(source, recordOffset, Math.min(source.size, recordOffset + 56));
  const view = new DataView(record.buffer, record.byteOffset, record.byteLength);
  if (record.length < 56 || view.getUint32(0, true) !== ZIP64_END_SIGNATURE) {
    throw new CorruptArchiveError(`${CORRUPT}its ZIP64 end-of-central-directory record is missing.`);
  }

  return {
    entryCount: readUint64(view, 32),
    directorySize: readUint64(view, 40),
    directoryOffset: readUint64(view, 48),
  };
}

function parseCentralDirectory(directory: Uint8Array, entryCount: number): ZipEntry[] {
  const view = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const entries: ZipEntry[] = [];
  let offset = 0;

  for (let index = 0; index < entryCount; index++) {
    if (offset + CENTRAL_HEADER_BYTES > directory.length || view.getUint32(offset, true) !== CENTRAL_HEADER_SIGNATURE) {
      throw new CorruptArchiveError(`${CORRUPT}its central directory ends after ${index} of ${entryCount} entries.`);
    }

    const flags = view.getUint16(offset + 8, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const nameStart = offset + CENTRAL_HEADER_BYTES;
    const extraStart = nameStart + nameLength;
    const path = decodeName(directory.subarray(nameStart, extraStart), (flags & FLAG_UTF8_NAME) !== 0);

    const sizes = {
      uncompressedSize: view.getUint32(offset + 24, true),
      compressedSize: view.getUint32(offset + 20, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    };
    readZip64Extra(view, extraStart, extraLength, sizes);

    entries.push({
      path,
      method: view.getUint16(offset + 10, true),
      isEncrypted: (flags & FLAG_ENCRYPTED) !== 0,
      isFolder: path.endsWith('/'),
      ...sizes,
    });
    offset = extraStart + extraLength + commentLength;
  }

  return entries;
}

/**
 * Replaces the sizes and offset marked 0xFFFFFFFF with the 64-bit values of the ZIP64 extra
 * field, which contains only the marked ones, in this order.
 */
function readZip64Extra(
  view: DataView,
  start: number,
  length: number,
  sizes: { uncompressedSize: number; compressedSize: number; localHeaderOffset: number },
): void {
  const end = Math.min(start + length, view.byteLength);
  for (let offset = start; offset + 4 <= end; ) {
    const id = view.getUint16(offset, true);
    const size = view.getUint16(offset + 2, true);
    if (id === ZIP64_EXTRA_ID) {
      let field = offset + 4;
      for (const key of ['uncompressedSize', 'compressedSize', 'localHeaderOffset'] as const) {
        if (sizes[key] === ZIP64_MARK_32 && field + 8 <= offset + 4 + size) {
          sizes[key] = readUint64(view, field);
          field += 8;
        }
      }
      return;
    }
    offset += 4 + size;
  }
}

/**
 * Decodes a member name: UTF-8 when the archive flags it or when the bytes are valid UTF-8
 * (many tools write UTF-8 without setting the flag), otherwise Windows-1252.
 * NOTE: the ZIP default is IBM code page 437, which TextDecoder lacks; the two differ only in
 * the characters above 0x7F, so such names may show some characters wrongly.
 */
function decodeName(bytes: Uint8Array, isUtf8: boolean): string {
  let name: string;
  try {
    name = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    name = isUtf8 ? new TextDecoder('utf-8').decode(bytes) : decodeWindows1252(bytes);
  }

  // Some Windows tools write `\` separators, which the ZIP specification does not allow.
  return name.replaceAll('\\', '/');
}

/** Reads a little-endian 64-bit value; archives up to 2^53 bytes are exact. */
function readUint64(view: DataView, offset: number): number {
  return Number(view.getBigUint64(offset, true));
}
