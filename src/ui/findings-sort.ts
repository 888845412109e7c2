// Sort orders of the findings table. Strings compare by UTF-16 code unit, the order Splunk's
// values() uses, so that a sorted column matches the exported CSV and not the browser's locale.
import type { Finding } from '../worker/worker-api.ts';

export type FindingColumn =
  | 'binStart'
  | 'clientAppId'
  | 'clientInfoString'
  | 'srcIps'
  | 'uniqueMailboxes'
  | 'users'
  | 'recordCount'
  | 'firstEventTime'
  | 'lastEventTime';

export type SortDirection = 'ascending' | 'descending';

export interface FindingSort {
  column: FindingColumn;
  direction: SortDirection;
}

/** The order the detection returns rows in: by `_time`, then ClientAppId, then ClientInfoString. */
export const DETECTION_ORDER: FindingSort = { column: 'binStart', direction: 'ascending' };

function compareCodeUnits(left: string, right: string): number {
  if (left < right) {
    return -1;
  }
  return left > right ? 1 : 0;
}

/** Compares value lists element by element. A list that is a prefix of the other comes first. */
function compareLists(left: readonly string[], right: readonly string[]): number {
  const shared = Math.min(left.length, right.length);
  for (let index = 0; index < shared; index++) {
    const order = compareCodeUnits(left[index] ?? '', right[index] ?? '');
    if (order !== 0) {
      return order;
    }
  }
  return left.length - right.length;
}

const COMPARATORS: Record<FindingColumn, (left: Finding, right: Finding) => number> = {
  binStart: (left, right) => left.binStart - right.binStart,
  clientAppId: (left, right) => compareCodeUnits(left.clientAppId, right.clientAppId),
  clientInfoString: (left, right) => compareCodeUnits(left.clientInfoString, right.clientInfoString),
  srcIps: (left, right) => compareLists(left.srcIps, right.srcIps),
  uniqueMailboxes: (left, right) => left.uniqueMailboxes - right.uniqueMailboxes,
  users: (left, right) => compareLists(left.users, right.users),
  recordCount: (left, right) => left.recordCount - right.recordCount,
  firstEventTime: (left, right) => left.firstEventTime - right.firstEventTime,
  lastEventTime: (left, right) => left.lastEventTime - right.lastEventTime,
};

/**
 * Returns the findings sorted by one column. Rows that tie keep their detection order in both
 * directions, because `Array.prototype.sort` is stable and only the column's order is reversed.
 */
export function sortFindings(findings: readonly Finding[], sort: FindingSort): Finding[] {
  const compare = COMPARATORS[sort.column];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...findings].sort((left, right) => sign * compare(left, right));
}

/** Returns the sort after a click on `column`: a new column starts ascending, the same one flips. */
export function nextSort(current: FindingSort, column: FindingColumn): FindingSort {
  if (current.column !== column) {
    return { column, direction: 'ascending' };
  }
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
