import { describe, expect, it } from 'vitest';

import { readAuditFields } from '../../../src/core/record/audit-fields.ts';
import { EWS_APP_ID, EWS_CLIENT_INFO, ewsRecord, readEwsSample } from './ews-sample-record.ts';

describe('readAuditFields', () => {
  it('reads every field of the real EWS record', () => {
    const fields = readAuditFields(readEwsSample());

    expect(fields).toEqual({
      id: '9cef02e9-4bfa-4c73-be7d-9dad68b9cea8',
      creationTime: '2024-02-01T16:07:34',
      workload: 'Exchange',
      operation: 'MailItemsAccessed',
      appId: EWS_APP_ID,
      clientAppId: EWS_APP_ID,
      clientInfoString: EWS_CLIENT_INFO,
      clientIpAddress: '203.0.113.35',
      userId: 'user15@example.onmicrosoft.com',
      mailboxOwnerUpn: 'user15@example.onmicrosoft.com',
    });
  });

  it('turns numbers into their decimal text', () => {
    const fields = readAuditFields(ewsRecord({ UserId: 1234567, ClientIPAddress: 2.5 }));

    expect(fields.userId).toBe('1234567');
    expect(fields.clientIpAddress).toBe('2.5');
  });

  it('treats empty, null, boolean and object values as absent', () => {
    const fields = readAuditFields(
      ewsRecord({ AppId: '', ClientAppId: null, ClientInfoString: { Client: 'WebServices' }, UserId: true, ClientIPAddress: ['203.0.113.35'] }),
    );

    expect(fields.appId).toBeUndefined();
    expect(fields.clientAppId).toBeUndefined();
    expect(fields.clientInfoString).toBeUndefined();
    expect(fields.userId).toBeUndefined();
    expect(fields.clientIpAddress).toBeUndefined();
  });

  it('matches key names case-sensitively', () => {
    const fields = readAuditFields(ewsRecord({ ClientIPAddress: undefined, ClientIpAddress: '203.0.113.35', userid: 'alex@example.com', UserId: undefined }));

    expect(fields.clientIpAddress).toBeUndefined();
    expect(fields.userId).toBeUndefined();
  });

  it('keeps whitespace and letter case as written', () => {
    const fields = readAuditFields(ewsRecord({ UserId: ' Alex@Example.com ', Workload: 'EXCHANGE' }));

    expect(fields.userId).toBe(' Alex@Example.com ');
    expect(fields.workload).toBe('EXCHANGE');
  });
});
