// Each setting's effect on records whose expected findings are known by construction.
import { describe, expect, it } from 'vitest';

import { ESCU_SETTINGS, type DetectionSettings } from '../../../src/core/detect/detection-settings.ts';
import { countApiAccess, detectMailboxSweeps } from '../../../src/core/detect/escu-detection.ts';
import { EWS_APP_ID, EWS_CLIENT_INFO, ewsRecord, GRAPH_APP_ID, REST_CLIENT_INFO, sweepRecords } from '../record/ews-sample-record.ts';
import { indexRecords } from './index-records.ts';

const seconds = (iso: string) => Date.parse(`${iso}Z`) / 1000;

/** Three mailboxes read at 10:08 and three at 10:11: 3 and 3 in ESCU's bins, 6 within ten minutes. */
function straddlingSweep(fields: Record<string, unknown> = {}): Record<string, unknown>[] {
  return [
    ...sweepRecords(3, { CreationTime: '2024-02-01T10:08:05', ...fields }),
    ...sweepRecords(6, { CreationTime: '2024-02-01T10:11:40', ...fields }).slice(3),
  ];
}

/** Builds the reads of an account with impersonation rights over seven other mailboxes through EWS, where UserId is the reader. */
function delegatedReads(): Record<string, unknown>[] {
  const owners = ['ceo', 'cfo', 'legal', 'hr.director', 'payroll', 'treasury', 'board'].map((name) => `${name}@example.onmicrosoft.com`);
  return owners.map((owner, index) =>
    ewsRecord({
      UserId: 'svc-migration@example.onmicrosoft.com',
      MailboxOwnerUPN: owner,
      LogonType: 2,
      InternalLogonType: 2,
      CreationTime: `2024-02-01T16:0${index}:12`,
    }),
  );
}

function run(records: Record<string, unknown>[], settings: Partial<DetectionSettings> = {}) {
  return detectMailboxSweeps(indexRecords(records), { ...ESCU_SETTINGS, ...settings });
}

describe('sliding window', () => {
  it('finds the sweep that straddles a bin edge', () => {
    const records = straddlingSweep();

    expect(run(records).findings).toEqual([]);

    const { findings } = run(records, { window: 'sliding' });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toEqual({
      binStart: seconds('2024-02-01T10:08:05'),
      clientAppId: EWS_APP_ID,
      clientInfoString: EWS_CLIENT_INFO,
      srcIps: ['203.0.113.35'],
      normalizedSrcIps: ['203.0.113.35'],
      uniqueMailboxes: 6,
      users: [1, 2, 3, 4, 5, 6].map((n) => `user${n}@example.onmicrosoft.com`),
      recordCount: 6,
      firstEventTime: seconds('2024-02-01T10:08:05'),
      lastEventTime: seconds('2024-02-01T10:11:40'),
      windowEnd: seconds('2024-02-01T10:18:05'),
      peakMailboxes: 6,
    });
  });

  it('misses the straddling sweep when it spans more than the window', () => {
    const records = [
      ...sweepRecords(3, { CreationTime: '2024-02-01T10:08:05' }),
      ...sweepRecords(6, { CreationTime: '2024-02-01T10:18:05' }).slice(3),
    ];

    expect(run(records, { window: 'sliding' }).findings).toEqual([]);
    expect(run(records, { window: 'sliding', spanSeconds: 601 }).findings).toHaveLength(1);
  });

  it('merges overlapping windows into one finding', () => {
    // Seven mailboxes, one a minute from 10:00: the windows from 10:00 and 10:01 hold 7 and 6, the later ones 5 or fewer.
    const records = sweepRecords(7, { CreationTime: undefined }).map((record, index) => ({
      ...record,
      CreationTime: `2024-02-01T10:0${index}:00`,
    }));
    const { findings, maxUniqueMailboxes } = run(records, { window: 'sliding' });

    expect(findings).toHaveLength(1);
    expect(findings[0]?.binStart).toBe(seconds('2024-02-01T10:00:00'));
    expect(findings[0]?.windowEnd).toBe(seconds('2024-02-01T10:11:00'));
    expect(findings[0]?.uniqueMailboxes).toBe(7);
    expect(findings[0]?.peakMailboxes).toBe(7);
    expect(maxUniqueMailboxes).toBe(7);
  });

  it('keeps bursts an hour apart separate', () => {
    const records = [...sweepRecords(6, { CreationTime: '2024-02-01T09:00:30' }), ...sweepRecords(6, { CreationTime: '2024-02-01T10:00:30' })];
    const { findings } = run(records, { window: 'sliding' });

    expect(findings.map((finding) => [finding.binStart, finding.windowEnd, finding.recordCount])).toEqual([
      [seconds('2024-02-01T09:00:30'), seconds('2024-02-01T09:10:30'), 6],
      [seconds('2024-02-01T10:00:30'), seconds('2024-02-01T10:10:30'), 6],
    ]);
  });

  it('counts the whole run beyond its peak window', () => {
    // One new mailbox every 3 minutes for 30 minutes: at most 4 in any 10-minute window, 11 in all.
    const records = Array.from({ length: 11 }, (_, index) =>
      ewsRecord({ UserId: `user${index + 1}@example.onmicrosoft.com`, CreationTime: new Date((seconds('2024-02-01T10:00:00') + index * 180) * 1000).toISOString().slice(0, 19) }),
    );
    const { findings } = run(records, { window: 'sliding', threshold: 3 });

    expect(findings).toHaveLength(1);
    expect(findings[0]?.peakMailboxes).toBe(4);
    expect(findings[0]?.uniqueMailboxes).toBe(11);
    expect(findings[0]?.recordCount).toBe(11);
    expect(findings[0]?.binStart).toBe(seconds('2024-02-01T10:00:00'));
    expect(findings[0]?.windowEnd).toBe(seconds('2024-02-01T10:31:00'));
  });
});

describe('counted identity', () => {
  it('finds the delegated reader by MailboxOwnerUPN', () => {
    const records = delegatedReads();

    expect(run(records).findings).toEqual([]);
    expect(run(records).maxUniqueMailboxes).toBe(1);

    const { findings } = run(records, { identity: 'MailboxOwnerUPN' });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.uniqueMailboxes).toBe(7);
    expect(findings[0]?.users).toEqual([
      'board@example.onmicrosoft.com',
      'ceo@example.onmicrosoft.com',
      'cfo@example.onmicrosoft.com',
      'hr.director@example.onmicrosoft.com',
      'legal@example.onmicrosoft.com',
      'payroll@example.onmicrosoft.com',
      'treasury@example.onmicrosoft.com',
    ]);
  });

  it('ignores records without MailboxOwnerUPN in the count', () => {
    const records = delegatedReads().map((record, index) => (index < 2 ? { ...record, MailboxOwnerUPN: '' } : record));
    const result = run(records, { identity: 'MailboxOwnerUPN' });

    expect(result.findings).toEqual([]);
    expect(result.maxUniqueMailboxes).toBe(5);
  });
});

describe('case folding', () => {
  it('merges user names that differ in case', () => {
    const records = [
      ...sweepRecords(4),
      ewsRecord({ UserId: 'Alex.Wilber@example.onmicrosoft.com', CreationTime: '2024-02-01T16:06:00' }),
      ewsRecord({ UserId: 'alex.wilber@example.onmicrosoft.com', CreationTime: '2024-02-01T16:07:00' }),
      ewsRecord({ UserId: 'USER1@EXAMPLE.ONMICROSOFT.COM', CreationTime: '2024-02-01T16:08:00' }),
    ];

    expect(run(records).findings[0]?.uniqueMailboxes).toBe(7);

    const folded = run(records, { foldUserCase: true });
    expect(folded.findings).toEqual([]);
    expect(folded.maxUniqueMailboxes).toBe(5);

    const lowerThreshold = run(records, { foldUserCase: true, threshold: 4 }).findings;
    expect(lowerThreshold[0]?.users).toEqual([
      'alex.wilber@example.onmicrosoft.com',
      'user1@example.onmicrosoft.com',
      'user2@example.onmicrosoft.com',
      'user3@example.onmicrosoft.com',
      'user4@example.onmicrosoft.com',
    ]);
    expect(lowerThreshold[0]?.recordCount).toBe(7);
  });

  it('folds MailboxOwnerUPN too', () => {
    const records = delegatedReads().map((record, index) => (index === 6 ? { ...record, MailboxOwnerUPN: 'CEO@example.onmicrosoft.com' } : record));

    expect(run(records, { identity: 'MailboxOwnerUPN' }).findings[0]?.uniqueMailboxes).toBe(7);

    const folded = run(records, { identity: 'MailboxOwnerUPN', foldUserCase: true }).findings[0];
    expect(folded?.uniqueMailboxes).toBe(6);
    expect(folded?.users[0]).toBe('ceo@example.onmicrosoft.com');
    expect(folded?.recordCount).toBe(7);
  });
});

describe('API filter settings', () => {
  const exchangeRestAppId = '00000002-0000-0ff1-ce00-000000000000';
  const restSweep = () => sweepRecords(6, { AppId: exchangeRestAppId, ClientAppId: '7c5a1e2b-0000-4000-8000-00000000b0b0', ClientInfoString: REST_CLIENT_INFO });

  it('adds an AppId to the Graph list in any case', () => {
    const records = restSweep();

    expect(run(records).findings).toEqual([]);
    expect(run(records, { graphAppIds: [GRAPH_APP_ID, exchangeRestAppId.toUpperCase()] }).findings).toHaveLength(1);
    expect(countApiAccess(indexRecords(records), { graphAppIds: [` ${exchangeRestAppId} `], ewsPattern: '' })).toEqual({ apiAccess: 6, grouped: 6 });
  });

  it('drops Graph reads with an empty Graph list', () => {
    const records = sweepRecords(6, { AppId: GRAPH_APP_ID, ClientAppId: '7c5a1e2b-0000-4000-8000-00000000b0b0', ClientInfoString: REST_CLIENT_INFO });

    expect(run(records).findings).toHaveLength(1);
    expect(run(records, { graphAppIds: [] }).findings).toEqual([]);
  });

  it('matches a custom EWS pattern', () => {
    const lowerCaseClient = EWS_CLIENT_INFO.replace('Client=WebServices', 'client=webservices');
    const records = sweepRecords(6, { ClientInfoString: lowerCaseClient });

    expect(run(records).findings).toEqual([]);
    expect(run(records, { ewsPattern: '^[Cc]lient=[Ww]eb[Ss]ervices;ExchangeWebServices' }).findings).toHaveLength(1);
    expect(countApiAccess(indexRecords(records), { graphAppIds: [], ewsPattern: 'python-requests' }).apiAccess).toBe(6);
  });

  it('turns the EWS test off with an empty pattern', () => {
    const records = sweepRecords(6);

    expect(run(records).findings).toHaveLength(1);
    expect(run(records, { ewsPattern: '' }).findings).toEqual([]);
    expect(countApiAccess(indexRecords(records), { ...ESCU_SETTINGS, ewsPattern: '' })).toEqual({ apiAccess: 0, grouped: 0 });
  });

  it('keeps ESCU counts by default', () => {
    const records = [...sweepRecords(5), ewsRecord({ AppId: GRAPH_APP_ID, ClientInfoString: undefined })];

    expect(countApiAccess(indexRecords(records))).toEqual({ apiAccess: 6, grouped: 5 });
  });
});

describe('near misses', () => {
  it('lists groups at the threshold and one below it', () => {
    const records = [
      ...sweepRecords(5, { CreationTime: '2024-02-01T16:01:00' }),
      ...sweepRecords(4, { CreationTime: '2024-02-01T16:11:00' }),
      ...sweepRecords(3, { CreationTime: '2024-02-01T16:21:00' }),
      ...sweepRecords(6, { CreationTime: '2024-02-01T16:31:00' }),
    ];

    expect(run(records).nearMisses).toEqual([]);

    const { findings, nearMisses, groups } = run(records, { includeNearMisses: true });
    expect(groups).toBe(4);
    expect(findings.map((finding) => finding.binStart)).toEqual([seconds('2024-02-01T16:30:00')]);
    expect(findings[0]?.nearMiss).toBeUndefined();
    expect(nearMisses.map((miss) => [miss.binStart, miss.uniqueMailboxes, miss.nearMiss])).toEqual([
      [seconds('2024-02-01T16:00:00'), 5, true],
      [seconds('2024-02-01T16:10:00'), 4, true],
    ]);
  });

  it('marks no empty group at threshold zero', () => {
    const records = sweepRecords(2, { UserId: undefined, MailboxOwnerUPN: undefined });

    expect(run(records, { threshold: 0, includeNearMisses: true }).nearMisses).toEqual([]);
    expect(run(records, { threshold: 1, includeNearMisses: true }).nearMisses).toEqual([]);
  });

  it('lists a sliding near miss that no window lifts over the threshold', () => {
    const records = [
      ...sweepRecords(2, { CreationTime: '2024-02-01T10:08:05' }),
      ...sweepRecords(5, { CreationTime: '2024-02-01T10:11:40' }).slice(2),
      ...straddlingSweep({ ClientAppId: 'f2b1c7d4-0000-4000-8000-00000000c0c0' }),
    ];
    const { findings, nearMisses } = run(records, { window: 'sliding', includeNearMisses: true });

    expect(findings.map((finding) => finding.clientAppId)).toEqual(['f2b1c7d4-0000-4000-8000-00000000c0c0']);
    expect(nearMisses).toHaveLength(1);
    expect(nearMisses[0]).toMatchObject({
      clientAppId: EWS_APP_ID,
      binStart: seconds('2024-02-01T10:08:05'),
      windowEnd: seconds('2024-02-01T10:18:05'),
      uniqueMailboxes: 5,
      peakMailboxes: 5,
      nearMiss: true,
    });
  });
});
