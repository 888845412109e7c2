// Decodes the bytes of one record as UTF-8, or as Windows-1252 when they are not valid UTF-8.
import { decodeWindows1252 } from './windows-1252.ts';

export class RecordTextDecoder {
  /** Records that were not valid UTF-8 and were decoded as Windows-1252. */
  windows1252Records = 0;

  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });

  decode(bytes: Uint8Array): string {
    try {
      return this.utf8.decode(bytes);
    } catch {
      // Invalid UTF-8 in a file whose first bytes were valid: a Windows-1252 file that starts
      // with ASCII, or parts in both encodings joined together. Decoding the whole record as
      // Windows-1252 keeps characters such as `é` in a UserId instead of replacing them.
      this.windows1252Records++;
      return decodeWindows1252(bytes);
    }
  }
}
