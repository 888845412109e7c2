// Windows-1252, decoded by a table of its own: Node 20's TextDecoder decodes the label
// 'windows-1252' as ISO-8859-1, which turns 0x80 into U+0080 instead of `€`.

/** Characters of bytes 0x80 to 0x9F, per the WHATWG Encoding Standard's windows-1252 index. */
const HIGH_CONTROL_RANGE =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** The character of each byte value. Bytes 0xA0 to 0xFF are the same code points as in Latin-1. */
const CHARACTERS: readonly string[] = Array.from({ length: 256 }, (_, byte) =>
  byte >= 0x80 && byte <= 0x9f ? (HIGH_CONTROL_RANGE[byte - 0x80] as string) : String.fromCharCode(byte),
);

const UTF8_BY_BYTE: readonly Uint8Array[] = CHARACTERS.map((character) => new TextEncoder().encode(character));

/** Decodes Windows-1252 bytes. Every byte is one character, so chunks decode independently. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  // Joining in pieces keeps the argument list of String.prototype.concat short.
  const pieceLength = 8192;
  for (let start = 0; start < bytes.length; start += pieceLength) {
    const end = Math.min(start + pieceLength, bytes.length);
    const piece: string[] = new Array<string>(end - start);
    for (let i = start; i < end; i++) piece[i - start] = CHARACTERS[bytes[i] as number] as string;
    text += piece.join('');
  }
  return text;
}

/** Returns the UTF-8 bytes of the character that `byte` stands for in Windows-1252 (1 to 3 bytes). */
export function windows1252ToUtf8(byte: number): Uint8Array {
  return UTF8_BY_BYTE[byte] as Uint8Array;
}
