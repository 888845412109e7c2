// A 600 MB file that is one line, generated slice by slice in memory: a minified JSON array is read
// record by record, and a value that never closes ends the read with a message naming its line.
import { describe, expect, it } from 'vitest';

import { ewsRecord } from '../record/ews-sample-record.ts';
import { COPY_NUMBER_PLACEHOLDER, RepeatedRecordSource, analyzeOne, expectSweepFound, sweep } from './broken-inputs.ts';

const FILE_BYTES = 600_000_000;

/**
 * A MailItemsAccessed record without app ids, so it is counted but not indexed, padded to about
 * 16 kB so that the 600 MB file contains about 36,000 records and reads in a few seconds.
 */
const FILLER_TEMPLATE = JSON.stringify(
  ewsRecord({ Id: `f111e4a0-6b2c-4d3e-8f40-${COPY_NUMBER_PLACEHOLDER}`, AppId: undefined, ClientAppId: undefined, ResultStatus: 'x'.repeat(16_000) }),
);

describe('600 MB file that is one line', () => {
  it('reads every record of a one-line JSON array', async () => {
    const records = sweep().map((record) => JSON.stringify(record));
    const prefix = `[${records.slice(0, 3).join(',')},`;
    const suffix = `${records.slice(3).join(',')}]`;
    const count = Math.ceil((FILE_BYTES - prefix.length - suffix.length) / (FILLER_TEMPLATE.length + 1));
    const source = new RepeatedRecordSource({ prefix, template: FILLER_TEMPLATE, separator: ',', count, suffix });

    const { result, report } = await analyzeOne('content-blob.json', source);

    expect(source.size).toBeGreaterThanOrEqual(FILE_BYTES);
    expect(report.format).toBe('json');
    expect(report.error).toBeUndefined();
    expect(report.skipped).toEqual([]);
    expect(report.recordsRead).toBe(count + 6);
    expect(report.duplicatesRemoved).toBe(0);
    expect(report.mailItemsAccessed).toBe(count + 6);
    expectSweepFound(result);
  });

  it('names the line of a value that never closes', async () => {
    const records = sweep().map((record) => JSON.stringify(record));
    const prefix = `${records.join('\n')}\n{"Id":"open","UserId":"`;
    const source = new RepeatedRecordSource({ prefix, template: COPY_NUMBER_PLACEHOLDER, separator: 'x'.repeat(4084), count: 146_485, suffix: '' });

    const { result, report } = await analyzeOne('open-string.jsonl', source);

    expect(source.size).toBeGreaterThanOrEqual(FILE_BYTES);
    expect(report.error).toMatch(/^The record that starts at line 7 is still open after more than 256 MiB/);
    expect(report.error).toContain('Records before that line were read.');
    expect(report.recordsRead).toBe(6);
    expectSweepFound(result);
  });
});
