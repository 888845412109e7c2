// Regular expressions that reproduce normalizeClientIp inside the exported queries. Each is valid
// in PCRE (Splunk) and RE2 (KQL, DuckDB) and matches the whole address text, so replacing the match
// with capture group 1 gives the normalised part.

export const IP_NORMALISATION_PATTERNS = {
  /** `[host]` or `[host]:port`. Group 1 is the host. */
  bracketed: String.raw`^\[([^\]\[\s()]+)\](?::\d{1,5})?$`,
  /** `host:port` with one colon, as in `192.0.2.5:443`. Group 1 is the host. */
  hostAndPort: String.raw`^([^:\s]+):\d{1,5}$`,
  /** An IPv4-mapped IPv6 address in dotted form, `::ffff:192.0.2.5` in any letter case. Group 1 is the IPv4 address. */
  ipv4Mapped: String.raw`^(?i:::ffff:)(\d{1,3}(?:\.\d{1,3}){3})$`,
} as const;
