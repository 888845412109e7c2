// The tunable settings on the planted day of the generated fixtures, whose sweeps and near misses
// are known by construction (test/fixtures/generator/planted-scenario.ts).
import { describe, expect, it } from 'vitest';

import { ESCU_SETTINGS, type DetectionSettings } from '../../../src/core/detect/detection-settings.ts';
import { detectMailboxSweeps } from '../../../src/core/detect/escu-detection.ts';
import type { Finding } from '../../../src/core/types.ts';
import { FIXTURE_PATHS } from '../../fixtures/generator/fixture-set.ts';
import { SCENARIO_APPS } from '../../fixtures/generator/scenario-directory.ts';
import { parseJsonLines, readRepositoryFile } from '../fixtures/fixture-files.ts';
import { indexRecords } from './index-records.ts';

/** Returns the planted records once each: the file repeats 20 records with the same Id, as exports overlap. */
function distinctRecords(): Record<string, unknown>[] {
  const seen = new Set<unknown>();
  return parseJsonLines(readRepositoryFile(FIXTURE_PATHS.jsonLines)).filter((record) => {
    if (seen.has(record.Id)) return false;
    seen.add(record.Id);
    return true;
  });
}

const index = indexRecords(distinctRecords());
const expectedFindings = JSON.parse(readRepositoryFile(FIXTURE_PATHS.expectedFindingsJson)) as Finding[];
const apps = SCENARIO_APPS;

function detect(settings: Partial<DetectionSettings>) {
  return detectMailboxSweeps(index, { ...ESCU_SETTINGS, ...settings });
}

function appsOf(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((finding) => finding.clientAppId))].sort();
}

describe('planted day under tuned settings', () => {
  it('gives the expected findings with ESCU settings', () => {
    const result = detect({});

    expect(result.findings).toEqual(expectedFindings);
    expect(result.nearMisses).toEqual([]);
  });

  it('finds the straddling triage bot with a sliding window', () => {
    const { findings } = detect({ window: 'sliding' });
    const triage = findings.filter((finding) => finding.clientAppId === apps.triageBot.clientAppId);

    expect(appsOf(findings)).toEqual(appsOf(expectedFindings).concat(apps.triageBot.clientAppId).sort());
    expect(triage).toHaveLength(1);
    expect(triage[0]).toMatchObject({
      binStart: Date.parse('2024-03-14T14:08:21Z') / 1000,
      // Only the window from the first read contains all six, because the next one starts after greta.lind's read.
      windowEnd: Date.parse('2024-03-14T14:18:21Z') / 1000,
      uniqueMailboxes: 6,
      peakMailboxes: 6,
      recordCount: 6,
      srcIps: ['203.0.113.80'],
    });
  });

  it('joins the archiving connector bins in a sliding window', () => {
    const archiving = detect({ window: 'sliding' }).findings.filter((finding) => finding.clientAppId === apps.archivingConnector.clientAppId);
    const fixed = expectedFindings.filter((finding) => finding.clientAppId === apps.archivingConnector.clientAppId);

    expect(archiving).toHaveLength(1);
    expect(archiving[0]?.recordCount).toBe((fixed[0]?.recordCount ?? 0) + (fixed[1]?.recordCount ?? 0));
    expect(archiving[0]?.uniqueMailboxes).toBe(14);
  });

  it('drops the CRM sync once user case is folded', () => {
    const { findings, maxUniqueMailboxes } = detect({ foldUserCase: true });

    expect(appsOf(findings)).toEqual(appsOf(expectedFindings).filter((app) => app !== apps.crmSync.clientAppId));
    expect(maxUniqueMailboxes).toBe(9);
  });

  it('lists the five-mailbox reporting tool as a near miss', () => {
    const { findings, nearMisses } = detect({ includeNearMisses: true });

    expect(findings).toEqual(expectedFindings);
    expect(nearMisses.map((miss) => [miss.clientAppId, miss.uniqueMailboxes])).toEqual([[apps.reportingTool.clientAppId, 5]]);
  });

  it('finds the lower-case EWS client with a wider pattern', () => {
    const { findings } = detect({ ewsPattern: '^[Cc]lient=[Ww]eb[Ss]ervices;ExchangeWebServices' });
    const legacy = findings.filter((finding) => finding.clientAppId === apps.legacyEwsTool.clientAppId);

    expect(legacy).toHaveLength(1);
    expect(legacy[0]?.uniqueMailboxes).toBe(7);
  });

  it('keeps only EWS findings without Graph ids', () => {
    expect(appsOf(detect({ graphAppIds: [] }).findings)).toEqual([apps.rogueEwsScript.clientAppId]);
  });

  it('never groups records without ClientInfoString', () => {
    const loose = detect({ threshold: 0, window: 'sliding', spanSeconds: 86_400, includeNearMisses: true });

    expect(appsOf([...loose.findings, ...loose.nearMisses])).not.toContain(apps.journalExporter.clientAppId);
    expect(appsOf(loose.findings)).toContain(apps.roomBooking.clientAppId);
  });
});
