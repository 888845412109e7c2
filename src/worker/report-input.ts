// Gathers what the JSON and HTML reports are built from: the latest result with its allow-list,
// the drill-downs of its findings and the timeline, mapped onto the report builders' plain shapes.
import type { DrillDown } from '../core/detect/drill-down.ts';
import type { Timeline } from '../core/detect/timeline.ts';
import type { ReportDrillDown, ReportInput, ReportTimeline } from '../core/report/report-input.ts';
import type { Investigation } from './investigation.ts';

/**
 * Findings whose drill-down goes into a report, in detection order. Each adds a table of all its
 * records, so a report of thousands of findings would run to hundreds of MB. Findings past this
 * limit are listed without a drill-down, and the report links only the ones it has.
 */
export const MAX_REPORT_DRILL_DOWNS = 100;

/** Context that every export names besides the data: the program version and the moment of export. */
export interface ExportContext {
  version: string;
  generatedAt: Date;
}

export function toReportDrillDown(drillDown: DrillDown): ReportDrillDown {
  return {
    mailboxes: drillDown.mailboxes.map((mailbox) => ({
      userId: mailbox.userId ?? '',
      ...(mailbox.mailboxOwnerUpn === undefined ? {} : { mailboxOwnerUpn: mailbox.mailboxOwnerUpn }),
      records: mailbox.recordCount,
    })),
    records: drillDown.records.map(({ time, clientIp, userId, appId: _appId, ...details }) => ({
      time,
      clientIp: clientIp ?? '',
      userId: userId ?? '',
      ...details,
    })),
    activity: drillDown.activity.map(({ binStart, records, mailboxes }) => ({ binStart, records, mailboxes })),
  };
}

export function toReportTimeline(timeline: Timeline): ReportTimeline {
  return {
    spanSeconds: timeline.spanSeconds,
    threshold: timeline.threshold,
    series: timeline.apps.map((app) => ({
      clientAppId: app.clientAppId,
      bins: app.binStarts.map((binStart, index) => ({ binStart, mailboxes: app.mailboxes[index] ?? 0 })),
    })),
  };
}

/** Builds the report input of the investigation's latest result. */
export function buildReportInput(investigation: Investigation, context: ExportContext): ReportInput {
  const { result } = investigation;
  const drilled = result.findings.slice(0, MAX_REPORT_DRILL_DOWNS);
  const suppressedRecords = result.suppressed.reduce((total, entry) => total + entry.finding.recordCount, 0);

  const input: ReportInput = {
    version: context.version,
    generatedAt: context.generatedAt,
    settings: result.settings,
    summary: result.summary,
    findings: result.findings,
    drillDowns: drilled.map((finding) => ({ finding, drillDown: toReportDrillDown(investigation.drillDown(finding).drillDown) })),
    timeline: toReportTimeline(investigation.timeline().timeline),
  };
  if (result.settings.includeNearMisses) {
    input.nearMisses = result.nearMisses;
  }
  if (result.allowList.length > 0) {
    input.allowList = {
      entries: result.allowList,
      outcome: { kept: result.findings, suppressed: result.suppressed, entryCounts: result.allowListCounts, suppressedRecords },
    };
  }
  return input;
}
