// Input of the JSON and HTML report builders: the analysis result and plain descriptions of the
// drill-downs and the timeline. The drill-down and timeline shapes are defined here, so the
// builders do not depend on how the index computes them. The worker maps its results onto them.

import type { AnalysisSummary, Finding } from '../types.ts';
import type { AllowListEntry } from '../allow-list/allow-list-entry.ts';
import type { AllowListOutcome } from '../allow-list/apply-allow-list.ts';
import type { DetectionSettings } from '../detect/detection-settings.ts';

/** One record behind a finding. Times are Unix epoch seconds (UTC). */
export interface ReportDrillDownRecord {
  time: number;
  /** Raw ClientIPAddress, as in the finding's `srcIps`. */
  clientIp: string;
  userId: string;
  mailboxOwnerUpn?: string;
  /** `Bind`, `Sync` or other text from OperationProperties. Absent when the record has none. */
  mailAccessType?: string;
  /** True when Exchange had stopped logging Bind reads of this mailbox, so more may have been read. */
  isThrottled?: boolean;
  operationCount?: number;
  folderPaths: string[];
  /** Number of InternetMessageId values the record names. Absent when its folders could not be read. */
  messageIdCount?: number;
}

/** One mailbox read in a finding, with its record count. */
export interface ReportDrillDownMailbox {
  userId: string;
  mailboxOwnerUpn?: string;
  records: number;
}

/** The same application's activity in one bin. */
export interface ReportActivityBin {
  /** Bin start, Unix epoch seconds. */
  binStart: number;
  records: number;
  mailboxes: number;
}

/** The details of one finding. */
export interface ReportDrillDown {
  mailboxes: ReportDrillDownMailbox[];
  /** The finding's records in time order. */
  records: ReportDrillDownRecord[];
  /** The same ClientAppId in the bins before, at and after the finding's bin. */
  activity: ReportActivityBin[];
}

/** A finding and its drill-down. */
export interface ReportFindingDrillDown {
  finding: Finding;
  drillDown: ReportDrillDown;
}

/** Distinct mailboxes per bin of one ClientAppId. Bins without reads may be left out. */
export interface ReportTimelineSeries {
  clientAppId: string;
  bins: { binStart: number; mailboxes: number }[];
}

export interface ReportTimeline {
  spanSeconds: number;
  /** A bin is over the line when its mailboxes exceed this number. */
  threshold: number;
  series: ReportTimelineSeries[];
}

/** Everything a report is built from. Plain data: it survives structured cloning. */
export interface ReportInput {
  /** Mailsweep's version (package.json), injected by the build. */
  version: string;
  generatedAt: Date;
  settings: DetectionSettings;
  summary: AnalysisSummary;
  /** The findings to report: after the allow-list, when one was applied. */
  findings: Finding[];
  /** Groups at the threshold or one below it, when the settings request them. */
  nearMisses?: Finding[];
  /** The allow-list and what it removed. When present, `findings` must be `outcome.kept`. */
  allowList?: { entries: AllowListEntry[]; outcome: AllowListOutcome };
  drillDowns?: ReportFindingDrillDown[];
  timeline?: ReportTimeline;
}
