// Makes a UTF-8 byte stream valid by reading each byte that is not part of a valid UTF-8
// sequence as Windows-1252. The usual cause is a Windows-1252 file whose first bytes happened to
// be ASCII, or a file joined from parts in both encodings.
import { ByteBuffer } from '../byte-buffer.ts';
import { windows1252ToUtf8 } from './windows-1252.ts';

/**
 * Streaming repair of UTF-8 bytes. A sequence cut at the end of one chunk is held back and
 * completed by the next, so chunk borders never change the result.
 *
 * NOTE: a Windows-1252 byte pair that happens to form a valid UTF-8 sequence (such as `Ã©`,
 * C3 A9) stays UTF-8 (`é`); only invalid bytes are reinterpreted.
 */
export class Utf8Repair {
  /** Bytes that were not valid UTF-8 and were read as Windows-1252. */
  replacedBytes = 0;

  /** The start of a sequence cut by the end of the previous chunk (at most 3 bytes). */
  private cutSequence = new Uint8Array(0);

  /** Returns `bytes` as valid UTF-8, without the start of a sequence that continues in the next chunk. */
  push(bytes: Uint8Array): Uint8Array {
    const input = this.cutSequence.length === 0 ? bytes : concat(this.cutSequence, bytes);
    this.cutSequence = new Uint8Array(0);
    return this.repair(input, false);
  }

  /** Returns what is still held back, which can only be the invalid start of a cut sequence. */
  finish(): Uint8Array {
    const input = this.cutSequence;
    this.cutSequence = new Uint8Array(0);
    return this.repair(input, true);
  }

  /**
   * Returns `bytes` decoded as text, with the same repair as `push`. Valid input, the usual case,
   * is checked and decoded in one native call instead of a byte-by-byte scan.
   */
  pushText(bytes: Uint8Array): string {
    const input = this.cutSequence.length === 0 ? bytes : concat(this.cutSequence, bytes);
    const end = completeSequencesEnd(input);
    try {
      const text = this.strict.decode(input.subarray(0, end));
      this.cutSequence = input.slice(end);
      return text;
    } catch {
      this.cutSequence = new Uint8Array(0);
      return this.lenient.decode(this.repair(input, false));
    }
  }

  /** Returns what `finish` returns, as text. */
  finishText(): string {
    return this.lenient.decode(this.finish());
  }

  // Byte order marks are passed on as U+FEFF, as `push` passes them on as bytes.
  private readonly strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly lenient = new TextDecoder('utf-8', { ignoreBOM: true });

  private repair(input: Uint8Array, isEnd: boolean): Uint8Array {
    let output: ByteBuffer | undefined;
    // Start of the valid bytes not yet copied to `output`.
    let copiedTo = 0;
    let i = 0;

    while (i < input.length) {
      if ((input[i] as number) < 0x80) {
        i++;
        continue;
      }

      const length = validSequenceLength(input, i);
      if (length > 0) {
        i += length;
        continue;
      }
      if (length === CUT_SEQUENCE && !isEnd) {
        this.cutSequence = input.slice(i);
        break;
      }

      output ??= new ByteBuffer();
      output.append(input.subarray(copiedTo, i));
      output.append(windows1252ToUtf8(input[i] as number));
      this.replacedBytes++;
      i++;
      copiedTo = i;
    }

    const end = i;
    if (output === undefined) {
      return copiedTo === 0 && end === input.length ? input : input.subarray(copiedTo, end);
    }
    output.append(input.subarray(copiedTo, end));
    return output.view().slice();
  }
}

/** Returned by validSequenceLength for a sequence that is valid so far but cut by the end of the bytes. */
const CUT_SEQUENCE = -1;
const INVALID = 0;

/**
 * Returns the length of the valid UTF-8 sequence starting at `start` (whose byte is at least
 * 0x80), INVALID, or CUT_SEQUENCE. The ranges follow the WHATWG UTF-8 decoder: no overlong
 * forms, no surrogates, nothing above U+10FFFF.
 */
function validSequenceLength(bytes: Uint8Array, start: number): number {
  const lead = bytes[start] as number;
  let length: number;
  let low = 0x80;
  let high = 0xbf;

  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else {
    return INVALID;
  }

  for (let offset = 1; offset < length; offset++) {
    if (start + offset >= bytes.length) return CUT_SEQUENCE;
    const byte = bytes[start + offset] as number;
    if (byte < low || byte > high) return INVALID;
    low = 0x80;
    high = 0xbf;
  }
  return length;
}

/**
 * Returns the length of `bytes` without a multi-byte sequence cut by its end: the offset of the
 * last lead byte when fewer bytes follow it than it announces. Invalid bytes are left for the
 * decoder to reject.
 */
function completeSequencesEnd(bytes: Uint8Array): number {
  const length = bytes.length;
  for (let back = 1; back <= 3 && back <= length; back++) {
    const byte = bytes[length - back] as number;
    if (byte < 0x80) return length;
    if (byte >= 0xc0) {
      let announced = 2;
      if (byte >= 0xf0) announced = 4;
      else if (byte >= 0xe0) announced = 3;
      return announced > back ? length - back : length;
    }
  }
  return length;
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first);
  joined.set(second, first.length);
  return joined;
}
