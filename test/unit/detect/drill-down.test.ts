import { describe, expect, it } from 'vitest';

import { ESCU_SETTINGS } from '../../../src/core/detect/detection-settings.ts';
import { drillDown } from '../../../src/core/detect/drill-down.ts';
import { detectMailboxSweeps } from '../../../src/core/detect/escu-detection.ts';
import type { Finding } from '../../../src/core/types.ts';
import { FIXTURE_PATHS } from '../../fixtures/generator/fixture-set.ts';
import { SCENARIO_APPS } from '../../fixtures/generator/scenario-directory.ts';
import { parseJsonLines, readRepositoryFile } from '../fixtures/fixture-files.ts';
import { EWS_APP_ID, EWS_CLIENT_INFO, ewsRecord, GRAPH_APP_ID, REST_CLIENT_INFO, sweepRecords } from '../record/ews-sample-record.ts';
import { indexRecords } from './index-records.ts';

const seconds = (iso: string) => Date.parse(`${iso}Z`) / 1000;

/** Records of the planted day, each once: the file repeats some Ids, as overlapping exports do. */
const plantedRecords = (() => {
  const seen = new Set<unknown>();
  return parseJsonLines(readRepositoryFile(FIXTURE_PATHS.jsonLines)).filter((record) => !seen.has(record.Id) && seen.add(record.Id));
})();
const plantedIndex = indexRecords(plantedRecords);

function findingOf(findings: readonly Finding[], clientAppId: string): Finding {
  const finding = findings.find((candidate) => candidate.clientAppId === clientAppId);
  if (finding === undefined) throw new Error(`No finding for ${clientAppId}.`);
  return finding;
}

describe('drillDown on the planted rogue Graph reader', () => {
  const finding = findingOf(detectMailboxSweeps(plantedIndex, ESCU_SETTINGS).findings, SCENARIO_APPS.rogueGraphReader.clientAppId);
  const result = drillDown(plantedIndex, finding, ESCU_SETTINGS);
  const sourceRecords = plantedRecords
    .filter((record) => record.ClientAppId === SCENARIO_APPS.rogueGraphReader.clientAppId)
    .sort((a, b) => String(a.CreationTime).localeCompare(String(b.CreationTime)));

  it('lists every record of the finding in time order', () => {
    expect(result.records).toHaveLength(27);
    expect(result.records.map((record) => record.time)).toEqual(sourceRecords.map((record) => seconds(String(record.CreationTime))));
    expect(result.firstRecordTime).toBe(finding.firstEventTime);
    expect(result.lastRecordTime).toBe(finding.lastEventTime);
    expect(result.windowStart).toBe(finding.binStart);
    expect(result.windowEnd).toBe(finding.binStart + 600);
  });

  it('reads each record as logged', () => {
    const first = result.records[0];
    const source = sourceRecords[0] ?? {};

    expect(first).toEqual({
      time: seconds('2024-03-14T03:20:52'),
      userId: 'user21@contoso.example',
      mailboxOwnerUpn: 'user21@contoso.example',
      clientIp: '203.0.113.50:443',
      appId: GRAPH_APP_ID,
      mailAccessType: 'Bind',
      operationCount: source.OperationCount,
      isThrottled: false,
      folderPaths: ['\\Inbox'],
      messageIdCount: source.OperationCount,
    });
    expect(result.records.map((record) => record.folderPaths)).toEqual(
      sourceRecords.map((record) => [...new Set((record.Folders as { Path: string }[]).map((folder) => folder.Path))]),
    );
  });

  it('counts records per mailbox', () => {
    expect(result.mailboxes).toHaveLength(9);
    expect(result.mailboxes.every((mailbox) => mailbox.recordCount === 3)).toBe(true);
    expect(result.mailboxes.map((mailbox) => mailbox.userId)).toEqual([
      'User2@contoso.example',
      'anna.kéller@contoso.example',
      'chen.wei@contoso.example',
      'finance@contoso.example',
      'marta.ruiz@fabrikam.example',
      'priya.nair@fabrikam.example',
      'user15@contoso.example',
      'user1@contoso.example',
      'user21@contoso.example',
    ]);
    expect(result.mailboxes.every((mailbox) => mailbox.mailboxOwnerUpn === mailbox.userId)).toBe(true);
  });

  it('marks the throttled mailbox', () => {
    expect(result.throttledRecords).toBe(1);
    expect(result.mailboxes.filter((mailbox) => mailbox.throttledRecords > 0)).toEqual([
      { userId: 'finance@contoso.example', mailboxOwnerUpn: 'finance@contoso.example', recordCount: 3, throttledRecords: 1 },
    ]);
    expect(result.records.find((record) => record.isThrottled === true)?.time).toBe(seconds('2024-03-14T03:27:35'));
  });

  it('shows the bins around the finding', () => {
    expect(result.activity.map((bin) => bin.binStart - finding.binStart)).toEqual([-1800, -1200, -600, 0, 600, 1200, 1800]);
    expect(result.activity.find((bin) => bin.inFinding)).toEqual({ binStart: finding.binStart, records: 27, mailboxes: 9, inFinding: true });
    expect(result.activity.filter((bin) => bin.inFinding)).toHaveLength(1);
  });
});

describe('drillDown', () => {
  it('counts the app across its ClientInfoStrings before and after', () => {
    const records = [
      ewsRecord({ UserId: 'user1@example.onmicrosoft.com', CreationTime: '2024-02-01T15:52:00' }),
      ewsRecord({ UserId: 'user2@example.onmicrosoft.com', CreationTime: '2024-02-01T15:53:00' }),
      ...sweepRecords(6),
      ewsRecord({ UserId: 'user9@example.onmicrosoft.com', ClientInfoString: `${EWS_CLIENT_INFO}x`, CreationTime: '2024-02-01T16:12:00' }),
      ewsRecord({ UserId: 'user9@example.onmicrosoft.com', ClientInfoString: REST_CLIENT_INFO, CreationTime: '2024-02-01T16:13:00' }),
      ewsRecord({ UserId: 'user8@example.onmicrosoft.com', CreationTime: '2024-02-01T16:49:00' }),
    ];
    const index = indexRecords(records);
    const [finding] = detectMailboxSweeps(index, ESCU_SETTINGS).findings;
    if (finding === undefined) throw new Error('The sweep gave no finding.');

    const activity = drillDown(index, finding, ESCU_SETTINGS, { contextBins: 2 }).activity;

    // The REST read has neither a Graph AppId nor an EWS client string, so the API filter drops it.
    expect(activity).toEqual([
      { binStart: seconds('2024-02-01T15:40:00'), records: 0, mailboxes: 0, inFinding: false },
      { binStart: seconds('2024-02-01T15:50:00'), records: 2, mailboxes: 2, inFinding: false },
      { binStart: seconds('2024-02-01T16:00:00'), records: 6, mailboxes: 6, inFinding: true },
      { binStart: seconds('2024-02-01T16:10:00'), records: 1, mailboxes: 1, inFinding: false },
      { binStart: seconds('2024-02-01T16:20:00'), records: 0, mailboxes: 0, inFinding: false },
    ]);
  });

  it('covers a sliding finding across its bins', () => {
    const records = [
      ...sweepRecords(3, { CreationTime: '2024-02-01T10:08:05' }),
      ...sweepRecords(6, { CreationTime: '2024-02-01T10:11:40' }).slice(3),
    ];
    const index = indexRecords(records);
    const settings = { ...ESCU_SETTINGS, window: 'sliding' as const };
    const [finding] = detectMailboxSweeps(index, settings).findings;
    if (finding === undefined) throw new Error('The sliding window gave no finding.');

    const result = drillDown(index, finding, settings, { contextBins: 0 });
    expect(result.windowStart).toBe(seconds('2024-02-01T10:08:05'));
    expect(result.windowEnd).toBe(seconds('2024-02-01T10:18:05'));
    expect(result.records).toHaveLength(6);
    expect(result.activity).toEqual([
      { binStart: seconds('2024-02-01T10:00:00'), records: 3, mailboxes: 3, inFinding: true },
      { binStart: seconds('2024-02-01T10:10:00'), records: 3, mailboxes: 3, inFinding: true },
    ]);
  });

  it('lists the delegate and the owners it read', () => {
    const owners = ['ceo', 'cfo', 'legal', 'payroll', 'treasury', 'board'].map((name) => `${name}@example.onmicrosoft.com`);
    const records = owners.map((owner, index) =>
      ewsRecord({ UserId: 'svc-migration@example.onmicrosoft.com', MailboxOwnerUPN: owner, CreationTime: `2024-02-01T16:0${index}:12` }),
    );
    records.push(ewsRecord({ UserId: 'svc-migration@example.onmicrosoft.com', MailboxOwnerUPN: 'ceo@example.onmicrosoft.com', CreationTime: '2024-02-01T16:07:00' }));
    const index = indexRecords(records);
    const settings = { ...ESCU_SETTINGS, identity: 'MailboxOwnerUPN' as const };
    const [finding] = detectMailboxSweeps(index, settings).findings;
    if (finding === undefined) throw new Error('MailboxOwnerUPN gave no finding.');

    const { mailboxes } = drillDown(index, finding, settings);
    expect(mailboxes[0]).toEqual({
      userId: 'svc-migration@example.onmicrosoft.com',
      mailboxOwnerUpn: 'ceo@example.onmicrosoft.com',
      recordCount: 2,
      throttledRecords: 0,
    });
    expect(mailboxes).toHaveLength(6);
  });

  it('leaves out details an index row does not hold', () => {
    const records = sweepRecords(6, { Folders: undefined, OperationCount: undefined, OperationProperties: undefined, ClientIPAddress: undefined });
    const index = indexRecords(records);
    const [finding] = detectMailboxSweeps(index, ESCU_SETTINGS).findings;
    if (finding === undefined) throw new Error('The sweep gave no finding.');

    expect(drillDown(index, finding, ESCU_SETTINGS).records[0]).toEqual({
      time: seconds('2024-02-01T16:00:34'),
      userId: 'user1@example.onmicrosoft.com',
      mailboxOwnerUpn: 'user1@example.onmicrosoft.com',
      appId: EWS_APP_ID,
      folderPaths: [],
    });
  });

  it('rejects a finding from other settings', () => {
    const records = [
      ...sweepRecords(3, { CreationTime: '2024-02-01T10:08:05' }),
      ...sweepRecords(6, { CreationTime: '2024-02-01T10:11:40' }).slice(3),
    ];
    const index = indexRecords(records);
    const [hourly] = detectMailboxSweeps(index, { ...ESCU_SETTINGS, spanSeconds: 3600 }).findings;
    if (hourly === undefined) throw new Error('The hourly bin gave no finding.');

    expect(() => drillDown(index, hourly, ESCU_SETTINGS)).toThrow(
      /has 6 records, but the index has 3 for it under these settings\. Drill down on findings from the latest detection/,
    );
    expect(() => drillDown(index, { ...hourly, clientAppId: 'c0ffee00-0000-4000-8000-000000000000' }, ESCU_SETTINGS)).toThrow(
      /No records of ClientAppId c0ffee00-0000-4000-8000-000000000000 with ClientInfoString/,
    );
  });

  it('rejects invalid options and settings', () => {
    const index = indexRecords(sweepRecords(6));
    const [finding] = detectMailboxSweeps(index, ESCU_SETTINGS).findings;
    if (finding === undefined) throw new Error('The sweep gave no finding.');

    expect(() => drillDown(index, finding, ESCU_SETTINGS, { contextBins: -1 })).toThrow('Invalid contextBins -1: expected a whole number of bins from 0 to 144.');
    expect(() => drillDown(index, finding, { ...ESCU_SETTINGS, ewsPattern: '(' })).toThrow(/\(ewsPattern\)/);
  });
});
