import { describe, expect, it } from 'vitest';

import {
  ABSENT_COUNT,
  MailboxAccessIndex,
  THROTTLED_ABSENT,
  THROTTLED_FALSE,
  THROTTLED_TRUE,
} from '../../../src/core/index/mailbox-access-index.ts';
import { StringTable } from '../../../src/core/index/string-table.ts';
import { readAuditFields } from '../../../src/core/record/audit-fields.ts';
import { readMailAccessDetails } from '../../../src/core/record/mail-access-details.ts';
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

  it('stores the drill-down details of a record', () => {
    const index = new MailboxAccessIndex();
    const record = readEwsSample();
    index.append(readAuditFields(record), parseCreationTime('2024-02-01T16:07:34'), 2, readMailAccessDetails(record));
    const columns = index.columns();

    expect(index.strings.lookup(columns.mailAccessType[0] ?? 0)).toBe('Bind');
    expect(columns.operationCount[0]).toBe(4);
    expect(columns.isThrottled[0]).toBe(THROTTLED_FALSE);
    expect(index.strings.lookup(columns.folderPaths[0] ?? 0)).toBe('["\\\\Inbox"]');
    expect(columns.messageIdCount[0]).toBe(4);
  });

  it('interns one folder set once', () => {
    const index = new MailboxAccessIndex();
    const details = { mailAccessType: 'Sync', isThrottled: true, folderPaths: ['\\Inbox', '\\Archive'] };
    index.append(readAuditFields(ewsRecord({})), 0, 2, details);
    index.append(readAuditFields(ewsRecord({})), 1, 2, { ...details, folderPaths: ['\\Inbox', '\\Archive'] });
    const columns = index.columns();

    expect(columns.folderPaths[0]).toBe(columns.folderPaths[1]);
    expect(columns.isThrottled[1]).toBe(THROTTLED_TRUE);
    expect(columns.operationCount[1]).toBe(ABSENT_COUNT);
    expect(columns.messageIdCount[1]).toBe(ABSENT_COUNT);
  });

  it('stores details as absent without them', () => {
    const index = new MailboxAccessIndex();
    index.append(readAuditFields(readEwsSample()), 0, 2);
    const columns = index.columns();

    expect(columns.mailAccessType[0]).toBe(StringTable.ABSENT);
    expect(columns.operationCount[0]).toBe(ABSENT_COUNT);
    expect(columns.isThrottled[0]).toBe(THROTTLED_ABSENT);
    expect(columns.folderPaths[0]).toBe(StringTable.ABSENT);
    expect(columns.messageIdCount[0]).toBe(ABSENT_COUNT);
  });

  it('changes its revision on every append and time change', () => {
    const index = new MailboxAccessIndex();
    const revisions = [index.revision];
    index.append(readAuditFields(readEwsSample()), 0, 2);
    revisions.push(index.revision);
    index.setTime(0, 60);
    revisions.push(index.revision);
    index.columns();
    revisions.push(index.revision);

    expect(new Set(revisions.slice(0, 3)).size).toBe(3);
    expect(revisions[3]).toBe(revisions[2]);
  });
});
