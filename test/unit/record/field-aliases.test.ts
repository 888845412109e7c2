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

  it('ignores Object.prototype names', () => {
    expect(ualKeyFor('sentinel', 'constructor')).toBeUndefined();
    expect(ualKeyFor('graph', '__proto__')).toBeUndefined();
    expect(ualKeyFor('splunk', 'toString')).toBeUndefined();
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

  it('ignores Object.prototype names', () => {
    expect(contextFieldFor('constructor')).toBeUndefined();
    expect(contextFieldFor('__proto__')).toBeUndefined();
    expect(contextFieldFor('hasOwnProperty')).toBeUndefined();
  });

  it('returns cached fields unchanged', () => {
    // The second call for each name reads the per-name cache.
    for (const name of ['CreationDate', ' creationdate ', 'Operation', 'toString']) {
      expect(contextFieldFor(name)).toBe(contextFieldFor(name));
    }
    expect(contextFieldFor(' creationdate ')).toBe('fallbackTime');
    expect(contextFieldFor('Operation')).toBeUndefined();
  });
});
