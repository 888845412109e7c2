// The allow-list as KQL (Microsoft Sentinel, Defender XDR advanced hunting) for rows with the
// columns ClientAppId, ClientInfoString and src_ip (a dynamic array of raw addresses), as the
// exported detection queries produce them. It keeps the meaning of applyAllowList.
//
// ClientAppId and ClientInfoString entries fit in one `where`. IP entries need a per-address test
// over the src_ip array, which a KQL `where` expression cannot run, so they add an `mv-apply` step
// before it that counts the addresses no entry allows.

import { kqlString } from '../query/query-literals.ts';
import type { AllowListEntry } from './allow-list-entry.ts';
import { canonicalAllowList } from './check-allow-list.ts';
import { globToRegexSource } from './client-info-glob.ts';
import { IP_NORMALISATION_PATTERNS } from './ip-normalisation-patterns.ts';
import { parseIpRange } from './ip-range.ts';

const ADDRESS = 'mailsweep_ip';
const UNLISTED_COUNT = 'mailsweep_unlisted_ips';

/**
 * Renders the filter as KQL operator lines, each starting with `| `, to append to a query. An empty
 * list gives no lines. Throws a RangeError naming each invalid entry (see checkAllowList).
 */
export function renderKqlAllowListFilter(allowList: readonly AllowListEntry[]): string {
  const entries = canonicalAllowList(allowList);
  const appIds = entries.filter((entry) => entry.field === 'ClientAppId').map((entry) => kqlString(entry.value.toLowerCase()));
  const conditions: string[] = [];
  if (appIds.length > 0) {
    conditions.push(`ClientAppId in~ (${appIds.join(', ')})`);
  }

  for (const entry of entries) {
    if (entry.field === 'ClientInfoString') {
      conditions.push(`ClientInfoString matches regex ${kqlString(`(?s)${globToRegexSource(entry.value)}`)}`);
    }
  }

  const lines: string[] = [];
  const addressTest = allowedAddressTest(entries);
  if (addressTest !== undefined) {
    lines.push(...unlistedAddressCount(addressTest));
    conditions.push(`${UNLISTED_COUNT} == 0`);
  }
  if (conditions.length === 0) {
    return '';
  }

  lines.push(`| where not(${conditions.join('\n    or ')})`);
  if (addressTest !== undefined) {
    lines.push(`| project-away ${UNLISTED_COUNT}`);
  }
  return lines.join('\n');
}

/**
 * Returns the mv-apply step. A row without addresses expands one empty string instead, which no
 * entry allows, so the row is kept without relying on how mv-apply treats an empty array.
 */
function unlistedAddressCount(addressTest: string): string[] {
  const { bracketed, hostAndPort, ipv4Mapped } = IP_NORMALISATION_PATTERNS;
  const group = kqlString('\\1');
  return [
    `| mv-apply ${ADDRESS} = iff(array_length(src_ip) > 0, src_ip, dynamic([""])) to typeof(string) on (`,
    `    extend ${ADDRESS} = trim(@"\\s+", ${ADDRESS})`,
    `    | extend ${ADDRESS} = case(${ADDRESS} matches regex ${kqlString(bracketed)}, replace_regex(${ADDRESS}, ${kqlString(bracketed)}, ${group}),`,
    `        ${ADDRESS} matches regex ${kqlString(hostAndPort)}, replace_regex(${ADDRESS}, ${kqlString(hostAndPort)}, ${group}),`,
    `        ${ADDRESS})`,
    `    | extend ${ADDRESS} = tolower(replace_regex(${ADDRESS}, ${kqlString(ipv4Mapped)}, ${group}))`,
    `    | summarize ${UNLISTED_COUNT} = countif(not(${addressTest}))`,
    '  )',
  ];
}

/** Returns the test that one normalised address is allowed, per address family. Returns undefined without IP entries. */
function allowedAddressTest(entries: readonly AllowListEntry[]): string | undefined {
  const ipv4: string[] = [];
  const ipv6: string[] = [];
  for (const entry of entries) {
    const range = entry.field === 'ClientIPAddress' ? parseIpRange(entry.value) : undefined;
    if (range !== undefined) {
      (range.family === 4 ? ipv4 : ipv6).push(kqlString(entry.value));
    }
  }

  // The functions return null for text that is not an address of their family, hence coalesce.
  const tests: string[] = [];
  if (ipv4.length > 0) {
    tests.push(`(${ADDRESS} !contains ":" and coalesce(ipv4_is_in_any_range(${ADDRESS}, dynamic([${ipv4.join(', ')}])), false))`);
  }
  if (ipv6.length > 0) {
    tests.push(`(${ADDRESS} contains ":" and coalesce(ipv6_is_in_any_range(${ADDRESS}, dynamic([${ipv6.join(', ')}])), false))`);
  }
  return tests.length === 0 ? undefined : tests.join(' or ');
}
