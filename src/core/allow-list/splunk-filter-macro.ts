// The allow-list as the body of ESCU's filter macro `o365_multiple_mailboxes_accessed_via_api_filter`,
// which ESCU applies to the rows of `stats` (fields ClientAppId, ClientInfoString and the
// multivalue src_ip). It keeps the meaning of applyAllowList: a row goes when its ClientAppId or
// ClientInfoString is allowed, or when it has addresses and every one, normalised, lies in an
// allowed range.
// NOTE: the address steps use mvmap(), which older Splunk releases lack. The first release that
// has it was not checked.

import { splString } from '../query/query-literals.ts';
import type { AllowListEntry } from './allow-list-entry.ts';
import { globToRegexSource } from './client-info-glob.ts';
import { IP_NORMALISATION_PATTERNS } from './ip-normalisation-patterns.ts';
import { canonicalAllowList } from './check-allow-list.ts';
import { formatIpRange, maxPrefixLength, parseIpRange } from './ip-range.ts';

export const SPLUNK_FILTER_MACRO_NAME = 'o365_multiple_mailboxes_accessed_via_api_filter';

/** Temporary fields for the row's normalised addresses and for those that no entry allows. The macro removes them at the end. */
const NORMALISED_FIELD = 'mailsweep_ip';
const UNLISTED_FIELD = 'mailsweep_unlisted_ip';

/**
 * Renders the macro body. An empty list gives `search *`, ESCU's own default body. Throws a
 * RangeError naming each invalid entry (see checkAllowList).
 */
export function renderSplunkFilterMacro(allowList: readonly AllowListEntry[]): string {
  const entries = canonicalAllowList(allowList);
  if (entries.length === 0) {
    return 'search *';
  }

  const conditions: string[] = [];
  for (const entry of entries) {
    if (entry.field === 'ClientAppId') {
      conditions.push(`lower(ClientAppId)==${splString(entry.value.toLowerCase())}`);
    } else if (entry.field === 'ClientInfoString') {
      conditions.push(`match(ClientInfoString, ${splString(`(?s)${globToRegexSource(entry.value)}`)})`);
    }
  }

  const ranges = ipRangeTexts(entries);
  const commands: string[] = [];
  if (ranges.length > 0) {
    const allowed = ranges.map((range) => `cidrmatch(${splString(range)}, ${NORMALISED_FIELD})`).join(' OR ');
    commands.push(`eval ${NORMALISED_FIELD}=mvmap(src_ip, ${normalisedAddress('src_ip')})`);
    commands.push(`eval ${UNLISTED_FIELD}=mvfilter(NOT (${allowed}))`);
    conditions.push(`(coalesce(mvcount(src_ip), 0) > 0 AND isnull(${UNLISTED_FIELD}))`);
  }

  commands.push(`where NOT (${conditions.join(' OR ')})`);
  if (ranges.length > 0) {
    commands.push(`fields - ${NORMALISED_FIELD} ${UNLISTED_FIELD}`);
  }
  return commands.join('\n| ');
}

/** Returns the IP entries as CIDR text. A single address gets /32 or /128, so cidrmatch compares all of it. */
function ipRangeTexts(entries: readonly AllowListEntry[]): string[] {
  const ranges: string[] = [];
  for (const entry of entries) {
    const range = entry.field === 'ClientIPAddress' ? parseIpRange(entry.value) : undefined;
    if (range !== undefined) {
      const text = formatIpRange(range);
      ranges.push(text.includes('/') ? text : `${text}/${maxPrefixLength(range.family)}`);
    }
  }
  return ranges;
}

/**
 * Returns an SPL expression for the normalised form of one address (see normalizeClientIp): trimmed,
 * brackets and a port removed, `::ffff:` removed before an IPv4 address, lower case.
 */
function normalisedAddress(field: string): string {
  const { bracketed, hostAndPort, ipv4Mapped } = IP_NORMALISATION_PATTERNS;
  const trimmed = `trim(${field})`;
  const group = splString('\\1');
  const unwrapped =
    `case(match(${trimmed}, ${splString(bracketed)}), replace(${trimmed}, ${splString(bracketed)}, ${group}), ` +
    `match(${trimmed}, ${splString(hostAndPort)}), replace(${trimmed}, ${splString(hostAndPort)}, ${group}), ` +
    `true(), ${trimmed})`;
  return `lower(replace(${unwrapped}, ${splString(ipv4Mapped)}, ${group}))`;
}
