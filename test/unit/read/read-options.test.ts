// Slicing, progress, cancellation and limits of readAuditFile and the readers behind it.
import { describe, expect, it } from 'vitest';
import { CsvRecordReader } from '../../../src/core/read/csv-record-reader.ts';
import { JsonRecordScanner } from '../../../src/core/read/json-record-scanner.ts';
import { readAuditFile } from '../../../src/core/read/read-audit-file.ts';
import type { RecordSink } from '../../../src/core/read/read-audit-file.ts';
import { RecordTooLargeError } from '../../../src/core/read/record-too-large-error.ts';
import type { ByteSource } from '../../../src/core/types.ts';
import { blobOf, readAll } from './read-test-helpers.ts';

const JSON_LINES = Array.from({ length: 10 }, (_, index) =>
  JSON.stringify({ Id: `id-${index}`, UserId: `user${index}@example.com` }),
).join('\n');

const IGNORING_SINK: RecordSink = { record: () => undefined, skip: () => undefined };

describe('readAuditFile options', () => {
  it('reports progress after each slice', async () => {
    const source = blobOf(JSON_LINES);
    const progress: number[] = [];

    await readAll(source, { sliceBytes: 100, onSlice: (bytesRead) => void progress.push(bytesRead) });

    const expected = Array.from({ length: Math.ceil(source.size / 100) }, (_, index) => Math.min((index + 1) * 100, source.size));
    expect(progress).toEqual(expected);
  });

  it('awaits an asynchronous onSlice', async () => {
    const records: unknown[] = [];
    const events: string[] = [];

    await readAuditFile(
      blobOf('{"Id":"a"}\n{"Id":"b"}\n'),
      { record: (record) => records.push(record.Id), skip: () => undefined },
      {
        sliceBytes: 11,
        onSlice: async (bytesRead) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          // Had the reader not waited, the second record would already be here.
          events.push(`slice ${bytesRead}: ${records.join(',')}`);
        },
      },
    );

    expect(events).toEqual(['slice 11: a', 'slice 22: a,b']);
  });

  it('stops when aborted between slices', async () => {
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const progress: number[] = [];

    const reading = readAll(blobOf(JSON_LINES), {
      sliceBytes: 50,
      signal: controller.signal,
      onSlice: (bytesRead) => {
        progress.push(bytesRead);
        if (bytesRead >= 100) controller.abort(reason);
      },
    });

    await expect(reading).rejects.toBe(reason);
    expect(progress).toEqual([50, 100]);
  });

  it('rejects at once when already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled before start'));

    await expect(readAll(blobOf(JSON_LINES), { signal: controller.signal })).rejects.toThrow('cancelled before start');
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects sliceBytes %s', async (sliceBytes) => {
    await expect(readAll(blobOf(JSON_LINES), { sliceBytes })).rejects.toThrow(RangeError);
  });

  it('rejects a source that returns too few bytes', async () => {
    // A file that shrank between the size check and the read.
    const blob = blobOf(JSON_LINES);
    const shrinking: ByteSource = {
      size: blob.size,
      slice: (start, end) => blob.slice(start, start === 0 ? end : end - 1),
    };

    await expect(readAll(shrinking, { sliceBytes: 64 })).rejects.toThrow(
      'Reading bytes 64 to 128 returned 63 bytes, so the file may have changed while it was read.',
    );
  });
});

describe('record size limit', () => {
  it('stops a JSON record that grows too large', () => {
    const scanner = new JsonRecordScanner(IGNORING_SINK, false, 16);
    const encoder = new TextEncoder();

    scanner.push(encoder.encode('[{"Id":"1"},\n{"Id":"2",'));

    expect(() => {
      scanner.push(encoder.encode('"UserId":"a@example.com"'));
    }).toThrow(new RecordTooLargeError(2, 16));
  });

  it('stops a CSV row that grows too large', () => {
    const reader = new CsvRecordReader(IGNORING_SINK, ',', 16);

    reader.push('CreationDate,UserIds,Operations,AuditData\n');

    expect(() => {
      reader.push('d,u,o,"{""Id"":""unclosed quote\n');
    }).toThrow(/line 2 is still open after more than 16 bytes/);
  });

  it('keeps no bytes of a broken JSON-lines record', () => {
    const skips: string[] = [];
    const sink: RecordSink = { record: () => undefined, skip: (reason, line) => skips.push(`${reason}@${line}`) };
    const scanner = new JsonRecordScanner(sink, true, 16);
    const encoder = new TextEncoder();

    // The raw line break ends the string and marks the record invalid, so its bytes are dropped.
    scanner.push(encoder.encode('{"Id":"broken\n'));
    scanner.push(encoder.encode('"Note":"a long continuation line that would exceed the limit"}\n'));
    scanner.push(encoder.encode('{"Id":"ok"}\n'));
    scanner.finish();

    expect(skips).toEqual(['invalid-json@1']);
  });
});
