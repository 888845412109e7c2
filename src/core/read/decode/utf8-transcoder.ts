// Turns the bytes of a file in any supported encoding into UTF-8 bytes, chunk by chunk, because
// the JSON scanner frames records on ASCII bytes and the CSV reader decodes UTF-8.
import type { TextEncoding } from '../../types.ts';
import { decoderLabel } from './sniff-encoding.ts';
import { Utf8Repair } from './utf8-repair.ts';
import { decodeWindows1252 } from './windows-1252.ts';

/**
 * Streaming conversion to UTF-8. A character or UTF-16 surrogate pair cut by a chunk border is
 * completed by the next chunk. UTF-16 input loses its leading byte order mark. A UTF-8 mark, and
 * a mark in the middle of the file, are passed on because the readers skip them.
 */
export class Utf8Transcoder {
  private readonly isWindows1252: boolean;
  private readonly decoder: TextDecoder | undefined;
  private readonly encoder = new TextEncoder();
  /** Decoder of UTF-8 input that is passed on unrepaired, for `pushText`. */
  private readonly utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  private readonly repair: Utf8Repair | undefined;

  /**
   * `repairUtf8`: for UTF-8 input, read bytes that are not valid UTF-8 as Windows-1252 instead of
   * passing them on. The JSON scanner needs no repair because it falls back per record.
   */
  constructor(encoding: TextEncoding, repairUtf8: boolean) {
    const label = decoderLabel(encoding);
    this.isWindows1252 = label === 'windows-1252';
    if (label === 'utf-16le' || label === 'utf-16be') {
      this.decoder = new TextDecoder(label);
    } else if (label === 'utf-8' && repairUtf8) {
      this.repair = new Utf8Repair();
    }
  }

  /** Bytes of UTF-8 input that were read as Windows-1252. */
  get replacedBytes(): number {
    return this.repair?.replacedBytes ?? 0;
  }

  push(bytes: Uint8Array): Uint8Array {
    if (this.isWindows1252) {
      return this.encoder.encode(decodeWindows1252(bytes));
    }
    if (this.decoder !== undefined) {
      return this.encoder.encode(this.decoder.decode(bytes, { stream: true }));
    }
    return this.repair === undefined ? bytes : this.repair.push(bytes);
  }

  /**
   * Returns the next chunk as text, for readers that work on strings. Same result as decoding
   * `push`'s UTF-8 output, without encoding to UTF-8 and decoding again.
   */
  pushText(bytes: Uint8Array): string {
    if (this.isWindows1252) {
      return decodeWindows1252(bytes);
    }
    if (this.decoder !== undefined) {
      return this.decoder.decode(bytes, { stream: true });
    }
    if (this.repair !== undefined) {
      return this.repair.pushText(bytes);
    }
    return this.utf8.decode(bytes, { stream: true });
  }

  /** Returns `finish` as text. */
  finishText(): string {
    if (this.decoder !== undefined) {
      return this.decoder.decode();
    }
    if (this.repair !== undefined) {
      return this.repair.finishText();
    }
    return this.isWindows1252 ? '' : this.utf8.decode();
  }

  /** Returns what a cut character at the end of the input leaves over. */
  finish(): Uint8Array {
    if (this.decoder !== undefined) {
      return this.encoder.encode(this.decoder.decode());
    }
    return this.repair === undefined ? new Uint8Array(0) : this.repair.finish();
  }
}

/** Converts the sniffed head of a file to UTF-8 for format detection; a character cut at its end is dropped. */
export function headToUtf8(head: Uint8Array, encoding: TextEncoding): Uint8Array {
  const label = decoderLabel(encoding);
  if (label === 'utf-8') return head;

  const text = label === 'windows-1252' ? decodeWindows1252(head) : new TextDecoder(label).decode(head, { stream: true });
  return new TextEncoder().encode(text);
}
