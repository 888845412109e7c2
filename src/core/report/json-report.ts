// The JSON report: one document with the provenance (version, settings, departures from ESCU,
// input hashes), the summary, the data-quality report of each file, and the findings with their
// app names and risk fields. Near misses, the allow-list, drill-downs and the timeline are added
// when given. Keys are the field names of the shared types (types.ts), so the document is
// described there.

import type { AnalysisSummary, FileReport } from '../types.ts';
import type { AllowListEntry } from '../allow-list/allow-list-entry.ts';
import type { AllowListEntryCount } from '../allow-list/apply-allow-list.ts';
import type { ReportDrillDown, ReportInput, ReportTimeline } from './report-input.ts';
import { buildProvenance, type ReportProvenance } from './report-provenance.ts';
import { toReportFinding, type ReportFinding } from './report-finding.ts';
import { findingId } from '../risk/finding-risk.ts';

/** Names the document's kind, so a tool that reads it can check what it has. */
export const JSON_REPORT_FORMAT = 'mailsweep-report';

/**
 * Version of the document's layout. It goes up when a field is renamed or removed, not when an
 * optional field is added.
 */
export const JSON_REPORT_VERSION = 1;

export interface JsonReport {
  format: typeof JSON_REPORT_FORMAT;
  formatVersion: typeof JSON_REPORT_VERSION;
  provenance: ReportProvenance;
  /** The analysis counts. The per-file reports are in `files`. */
  summary: Omit<AnalysisSummary, 'files'>;
  files: FileReport[];
  findings: ReportFinding[];
  nearMisses?: ReportFinding[];
  allowList?: {
    entries: (AllowListEntry & AllowListEntryCount)[];
    /** Findings the allow-list removed, each with the 0-based positions of the entries that matched it. */
    suppressed: (ReportFinding & { entryIndexes: number[] })[];
  };
  drillDowns?: (ReportDrillDown & { findingId: string })[];
  timeline?: ReportTimeline;
}

/** Builds the JSON report as an object. */
export function buildJsonReport(input: ReportInput): JsonReport {
  const { files, ...summary } = input.summary;
  const report: JsonReport = {
    format: JSON_REPORT_FORMAT,
    formatVersion: JSON_REPORT_VERSION,
    provenance: buildProvenance({
      version: input.version,
      generatedAt: input.generatedAt,
      settings: input.settings,
      files,
      allowList: input.allowList?.entries,
    }),
    summary,
    files: [...files],
    findings: input.findings.map(toReportFinding),
  };

  if (input.nearMisses !== undefined) {
    report.nearMisses = input.nearMisses.map(toReportFinding);
  }
  if (input.allowList !== undefined) {
    const { entries, outcome } = input.allowList;
    report.allowList = {
      entries: entries.map((entry, index) => ({ ...entry, ...(outcome.entryCounts[index] ?? { findings: 0, records: 0 }) })),
      suppressed: outcome.suppressed.map(({ finding, entryIndexes }) => ({ ...toReportFinding(finding), entryIndexes })),
    };
  }
  if (input.drillDowns !== undefined) {
    report.drillDowns = input.drillDowns.map(({ finding, drillDown }) => ({ findingId: findingId(finding), ...drillDown }));
  }
  if (input.timeline !== undefined) {
    report.timeline = input.timeline;
  }
  return report;
}

/** Formats the JSON report as text, indented by two spaces, with a final newline. */
export function formatJsonReport(input: ReportInput): string {
  return `${JSON.stringify(buildJsonReport(input), null, 2)}\n`;
}
