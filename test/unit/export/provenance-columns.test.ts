import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';

import { ESCU_SETTINGS } from '../../../src/core/detect/detection-settings.ts';
import { formatDataQualityCsv } from '../../../src/core/export/data-quality-csv.ts';
import { FINDINGS_CSV_COLUMNS, formatFindingsCsv } from '../../../src/core/export/findings-csv.ts';
import { provenanceColumns } from '../../../src/core/export/provenance-columns.ts';
import { buildProvenance } from '../../../src/core/report/report-provenance.ts';
import type { FileReport, Finding } from '../../../src/core/types.ts';

const GRAPH_SWEEP: Finding = {
  binStart: Date.UTC(2024, 2, 1, 10, 0) / 1000,
  clientAppId: '5b9e7c31-0d2a-4c8f-9e6a-1f8b2d7e5c40',
  clientInfoString: 'Client=REST;Client=RESTSystem;;',
  srcIps: ['198.51.100.23'],
  normalizedSrcIps: ['198.51.100.23'],
  uniqueMailboxes: 6,
  users: ['a@contoso.example', 'b@contoso.example', 'c@contoso.example', 'd@contoso.example', 'e@contoso.example', 'f@contoso.example'],
  recordCount: 9,
  firstEventTime: Date.UTC(2024, 2, 1, 10, 1) / 1000,
  lastEventTime: Date.UTC(2024, 2, 1, 10, 8) / 1000,
};

function fileReport(name: string, sha256?: string): FileReport {
  const report: FileReport = {
    name,
    sizeBytes: 1_204,
    format: 'purview-csv',
    encoding: 'utf-8',
    recordsRead: 9,
    mailItemsAccessed: 9,
    duplicatesRemoved: 0,
    skipped: [],
    notices: [],
  };
  if (sha256 !== undefined) report.sha256 = sha256;
  return report;
}

const DIGEST = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function parse(text: string): string[][] {
  return Papa.parse<string[]>(text, { newline: '\r\n', skipEmptyLines: true }).data;
}

describe('provenanceColumns', () => {
  it('names ESCU defaults and hashed inputs', () => {
    const provenance = buildProvenance({
      version: '0.1.0',
      generatedAt: new Date(Date.UTC(2026, 11, 4)),
      settings: { ...ESCU_SETTINGS, graphAppIds: [...ESCU_SETTINGS.graphAppIds] },
      files: [fileReport('tenant.csv', DIGEST), fileReport('archive.zip/part.json')],
    });

    const columns = provenanceColumns(provenance);

    expect(columns.names).toEqual(['detection_settings', 'mailsweep_version', 'input_files']);
    expect(columns.cells).toEqual(['ESCU defaults', '0.1.0', `${DIGEST}  tenant.csv\nnot hashed  archive.zip/part.json`]);
  });

  it('lists each departure on its own line', () => {
    const provenance = buildProvenance({
      version: '0.1.0',
      generatedAt: new Date(Date.UTC(2026, 11, 4)),
      settings: { ...ESCU_SETTINGS, graphAppIds: [...ESCU_SETTINGS.graphAppIds], threshold: 3, window: 'sliding' },
      files: [fileReport('tenant.csv', DIGEST)],
    });

    const [settings] = provenanceColumns(provenance).cells;

    expect(settings?.split('\n')).toHaveLength(2);
    expect(settings).toContain('3');
    expect(settings).toMatch(/sliding/i);
  });

  it('follows every other column of the findings and quality exports', () => {
    const provenance = buildProvenance({
      version: '0.1.0',
      generatedAt: new Date(Date.UTC(2026, 11, 4)),
      settings: { ...ESCU_SETTINGS, graphAppIds: [...ESCU_SETTINGS.graphAppIds] },
      files: [fileReport('tenant.csv', DIGEST)],
    });
    const trailing = provenanceColumns(provenance);

    const findings = parse(formatFindingsCsv([GRAPH_SWEEP], { appName: () => 'Contoso Backup', trailing }));
    const quality = parse(formatDataQualityCsv([fileReport('tenant.csv', DIGEST)], trailing));

    expect(findings[0]).toEqual([...FINDINGS_CSV_COLUMNS, 'client_app_name', ...trailing.names]);
    expect(findings[1]?.slice(-4)).toEqual(['Contoso Backup', ...trailing.cells]);
    expect(quality[0]?.slice(-3)).toEqual([...trailing.names]);
    expect(quality[1]?.slice(-3)).toEqual([...trailing.cells]);
  });
});

describe('provenanceColumns with an archive', () => {
  it('lists a dropped archive once by its own name', () => {
    const members = [fileReport('case.zip/a/tenant.csv', DIGEST), fileReport('case.zip/b/tenant.jsonl', DIGEST)].map((report) => ({
      ...report,
      archive: 'case.zip',
    }));
    const provenance = buildProvenance({
      version: '0.1.0',
      generatedAt: new Date(Date.UTC(2026, 11, 4)),
      settings: { ...ESCU_SETTINGS, graphAppIds: [...ESCU_SETTINGS.graphAppIds] },
      files: [...members, fileReport('loose.json', DIGEST.replace('e3', 'f4'))],
    });

    const [, , files] = provenanceColumns(provenance).cells;

    expect(files).toBe(`${DIGEST}  case.zip\n${DIGEST.replace('e3', 'f4')}  loose.json`);
  });
});
