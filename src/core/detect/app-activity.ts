// Activity of one ClientAppId per fixed bin: the records that pass the API filter and the distinct
// counted mailboxes among them, over all of the app's ClientInfoStrings. The timeline and the
// drill-down's before-and-after view both read it.
// NOTE: one app can log several ClientInfoStrings, and the detection counts each separately, so a
// bin of an app can exceed the threshold without a finding.

import { binStart } from '../time/time-bin.ts';
import type { DetectionContext } from './detection-context.ts';
import type { DistinctStamps } from './distinct-stamps.ts';

/** Parallel lists, one entry per bin that has records, in ascending bin order. */
export interface BinCounts {
  binStarts: number[];
  records: number[];
  mailboxes: number[];
}

/**
 * Counts the activity of app number `app` (an index into `order.appStarts`) in fixed bins of the
 * settings' span, for records with times in [from, to). `stamps` may be shared between calls.
 */
export function countAppActivity(
  context: DetectionContext,
  app: number,
  stamps: DistinctStamps,
  from = Number.NEGATIVE_INFINITY,
  to = Number.POSITIVE_INFINITY,
): BinCounts {
  const { order, columns, filter, identity, settings } = context;
  const end = order.appStarts[app + 1] ?? 0;
  const counts: BinCounts = { binStarts: [], records: [], mailboxes: [] };

  let binEnd = Number.NEGATIVE_INFINITY;
  for (let position = firstPositionAtOrAfter(context, app, from); position < end; position += 1) {
    const row = order.appRows[position] ?? 0;
    const time = columns.time[row] ?? 0;
    if (time >= to) break;
    if (!filter.passes(columns.appId[row] ?? 0, columns.clientInfoString[row] ?? 0)) continue;

    if (time >= binEnd) {
      const bin = binStart(time, settings.spanSeconds);
      binEnd = bin + settings.spanSeconds;
      counts.binStarts.push(bin);
      counts.records.push(0);
      counts.mailboxes.push(0);
      stamps.next();
    }

    const last = counts.records.length - 1;
    counts.records[last] = (counts.records[last] ?? 0) + 1;
    if (stamps.isNew(identity.keyOfRow(row))) {
      counts.mailboxes[last] = (counts.mailboxes[last] ?? 0) + 1;
    }
  }
  return counts;
}

/** Binary search for the first position of the app whose time is at or after `from`. */
function firstPositionAtOrAfter(context: DetectionContext, app: number, from: number): number {
  const { order, columns } = context;
  let low = order.appStarts[app] ?? 0;
  let high = order.appStarts[app + 1] ?? 0;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((columns.time[order.appRows[middle] ?? 0] ?? 0) < from) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}
