// Recognises the container format of a file from its first bytes, never from its name.
import Papa from 'papaparse';
import type { InputFormat, TextEncoding } from '../types.ts';
import { detectContainer } from './archive/container-magic.ts';
import { classifyCsvHeader, findAuditDataColumn, recognizeFlatCsvHeader } from './csv-header.ts';
import { sniffEncoding } from './decode/sniff-encoding.ts';
import { headToUtf8 } from './decode/utf8-transcoder.ts';

/** Bytes from the start of the file that format detection looks at. */
export const SNIFF_BYTES = 64 * 1024;

/** Delimiters tried on a CSV header: `Export-Csv -UseCulture` writes `;` in many locales. */
const CSV_DELIMITERS = [',', ';', '\t', '|'];

const EXPECTED_EXPORTS =
  'Expected an Office 365 unified audit log export: JSON or JSON lines of audit records (Management Activity API, ' +
  'collectors, Graph, Splunk, Elastic, Log Analytics, Defender), or a CSV with the records in an AuditData, ' +
  'RawEventData or _raw column or as columns of their own (Purview, Search-UnifiedAuditLog, Sentinel, Hawk).';

export interface DetectedFormat {
  format: InputFormat;
  encoding: TextEncoding;
  /** CSV field delimiter, or ',' for the other formats. */
  delimiter: string;
  /** Error message naming the problem and what to do instead, set when `format` is 'unknown'. */
  error?: string;
}

/**
 * Detects the encoding and the format from `head`, the first bytes of the file (up to
 * SNIFF_BYTES), in any supported encoding. `isWholeFile` is true when `head` contains the entire file.
 */
export function detectFormat(head: Uint8Array, isWholeFile: boolean): DetectedFormat {
  const binaryError = describeBinary(head);
  if (binaryError !== undefined) {
    return { format: 'unknown', encoding: 'utf-8', delimiter: ',', error: `${binaryError} ${EXPECTED_EXPORTS}` };
  }

  const sniffed = sniffEncoding(head, isWholeFile);
  const encoding: TextEncoding = sniffed ?? 'utf-8';
  const unknown = (error: string): DetectedFormat => ({ format: 'unknown', encoding, delimiter: ',', error });

  if (head.length === 0) {
    return unknown(`The file is empty. ${EXPECTED_EXPORTS}`);
  }
  if (sniffed === undefined) {
    return unknown(`The file is binary (it contains NUL bytes), not a text export. ${EXPECTED_EXPORTS}`);
  }

  // From here on the head is UTF-8, whatever the file's encoding.
  const text = headToUtf8(head, encoding);
  let start = encoding === 'utf-8-bom' ? 3 : 0;
  while (start < text.length && isBlank(text[start] as number)) start++;
  if (start === text.length) {
    const blank = isWholeFile
      ? 'The file contains only whitespace.'
      : 'The file starts with over 64 KiB of whitespace.';
    return unknown(`${blank} ${EXPECTED_EXPORTS}`);
  }

  const first = text[start];
  if (first === 0x5b) {
    return { format: 'json', encoding, delimiter: ',' };
  }
  if (first === 0x7b) {
    return { format: startsJsonLines(text, start) ? 'json-lines' : 'json', encoding, delimiter: ',' };
  }

  return detectCsv(new TextDecoder('utf-8').decode(text), isWholeFile, encoding);
}

/** Returns a sentence naming a compressed or archive file type, or undefined for other bytes. */
function describeBinary(head: Uint8Array): string | undefined {
  const container = detectContainer(head);
  if (container === 'gzip') {
    return 'The file is gzip-compressed: decompress it first.';
  }
  if (container === 'zip') {
    // Dropped ZIP files are read member by member, so this is a ZIP inside an archive or a workbook.
    return 'The file is a ZIP archive inside an archive, or an Excel .xlsx workbook (also a ZIP): archives inside archives are not read. Extract it and drop the files inside, or save the sheet as CSV.';
  }
  if (isTarArchive(head)) {
    return 'The file is a tar archive: extract it and drop the files inside.';
  }
  return undefined;
}

/** Tells whether `head` starts a tar archive, whose header has `ustar` at offset 257. */
function isTarArchive(head: Uint8Array): boolean {
  const magic = [0x75, 0x73, 0x74, 0x61, 0x72];
  return magic.every((byte, index) => head[257 + index] === byte);
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

  // Without a record column, the header may name the record's own fields (flattened exports) or
  // belong to a file that contains no audit records at all.
  for (const delimiter of CSV_DELIMITERS) {
    const cells = Papa.parse<string[]>(line, { delimiter, newline: '\n' }).data[0] ?? [];
    const flat = recognizeFlatCsvHeader(cells);
    if (flat === undefined) {
      continue;
    }
    if ('format' in flat) {
      return { format: flat.format, encoding, delimiter };
    }
    return { format: 'unknown', encoding, delimiter, error: flat.notRecords };
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
