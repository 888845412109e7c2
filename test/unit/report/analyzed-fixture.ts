// Runs the real analysis on generated fixture files (or records made in the test), with each
// file's SHA-256 computed while it is read. Drill-downs and a timeline are derived from the same
// records, so the report tests work on realistic inputs.

import { readFileSync } from 'node:fs';
import path from 'node:path';

import { analyzeSources } from '../../../src/core/analysis/analyze-sources.ts';
import { ESCU_SETTINGS, type DetectionSettings } from '../../../src/core/detect/detection-settings.ts';
import { hashWhileReading } from '../../../src/core/hash/hash-while-reading.ts';
import { readMailAccessDetails } from '../../../src/core/record/mail-access-details.ts';
import type { ReportDrillDown, ReportFindingDrillDown, ReportInput, ReportTimeline } from '../../../src/core/report/report-input.ts';
import type { AnalysisResult, Finding } from '../../../src/core/types.ts';

export const GENERATED_DIR = path.resolve(import.meta.dirname, '../../fixtures/generated');

/** Fixed so that reports built in tests are the same on every run. */
export const GENERATED_AT = new Date(Date.UTC(2024, 2, 15, 9, 30, 0));

export const TEST_VERSION = '0.1.0-test';

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const EWS_PREFIX = 'Client=WebServices;ExchangeWebServices';

export interface AnalyzedFiles {
  result: AnalysisResult;
  /** Every record of every file, as parsed from the JSON lines. */
  records: Record<string, unknown>[];
  bytes: Uint8Array[];
}

export function readGenerated(file: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(readFileSync(path.join(GENERATED_DIR, file)));
}

/** Analyses JSON-lines files given as name and bytes, and sets each report's sha256 from the hash taken while reading. */
export async function analyzeJsonLines(files: { name: string; bytes: Uint8Array }[], settings: DetectionSettings = ESCU_SETTINGS): Promise<AnalyzedFiles> {
  const hashing = files.map((file) => hashWhileReading(new Blob([Uint8Array.from(file.bytes)])));
  const { result } = await analyzeSources(
    files.map((file, index) => ({ name: file.name, source: (hashing[index] ?? hashWhileReading(new Blob())).source })),
    settings,
  );
  for (const [index, report] of result.summary.files.entries()) {
    report.sha256 = await hashing[index]?.digestHex();
  }

  const decoder = new TextDecoder();
  const records = files.flatMap((file) =>
    decoder
      .decode(file.bytes)
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>),
  );
  return { result, records, bytes: files.map((file) => file.bytes) };
}

/** Returns JSON-lines bytes with one record per line. */
export function jsonLinesBytes(records: Record<string, unknown>[]): Uint8Array {
  return new TextEncoder().encode(records.map((record) => JSON.stringify(record)).join('\n') + '\n');
}

function text(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  return typeof value === 'string' ? value : '';
}

function seconds(record: Record<string, unknown>): number {
  return Date.parse(`${text(record, 'CreationTime').replace(/Z$/, '')}Z`) / 1000;
}

function isApiRead(record: Record<string, unknown>): boolean {
  return (
    text(record, 'Operation').toLowerCase() === 'mailitemsaccessed' &&
    text(record, 'AppId') !== '' &&
    text(record, 'ClientAppId') !== '' &&
    (text(record, 'AppId').toLowerCase() === GRAPH_APP_ID || text(record, 'ClientInfoString').startsWith(EWS_PREFIX))
  );
}

/** Builds a finding's drill-down from the raw records, as the index would (one record per Id). */
export function drillDownFromRecords(finding: Finding, records: Record<string, unknown>[], spanSeconds: number): ReportDrillDown {
  const unique = new Map(records.map((record) => [text(record, 'Id'), record]));
  const sameApp = [...unique.values()].filter((record) => isApiRead(record) && text(record, 'ClientAppId') === finding.clientAppId);
  const inFinding = sameApp
    .filter(
      (record) =>
        text(record, 'ClientInfoString') === finding.clientInfoString &&
        seconds(record) >= finding.binStart &&
        seconds(record) < finding.binStart + spanSeconds,
    )
    .sort((left, right) => seconds(left) - seconds(right));

  const mailboxes = new Map<string, { userId: string; mailboxOwnerUpn: string; records: number }>();
  for (const record of inFinding) {
    const userId = text(record, 'UserId');
    const entry = mailboxes.get(userId) ?? { userId, mailboxOwnerUpn: text(record, 'MailboxOwnerUPN'), records: 0 };
    entry.records += 1;
    mailboxes.set(userId, entry);
  }

  const activity = [-1, 0, 1].map((offset) => {
    const binStart = finding.binStart + offset * spanSeconds;
    const inBin = sameApp.filter((record) => seconds(record) >= binStart && seconds(record) < binStart + spanSeconds);
    return { binStart, records: inBin.length, mailboxes: new Set(inBin.map((record) => text(record, 'UserId'))).size };
  });

  return {
    mailboxes: [...mailboxes.values()],
    records: inFinding.map((record) => ({
      time: seconds(record),
      clientIp: text(record, 'ClientIPAddress'),
      userId: text(record, 'UserId'),
      mailboxOwnerUpn: text(record, 'MailboxOwnerUPN'),
      ...readMailAccessDetails(record),
    })),
    activity,
  };
}

/** Distinct UserIds per bin and ClientAppId over every API read in the records. */
export function timelineFromRecords(records: Record<string, unknown>[], spanSeconds: number, threshold: number): ReportTimeline {
  const users = new Map<string, Map<number, Set<string>>>();
  for (const record of records.filter(isApiRead)) {
    const binStart = seconds(record) - (seconds(record) % spanSeconds);
    const bins = users.get(text(record, 'ClientAppId')) ?? new Map<number, Set<string>>();
    bins.set(binStart, (bins.get(binStart) ?? new Set()).add(text(record, 'UserId')));
    users.set(text(record, 'ClientAppId'), bins);
  }
  return {
    spanSeconds,
    threshold,
    series: [...users].map(([clientAppId, bins]) => ({
      clientAppId,
      bins: [...bins].sort(([left], [right]) => left - right).map(([binStart, set]) => ({ binStart, mailboxes: set.size })),
    })),
  };
}

/** Builds a report input over an analysis, with a drill-down for every finding and the timeline. */
export function reportInputOf(analyzed: AnalyzedFiles, settings: DetectionSettings = ESCU_SETTINGS): ReportInput {
  const drillDowns: ReportFindingDrillDown[] = analyzed.result.findings.map((finding) => ({
    finding,
    drillDown: drillDownFromRecords(finding, analyzed.records, settings.spanSeconds),
  }));
  return {
    version: TEST_VERSION,
    generatedAt: GENERATED_AT,
    settings,
    summary: analyzed.result.summary,
    findings: analyzed.result.findings,
    drillDowns,
    timeline: timelineFromRecords(analyzed.records, settings.spanSeconds, settings.threshold),
  };
}
