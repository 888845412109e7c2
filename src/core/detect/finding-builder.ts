// Turns the rows of one group into a Finding. Strings are looked up here only, for groups that
// become findings or near misses.

import type { MailboxAccessColumns } from '../index/mailbox-access-index.ts';
import { StringTable } from '../index/string-table.ts';
import type { Finding } from '../types.ts';
import { compareCodeUnits } from './code-unit-order.ts';
import type { CountedIdentity } from './counted-identity.ts';

/** Returns the finding of a group whose rows share ClientAppId and ClientInfoString. `start` becomes `binStart`. */
export function buildFinding(
  group: Uint32Array,
  start: number,
  columns: MailboxAccessColumns,
  strings: StringTable,
  identity: CountedIdentity,
): Finding {
  const identityKeys = new Set<number>();
  const ipIds = new Set<number>();
  const normalizedIpIds = new Set<number>();
  let firstEventTime = Number.POSITIVE_INFINITY;
  let lastEventTime = Number.NEGATIVE_INFINITY;
  for (const row of group) {
    const key = identity.keyOfRow(row);
    if (key !== StringTable.ABSENT) {
      identityKeys.add(key);
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
  const users = Array.from(identityKeys, (key) => identity.labelOf(key)).sort(compareCodeUnits);
  return {
    binStart: start,
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

/** Sorts findings into ESCU's output order: bin (or window) start, then ClientAppId, then ClientInfoString. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      a.binStart - b.binStart ||
      compareCodeUnits(a.clientAppId, b.clientAppId) ||
      compareCodeUnits(a.clientInfoString, b.clientInfoString),
  );
}

function lookupSorted(ids: Set<number>, strings: StringTable): string[] {
  return Array.from(ids, (id) => strings.lookup(id)).sort(compareCodeUnits);
}
