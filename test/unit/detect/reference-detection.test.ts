// The detection against a plain reference written from the definitions, on random indexes and
// settings: same findings, near misses, group counts and maxima in both window modes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { DetectionSettings } from '../../../src/core/detect/detection-settings.ts';
import { detectMailboxSweeps } from '../../../src/core/detect/escu-detection.ts';
import { apiAccessFlags } from '../../../src/core/detect/escu-filters.ts';
import { MailboxAccessIndex } from '../../../src/core/index/mailbox-access-index.ts';
import type { AuditFields } from '../../../src/core/record/audit-fields.ts';
import { normalizeClientIp } from '../../../src/core/record/client-ip.ts';
import type { Finding } from '../../../src/core/types.ts';

const GRAPH = '00000003-0000-0000-c000-000000000000';
const OTHER_API = '00000002-0000-0ff1-ce00-000000000000';
const EWS_CLIENT = 'Client=WebServices;ExchangeWebServicesProxy/CrossSite/EXCH/15.20.7249.024/python-requests/2.25.1;';
const START = Date.UTC(2024, 1, 1, 10, 0) / 1000;

interface Read {
  time: number;
  appId: string;
  clientAppId: string;
  clientInfoString: string | undefined;
  clientIp: string | undefined;
  userId: string | undefined;
  owner: string | undefined;
}

const readArbitrary: fc.Arbitrary<Read> = fc.record({
  // Times within 40 minutes make windows and bins overlap often. Whole minutes make windows touch
  // exactly, and arbitrary doubles give times finer than the millisecond the readers keep.
  time: fc.oneof(
    fc.integer({ min: 0, max: 2_400_000 }).map((ms) => START + ms / 1000),
    fc.integer({ min: 0, max: 40 }).map((minute) => START + minute * 60),
    fc.double({ min: START, max: START + 2400, noNaN: true }),
  ),
  appId: fc.constantFrom(GRAPH, GRAPH.toUpperCase(), OTHER_API),
  clientAppId: fc.constantFrom('app-a', 'app-b'),
  clientInfoString: fc.constantFrom(EWS_CLIENT, 'Client=REST;Client=RESTSystem;;', 'client=webservices;ExchangeWebServices', undefined),
  clientIp: fc.constantFrom('203.0.113.5', '203.0.113.5:443', '::ffff:203.0.113.5', undefined),
  userId: fc.constantFrom('u1@x', 'U1@x', 'u2@x', 'u3@x', 'u4@x', 'U4@X', 'u5@x', 'u6@x', 'svc@x', undefined),
  owner: fc.constantFrom('u1@x', 'u2@x', 'U2@x', 'u3@x', 'u4@x', 'u5@x', 'u6@x', 'u7@x', undefined),
});

const settingsArbitrary: fc.Arbitrary<DetectionSettings> = fc.record({
  spanSeconds: fc.constantFrom(60, 300, 600, 601),
  threshold: fc.constantFrom(0, 1, 2, 3, 4, 2.5),
  graphAppIds: fc.constantFrom([GRAPH], [], [GRAPH, OTHER_API]),
  ewsPattern: fc.constantFrom('^Client=WebServices;ExchangeWebServices', '', '^[Cc]lient=[Ww]eb[Ss]ervices'),
  identity: fc.constantFrom('UserId' as const, 'MailboxOwnerUPN' as const),
  foldUserCase: fc.boolean(),
  window: fc.constantFrom('fixed' as const, 'sliding' as const),
  includeNearMisses: fc.boolean(),
});

function indexReads(reads: readonly Read[]): MailboxAccessIndex {
  const index = new MailboxAccessIndex();
  for (const read of reads) {
    const fields: AuditFields = {
      id: undefined,
      creationTime: undefined,
      workload: 'Exchange',
      operation: 'MailItemsAccessed',
      appId: read.appId,
      clientAppId: read.clientAppId,
      clientInfoString: read.clientInfoString,
      clientIpAddress: read.clientIp,
      userId: read.userId,
      mailboxOwnerUpn: read.owner,
    };
    index.append(fields, read.time, apiAccessFlags(fields));
  }
  return index;
}

/** Runs the detection as written plainly from its definition, with sets and sorting and no caches. */
function referenceDetection(reads: readonly Read[], settings: DetectionSettings) {
  const graphIds = new Set(settings.graphAppIds.map((id) => id.toLowerCase()));
  const ews = settings.ewsPattern === '' ? null : new RegExp(settings.ewsPattern);
  const passing = reads
    .map((read, row) => ({ ...read, row }))
    .filter((read) => read.clientInfoString !== undefined)
    .filter((read) => graphIds.has(read.appId.toLowerCase()) || (ews !== null && ews.test(read.clientInfoString ?? '')));
  const identityOf = (read: Read) => {
    const value = settings.identity === 'UserId' ? read.userId : read.owner;
    if (value === undefined || !settings.foldUserCase) {
      return value;
    }
    return value.toLowerCase();
  };
  const distinct = (group: readonly Read[]) => new Set(group.map(identityOf).filter((value) => value !== undefined)).size;
  const toFinding = (group: readonly Read[], start: number): Finding => {
    const users = [...new Set(group.map(identityOf).filter((value): value is string => value !== undefined))].sort(codeUnits);
    const ips = [...new Set(group.map((read) => read.clientIp).filter((ip): ip is string => ip !== undefined))];
    return {
      binStart: start,
      clientAppId: group[0]?.clientAppId ?? '',
      clientInfoString: group[0]?.clientInfoString ?? '',
      srcIps: ips.sort(codeUnits),
      normalizedSrcIps: [...new Set(ips.map(normalizeClientIp))].sort(codeUnits),
      uniqueMailboxes: users.length,
      users,
      recordCount: group.length,
      firstEventTime: Math.min(...group.map((read) => read.time)),
      lastEventTime: Math.max(...group.map((read) => read.time)),
    };
  };
  const isNear = (count: number) => count >= 1 && count <= settings.threshold && count >= settings.threshold - 1;

  const byKey = new Map<string, (Read & { row: number })[]>();
  for (const read of passing) {
    const key = JSON.stringify([read.clientAppId, read.clientInfoString]);
    byKey.set(key, [...(byKey.get(key) ?? []), read]);
  }

  const findings: Finding[] = [];
  const nearMisses: Finding[] = [];
  let groups = 0;
  let max = 0;
  for (const keyReads of byKey.values()) {
    const sorted = [...keyReads].sort((a, b) => a.time - b.time || a.row - b.row);
    if (settings.window === 'fixed') {
      const bins = new Map<number, Read[]>();
      for (const read of sorted) {
        const bin = Math.floor(read.time) - (Math.floor(read.time) % settings.spanSeconds);
        bins.set(bin, [...(bins.get(bin) ?? []), read]);
      }
      for (const [bin, group] of bins) {
        const count = distinct(group);
        groups += 1;
        max = Math.max(max, count);
        if (count > settings.threshold) findings.push(toFinding(group, bin));
        else if (settings.includeNearMisses && isNear(count)) nearMisses.push({ ...toFinding(group, bin), nearMiss: true });
      }
      continue;
    }

    groups += 1;
    const windows = sorted.map((read) => {
      const inWindow = sorted.filter((other) => other.time >= read.time && other.time < read.time + settings.spanSeconds);
      return { start: read.time, end: read.time + settings.spanSeconds, count: distinct(inWindow) };
    });
    max = Math.max(max, ...windows.map((window) => window.count));
    const runsOf = (selected: typeof windows) => {
      const runs: { start: number; end: number; peak: number }[] = [];
      for (const window of selected) {
        const last = runs.at(-1);
        if (last !== undefined && window.start < last.end) {
          last.end = window.end;
          last.peak = Math.max(last.peak, window.count);
        } else {
          runs.push({ start: window.start, end: window.end, peak: window.count });
        }
      }
      return runs;
    };
    const runFinding = (run: { start: number; end: number; peak: number }) => ({
      ...toFinding(
        sorted.filter((read) => read.time >= run.start && read.time < run.end),
        run.start,
      ),
      windowEnd: run.end,
      peakMailboxes: run.peak,
    });
    for (const run of runsOf(windows.filter((window) => window.count > settings.threshold))) {
      findings.push(runFinding(run));
    }
    if (settings.includeNearMisses) {
      const candidates = windows.filter((window) => window.count > settings.threshold || isNear(window.count));
      for (const run of runsOf(candidates).filter((candidate) => candidate.peak <= settings.threshold)) {
        nearMisses.push({ ...runFinding(run), nearMiss: true });
      }
    }
  }

  const order = (a: Finding, b: Finding) =>
    a.binStart - b.binStart || codeUnits(a.clientAppId, b.clientAppId) || codeUnits(a.clientInfoString, b.clientInfoString);
  return { findings: findings.sort(order), nearMisses: nearMisses.sort(order), groups, maxUniqueMailboxes: max };
}

function codeUnits(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

describe('detectMailboxSweeps against the reference', () => {
  it('agrees on random reads and settings', () => {
    fc.assert(
      fc.property(fc.array(readArbitrary, { maxLength: 120 }), settingsArbitrary, (reads, settings) => {
        expect(detectMailboxSweeps(indexReads(reads), settings)).toEqual(referenceDetection(reads, settings));
      }),
      { numRuns: 400 },
    );
  });

  it('agrees again on one index after the settings change', () => {
    fc.assert(
      fc.property(fc.array(readArbitrary, { minLength: 20, maxLength: 120 }), fc.array(settingsArbitrary, { minLength: 2, maxLength: 4 }), (reads, settingsList) => {
        const index = indexReads(reads);
        for (const settings of settingsList) {
          expect(detectMailboxSweeps(index, settings)).toEqual(referenceDetection(reads, settings));
        }
      }),
      { numRuns: 100 },
    );
  });
});
