// The alias table maps wrapper and column names case-insensitively.
import { describe, expect, it } from 'vitest';
import { contextFieldFor, ualKeyFor } from '../../../src/core/record/field-aliases.ts';

describe('ualKeyFor', () => {
  it.each([
    ['sentinel', 'OfficeWorkload', 'Workload'],
    ['sentinel', 'Client_IPAddress', 'ClientIPAddress'],
    ['sentinel', 'client_ipaddress', 'ClientIPAddress'],
    ['sentinel', 'OfficeId', 'Id'],
    ['sentinel', 'Logon_Type', 'LogonType'],
    ['sentinel', 'clientappid', 'ClientAppId'],
    ['graph', 'service', 'Workload'],
    ['graph', 'userPrincipalName', 'UserId'],
    ['elastic', 'event.action', 'Operation'],
    ['elastic', 'ExchangeAggregatedFolders', 'Folders'],
    ['splunk', 'user', 'UserId'],
    ['defender', 'ActionType', 'Operation'],
  ] as const)('maps %s %s to %s', (family, name, key) => {
    expect(ualKeyFor(family, name)).toBe(key);
  });

  it('keeps names a family does not rename', () => {
    expect(ualKeyFor('graph', 'userId')).toBeUndefined();
    expect(ualKeyFor('sentinel', 'SourceRecordId')).toBeUndefined();
  });
});

describe('contextFieldFor', () => {
  it.each([
    ['Identity', 'fallbackId'],
    ['RecordId', 'fallbackId'],
    ['OfficeId', 'fallbackId'],
    ['id', 'fallbackId'],
    ['CreationDate', 'fallbackTime'],
    ['\uFEFFCreationDate', 'fallbackTime'],
    ['TimeGenerated [UTC]', 'fallbackTime'],
    ['createdDateTime', 'fallbackTime'],
    ['_time', 'fallbackTime'],
    ['@timestamp', 'fallbackTime'],
    ['Timestamp', 'fallbackTime'],
    ['ResultCount', 'resultCount'],
  ])('maps %s to %s', (name, field) => {
    expect(contextFieldFor(name)).toBe(field);
  });

  it('never maps Defender ReportId', () => {
    expect(contextFieldFor('ReportId')).toBeUndefined();
  });
});
