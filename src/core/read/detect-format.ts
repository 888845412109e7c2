// Recognises the container format of a file from its first bytes, never from its name.
import Papa from 'papaparse';
import type { InputFormat, TextEncoding } from '../types.ts';
import { classifyCsvHeader, findAuditDataColumn } from './csv-header.ts';

/** Bytes from the start of the file that format detection looks at. */
export const SNIFF_BYTES = 64 * 1024;

/** Delimiters tried on a CSV header: `Export-Csv -UseCulture` writes `;` in many locales. */
const CSV_DELIMITERS = [',', ';', '\t', '|'];

const EXPECTED_EXPORTS =
  'Expected an Office 365 unified audit log export: a JSON array or JSON lines of audit records, ' +
  'a Microsoft Purview audit search CSV, or Search-UnifiedAuditLog output saved with Export-Csv.';

export interface DetectedFormat {
  format: InputFormat;
  encoding: TextEncoding;
  /** CSV field delimiter, or ',' for the other formats. */
  delimiter: string;
  /** Error message naming the problem and what to do instead, set when `format` is 'unknown'. */
  error?: string;
}

/**
 * Detects the format from `head`, the first bytes of the file (up to SNIFF_BYTES).
 * `isWholeFile` is true when `head` contains the entire file.
 */
export function detectFormat(head: Uint8Array, isWholeFile: boolean): DetectedFormat {
  const hasBom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const encoding: TextEncoding = hasBom ? 'utf-8-bom' : 'utf-8';
  const unknown = (error: string): DetectedFormat => ({ format: 'unknown', encoding, delimiter: ',', error });

  if (head.length === 0) {
    return unknown(`The file is empty. ${EXPECTED_EXPORTS}`);
  }

  const binaryError = describeBinary(head);
  if (binaryError !== undefined) {
    return unknown(`${binaryError} ${EXPECTED_EXPORTS}`);
  }

  let start = hasBom ? 3 : 0;
  while (start < head.length && isBlank(head[start] as number)) start++;
  if (start === head.length) {
    const blank = isWholeFile
      ? 'The file contains only whitespace.'
      : 'The file starts with over 64 KiB of whitespace.';
    return unknown(`${blank} ${EXPECTED_EXPORTS}`);
  }

  const first = head[start];
  if (first === 0x5b) {
    return { format: 'json', encoding, delimiter: ',' };
  }
  if (first === 0x7b) {
    return { format: startsJsonLines(head, start) ? 'json-lines' : 'json', encoding, delimiter: ',' };
  }

  return detectCsv(new TextDecoder('utf-8').decode(head), isWholeFile, encoding);
}

/** Returns a sentence naming a non-text file type, or undefined for text. */
function describeBinary(head: Uint8Array): string | undefined {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    // TODO: decode UTF-16, which Windows PowerShell 5.1 `Out-File` and `>` write by default.
    return 'The file is UTF-16 text, which is not supported yet: save it as UTF-8 (PowerShell: -Encoding UTF8).';
  }
  if (head[0] === 0x1f && head[1] === 0x8b) {
    return 'The file is gzip-compressed: decompress it first.';
  }
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    return 'The file is a ZIP archive (an Excel .xlsx workbook is one): extract it, or save the sheet as CSV.';
  }
  if (head.includes(0)) {
    return 'The file is binary (it contains NUL bytes), not a text export.';
  }
  return undefined;
}

function isBlank(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Tells JSON lines from pretty-printed JSON by the first line: a compact record continues after
 * its `{` on the same line, while pretty-printed output puts `{` on a line of its own.
 */
function startsJsonLines(head: Uint8Array, openBrace: number): boolean {
  for (let index = openBrace + 1; index < head.length; index++) {
    const byte = head[index] as number;
    if (byte === 0x0a) return false;
    if (!isBlank(byte)) return true;
  }
  return false;
}

function detectCsv(text: string, isWholeFile: boolean, encoding: TextEncoding): DetectedFormat {
  const unknown = (error: string): DetectedFormat => ({ format: 'unknown', encoding, delimiter: ',', error });

  let typeLine = false;
  let lineStart = 0;
  for (;;) {
    const lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1 && !isWholeFile) {
      return unknown(
        `The first 64 KiB of the file contain no complete line, so it is not a CSV export. ${EXPECTED_EXPORTS}`,
      );
    }

    const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd).replace(/\r$/, '');
    lineStart = lineEnd + 1;

    if (line.startsWith('#TYPE')) {
      typeLine = true;
    } else if (line.trim() !== '') {
      return classifyHeaderLine(line, typeLine, encoding);
    }

    if (lineEnd === -1) {
      return unknown(`The file holds only a #TYPE line and no CSV header. ${EXPECTED_EXPORTS}`);
    }
  }
}

function classifyHeaderLine(line: string, typeLine: boolean, encoding: TextEncoding): DetectedFormat {
  for (const delimiter of CSV_DELIMITERS) {
    const cells = Papa.parse<string[]>(line, { delimiter, newline: '\n' }).data[0] ?? [];
    if (findAuditDataColumn(cells) >= 0) {
      const quoted = line.trimStart().startsWith('"');
      return { format: classifyCsvHeader(cells, quoted, typeLine), encoding, delimiter };
    }
  }

  const excerpt = line.length > 160 ? `${line.slice(0, 160)}…` : line;
  return {
    format: 'unknown',
    encoding,
    delimiter: ',',
    error:
      `The file is not JSON, and its first line is not a CSV header with an AuditData column ` +
      `(first line: "${excerpt}"). ${EXPECTED_EXPORTS}`,
  };
}
