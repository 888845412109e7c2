// Shared helpers for the reader tests: run readAuditFile and collect everything it delivers.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { readAuditFile } from '../../../src/core/read/read-audit-file.ts';
import type { ReadOptions, ReadOutcome } from '../../../src/core/read/read-audit-file.ts';
import type { ByteSource, SkipReason } from '../../../src/core/types.ts';

export const CORPUS_DIR = path.resolve(import.meta.dirname, '../../../../shared/corpus');

export interface ReadRecord {
  line: number;
  record: Record<string, unknown>;
}

export interface ReadSkip {
  reason: SkipReason;
  line: number;
}

export interface ReadResult {
  outcome: ReadOutcome;
  records: ReadRecord[];
  skips: ReadSkip[];
}

/** Slice sizes every reader must give identical results at (undefined: the default size). */
export const SLICE_SIZES = [undefined, 7, 1] as const;

export function blobOf(content: string | Uint8Array): Blob {
  // The copy gives the Uint8Array<ArrayBuffer> that BlobPart requires.
  return new Blob([typeof content === 'string' ? content : new Uint8Array(content)]);
}

export async function readAll(source: ByteSource, options: ReadOptions = {}): Promise<ReadResult> {
  const records: ReadRecord[] = [];
  const skips: ReadSkip[] = [];
  const outcome = await readAuditFile(
    source,
    {
      record: (record, line) => records.push({ line, record }),
      skip: (reason, line) => skips.push({ reason, line }),
    },
    options,
  );
  return { outcome, records, skips };
}

/** Reads `source` at every size in SLICE_SIZES, checks that the results agree, and returns one. */
export async function readAtAllSliceSizes(source: Blob): Promise<ReadResult> {
  const [reference, ...others] = await Promise.all(SLICE_SIZES.map((sliceBytes) => readAll(source, { sliceBytes })));
  if (reference === undefined) throw new Error('SLICE_SIZES is empty');

  others.forEach((result, index) => {
    expect(result, `slice size ${String(SLICE_SIZES[index + 1])}`).toEqual(reference);
  });
  return reference;
}

/** Loads a corpus file into memory: 1-byte slices of an in-memory Blob are far faster than of a file. */
export async function openCorpusFile(relativePath: string): Promise<Blob> {
  return blobOf(await readFile(path.join(CORPUS_DIR, relativePath)));
}

/** Builds a Uint8Array from byte values and text pieces, for fixtures with raw bytes such as a BOM. */
export function bytesOf(...parts: (string | number[])[]): Uint8Array {
  const encoder = new TextEncoder();
  const chunks = parts.map((part) => (typeof part === 'string' ? encoder.encode(part) : Uint8Array.from(part)));
  const joined = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

export const UTF8_BOM = [0xef, 0xbb, 0xbf];
