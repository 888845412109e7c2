// ClientInfoString patterns of the allow-list. A pattern is a glob: `*` stands for any run of
// characters (none included) and every other character stands for itself, compared with letter
// case as written, over the whole ClientInfoString. There is no escape for a literal `*`.
// Example: `Client=WebServices;ExchangeWebServicesProxy/*/BackupVendor/*` allows one EWS client.
//
// Admins write globs more safely than regular expressions (a stray `.` or `+` changes nothing),
// and a glob translates to the same regular expression in JavaScript, PCRE (Splunk) and RE2
// (KQL, DuckDB), which the query exports rely on.

/** Characters with a meaning in JavaScript, PCRE or RE2 patterns. Each is written with a backslash. */
const REGEX_METACHARACTERS = /[\\^$.|?+()[\]{}]/g;

/**
 * Returns the regular expression for a glob, for JavaScript, PCRE and RE2 alike: anchored at both
 * ends, `*` as `.*`, everything else literal. The caller adds dot-all mode (`s` flag or `(?s)`),
 * so that `*` also spans a line break.
 */
export function globToRegexSource(pattern: string): string {
  const literalParts = pattern.split('*').map((part) => part.replace(REGEX_METACHARACTERS, '\\$&'));
  return `^${literalParts.join('.*')}$`;
}

/** Compiles a glob into a JavaScript RegExp with the same meaning as the exported queries. */
export function compileGlob(pattern: string): RegExp {
  return new RegExp(globToRegexSource(pattern), 's');
}

/** Tells whether a glob matches every string, so an entry with it would allow every finding. */
export function globMatchesEverything(pattern: string): boolean {
  return /^\*+$/.test(pattern);
}
