import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { analyzeSources } from '../../../src/core/analysis/analyze-sources.ts';
import { hashWhileReading } from '../../../src/core/hash/hash-while-reading.ts';
import type { ByteSource } from '../../../src/core/types.ts';
import { ESCU_DEFAULTS } from '../../../src/core/types.ts';

const GENERATED_DIR = path.resolve(import.meta.dirname, '../../fixtures/generated');

function generated(file: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(GENERATED_DIR, file)));
}

/** A Blob of a copy of `bytes`; the copy gives the Blob constructor the ArrayBuffer-backed view it types. */
function blobOf(bytes: Uint8Array): Blob {
  return new Blob([Uint8Array.from(bytes)]);
}

function nodeSha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Returns a Blob-backed source that records the byte ranges read from it. */
function recordingSource(bytes: Uint8Array): { source: ByteSource; reads: [number, number][] } {
  const blob = blobOf(bytes);
  const reads: [number, number][] = [];
  return {
    reads,
    source: {
      size: blob.size,
      slice(start, end) {
        reads.push([start, end]);
        return blob.slice(start, end);
      },
    },
  };
}

describe('hashWhileReading', () => {
  it('hashes a JSON-lines export during the analysis without a second read', async () => {
    const bytes = generated('planted.jsonl');
    const hashing = hashWhileReading(blobOf(bytes));

    const { result } = await analyzeSources([{ name: 'planted.jsonl', source: hashing.source }], ESCU_DEFAULTS, { sliceBytes: 4096 });

    expect(result.findings).toHaveLength(5);
    expect(await hashing.digestHex()).toBe(nodeSha256(bytes));
    expect(hashing.bytesReadAgain).toBe(0);
  });

  it('hashes a gzip file by its compressed bytes', async () => {
    const compressed = new Uint8Array(gzipSync(generated('planted.purview.csv')));
    const hashing = hashWhileReading(blobOf(compressed));

    const { result } = await analyzeSources([{ name: 'planted.purview.csv.gz', source: hashing.source }], ESCU_DEFAULTS, { sliceBytes: 1000 });

    expect(result.findings).toHaveLength(5);
    expect(await hashing.digestHex()).toBe(nodeSha256(compressed));
    expect(hashing.bytesReadAgain).toBe(0);
  });

  it('reads again only the parts of a ZIP archive the reader skipped', async () => {
    const archive = zipSync({
      'day1/planted.jsonl': generated('planted.jsonl'),
      'day1/planted.purview.csv': generated('planted.purview.csv'),
    });
    const hashing = hashWhileReading(blobOf(archive));

    const { result } = await analyzeSources([{ name: 'exports.zip', source: hashing.source }], ESCU_DEFAULTS, { sliceBytes: 2048 });

    expect(result.summary.files.map((file) => file.name)).toEqual(['exports.zip/day1/planted.jsonl', 'exports.zip/day1/planted.purview.csv']);
    expect(await hashing.digestHex()).toBe(nodeSha256(archive));
    // The reader skips the member names and jumps to the central directory first. Only those gaps,
    // and the stretch between the first read and the directory, are read again.
    expect(hashing.bytesReadAgain).toBeGreaterThan(0);
    expect(hashing.bytesReadAgain).toBeLessThan(archive.length / 5);
  });

  it('hashes a source that was never read', async () => {
    const bytes = generated('planted.mgmt-api.json');
    const hashing = hashWhileReading(blobOf(bytes));

    expect(await hashing.digestHex()).toBe(nodeSha256(bytes));
    expect(hashing.bytesReadAgain).toBe(bytes.length);
  });

  it('hashes overlapping slices once', async () => {
    const bytes = generated('planted.purview-classic.csv');
    const hashing = hashWhileReading(blobOf(bytes));

    await hashing.source.slice(0, 100).arrayBuffer();
    await hashing.source.slice(50, 300).arrayBuffer();

    expect(await hashing.digestHex()).toBe(nodeSha256(bytes));
    expect(hashing.bytesReadAgain).toBe(bytes.length - 300);
  });

  it('reads a small gap before a later slice at once', async () => {
    const bytes = generated('planted.purview-classic.csv');
    const { source, reads } = recordingSource(bytes);
    const hashing = hashWhileReading(source);

    await hashing.source.slice(0, 100).arrayBuffer();
    await hashing.source.slice(130, 400).arrayBuffer();
    await hashing.source.slice(bytes.length - 10, bytes.length + 50).arrayBuffer(); // an end beyond the size, as Blob.slice allows

    expect(reads).toContainEqual([100, 130]);
    expect(await hashing.digestHex()).toBe(nodeSha256(bytes));
    expect(hashing.bytesReadAgain).toBe(30 + bytes.length - 400);
  });

  it('recovers from a failed gap read in the digest', async () => {
    const bytes = generated('planted.purview-classic.csv');
    const blob = blobOf(bytes);
    let failures = 0;
    const flaky: ByteSource = {
      size: blob.size,
      slice(start, end) {
        if (start === 100 && failures === 0) {
          failures++;
          return { arrayBuffer: () => Promise.reject(new Error('NotReadableError: the file could not be read')) };
        }
        return blob.slice(start, end);
      },
    };
    const hashing = hashWhileReading(flaky);

    await hashing.source.slice(0, 100).arrayBuffer();
    await hashing.source.slice(130, 400).arrayBuffer();

    expect(await hashing.digestHex()).toBe(nodeSha256(bytes));
    expect(failures).toBe(1);
    expect(hashing.bytesReadAgain).toBe(bytes.length - 100);
  });

  it('leaves a slice far beyond the prefix to the digest', async () => {
    const bytes = randomBytes(3 * 1024 * 1024);
    const { source, reads } = recordingSource(bytes);
    const hashing = hashWhileReading(source);

    await hashing.source.slice(0, 100).arrayBuffer();
    await hashing.source.slice(2_500_000, 2_600_000).arrayBuffer();
    const readsBeforeDigest = reads.length;

    expect(readsBeforeDigest).toBe(2);
    expect(await hashing.digestHex()).toBe(nodeSha256(bytes));
    expect(hashing.bytesReadAgain).toBe(bytes.length - 100);
  });

  it('returns the same digest on every call', async () => {
    const hashing = hashWhileReading(blobOf(generated('planted.jsonl')));
    const first = hashing.digestHex();

    expect(hashing.digestHex()).toBe(first);
    await hashing.source.slice(0, 10).arrayBuffer(); // a late read after the digest started is ignored
    expect(await first).toBe(nodeSha256(generated('planted.jsonl')));
  });

  it('rejects when the file shrinks before the digest', async () => {
    const bytes = generated('planted.jsonl');
    const shrinking: ByteSource = { size: bytes.length, slice: (start, end) => blobOf(bytes.subarray(0, 100)).slice(start, end) };
    const hashing = hashWhileReading(shrinking);

    await expect(hashing.digestHex()).rejects.toThrow(/returned 100 bytes, so the file may have changed/);
  });
});
