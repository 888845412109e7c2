import { describe, expect, it } from 'vitest';

import { ESCU_SETTINGS } from '../../../src/core/detect/detection-settings.ts';
import { detectMailboxSweeps } from '../../../src/core/detect/escu-detection.ts';
import { groupOrderOf } from '../../../src/core/detect/group-order.ts';
import { readAuditFields } from '../../../src/core/record/audit-fields.ts';
import { apiAccessFlags } from '../../../src/core/detect/escu-filters.ts';
import { EWS_CLIENT_INFO, ewsRecord, REST_CLIENT_INFO, sweepRecords } from '../record/ews-sample-record.ts';
import { indexRecords } from './index-records.ts';

describe('groupOrderOf', () => {
  it('groups rows by app and client string in time order', () => {
    const index = indexRecords([
      ewsRecord({ ClientAppId: 'app-b', CreationTime: '2024-02-01T16:05:00' }),
      ewsRecord({ ClientAppId: 'app-a', CreationTime: '2024-02-01T16:04:00' }),
      ewsRecord({ ClientAppId: 'app-b', CreationTime: '2024-02-01T16:01:00' }),
      ewsRecord({ ClientAppId: 'app-b', ClientInfoString: REST_CLIENT_INFO, CreationTime: '2024-02-01T16:00:00' }),
      ewsRecord({ ClientAppId: 'app-a', ClientInfoString: undefined, CreationTime: '2024-02-01T16:00:00' }),
      ewsRecord({ ClientAppId: 'app-a', CreationTime: '2024-02-01T16:02:00' }),
    ]);
    const order = groupOrderOf(index);

    // app-b was interned first, so its keys come first; row 4 has no ClientInfoString.
    expect(Array.from(order.rows)).toEqual([2, 0, 3, 5, 1]);
    expect(Array.from(order.keyStarts)).toEqual([0, 2, 3, 5]);
    expect(Array.from(order.keyApps)).toEqual([0, 0, 1]);
    expect(Array.from(order.appRows)).toEqual([3, 2, 0, 5, 1]);
    expect(Array.from(order.appStarts)).toEqual([0, 3, 5]);
    expect(Array.from(order.times)).toEqual([2, 0, 3, 5, 1].map((row) => index.columns().time[row]));
  });

  it('is reused until the index changes', () => {
    const index = indexRecords(sweepRecords(3));
    const first = groupOrderOf(index);

    expect(groupOrderOf(index)).toBe(first);

    index.setTime(0, 0);
    expect(groupOrderOf(index)).not.toBe(first);
  });

  it('lets detection see appended rows and changed times', () => {
    const index = indexRecords(sweepRecords(5));
    expect(detectMailboxSweeps(index, ESCU_SETTINGS).findings).toEqual([]);

    const sixth = ewsRecord({ UserId: 'user6@example.onmicrosoft.com', CreationTime: '2024-02-01T16:09:00', ClientInfoString: EWS_CLIENT_INFO });
    const fields = readAuditFields(sixth);
    const row = index.append(fields, Date.parse('2024-02-01T16:09:00Z') / 1000, apiAccessFlags(fields));
    expect(detectMailboxSweeps(index, ESCU_SETTINGS).findings).toHaveLength(1);

    index.setTime(row, Date.parse('2024-02-01T16:10:00Z') / 1000);
    expect(detectMailboxSweeps(index, ESCU_SETTINGS).findings).toEqual([]);
  });
});
