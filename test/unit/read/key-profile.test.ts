// The key profile decides which wrapper and container checks an object goes through, so it must
// flag every key those checks read, and a profile reused for a repeated key list must equal a fresh one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { readSearchHits } from '../../../src/core/read/shapes/elastic-document.ts';
import { profileKeys } from '../../../src/core/read/shapes/key-profile.ts';
import { isPlainObject } from '../../../src/core/read/shapes/object-keys.ts';
import { readResultSet } from '../../../src/core/read/shapes/result-sets.ts';
import { isSplunkExportLine } from '../../../src/core/read/shapes/splunk-result.ts';
import { unwrapValue } from '../../../src/core/read/unwrap-record.ts';

/** Key names of records, containers and near misses of container keys in other letter cases. */
const KEY_NAMES = [
  'CreationTime', 'Id', 'Operation', 'Workload', 'UserId', 'Folders', 'AuditData', 'o365',
  'result', 'Result', 'preview', 'Preview', 'offset', 'lastrow', 'lastRow', '_source', '_Source',
  'hits', 'Hits', 'hits.hits', 'hits.total', 'value', 'Value', 'tables', 'Tables', 'results',
  'Results', 'RESULTS', 'schema', 'Schema', 'rows',
];

/** Values that make each container check succeed when its key is present. */
const containerValue = fc.oneof(
  fc.constant([{ Id: '1' }]),
  fc.constant({ hits: [{ _source: { Id: '1' } }] }),
  fc.constant({ Id: '1', CreationTime: '2024-03-01T00:00:00' }),
  fc.constant(true),
  fc.constant(7),
);

const objectOfKnownKeys = fc.dictionary(fc.constantFrom(...KEY_NAMES), containerValue, { maxKeys: 6 });

describe('profileKeys', () => {
  it('flags every accepted container', () => {
    fc.assert(
      fc.property(objectOfKnownKeys, (object) => {
        const isContainer =
          isSplunkExportLine(object) || isPlainObject(object._source) || readSearchHits(object) !== undefined || readResultSet(object) !== undefined;
        if (isContainer) {
          expect(profileKeys(object).mayBeContainer).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('reuses profiles of repeated keys', () => {
    const record = { CreationTime: '2024-03-01T00:00:00', Id: '1', Operation: 'MailItemsAccessed' };
    const wrapper = { CreationTime: '2024-03-01T00:00:00', Id: '1', AuditData: '{}' };

    expect(profileKeys(record).recordKey).toBeUndefined();
    expect(profileKeys({ ...record, Id: '2' }).recordKey).toBeUndefined();
    expect(profileKeys(wrapper).recordKey).toBe('AuditData');
    expect(profileKeys(record).recordKey).toBeUndefined();
    expect(profileKeys({ value: [], ...record }).mayBeContainer).toBe(true);
    expect(profileKeys(record).mayBeContainer).toBe(false);
  });

  it('unwraps independently of earlier objects', () => {
    // Each object after an unrelated one, then all in a row: the results must not depend on the order.
    fc.assert(
      fc.property(fc.array(objectOfKnownKeys, { minLength: 2, maxLength: 5 }), (objects) => {
        const alone = objects.map((object) => {
          profileKeys({ unrelated: true });
          return unwrapValue(object);
        });
        expect(objects.map((object) => unwrapValue(object))).toEqual(alone);
      }),
      { numRuns: 500 },
    );
  });
});
