// The worker's kept analysis: re-detection from the index, the allow-list applied after the
// detection, drill-downs only of findings on screen, and the report input built from them. Runs on
// the planted export, whose findings the fixture generator computed.
import { openAsBlob, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { analyzeSources } from '../../../src/core/analysis/analyze-sources.ts';
import { ESCU_SETTINGS } from '../../../src/core/detect/detection-settings.ts';
import type { DetectionSettings } from '../../../src/core/detect/detection-settings.ts';
import type { Finding } from '../../../src/core/types.ts';
import { formatAnalysisExport } from '../../../src/worker/analysis-exports.ts';
import { Investigation } from '../../../src/worker/investigation.ts';
import { MAX_REPORT_DRILL_DOWNS, buildReportInput } from '../../../src/worker/report-input.ts';
import type { DetectionRequest } from '../../../src/worker/worker-api.ts';

const GENERATED_DIR = path.resolve(import.meta.dirname, '../../fixtures/generated');
const PLANTED = 'planted.purview.csv';
const expectedFindings = JSON.parse(readFileSync(path.join(GENERATED_DIR, 'expected-findings.json'), 'utf8')) as Finding[];

function escu(): DetectionSettings {
  return { ...ESCU_SETTINGS, graphAppIds: [...ESCU_SETTINGS.graphAppIds] };
}

async function openInvestigation(request: DetectionRequest): Promise<Investigation> {
  const source = await openAsBlob(path.join(GENERATED_DIR, PLANTED));
  const { result, session } = await analyzeSources([{ name: PLANTED, source }], request.settings);
  return new Investigation(session, request, result);
}

function keyOf(finding: Finding): string {
  return `${finding.binStart} ${finding.clientAppId}`;
}

describe('Investigation', () => {
  it('keeps every finding with an empty allow-list', async () => {
    const investigation = await openInvestigation({ settings: escu(), allowList: [] });

    expect(investigation.result.findings.map(keyOf)).toEqual(expectedFindings.map(keyOf));
    expect(investigation.result.suppressed).toEqual([]);
    expect(investigation.result.nearMisses).toEqual([]);
  });

  it('names every ClientAppId it shows', async () => {
    const investigation = await openInvestigation({ settings: escu(), allowList: [] });

    const ids = new Set(expectedFindings.map((finding) => finding.clientAppId));
    expect(Object.keys(investigation.result.appNames).sort()).toEqual([...ids].sort());
    expect(Object.values(investigation.result.appNames).every((lookup) => !lookup.known)).toBe(true);
  });

  it('suppresses exactly the allowed app', async () => {
    const allowed = expectedFindings[0]?.clientAppId ?? '';
    const investigation = await openInvestigation({
      settings: escu(),
      allowList: [{ field: 'ClientAppId', value: allowed, note: 'Archiving connector' }],
    });

    const suppressed = expectedFindings.filter((finding) => finding.clientAppId === allowed);
    expect(investigation.result.findings.map(keyOf)).toEqual(expectedFindings.filter((finding) => finding.clientAppId !== allowed).map(keyOf));
    expect(investigation.result.suppressed.map((entry) => keyOf(entry.finding))).toEqual(suppressed.map(keyOf));
    expect(investigation.result.allowListCounts).toEqual([
      { findings: suppressed.length, records: suppressed.reduce((total, finding) => total + finding.recordCount, 0) },
    ]);
    expect(investigation.result.summary.findings).toBe(expectedFindings.length);
  });

  it('re-detects with a lower threshold', async () => {
    const investigation = await openInvestigation({ settings: escu(), allowList: [] });
    const lowered = await openInvestigation({ settings: { ...escu(), threshold: 3 }, allowList: [] });

    const result = investigation.redetect({ settings: { ...escu(), threshold: 3 }, allowList: [] });

    expect(result.findings.map(keyOf)).toEqual(lowered.result.findings.map(keyOf));
    expect(result.findings.length).toBeGreaterThan(expectedFindings.length);
    expect(investigation.request.settings.threshold).toBe(3);
  });

  it('keeps the previous result after invalid settings', async () => {
    const investigation = await openInvestigation({ settings: escu(), allowList: [] });

    expect(() => investigation.redetect({ settings: { ...escu(), spanSeconds: 0 }, allowList: [] })).toThrow(RangeError);
    expect(investigation.result.findings.map(keyOf)).toEqual(expectedFindings.map(keyOf));
    expect(investigation.request.settings.spanSeconds).toBe(600);
  });

  it('drills down only on findings on screen', async () => {
    const investigation = await openInvestigation({ settings: escu(), allowList: [] });
    const [first] = investigation.result.findings;
    if (!first) throw new Error('The planted export has no findings.');

    const { drillDown } = investigation.drillDown(structuredClone(first));
    expect(drillDown.records).toHaveLength(first.recordCount);
    expect(new Set(drillDown.records.map((record) => record.userId))).toEqual(new Set(first.users));

    expect(() => investigation.drillDown({ ...first, binStart: first.binStart + 60 })).toThrow(/not among the latest results/);
  });

  it('builds the report input with drill-downs and timeline', async () => {
    const investigation = await openInvestigation({ settings: escu(), allowList: [] });

    const input = buildReportInput(investigation, { version: '9.9.9', generatedAt: new Date(Date.UTC(2024, 2, 15)) });

    expect(input.drillDowns?.map(({ finding }) => keyOf(finding))).toEqual(expectedFindings.slice(0, MAX_REPORT_DRILL_DOWNS).map(keyOf));
    expect(input.drillDowns?.map(({ drillDown }) => drillDown.records.length)).toEqual(expectedFindings.map((finding) => finding.recordCount));
    expect(input.timeline?.threshold).toBe(5);
    expect(input.timeline?.series.map((series) => series.clientAppId)).toEqual(expect.arrayContaining(expectedFindings.map((finding) => finding.clientAppId)));
    expect(input.allowList).toBeUndefined();
  });

  it('names the export files', async () => {
    const investigation = await openInvestigation({ settings: escu(), allowList: [] });
    const context = { version: '9.9.9', generatedAt: new Date(Date.UTC(2024, 2, 15)) };

    const html = formatAnalysisExport(investigation, 'report-html', context);
    const csv = formatAnalysisExport(investigation, 'findings-csv', context);

    expect(html).toMatchObject({ baseName: 'mailsweep-report', extension: 'html' });
    for (const finding of expectedFindings) {
      expect(html.text).toContain(finding.clientAppId);
    }
    expect(csv.text.split('\r\n')[0]).toMatch(/^_time,ClientAppId,ClientInfoString,src_ip,unique_mailboxes,user,/);
    expect(() => formatAnalysisExport(investigation, 'drill-down-csv', context)).toThrow(/needs a finding/);
  });
});
