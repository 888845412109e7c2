import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { applyAllowList } from '../../../src/core/allow-list/apply-allow-list.ts';
import type { AllowListEntry } from '../../../src/core/allow-list/allow-list-entry.ts';
import { ESCU_SETTINGS } from '../../../src/core/detect/detection-settings.ts';
import { buildJsonReport, formatJsonReport, type JsonReport } from '../../../src/core/report/json-report.ts';
import type { Finding } from '../../../src/core/types.ts';
import { analyzeJsonLines, readGenerated, reportInputOf } from './analyzed-fixture.ts';

const FINDING_KEYS: (keyof Finding)[] = [
  'binStart',
  'clientAppId',
  'clientInfoString',
  'srcIps',
  'normalizedSrcIps',
  'uniqueMailboxes',
  'users',
  'recordCount',
  'firstEventTime',
  'lastEventTime',
];

const ARCHIVING_CONNECTOR = '5b9e7c31-0d2a-4c8f-9e61-a3b4c5d6e7f8';

async function planted() {
  const bytes = readGenerated('planted.jsonl');
  const analyzed = await analyzeJsonLines([{ name: 'planted.jsonl', bytes }]);
  return { bytes, analyzed, input: reportInputOf(analyzed) };
}

function parsed(text: string): JsonReport {
  return JSON.parse(text) as JsonReport;
}

describe('formatJsonReport', () => {
  it('round-trips the findings through JSON.parse', async () => {
    const { analyzed, input } = await planted();
    const report = parsed(formatJsonReport(input));

    expect(report.findings).toHaveLength(5);
    for (const [index, finding] of analyzed.result.findings.entries()) {
      const entry = report.findings[index];
      for (const key of FINDING_KEYS) {
        expect(entry?.[key], `finding ${index}, ${key}`).toEqual(finding[key]);
      }
    }
  });

  it('gives each finding its report fields', async () => {
    const { input } = await planted();
    const [first] = parsed(formatJsonReport(input)).findings;

    expect(first?.time).toBe('2024-03-14T01:00:00Z');
    expect(first?.firstEventTimeUtc).toBe('2024-03-14T01:00:53Z');
    expect(first?.lastEventTimeUtc).toBe('2024-03-14T01:07:18Z');
    expect(first?.clientApp).toEqual({ known: false });
    expect(first?.id).toMatch(/^[0-9a-f]{16}$/);
    expect(first?.risk.score).toBe(42);
    expect(first?.risk.message).toBe(
      `An Oauth application identified with id ${ARCHIVING_CONNECTOR} accessed multiple mailboxes in a short period of time via an API.`,
    );
    expect(first?.risk.mitreAttack).toEqual(['T1114.002']);
  });

  it('carries the hashes, the settings and the version', async () => {
    const { bytes, input } = await planted();
    const report = parsed(formatJsonReport(input));

    expect(report.format).toBe('mailsweep-report');
    expect(report.formatVersion).toBe(1);
    expect(report.provenance.generator.version).toBe('0.1.0-test');
    expect(report.provenance.detection.settings).toEqual(ESCU_SETTINGS);
    expect(report.provenance.detection.isEscuDefault).toBe(true);
    expect(report.provenance.inputs[0]?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(report.files[0]?.sha256).toBe(report.provenance.inputs[0]?.sha256);
  });

  it('keeps the summary and the data-quality report', async () => {
    const { analyzed, input } = await planted();
    const report = parsed(formatJsonReport(input));
    const { files, ...summary } = analyzed.result.summary;

    expect(report.summary).toEqual(summary);
    expect(report.files).toEqual(files);
    expect(report.summary.duplicatesRemoved).toBe(20);
  });

  it('ties each drill-down to its finding', async () => {
    const { input } = await planted();
    const report = parsed(formatJsonReport(input));

    expect(report.drillDowns?.map((drillDown) => drillDown.findingId)).toEqual(report.findings.map((finding) => finding.id));
    const rogue = report.drillDowns?.[2];
    expect(rogue?.mailboxes).toHaveLength(9);
    expect(rogue?.records).toHaveLength(27);
    expect(report.timeline?.series.length).toBeGreaterThan(0);
  });
});

describe('buildJsonReport with tuned settings', () => {
  it('names every departure from ESCU', async () => {
    const settings = { ...ESCU_SETTINGS, threshold: 4, foldUserCase: true, includeNearMisses: true };
    const analyzed = await analyzeJsonLines([{ name: 'planted.jsonl', bytes: readGenerated('planted.jsonl') }], settings);

    const report = buildJsonReport({ ...reportInputOf(analyzed, settings), nearMisses: [] });

    expect(report.provenance.detection.isEscuDefault).toBe(false);
    expect(report.provenance.detection.settings).toEqual(settings);
    expect(report.provenance.detection.departures).toHaveLength(3);
    expect(report.provenance.detection.departures.join(' ')).toMatch(/more than 4 mailboxes/);
    expect(report.nearMisses).toEqual([]);
  });

  it('lists the allow-list and what it removed', async () => {
    const analyzed = await analyzeJsonLines([{ name: 'planted.jsonl', bytes: readGenerated('planted.jsonl') }]);
    const entries: AllowListEntry[] = [{ field: 'ClientAppId', value: ARCHIVING_CONNECTOR, note: 'Mail archiving connector, owned by records management' }];
    const outcome = applyAllowList(analyzed.result.findings, entries);

    const report = buildJsonReport({ ...reportInputOf(analyzed), findings: outcome.kept, allowList: { entries, outcome } });

    expect(report.findings).toHaveLength(3);
    expect(report.allowList?.entries).toEqual([{ ...entries[0], findings: 2, records: 28 }]);
    expect(report.allowList?.suppressed.map((finding) => [finding.clientAppId, finding.entryIndexes])).toEqual([
      [ARCHIVING_CONNECTOR, [0]],
      [ARCHIVING_CONNECTOR, [0]],
    ]);
    expect(report.provenance.detection.allowList).toEqual(entries);
    expect(report.provenance.detection.isEscuDefault).toBe(false);
    expect(report.provenance.detection.departures).toEqual(["Allow-list of 1 entry applied to the findings (ESCU's filter macro is empty)."]);
  });
});
