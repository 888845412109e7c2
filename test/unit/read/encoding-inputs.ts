// Re-encodes the generated planted exports in other text encodings, so that every encoding is
// checked against the same expected findings.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const GENERATED_DIR = path.resolve(import.meta.dirname, '../../fixtures/generated');

/** The planted UserId with a non-ASCII letter, and the forms the tests put in its place. */
export const PLANTED_USER = 'anna.kéller@contoso.example';
/** é, ü and € (byte 0x80 in Windows-1252): all three are single bytes in Windows-1252. */
export const WINDOWS_1252_USER = 'anna.kéller-müller€@contoso.example';
/** Adds a character outside the Basic Multilingual Plane: 4 bytes in UTF-8, a surrogate pair in UTF-16. */
export const EMOJI_USER = 'anna.kéller-müller€😀@contoso.example';

export function plantedText(file: string, user: string = PLANTED_USER): string {
  return readFileSync(path.join(GENERATED_DIR, file), 'utf8').replaceAll(PLANTED_USER, user);
}

export function expectedFindingsCsv(user: string = PLANTED_USER): string {
  return plantedText('expected-findings.csv', user);
}

/** Moves the first line that contains `needle` to just after the first `keepLines` lines. */
export function moveLineForward(text: string, needle: string, keepLines: number): string {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`No line contains ${needle}.`);
  const [line] = lines.splice(index, 1);
  lines.splice(keepLines, 0, line as string);
  return lines.join('\n');
}

export function utf16le(text: string, withBom: boolean): Uint8Array {
  return new Uint8Array(Buffer.from((withBom ? '\uFEFF' : '') + text, 'utf16le'));
}

export function utf16be(text: string, withBom: boolean): Uint8Array {
  const bytes = utf16le(text, withBom);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const low = bytes[i] as number;
    bytes[i] = bytes[i + 1] as number;
    bytes[i + 1] = low;
  }
  return bytes;
}

/** Windows-1252 bytes of the non-ASCII characters the tests use, from the code page table. */
const WINDOWS_1252_BYTES = new Map([
  ['€', 0x80],
  ['é', 0xe9],
  ['ë', 0xeb],
  ['ü', 0xfc],
]);

/** Encodes ASCII text plus the characters in WINDOWS_1252_BYTES. */
export function windows1252(text: string): Uint8Array {
  return Uint8Array.from(text, (character) => {
    const code = character.charCodeAt(0);
    const byte = code < 0x80 ? code : WINDOWS_1252_BYTES.get(character);
    if (byte === undefined) throw new Error(`${character} is missing from the test's Windows-1252 table.`);
    return byte;
  });
}

/** Returns the first `lineCount` lines of `text` and the next line that contains `needle`, for the 1-byte slice checks. */
export function excerpt(text: string, lineCount: number, needle: string): string {
  const lines = text.split('\n');
  const extra = lines.find((line, index) => index >= lineCount && line.includes(needle));
  return [...lines.slice(0, lineCount), ...(extra === undefined ? [] : [extra])].join('\n') + '\n';
}
