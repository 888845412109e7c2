// Data for the timeline: per ClientAppId, the distinct counted mailboxes and the records per fixed
// bin over the whole analysis, with the threshold to draw as a line. Bins are the settings' span
// aligned to the Unix epoch in both window modes. Series are sparse: a bin without records is left
// out, so a month of 10-minute bins (4,320) costs only the bins an app was active in.

import type { MailboxAccessIndex } from '../index/mailbox-access-index.ts';
import { StringTable } from '../index/string-table.ts';
import type { DetectionParams } from '../types.ts';
import { countAppActivity } from './app-activity.ts';
import { compareCodeUnits } from './code-unit-order.ts';
import { createDetectionContext } from './detection-context.ts';
import { resolveDetectionSettings, validateDetectionSettings, type DetectionSettings } from './detection-settings.ts';
import { DistinctStamps } from './distinct-stamps.ts';

/** One application's series: parallel lists, one entry per active bin, in ascending bin order. */
export interface AppTimeline {
  clientAppId: string;
  /** Bin starts, Unix epoch seconds. */
  binStarts: number[];
  /** Distinct counted mailboxes per bin, over all of the app's ClientInfoStrings. */
  mailboxes: number[];
  /** Records per bin that pass the API filter and have a ClientInfoString. */
  records: number[];
  /** Largest value of `mailboxes`. */
  maxMailboxes: number;
}

export interface Timeline {
  spanSeconds: number;
  /** The detection's threshold: a group needs more distinct mailboxes than this to be a finding. */
  threshold: number;
  /** First and last active bin of any app. Both are absent when no record passes the API filter. */
  firstBinStart?: number;
  lastBinStart?: number;
  /** Apps with at least one active bin, the busiest first (largest maxMailboxes), then by ClientAppId in code-unit order. */
  apps: AppTimeline[];
}

/**
 * Builds the timeline of the index under these settings. The API filter, counted identity, case
 * folding and span apply, but the window mode does not. Throws a RangeError for invalid settings.
 */
export function buildTimeline(index: MailboxAccessIndex, settings: DetectionParams & Partial<DetectionSettings>): Timeline {
  const resolved = resolveDetectionSettings(settings);
  validateDetectionSettings(resolved);

  const context = createDetectionContext(index, resolved);
  const { order, columns, strings } = context;
  const stamps = new DistinctStamps(strings.size);
  const apps: AppTimeline[] = [];
  for (let app = 0; app + 1 < order.appStarts.length; app += 1) {
    const counts = countAppActivity(context, app, stamps);
    if (counts.binStarts.length === 0) continue;

    const firstRow = order.appRows[order.appStarts[app] ?? 0] ?? 0;
    apps.push({
      clientAppId: strings.lookup(columns.clientAppId[firstRow] ?? StringTable.ABSENT),
      ...counts,
      maxMailboxes: maxOf(counts.mailboxes),
    });
  }
  apps.sort((a, b) => b.maxMailboxes - a.maxMailboxes || compareCodeUnits(a.clientAppId, b.clientAppId));

  const timeline: Timeline = { spanSeconds: resolved.spanSeconds, threshold: resolved.threshold, apps };
  if (apps.length > 0) {
    timeline.firstBinStart = -maxOf(apps.map((app) => -(app.binStarts[0] ?? 0)));
    timeline.lastBinStart = maxOf(apps.map((app) => app.binStarts.at(-1) ?? 0));
  }
  return timeline;
}

/** Returns the maximum of a non-empty list. It loops because spreading a long list into Math.max overflows the stack. */
function maxOf(values: readonly number[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    max = Math.max(max, value);
  }
  return max;
}
