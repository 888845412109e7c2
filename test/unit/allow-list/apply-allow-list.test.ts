// The allow-list on the five known findings of the planted fixture export. They are the archiving
// connector at 01:00 (192.0.2.40) and 01:10 (192.0.2.40, ::ffff:192.0.2.41), and the rogue Graph
// reader at 03:20 (203.0.113.50 and 203.0.113.50:443). Then come the python-requests EWS script at
// 03:50 (198.51.100.23) and the CRM sync at 09:30 (192.0.2.60).

import { openAsBlob } from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { analyzeSources } from '../../../src/core/analysis/analyze-sources.ts';
import type { AllowListEntry } from '../../../src/core/allow-list/allow-list-entry.ts';
import { applyAllowList } from '../../../src/core/allow-list/apply-allow-list.ts';
import type { Finding } from '../../../src/core/types.ts';
import { REPOSITORY_ROOT } from '../fixtures/fixture-files.ts';

const ARCHIVER = '5b9e7c31-0d2a-4c8f-9e61-a3b4c5d6e7f8';
const ROGUE_READER = '7d3c1a52-9e0b-4f61-b8a2-5c4e2f1d9a03';
const EWS_SCRIPT = 'c4f2e8a1-3b7d-4e95-a06c-1f8b2d7e5c40';
const CRM_SYNC = 'e1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f9';

let findings: Finding[] = [];

beforeAll(async () => {
  const file = path.join(REPOSITORY_ROOT, 'test/fixtures/generated/planted.jsonl');
  const { result } = await analyzeSources([{ name: 'planted.jsonl', source: await openAsBlob(file) }]);
  findings = result.findings;
});

function entry(field: AllowListEntry['field'], value: string): AllowListEntry {
  return { field, value, note: `test entry for ${value}` };
}

function appIdsOf(list: readonly Finding[]): string[] {
  return list.map((finding) => finding.clientAppId);
}

describe('applyAllowList', () => {
  it('starts from the five planted findings', () => {
    expect(appIdsOf(findings)).toEqual([ARCHIVER, ARCHIVER, ROGUE_READER, EWS_SCRIPT, CRM_SYNC]);
    expect(findings.map((finding) => finding.recordCount)).toEqual([14, 14, 27, 14, 12]);
  });

  it('keeps everything with an empty list', () => {
    const outcome = applyAllowList(findings, []);

    expect(outcome.kept).toEqual(findings);
    expect(outcome.suppressed).toEqual([]);
    expect(outcome.entryCounts).toEqual([]);
    expect(outcome.suppressedRecords).toBe(0);
  });

  it('suppresses a ClientAppId in any letter case', () => {
    const outcome = applyAllowList(findings, [entry('ClientAppId', ARCHIVER.toUpperCase())]);

    expect(appIdsOf(outcome.kept)).toEqual([ROGUE_READER, EWS_SCRIPT, CRM_SYNC]);
    expect(outcome.suppressed.map((item) => [item.finding.binStart, item.entryIndexes])).toEqual([
      [findings[0]?.binStart, [0]],
      [findings[1]?.binStart, [0]],
    ]);
    expect(outcome.entryCounts).toEqual([{ findings: 2, records: 28 }]);
    expect(outcome.suppressedRecords).toBe(28);
  });

  it('needs every source address allowed', () => {
    const outcome = applyAllowList(findings, [entry('ClientIPAddress', '192.0.2.40')]);

    // The 01:10 finding also read from 192.0.2.41, which is not listed.
    expect(appIdsOf(outcome.kept)).toEqual([ARCHIVER, ROGUE_READER, EWS_SCRIPT, CRM_SYNC]);
    expect(outcome.suppressed.map((item) => item.finding.binStart)).toEqual([findings[0]?.binStart]);
    expect(outcome.entryCounts).toEqual([{ findings: 1, records: 14 }]);
  });

  it('compares normalised addresses and credits each covering entry', () => {
    const outcome = applyAllowList(findings, [
      entry('ClientIPAddress', '192.0.2.40'),
      entry('ClientIPAddress', '192.0.2.41'),
      entry('ClientIPAddress', '203.0.113.50'),
    ]);

    // ::ffff:192.0.2.41 and 203.0.113.50:443 are normalised before the comparison.
    expect(appIdsOf(outcome.kept)).toEqual([EWS_SCRIPT, CRM_SYNC]);
    expect(outcome.suppressed.map((item) => item.entryIndexes)).toEqual([[0], [0, 1], [2]]);
    expect(outcome.entryCounts).toEqual([
      { findings: 2, records: 28 },
      { findings: 1, records: 14 },
      { findings: 1, records: 27 },
    ]);
    expect(outcome.suppressedRecords).toBe(55);
  });

  it('matches CIDR ranges', () => {
    const outcome = applyAllowList(findings, [entry('ClientIPAddress', '192.0.2.0/24'), entry('ClientIPAddress', '2001:db8::/32')]);

    expect(appIdsOf(outcome.kept)).toEqual([ROGUE_READER, EWS_SCRIPT]);
    expect(outcome.entryCounts).toEqual([
      { findings: 3, records: 40 },
      { findings: 0, records: 0 },
    ]);
  });

  it('matches ClientInfoString globs with letter case', () => {
    const outcome = applyAllowList(findings, [
      entry('ClientInfoString', 'Client=WebServices;ExchangeWebServicesProxy/*/python-requests/*'),
      entry('ClientInfoString', 'client=rest;*'),
      entry('ClientInfoString', 'Client=REST;Client=RESTSystem;'),
    ]);

    // The second glob has the wrong letter case, the third misses the trailing `;`.
    expect(appIdsOf(outcome.suppressed.map((item) => item.finding))).toEqual([EWS_SCRIPT]);
    expect(outcome.entryCounts).toEqual([
      { findings: 1, records: 14 },
      { findings: 0, records: 0 },
      { findings: 0, records: 0 },
    ]);
  });

  it('counts a finding for every entry that matches it', () => {
    const outcome = applyAllowList(findings, [
      entry('ClientAppId', ARCHIVER),
      entry('ClientInfoString', 'Client=REST;*'),
      entry('ClientIPAddress', '192.0.2.0/24'),
    ]);

    expect(appIdsOf(outcome.kept)).toEqual([EWS_SCRIPT]);
    expect(outcome.suppressed.map((item) => item.entryIndexes)).toEqual([[0, 1, 2], [0, 1, 2], [1], [1, 2]]);
    expect(outcome.entryCounts).toEqual([
      { findings: 2, records: 28 },
      { findings: 4, records: 67 },
      { findings: 3, records: 40 },
    ]);
    expect(outcome.suppressedRecords).toBe(67);
  });

  it('never matches findings without addresses or with host names', () => {
    const base = findings[3];
    if (base === undefined) throw new Error('The planted export lost its EWS finding.');
    const noAddress: Finding = { ...base, srcIps: [], normalizedSrcIps: [] };
    const hostName: Finding = { ...base, srcIps: ['[cool.client.local]:12345'], normalizedSrcIps: ['cool.client.local'] };

    const outcome = applyAllowList([noAddress, hostName], [entry('ClientIPAddress', '0.0.0.0/0'), entry('ClientIPAddress', '::/0')]);

    expect(outcome.kept).toEqual([noAddress, hostName]);
  });

  it('rejects invalid entries', () => {
    expect(() => applyAllowList(findings, [entry('ClientIPAddress', '192.0.2.0/40')])).toThrow(
      /^Invalid allow-list: Entry 1, field "value": "192\.0\.2\.0\/40" is not an IPv4/,
    );
  });
});
