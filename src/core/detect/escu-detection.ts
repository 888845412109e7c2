// The aggregation of ESCU "O365 Multiple Mailboxes Accessed via API":
//   | bucket span=10m _time
//   | stats values(ClientIPAddress) as src_ip dc(user) as unique_mailboxes values(user) as user
//           by _time ClientAppId ClientInfoString
//   | where unique_mailboxes > 5
// computed on the index's integer ids, with every value of the search tunable through
// DetectionSettings. With ESCU_SETTINGS the result is the published search's. A change of settings
// re-runs this on the index: the API filter is re-tested once per distinct string, the row order
// is cached per index revision, and each run is one linear pass over the groupable rows.

import type { MailboxAccessIndex } from '../index/mailbox-access-index.ts';
import { StringTable } from '../index/string-table.ts';
import type { DetectionParams } from '../types.ts';
import { ApiAccessFilter } from './api-access-filter.ts';
import { createDetectionContext, type SweepDetection } from './detection-context.ts';
import { ESCU_SETTINGS, resolveDetectionSettings, validateDetectionSettings, type DetectionSettings } from './detection-settings.ts';
import { detectInFixedBins } from './fixed-bin-detection.ts';
import { detectInSlidingWindows } from './sliding-window-detection.ts';

export type { SweepDetection } from './detection-context.ts';

/** Rows of the index that pass each later stage of the search. */
export interface ApiAccessCounts {
  /** Rows whose AppId is in the Graph list or whose ClientInfoString matches the EWS pattern. */
  apiAccess: number;
  /** API rows that also have a ClientInfoString, so that they belong to a group. */
  grouped: number;
}

/** Counts the index rows that pass the API filter of `settings`, and those of them that can be grouped. */
export function countApiAccess(index: MailboxAccessIndex, settings: Pick<DetectionSettings, 'graphAppIds' | 'ewsPattern'> = ESCU_SETTINGS): ApiAccessCounts {
  const { appId, clientInfoString } = index.columns();
  const filter = new ApiAccessFilter(index.strings, settings);
  let apiAccess = 0;
  let grouped = 0;
  for (let row = 0; row < appId.length; row += 1) {
    const info = clientInfoString[row] ?? StringTable.ABSENT;
    if (filter.passes(appId[row] ?? StringTable.ABSENT, info)) {
      apiAccess += 1;
      if (info !== StringTable.ABSENT) {
        grouped += 1;
      }
    }
  }
  return { apiAccess, grouped };
}

/** Throws a RangeError unless the span is a whole number of seconds of at least 1 and the threshold is a number of at least 0. */
export function validateDetectionParams(params: DetectionParams): void {
  validateDetectionSettings(resolveDetectionSettings({ spanSeconds: params.spanSeconds, threshold: params.threshold }));
}

/**
 * Runs the aggregation over the index. Fields left out of `settings` take their ESCU value, so
 * plain DetectionParams run the published search with another span or threshold. The findings
 * are the groups whose counted mailboxes exceed `threshold`, ordered by bin (or window) start,
 * then ClientAppId, then ClientInfoString, in code-unit order. Throws a RangeError naming each
 * invalid setting.
 */
export function detectMailboxSweeps(index: MailboxAccessIndex, settings: DetectionParams & Partial<DetectionSettings>): SweepDetection {
  const resolved = resolveDetectionSettings(settings);
  validateDetectionSettings(resolved);

  const context = createDetectionContext(index, resolved);
  return resolved.window === 'sliding' ? detectInSlidingWindows(context) : detectInFixedBins(context);
}
