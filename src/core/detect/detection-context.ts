// The context of one detection run, built once per call: the index columns, the settings, the
// API filter and counted identity they imply, and the settings-independent group order.

import type { MailboxAccessColumns, MailboxAccessIndex } from '../index/mailbox-access-index.ts';
import type { StringTable } from '../index/string-table.ts';
import type { Finding } from '../types.ts';
import { ApiAccessFilter } from './api-access-filter.ts';
import { CountedIdentity } from './counted-identity.ts';
import type { DetectionSettings } from './detection-settings.ts';
import { groupOrderOf, type GroupOrder } from './group-order.ts';

/** Result of one run of the aggregation. */
export interface SweepDetection {
  /** Groups over the threshold, in ESCU's order. */
  findings: Finding[];
  /** Groups at the threshold or one below it, each marked `nearMiss`. Empty unless the settings request them. */
  nearMisses: Finding[];
  /**
   * Groups formed, over the threshold or not: (bin, ClientAppId, ClientInfoString) groups in fixed
   * mode, (ClientAppId, ClientInfoString) pairs in sliding mode.
   */
  groups: number;
  /** Largest counted-mailbox count of any group (fixed mode) or window (sliding mode), or 0 without groups. */
  maxUniqueMailboxes: number;
}

export interface DetectionContext {
  readonly columns: MailboxAccessColumns;
  readonly strings: StringTable;
  readonly settings: DetectionSettings;
  readonly filter: ApiAccessFilter;
  readonly identity: CountedIdentity;
  readonly order: GroupOrder;
}

/** Builds the context of one run. `settings` must be valid. */
export function createDetectionContext(index: MailboxAccessIndex, settings: DetectionSettings): DetectionContext {
  const columns = index.columns();
  const order = groupOrderOf(index);
  return {
    columns,
    strings: index.strings,
    settings,
    filter: new ApiAccessFilter(index.strings, settings),
    identity: new CountedIdentity(columns, order, index.strings, settings),
    order,
  };
}

/**
 * Writes the positions (in `order.rows`) of the rows of group key `key` that pass the API filter
 * into `buffer`, in time order, and returns the filled part. `buffer` needs room for `order.rows.length` values.
 */
export function passingPositionsOfKey(context: DetectionContext, key: number, buffer: Uint32Array): Uint32Array {
  const { order, columns, filter } = context;
  const start = order.keyStarts[key] ?? 0;
  const end = order.keyStarts[key + 1] ?? 0;
  if (start === end) {
    return buffer.subarray(0, 0);
  }

  // ClientInfoString is the same on every row of a key, so one EWS match lets them all through.
  let count = 0;
  if (filter.matchesEws(columns.clientInfoString[order.rows[start] ?? 0] ?? 0)) {
    for (let position = start; position < end; position += 1) {
      buffer[count] = position;
      count += 1;
    }
    return buffer.subarray(0, count);
  }

  for (let position = start; position < end; position += 1) {
    if (filter.isGraphAppId(order.appIds[position] ?? 0)) {
      buffer[count] = position;
      count += 1;
    }
  }
  return buffer.subarray(0, count);
}

/** Returns the index row numbers of group-order positions. */
export function rowsAt(order: GroupOrder, positions: Uint32Array): Uint32Array {
  return positions.map((position) => order.rows[position] ?? 0);
}

/** Tells whether a count is a near miss: at the threshold or one below it, and at least 1. */
export function isNearMissCount(count: number, threshold: number): boolean {
  return count >= 1 && count <= threshold && count >= threshold - 1;
}
