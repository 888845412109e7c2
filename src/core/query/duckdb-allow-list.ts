// The allow-list in the DuckDB query, with the meaning of applyAllowList. DuckDB's inet extension
// would have to be downloaded, so addresses are matched without it. Each distinct client address
// is normalised and turned into a family digit and its bits ('4' and 32 bits, '6' and 128 bits).
// starts_with then tests it against the bit prefix of each allowed range, computed in TypeScript.

import type { AllowListEntry } from '../allow-list/allow-list-entry.ts';
import { canonicalAllowList } from '../allow-list/check-allow-list.ts';
import { globToRegexSource } from '../allow-list/client-info-glob.ts';
import { IP_NORMALISATION_PATTERNS } from '../allow-list/ip-normalisation-patterns.ts';
import { parseIpRange, rangePrefixBits } from '../allow-list/ip-range.ts';
import { sqlString } from './query-literals.ts';

/** The parts the allow-list adds to the query. All are empty for an empty list. */
export interface DuckDbAllowListParts {
  /** CTE definitions (`name AS (...)`) that read `api_reads`. */
  ctes: string[];
  /** A join onto `api_reads` in the grouping step. */
  join: string;
  /** Aggregate columns added to each group. */
  aggregates: string[];
  /** The condition under which a group is suppressed, or undefined for an empty list. */
  suppressed: string | undefined;
}

/** Builds the parts. Throws a RangeError naming each invalid entry (see checkAllowList). */
export function duckDbAllowListParts(allowList: readonly AllowListEntry[]): DuckDbAllowListParts {
  const entries = canonicalAllowList(allowList);
  const conditions: string[] = [];
  const appIds = entries.filter((entry) => entry.field === 'ClientAppId').map((entry) => sqlString(entry.value.toLowerCase()));
  if (appIds.length > 0) {
    conditions.push(`lower(ClientAppId) IN (${appIds.join(', ')})`);
  }

  for (const entry of entries) {
    if (entry.field === 'ClientInfoString') {
      conditions.push(`regexp_matches(ClientInfoString, ${sqlString(`(?s)${globToRegexSource(entry.value)}`)})`);
    }
  }

  const prefixes = allowedBitPrefixes(entries);
  const parts: DuckDbAllowListParts = { ctes: [], join: '', aggregates: [], suppressed: undefined };
  if (prefixes.length > 0) {
    parts.ctes = addressBitCtes(prefixes);
    parts.join = 'LEFT JOIN ip_allowed ON ip_allowed.raw_ip = api_reads.ClientIPAddress';
    parts.aggregates = [
      'count(DISTINCT ClientIPAddress) AS ip_count',
      'count(DISTINCT ClientIPAddress) FILTER (WHERE NOT coalesce(ip_allowed.allowed, false)) AS unlisted_ip_count',
    ];
    conditions.push('(ip_count > 0 AND unlisted_ip_count = 0)');
  }

  if (conditions.length > 0) {
    parts.suppressed = conditions.join('\n    OR ');
  }
  return parts;
}

/** Returns each IP entry as its family digit followed by the bits of its prefix. */
function allowedBitPrefixes(entries: readonly AllowListEntry[]): string[] {
  const prefixes: string[] = [];
  for (const entry of entries) {
    const range = entry.field === 'ClientIPAddress' ? parseIpRange(entry.value) : undefined;
    if (range !== undefined) {
      prefixes.push(`${range.family}${rangePrefixBits(range)}`);
    }
  }
  return prefixes;
}

/** Returns the CTEs that lead from the distinct client addresses to `ip_allowed(raw_ip, allowed)`. */
function addressBitCtes(prefixes: readonly string[]): string[] {
  const { bracketed, hostAndPort, ipv4Mapped } = IP_NORMALISATION_PATTERNS;
  const group = sqlString('\\1');
  const ipv4Parts = [1, 2, 3, 4].map((part) => `try_cast(split_part(ip, '.', ${part}) AS INTEGER)`);
  const ipv4Bits = ipv4Parts.map((part) => `lpad(bin(${part}), 8, '0')`).join(' || ');
  const ipv6Bits = [1, 2, 3, 4, 5, 6, 7, 8]
    .map((part) => `lpad(bin(try_cast('0x' || split_part(ipv6_groups, ':', ${part}) AS INTEGER)), 16, '0')`)
    .join('\n        || ');
  const allowed = prefixes.map((prefix) => `starts_with(bits, ${sqlString(prefix)})`).join(' OR ');

  return [
    `client_ips AS (
  SELECT DISTINCT ClientIPAddress AS raw_ip, regexp_replace(ClientIPAddress, '^\\s+|\\s+$', '', 'g') AS trimmed
  FROM api_reads
  WHERE ClientIPAddress IS NOT NULL
)`,
    // The normalised form of normalizeClientIp: brackets or a port removed, then ::ffff:, lower case.
    `normalised_ips AS (
  SELECT raw_ip, lower(regexp_replace(
    CASE
      WHEN regexp_matches(trimmed, ${sqlString(bracketed)}) THEN regexp_replace(trimmed, ${sqlString(bracketed)}, ${group})
      WHEN regexp_matches(trimmed, ${sqlString(hostAndPort)}) THEN regexp_replace(trimmed, ${sqlString(hostAndPort)}, ${group})
      ELSE trimmed
    END, ${sqlString(ipv4Mapped)}, ${group})) AS ip
  FROM client_ips
)`,
    // An IPv6 address with `::` gets its zero groups written out: `2001:db8::1` has 3 of 8 groups.
    `ip_halves AS (
  SELECT raw_ip, ip, string_split(ip, '::') AS halves,
    CASE WHEN halves[1] = '' THEN 0 ELSE len(string_split(halves[1], ':')) END
      + CASE WHEN len(halves) < 2 OR halves[2] = '' THEN 0 ELSE len(string_split(halves[2], ':')) END AS written_groups
  FROM normalised_ips
)`,
    `ip_expanded AS (
  SELECT raw_ip, ip,
    CASE
      WHEN len(halves) = 1 THEN ip
      WHEN len(halves) = 2 AND written_groups <= 7
        THEN concat_ws(':', nullif(halves[1], ''), rtrim(repeat('0:', 8 - written_groups), ':'), nullif(halves[2], ''))
    END AS ipv6_groups
  FROM ip_halves
)`,
    `ip_bits AS (
  SELECT raw_ip,
    CASE
      WHEN regexp_full_match(ip, '\\d{1,3}(\\.\\d{1,3}){3}') AND ${ipv4Parts.map((part) => `${part} <= 255`).join(' AND ')}
        THEN '4' || ${ipv4Bits}
      WHEN regexp_full_match(ipv6_groups, '[0-9a-f]{1,4}(:[0-9a-f]{1,4}){7}')
        THEN '6' || ${ipv6Bits}
    END AS bits
  FROM ip_expanded
)`,
    `ip_allowed AS (
  SELECT raw_ip, coalesce(${allowed}, false) AS allowed
  FROM ip_bits
)`,
  ];
}
