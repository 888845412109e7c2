// ESCU's grouping: fixed, epoch-aligned bins of `spanSeconds`, one group per (bin, ClientAppId,
// ClientInfoString). The rows of each group key are in time order, so each bin is one run of rows.

import { binStart } from '../time/time-bin.ts';
import type { Finding } from '../types.ts';
import {
  isNearMissCount,
  passingPositionsOfKey,
  rowsAt,
  type DetectionContext,
  type SweepDetection,
} from './detection-context.ts';
import { DistinctStamps } from './distinct-stamps.ts';
import { buildFinding, sortFindings } from './finding-builder.ts';

/** Runs the detection in fixed bins. */
export function detectInFixedBins(context: DetectionContext): SweepDetection {
  const { columns, strings, settings, identity, order } = context;
  const buffer = new Uint32Array(order.rows.length);
  const stamps = new DistinctStamps(strings.size);
  const { times } = order;

  const findings: Finding[] = [];
  const nearMisses: Finding[] = [];
  let groups = 0;
  let maxUniqueMailboxes = 0;
  for (let key = 0; key + 1 < order.keyStarts.length; key += 1) {
    const positions = passingPositionsOfKey(context, key, buffer);

    let start = 0;
    while (start < positions.length) {
      const bin = binStart(times[positions[start] ?? 0] ?? 0, settings.spanSeconds);
      // The bin contains the times t with floor(t) in [bin, binEnd). binEnd is whole, so t < binEnd is the same test.
      const binEnd = bin + settings.spanSeconds;
      let end = start + 1;
      while (end < positions.length && (times[positions[end] ?? 0] ?? 0) < binEnd) {
        end += 1;
      }

      const group = positions.subarray(start, end);
      stamps.next();
      let mailboxes = 0;
      for (const position of group) {
        if (stamps.isNew(identity.keyAt(position))) mailboxes += 1;
      }

      groups += 1;
      maxUniqueMailboxes = Math.max(maxUniqueMailboxes, mailboxes);
      if (mailboxes > settings.threshold) {
        findings.push(buildFinding(rowsAt(order, group), bin, columns, strings, identity));
      } else if (settings.includeNearMisses && isNearMissCount(mailboxes, settings.threshold)) {
        nearMisses.push({ ...buildFinding(rowsAt(order, group), bin, columns, strings, identity), nearMiss: true });
      }
      start = end;
    }
  }

  return { findings: sortFindings(findings), nearMisses: sortFindings(nearMisses), groups, maxUniqueMailboxes };
}
