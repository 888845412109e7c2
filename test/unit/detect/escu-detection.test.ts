import { describe, expect, it } from 'vitest';

import { countApiAccess, detectMailboxSweeps } from '../../../src/core/detect/escu-detection.ts';
import { ESCU_DEFAULTS } from '../../../src/core/types.ts';
import { EWS_APP_ID, EWS_CLIENT_INFO, ewsRecord, GRAPH_APP_ID, REST_CLIENT_INFO, sweepRecords } from '../record/ews-sample-record.ts';
import { indexRecords } from './index-records.ts';

const BIN_16_00 = Date.UTC(2024, 1, 1, 16, 0) / 1000;

/** An OAuth app of a third party, reading mailboxes through Graph. */
const SWEEPER_APP_ID = '7c5a1e2b-0000-4000-8000-00000000b0b0';

function detect(records: Record<string, unknown>[], params = ESCU_DEFAULTS) {
  return detectMailboxSweeps(indexRecords(records), params).findings;
}

describe('detectMailboxSweeps', () => {
  it('reports six distinct users in one bin', () => {
    const findings = detect(sweepRecords(6));

    expect(findings).toHaveLength(1);
    expect(findings[0]).toEqual({
      binStart: BIN_16_00,
      clientAppId: EWS_APP_ID,
      clientInfoString: EWS_CLIENT_INFO,
      srcIps: ['203.0.113.35'],
      normalizedSrcIps: ['203.0.113.35'],
      uniqueMailboxes: 6,
      users: [1, 2, 3, 4, 5, 6].map((n) => `user${n}@example.onmicrosoft.com`),
      recordCount: 6,
      firstEventTime: Date.UTC(2024, 1, 1, 16, 0, 34) / 1000,
      lastEventTime: Date.UTC(2024, 1, 1, 16, 5, 34) / 1000,
    });
  });

  it('reports nothing for five distinct users', () => {
    expect(detect(sweepRecords(5))).toEqual([]);
  });

  it('counts a repeated user once', () => {
    const records = [...sweepRecords(5), ewsRecord({ UserId: 'user1@example.onmicrosoft.com', CreationTime: '2024-02-01T16:09:00' })];

    expect(detect(records)).toEqual([]);
  });

  it('splits 10:09:59 and 10:10:00 into two bins', () => {
    const before = sweepRecords(3, { CreationTime: '2024-02-01T10:09:59' });
    const after = sweepRecords(6, { CreationTime: '2024-02-01T10:10:00' }).slice(3);

    expect(detect([...before, ...after])).toEqual([]);
    expect(detect([...before, ...after], { spanSeconds: 600, threshold: 2 }).map((finding) => finding.binStart)).toEqual([
      Date.UTC(2024, 1, 1, 10, 0) / 1000,
      Date.UTC(2024, 1, 1, 10, 10) / 1000,
    ]);
  });

  it('applies the threshold strictly', () => {
    const records = sweepRecords(3);

    expect(detect(records, { spanSeconds: 600, threshold: 2 })).toHaveLength(1);
    expect(detect(records, { spanSeconds: 600, threshold: 3 })).toEqual([]);
  });

  it('bins by the span parameter', () => {
    const records = [
      ...sweepRecords(3, { CreationTime: '2024-02-01T10:08:00' }),
      ...sweepRecords(6, { CreationTime: '2024-02-01T10:11:00' }).slice(3),
    ];

    expect(detect(records, { spanSeconds: 600, threshold: 5 })).toEqual([]);

    const hourly = detect(records, { spanSeconds: 3600, threshold: 5 });
    expect(hourly).toHaveLength(1);
    expect(hourly[0]?.binStart).toBe(Date.UTC(2024, 1, 1, 10, 0) / 1000);
    expect(hourly[0]?.uniqueMailboxes).toBe(6);
  });

  it('sorts users by UTF-16 code unit', () => {
    const users = ['user1@x', 'user15@x', 'User2@x', 'user2@x', 'ümlaut@x', 'admin@x'];
    const records = users.map((user) => ewsRecord({ UserId: user }));

    expect(detect(records)[0]?.users).toEqual(['User2@x', 'admin@x', 'user15@x', 'user1@x', 'user2@x', 'ümlaut@x']);
  });

  it('counts users case-sensitively', () => {
    const records = [...sweepRecords(4), ewsRecord({ UserId: 'Alex@example.com' }), ewsRecord({ UserId: 'alex@example.com' })];
    const findings = detect(records);

    expect(findings).toHaveLength(1);
    expect(findings[0]?.uniqueMailboxes).toBe(6);
    expect(findings[0]?.users.slice(0, 2)).toEqual(['Alex@example.com', 'alex@example.com']);
  });

  it('keeps raw IP forms as distinct values', () => {
    const records = sweepRecords(6).map((record, index) => ({ ...record, ClientIPAddress: index % 2 === 0 ? '203.0.113.5' : '203.0.113.5:443' }));

    expect(detect(records)[0]?.srcIps).toEqual(['203.0.113.5', '203.0.113.5:443']);
  });

  it('adds no value for a record without UserId or IP', () => {
    const records = [...sweepRecords(6), ewsRecord({ UserId: undefined, ClientIPAddress: undefined, CreationTime: '2024-02-01T16:09:00' })];
    const finding = detect(records)[0];

    expect(finding?.uniqueMailboxes).toBe(6);
    expect(finding?.users).toHaveLength(6);
    expect(finding?.srcIps).toEqual(['203.0.113.35']);
    expect(finding?.recordCount).toBe(7);
    expect(finding?.lastEventTime).toBe(Date.UTC(2024, 1, 1, 16, 9) / 1000);
  });

  it('needs more than five users that have a UserId', () => {
    const records = [...sweepRecords(5), ewsRecord({ UserId: undefined, MailboxOwnerUPN: 'user6@example.onmicrosoft.com' })];

    expect(detect(records)).toEqual([]);
  });

  it('reports group count and largest distinct user count', () => {
    const nearMiss = sweepRecords(5);
    const otherBin = sweepRecords(3, { CreationTime: '2024-02-01T16:12:00' });
    const result = detectMailboxSweeps(indexRecords([...nearMiss, ...otherBin]), ESCU_DEFAULTS);

    expect(result.findings).toEqual([]);
    expect(result.groups).toBe(2);
    expect(result.maxUniqueMailboxes).toBe(5);
  });

  it('leaves a record without ClientInfoString out of every group', () => {
    const records = [...sweepRecords(5), ewsRecord({ AppId: GRAPH_APP_ID, ClientInfoString: undefined, UserId: 'user6@example.onmicrosoft.com' })];
    const index = indexRecords(records);

    expect(detectMailboxSweeps(index, ESCU_DEFAULTS).findings).toEqual([]);
    expect(countApiAccess(index)).toEqual({ apiAccess: 6, grouped: 5 });
  });

  it('treats an empty ClientInfoString as absent', () => {
    const records = sweepRecords(6, { AppId: GRAPH_APP_ID, ClientInfoString: '' });

    expect(detect(records)).toEqual([]);
    expect(countApiAccess(indexRecords(records))).toEqual({ apiAccess: 6, grouped: 0 });
  });

  it('groups by ClientInfoString as an exact string', () => {
    const records = [
      ...sweepRecords(3),
      ...sweepRecords(6, { ClientInfoString: EWS_CLIENT_INFO.replace('python-requests/2.25.1', 'python-requests/2.31.0') }).slice(3),
    ];

    expect(detect(records)).toEqual([]);
  });

  it('groups by ClientAppId as an exact string', () => {
    const records = [...sweepRecords(3), ...sweepRecords(6, { ClientAppId: EWS_APP_ID.toUpperCase() }).slice(3)];

    expect(detect(records)).toEqual([]);
  });

  it('ignores EWS ClientInfoStrings in the wrong case', () => {
    const records = sweepRecords(6, { ClientInfoString: 'client=webservices;ExchangeWebServicesProxy/CrossSite/EXCH/15.20.7249.024' });

    expect(detect(records)).toEqual([]);
    expect(countApiAccess(indexRecords(records)).apiAccess).toBe(0);
  });

  it('reports Graph reads with an upper-case AppId', () => {
    const records = sweepRecords(6, { AppId: GRAPH_APP_ID.toUpperCase(), ClientAppId: SWEEPER_APP_ID, ClientInfoString: REST_CLIENT_INFO });
    const findings = detect(records);

    expect(findings).toHaveLength(1);
    expect(findings[0]?.clientAppId).toBe(SWEEPER_APP_ID);
    expect(findings[0]?.clientInfoString).toBe(REST_CLIENT_INFO);
  });

  it('ignores REST reads that are not through Graph', () => {
    const records = sweepRecords(6, { ClientAppId: SWEEPER_APP_ID, ClientInfoString: REST_CLIENT_INFO });

    expect(detect(records)).toEqual([]);
  });

  it('orders findings by bin, ClientAppId, then ClientInfoString', () => {
    const graph = { AppId: GRAPH_APP_ID, ClientInfoString: REST_CLIENT_INFO };
    const records = [
      ...sweepRecords(6, { ...graph, ClientAppId: 'b-app', CreationTime: '2024-02-01T16:20:00' }),
      ...sweepRecords(6, { ...graph, ClientAppId: 'b-app', ClientInfoString: 'Client=REST;Client=RESTSystem;;', CreationTime: '2024-02-01T16:00:00' }),
      ...sweepRecords(6, { ...graph, ClientAppId: 'b-app', ClientInfoString: 'Client=REST;', CreationTime: '2024-02-01T16:00:00' }),
      ...sweepRecords(6, { ...graph, ClientAppId: 'B-app', CreationTime: '2024-02-01T16:00:00' }),
      ...sweepRecords(6, { ...graph, ClientAppId: 'a-app', CreationTime: '2024-02-01T16:00:00' }),
    ];

    expect(detect(records).map((finding) => [finding.binStart - BIN_16_00, finding.clientAppId, finding.clientInfoString])).toEqual([
      [0, 'B-app', REST_CLIENT_INFO],
      [0, 'a-app', REST_CLIENT_INFO],
      [0, 'b-app', 'Client=REST;'],
      [0, 'b-app', REST_CLIENT_INFO],
      [1200, 'b-app', REST_CLIENT_INFO],
    ]);
  });

  it('rejects invalid parameters', () => {
    const index = indexRecords(sweepRecords(6));

    expect(() => detectMailboxSweeps(index, { spanSeconds: 0, threshold: 5 })).toThrow(RangeError);
    expect(() => detectMailboxSweeps(index, { spanSeconds: 90.5, threshold: 5 })).toThrow(/Invalid bin span 90.5/);
    expect(() => detectMailboxSweeps(index, { spanSeconds: 600, threshold: -1 })).toThrow(/Invalid threshold -1/);
    expect(() => detectMailboxSweeps(index, { spanSeconds: 600, threshold: Number.NaN })).toThrow(RangeError);
  });
});
