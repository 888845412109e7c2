// Finds the text encoding of a file from its first bytes.
import type { TextEncoding } from '../../types.ts';

/** Bytes at the start of the file that the NUL-byte test for BOM-less UTF-16 looks at. */
const UTF16_SNIFF_BYTES = 1024;

/**
 * Bytes at the start of the file in which one NUL byte marks it as binary, because binary formats
 * put magic numbers and length fields there. A text export starts with its header line or its
 * first record.
 */
const BINARY_HEADER_BYTES = 512;

/**
 * Share of NUL bytes in the head above which the file is binary wherever they are. Rarer NUL
 * bytes after the first BINARY_HEADER_BYTES are taken as damage inside records, which the readers
 * skip one record at a time, so the rest of the file is still read.
 */
const MAX_TEXT_NUL_SHARE = 0.01;

/**
 * Returns the encoding of a file whose first bytes are `head`. A byte order mark decides first.
 * Next, NUL bytes in every odd (little-endian) or every even (big-endian) position mark UTF-16,
 * because audit exports are mostly ASCII. Otherwise the file is UTF-8 when `head` is valid UTF-8,
 * else Windows-1252. Returns undefined for binary bytes: a NUL byte in the first 512 bytes, or NUL
 * bytes in more than 1% of the head, without the UTF-16 pattern. `isWholeFile` is true when `head`
 * is the entire file, so a character cut at its end is invalid rather than continued in the next bytes.
 */
export function sniffEncoding(head: Uint8Array, isWholeFile: boolean): TextEncoding | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le-bom';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be-bom';

  const utf16 = sniffUtf16(head);
  if (utf16 !== undefined) return utf16;
  if (isBinary(head)) return undefined;

  return isValidUtf8(head, isWholeFile) ? 'utf-8' : 'windows-1252';
}

/** Returns the WHATWG label of an encoding for TextDecoder; Windows-1252 is decoded by its own table here, not by this label. */
export function decoderLabel(encoding: TextEncoding): string {
  if (encoding === 'utf-16le' || encoding === 'utf-16le-bom') return 'utf-16le';
  if (encoding === 'utf-16be' || encoding === 'utf-16be-bom') return 'utf-16be';
  if (encoding === 'windows-1252') return 'windows-1252';
  return 'utf-8';
}

/**
 * Recognises UTF-16 without a byte order mark: in ASCII-heavy text one byte of nearly every code
 * unit is 0. The thresholds (at least 90% of the units, and no NUL at all in the other
 * position) keep binary files, which have NUL bytes in both positions, out.
 */
function sniffUtf16(head: Uint8Array): TextEncoding | undefined {
  const units = Math.floor(Math.min(head.length, UTF16_SNIFF_BYTES) / 2);
  if (units < 2) return undefined;

  let evenNuls = 0;
  let oddNuls = 0;
  for (let unit = 0; unit < units; unit++) {
    if (head[2 * unit] === 0) evenNuls++;
    if (head[2 * unit + 1] === 0) oddNuls++;
  }

  const minNulUnits = Math.ceil(units * 0.9);
  if (oddNuls >= minNulUnits && evenNuls === 0) return 'utf-16le';
  if (evenNuls >= minNulUnits && oddNuls === 0) return 'utf-16be';
  return undefined;
}

function isBinary(head: Uint8Array): boolean {
  if (head.subarray(0, BINARY_HEADER_BYTES).includes(0)) return true;

  let nulBytes = 0;
  for (const byte of head) {
    if (byte === 0) nulBytes++;
  }
  return nulBytes > head.length * MAX_TEXT_NUL_SHARE;
}

function isValidUtf8(head: Uint8Array, isWholeFile: boolean): boolean {
  try {
    // In streaming mode a character cut at the end of `head` is kept back, not reported.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !isWholeFile });
    return true;
  } catch {
    return false;
  }
}
