// The aggregation of ESCU "O365 Multiple Mailboxes Accessed via API":
//   | bucket span=10m _time
//   | stats values(ClientIPAddress) as src_ip dc(user) as unique_mailboxes values(user) as user
//           by _time ClientAppId ClientInfoString
//   | where unique_mailboxes > 5
// computed on the index's integer ids. The grouped rows are sorted by (bin, ClientAppId id,
// ClientInfoString id, UserId id), so each group is one run of rows, and its distinct users are
// the changes of UserId id inside the run. Strings are looked up only for groups that become findings.

import type { DetectionParams, Finding } from '../types.ts';
import type { MailboxAccessColumns, MailboxAccessIndex } from '../index/mailbox-access-index.ts';
import { StringTable } from '../index/string-table.ts';
import { binStart } from '../time/time-bin.ts';
import { compareCodeUnits } from './code-unit-order.ts';

/** Rows of the index that pass each later stage of the search. */
export interface ApiAccessCounts {
  /** Rows whose AppId is Graph or whose ClientInfoString matches the EWS pattern. */
  apiAccess: number;
  /** API rows that also have a ClientInfoString, so that they belong to a group. */
  grouped: number;
}

/** Counts the index rows that pass the API filter, and those of them that can be grouped. */
export function countApiAccess(index: MailboxAccessIndex): ApiAccessCounts {
  const { flags, clientInfoString } = index.columns();
  let apiAccess = 0;
  let grouped = 0;
  for (let row = 0; row < flags.length; row += 1) {
    if (flags[row] !== 0) {
      apiAccess += 1;
      if (clientInfoString[row] !== StringTable.ABSENT) {
        grouped += 1;
      }
    }
  }
  return { apiAccess, grouped };
}

/** Result of one run of the aggregation. */
export interface SweepDetection {
  findings: Finding[];
  /** Groups formed, over the threshold or not. */
  groups: number;
  /** Largest distinct UserId count of any group; 0 when there is no group. */
  maxUniqueMailboxes: number;
}

/** Throws a RangeError unless the span is a whole number of seconds of at least 1 and the threshold is a number of at least 0. */
export function validateDetectionParams(params: DetectionParams): void {
  if (!Number.isInteger(params.spanSeconds) || params.spanSeconds < 1) {
    throw new RangeError(`Invalid bin span ${params.spanSeconds}: expected a whole number of seconds, 1 or more.`);
  }
  if (!Number.isFinite(params.threshold) || params.threshold < 0) {
    throw new RangeError(`Invalid threshold ${params.threshold}: expected a number of distinct users, 0 or more.`);
  }
}

/**
 * Runs the ESCU aggregation over the index. The findings are the groups whose distinct UserId
 * count exceeds `params.threshold`, ordered by bin start, then ClientAppId, then ClientInfoString
 * (code-unit order). Throws a RangeError for invalid parameters.
 */
export function detectMailboxSweeps(index: MailboxAccessIndex, params: DetectionParams): SweepDetection {
  validateDetectionParams(params);

  const columns = index.columns();
  const bins = new Float64Array(columns.time.length);
  const rows = selectGroupedRows(columns);
  for (const row of rows) {
    bins[row] = binStart(columns.time[row] ?? 0, params.spanSeconds);
  }

  const { clientAppId, clientInfoString, userId } = columns;
  rows.sort(
    (a, b) =>
      (bins[a] ?? 0) - (bins[b] ?? 0) ||
      (clientAppId[a] ?? 0) - (clientAppId[b] ?? 0) ||
      (clientInfoString[a] ?? 0) - (clientInfoString[b] ?? 0) ||
      (userId[a] ?? 0) - (userId[b] ?? 0),
  );

  const findings: Finding[] = [];
  let groups = 0;
  let maxUniqueMailboxes = 0;
  let start = 0;
  while (start < rows.length) {
    const first = rows[start] ?? 0;
    let end = start + 1;
    while (end < rows.length && isSameGroup(first, rows[end] ?? 0, bins, columns)) {
      end += 1;
    }

    const group = rows.subarray(start, end);
    const uniqueMailboxes = countDistinctUsers(group, userId);
    groups += 1;
    maxUniqueMailboxes = Math.max(maxUniqueMailboxes, uniqueMailboxes);
    if (uniqueMailboxes > params.threshold) {
      findings.push(buildFinding(group, bins[first] ?? 0, columns, index.strings));
    }
    start = end;
  }

  findings.sort(
    (a, b) =>
      a.binStart - b.binStart ||
      compareCodeUnits(a.clientAppId, b.clientAppId) ||
      compareCodeUnits(a.clientInfoString, b.clientInfoString),
  );
  return { findings, groups, maxUniqueMailboxes };
}

/** Row numbers that pass the API filter and have a ClientInfoString (ClientAppId is always set in the index). */
function selectGroupedRows(columns: MailboxAccessColumns): Uint32Array {
  const { flags, clientInfoString } = columns;
  const selected = new Uint32Array(flags.length);
  let count = 0;
  for (let row = 0; row < flags.length; row += 1) {
    if (flags[row] !== 0 && clientInfoString[row] !== StringTable.ABSENT) {
      selected[count] = row;
      count += 1;
    }
  }
  return selected.subarray(0, count);
}

function isSameGroup(first: number, row: number, bins: Float64Array, columns: MailboxAccessColumns): boolean {
  return (
    bins[row] === bins[first] &&
    columns.clientAppId[row] === columns.clientAppId[first] &&
    columns.clientInfoString[row] === columns.clientInfoString[first]
  );
}

/** Counts distinct present UserIds in a group sorted by UserId id. */
function countDistinctUsers(group: Uint32Array, userId: Uint32Array): number {
  let distinct = 0;
  let previous = StringTable.ABSENT;
  for (const row of group) {
    const user = userId[row] ?? StringTable.ABSENT;
    if (user !== StringTable.ABSENT && user !== previous) {
      distinct += 1;
    }
    previous = user;
  }
  return distinct;
}

function buildFinding(group: Uint32Array, bin: number, columns: MailboxAccessColumns, strings: StringTable): Finding {
  const userIds = new Set<number>();
  const ipIds = new Set<number>();
  const normalizedIpIds = new Set<number>();
  let firstEventTime = Number.POSITIVE_INFINITY;
  let lastEventTime = Number.NEGATIVE_INFINITY;
  for (const row of group) {
    const user = columns.userId[row] ?? StringTable.ABSENT;
    if (user !== StringTable.ABSENT) {
      userIds.add(user);
    }

    const ip = columns.clientIpAddress[row] ?? StringTable.ABSENT;
    if (ip !== StringTable.ABSENT) {
      ipIds.add(ip);
    }

    const normalizedIp = columns.normalizedClientIp[row] ?? StringTable.ABSENT;
    if (normalizedIp !== StringTable.ABSENT) {
      normalizedIpIds.add(normalizedIp);
    }

    const time = columns.time[row] ?? 0;
    firstEventTime = Math.min(firstEventTime, time);
    lastEventTime = Math.max(lastEventTime, time);
  }

  const first = group[0] ?? 0;
  const users = lookupSorted(userIds, strings);
  return {
    binStart: bin,
    clientAppId: strings.lookup(columns.clientAppId[first] ?? StringTable.ABSENT),
    clientInfoString: strings.lookup(columns.clientInfoString[first] ?? StringTable.ABSENT),
    srcIps: lookupSorted(ipIds, strings),
    normalizedSrcIps: lookupSorted(normalizedIpIds, strings),
    uniqueMailboxes: users.length,
    users,
    recordCount: group.length,
    firstEventTime,
    lastEventTime,
  };
}

function lookupSorted(ids: Set<number>, strings: StringTable): string[] {
  return Array.from(ids, (id) => strings.lookup(id)).sort(compareCodeUnits);
}
