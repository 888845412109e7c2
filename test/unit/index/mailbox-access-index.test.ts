import { describe, expect, it } from 'vitest';

import { MailboxAccessIndex } from '../../../src/core/index/mailbox-access-index.ts';
import { StringTable } from '../../../src/core/index/string-table.ts';
import { readAuditFields } from '../../../src/core/record/audit-fields.ts';
import { parseCreationTime } from '../../../src/core/time/creation-time.ts';
import { EWS_APP_ID, EWS_CLIENT_INFO, ewsRecord, readEwsSample } from '../record/ews-sample-record.ts';

describe('MailboxAccessIndex', () => {
  it('stores the fields of a record as string ids', () => {
    const index = new MailboxAccessIndex();
    const fields = readAuditFields(readEwsSample());
    const row = index.append(fields, parseCreationTime('2024-02-01T16:07:34'), 2);
    const columns = index.columns();
    const { strings } = index;

    expect(row).toBe(0);
    expect(index.size).toBe(1);
    expect(columns.time[0]).toBe(Date.UTC(2024, 1, 1, 16, 7, 34) / 1000);
    expect(strings.lookup(columns.appId[0] ?? 0)).toBe(EWS_APP_ID);
    expect(strings.lookup(columns.clientAppId[0] ?? 0)).toBe(EWS_APP_ID);
    expect(strings.lookup(columns.clientInfoString[0] ?? 0)).toBe(EWS_CLIENT_INFO);
    expect(strings.lookup(columns.clientIpAddress[0] ?? 0)).toBe('203.0.113.35');
    expect(strings.lookup(columns.userId[0] ?? 0)).toBe('user15@example.onmicrosoft.com');
    expect(strings.lookup(columns.mailboxOwnerUpn[0] ?? 0)).toBe('user15@example.onmicrosoft.com');
    expect(columns.flags[0]).toBe(2);
  });

  it('stores an absent field as id 0', () => {
    const index = new MailboxAccessIndex();
    index.append(readAuditFields(ewsRecord({ ClientInfoString: undefined, ClientIPAddress: '' })), 0, 0);
    const columns = index.columns();

    expect(columns.clientInfoString[0]).toBe(StringTable.ABSENT);
    expect(columns.clientIpAddress[0]).toBe(StringTable.ABSENT);
  });

  it('keeps every row while the columns grow', () => {
    const index = new MailboxAccessIndex();
    const rowCount = 3000;
    for (let serial = 0; serial < rowCount; serial += 1) {
      index.append(readAuditFields(ewsRecord({ UserId: `user${serial}@example.onmicrosoft.com` })), 1_706_803_654 + serial, serial % 4);
    }
    const columns = index.columns();

    expect(index.size).toBe(rowCount);
    expect(columns.time.length).toBe(rowCount);
    expect(columns.time[2999]).toBe(1_706_803_654 + 2999);
    expect(columns.flags[2999]).toBe(3);
    expect(index.strings.lookup(columns.userId[0] ?? 0)).toBe('user0@example.onmicrosoft.com');
    expect(index.strings.lookup(columns.userId[2999] ?? 0)).toBe('user2999@example.onmicrosoft.com');
    expect(columns.clientAppId[0]).toBe(columns.clientAppId[2999]);
  });
});
