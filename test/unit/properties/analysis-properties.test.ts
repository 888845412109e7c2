// Properties of the whole analysis, checked with fast-check on generated inputs: the findings do
// not depend on how the records are sliced, split into files, ordered or duplicated, and no
// sequence of bytes makes the reader throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { analyzeSources } from '../../../src/core/analysis/analyze-sources.ts';
import type { AnalysisResult, NamedSource } from '../../../src/core/types.ts';
import { ESCU_DEFAULTS } from '../../../src/core/types.ts';
import { PURVIEW_CSV_HEADER, purviewCsvRow } from '../../fixtures/generator/writers/purview-csv.ts';
import type { AuditRecord } from '../../fixtures/generator/json-value.ts';
import { GRAPH_APP_ID, REST_CLIENT_INFO, ewsRecord, sweepRecords } from '../record/ews-sample-record.ts';

/** ClientAppId of the Graph sweep: an application registered in the tenant. */
const GRAPH_CLIENT_APP_ID = 'c6b1e2a7-3f4d-4e8a-9b0c-1d2e3f4a5b6c';

/**
 * Records with two findings: an EWS sweep of 7 users, and a Graph sweep of 6 users from addresses
 * with and without ports. Three groups must stay below the threshold: 5 users, a sweep split 3 and
 * 3 across a bin border, and signed-in OWA reads without app ids.
 */
function buildRecords(): Record<string, unknown>[] {
  const ewsSweep = sweepRecords(7);
  const graphSweep = Array.from({ length: 6 }, (_, index) =>
    ewsRecord({
      UserId: `finance${index + 1}@example.onmicrosoft.com`,
      AppId: GRAPH_APP_ID,
      ClientAppId: GRAPH_CLIENT_APP_ID,
      ClientInfoString: REST_CLIENT_INFO,
      ClientIPAddress: index % 2 === 0 ? '198.51.100.20' : '198.51.100.20:50123',
      CreationTime: `2024-02-01T16:1${index}:05`,
    }),
  );
  const nearMiss = sweepRecords(5, { CreationTime: '2024-02-01T17:02:00' });
  const straddling = sweepRecords(6).map((record, index) => ({ ...record, CreationTime: index < 3 ? '2024-02-01T18:08:00' : '2024-02-01T18:11:00' }));
  const signedIn = Array.from({ length: 7 }, (_, index) =>
    ewsRecord({ UserId: `owa${index}@example.onmicrosoft.com`, AppId: undefined, ClientAppId: undefined, ClientInfoString: 'Client=OWA;Action=ViaProxy', CreationTime: '2024-02-01T16:20:00' }),
  );
  return [...ewsSweep, ...graphSweep, ...nearMiss, ...straddling, ...signedIn];
}

const RECORDS = buildRecords();

type FileFormat = 'json-lines' | 'json-array' | 'purview-csv';

function writeFile(records: readonly Record<string, unknown>[], format: FileFormat): string {
  if (format === 'json-lines') {
    return records.map((record) => JSON.stringify(record)).join('\n') + '\n';
  }
  if (format === 'json-array') {
    return `[${records.map((record) => JSON.stringify(record)).join(',\n')}]`;
  }
  return `${PURVIEW_CSV_HEADER}\r\n${records.map((record) => purviewCsvRow(record as AuditRecord)).join('')}`;
}

async function analyze(files: NamedSource[], sliceBytes?: number): Promise<AnalysisResult> {
  const { result } = await analyzeSources(files, ESCU_DEFAULTS, sliceBytes === undefined ? {} : { sliceBytes });
  return result;
}

/** A way to lay the records out: their order, which ones appear twice, how many files, in which formats, read in which slice size. */
const layout = fc.record({
  order: fc.shuffledSubarray(
    RECORDS.map((_, index) => index),
    { minLength: RECORDS.length, maxLength: RECORDS.length },
  ),
  duplicated: fc.uniqueArray(fc.integer({ min: 0, max: RECORDS.length - 1 }), { maxLength: 10 }),
  fileCount: fc.integer({ min: 1, max: 4 }),
  formats: fc.array(fc.constantFrom<FileFormat>('json-lines', 'json-array', 'purview-csv'), { minLength: 4, maxLength: 4 }),
  // Slices of a few bytes cut every token somewhere, but they are slow, so they are drawn less often.
  sliceBytes: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 64 }), weight: 1 }, { arbitrary: fc.integer({ min: 65, max: 200_000 }), weight: 4 }),
});

describe('analysis properties', () => {
  it('finds the same for any layout', async () => {
    const reference = await analyze([{ name: 'all.jsonl', source: new Blob([writeFile(RECORDS, 'json-lines')]) }]);
    expect(reference.findings.map((finding) => finding.uniqueMailboxes)).toEqual([7, 6]);

    await fc.assert(
      fc.asyncProperty(layout, async ({ order, duplicated, fileCount, formats, sliceBytes }) => {
        // Each duplicate goes right after the last record, so it may land in any file.
        const indices = [...order, ...duplicated];
        const files: NamedSource[] = Array.from({ length: fileCount }, (_, fileIndex) => {
          const records = indices.filter((_, position) => position % fileCount === fileIndex).map((index) => RECORDS[index] ?? {});
          const format = formats[fileIndex] ?? 'json-lines';
          return { name: `part${fileIndex}.${format}`, source: new Blob([writeFile(records, format)]) };
        });

        const result = await analyze(files, sliceBytes);

        expect(result.findings).toEqual(reference.findings);
        expect(result.summary.duplicatesRemoved).toBe(duplicated.length);
        expect(result.summary.recordsRead).toBe(RECORDS.length + duplicated.length);
        expect(result.summary.skippedTotal).toBe(0);
      }),
      { numRuns: 30 },
    );
  });
});

/** Starts that steer random bytes into each reader: JSON, JSON lines, CSV, gzip, ZIP and byte order marks. */
const BYTE_PREFIXES = [
  '',
  '[',
  '{"CreationTime":"2024-02-01T16:00:00",',
  `${PURVIEW_CSV_HEADER}\r\n`,
  'RecordId;CreationDate;AuditData\r\n"1";"2";"{',
  '\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03',
  'PK\x03\x04\x14\x00\x00\x00\x08\x00',
  '\xef\xbb\xbf{',
  '\xff\xfe[\x00',
].map((prefix) => Uint8Array.from(prefix, (character) => character.charCodeAt(0)));

/** Bytes that matter to the JSON scanner's framing, so random text reaches its recovery paths. */
const JSON_FRAMING_TEXT = fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', '\\', ',', ':', '\n', '\r', ' ', 'a', '1', 'é', '\0'), maxLength: 400 });

function concatBytes(first: Uint8Array, second: Uint8Array): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first, 0);
  joined.set(second, first.length);
  return joined;
}

describe('reader properties', () => {
  it('never throws on random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BYTE_PREFIXES),
        fc.uint8Array({ maxLength: 2048 }),
        fc.integer({ min: 1, max: 4096 }),
        async (prefix, bytes, sliceBytes) => {
          const result = await analyze([{ name: 'random.bin', source: new Blob([concatBytes(prefix, bytes)]) }], sliceBytes);

          expect(result.summary.files.length).toBeGreaterThan(0);
          expect(result.findings).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on random JSON framing', async () => {
    await fc.assert(
      fc.asyncProperty(JSON_FRAMING_TEXT, fc.integer({ min: 1, max: 64 }), async (text, sliceBytes) => {
        const result = await analyze([{ name: 'framing.json', source: new Blob([text]) }], sliceBytes);

        expect(result.summary.files).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });
});
