// Applies the allow-list to findings, the way ESCU's filter macro removes rows after `stats`.
//
// A finding is suppressed when any of these holds:
// - a ClientAppId entry equals its ClientAppId, compared without regard to letter case;
// - a ClientInfoString entry's glob matches its whole ClientInfoString;
// - it has at least one source address and every one of them, normalised, lies inside some
//   ClientIPAddress entry. One unlisted address keeps the finding: an allowed connector that also
//   reads from an unknown address is worth a look. Addresses that are not IPs (host names, text)
//   are never inside an entry.
// Each entry that took part is credited with the finding and its records: every matching
// ClientAppId or ClientInfoString entry, and, when the addresses suppress it, every IP entry that
// contains one of them. So the per-entry counts can add up to more than the suppressed total.

import { normalizeClientIp } from '../record/client-ip.ts';
import type { Finding } from '../types.ts';
import type { AllowListEntry } from './allow-list-entry.ts';
import { canonicalAllowList } from './check-allow-list.ts';
import { compileGlob } from './client-info-glob.ts';
import { parseIpAddress, parseIpRange, rangeContains, type IpAddress, type IpRange } from './ip-range.ts';

/** Findings and records that one entry suppressed. */
export interface AllowListEntryCount {
  findings: number;
  /** Sum of `recordCount` of those findings. */
  records: number;
}

export interface SuppressedFinding {
  finding: Finding;
  /** 0-based positions, in the list, of the entries credited with it. */
  entryIndexes: number[];
}

/** Result of one application: plain data, so it survives structured cloning. */
export interface AllowListOutcome {
  /** Findings that no entry suppressed, in their original order. */
  kept: Finding[];
  /** Suppressed findings, in their original order. */
  suppressed: SuppressedFinding[];
  /** One count per entry, in list order. */
  entryCounts: AllowListEntryCount[];
  suppressedRecords: number;
}

/**
 * Splits findings into kept and suppressed ones and counts what each entry suppressed. Throws a
 * RangeError naming each invalid entry (see checkAllowList).
 */
export function applyAllowList(findings: readonly Finding[], entries: readonly AllowListEntry[]): AllowListOutcome {
  const matchers = compileEntries(entries);
  const entryCounts = entries.map(() => ({ findings: 0, records: 0 }));
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  let suppressedRecords = 0;

  for (const finding of findings) {
    const entryIndexes = creditedEntries(finding, matchers);
    if (entryIndexes.length === 0) {
      kept.push(finding);
      continue;
    }

    suppressed.push({ finding, entryIndexes });
    suppressedRecords += finding.recordCount;
    for (const index of entryIndexes) {
      const count = entryCounts[index];
      if (count !== undefined) {
        count.findings += 1;
        count.records += finding.recordCount;
      }
    }
  }
  return { kept, suppressed, entryCounts, suppressedRecords };
}

interface CompiledEntries {
  appIds: { index: number; lowerCaseId: string }[];
  clientInfoPatterns: { index: number; pattern: RegExp }[];
  ipRanges: { index: number; range: IpRange }[];
}

function compileEntries(entries: readonly AllowListEntry[]): CompiledEntries {
  // Valid entries keep their order, so positions in `canonical` are positions in `entries`.
  const canonical = canonicalAllowList(entries);
  const compiled: CompiledEntries = { appIds: [], clientInfoPatterns: [], ipRanges: [] };
  canonical.forEach((entry, index) => {
    if (entry.field === 'ClientAppId') {
      compiled.appIds.push({ index, lowerCaseId: entry.value.toLowerCase() });
    } else if (entry.field === 'ClientInfoString') {
      compiled.clientInfoPatterns.push({ index, pattern: compileGlob(entry.value) });
    } else {
      const range = parseIpRange(entry.value);
      if (range !== undefined) {
        compiled.ipRanges.push({ index, range });
      }
    }
  });
  return compiled;
}

/** Returns the ascending positions of the entries credited with suppressing the finding, or none when it is kept. */
function creditedEntries(finding: Finding, matchers: CompiledEntries): number[] {
  const credited = new Set<number>();
  const lowerCaseAppId = finding.clientAppId.toLowerCase();
  for (const { index, lowerCaseId } of matchers.appIds) {
    if (lowerCaseId === lowerCaseAppId) {
      credited.add(index);
    }
  }

  for (const { index, pattern } of matchers.clientInfoPatterns) {
    if (pattern.test(finding.clientInfoString)) {
      credited.add(index);
    }
  }

  for (const index of ipEntriesCoveringAll(finding.srcIps, matchers.ipRanges)) {
    credited.add(index);
  }
  return [...credited].sort((left, right) => left - right);
}

/**
 * Returns the IP entries that contain at least one of the addresses, when every address is inside
 * some entry. Returns none otherwise, and none when there are no addresses.
 */
function ipEntriesCoveringAll(rawAddresses: readonly string[], ranges: CompiledEntries['ipRanges']): number[] {
  if (ranges.length === 0 || rawAddresses.length === 0) {
    return [];
  }

  const covering = new Set<number>();
  for (const raw of rawAddresses) {
    const address: IpAddress | undefined = parseIpAddress(normalizeClientIp(raw));
    const containing = address === undefined ? [] : ranges.filter(({ range }) => rangeContains(range, address));
    if (containing.length === 0) {
      return [];
    }
    for (const { index } of containing) {
      covering.add(index);
    }
  }
  return [...covering];
}
