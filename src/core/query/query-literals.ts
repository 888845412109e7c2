// String literals and comments for the exported queries. Values such as ClientInfoString patterns
// and allow-list notes come from users and logs, so every one goes through these functions.

/**
 * Quotes `text` as a Splunk SPL string literal. SPL reads `\\` as one backslash and `\"` as a quote inside double
 * quotes (`\t` would become a tab), so every backslash is doubled: a regular expression `\.` is
 * written `"\\."`.
 */
export function splString(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** Quotes `text` as a KQL string literal in double quotes, with backslash escapes for `\`, `"`, tabs and line breaks. */
export function kqlString(text: string): string {
  const escaped = text
    .replaceAll('\\', '\\\\')
    .replaceAll('"', '\\"')
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
    .replaceAll('\t', '\\t');
  return `"${escaped}"`;
}

/** Quotes `text` as a standard SQL string literal in single quotes, with each quote doubled. DuckDB reads backslashes as they are. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Makes text safe inside a one-line comment: line breaks become spaces, and backticks, which would
 * end a Splunk ``` comment, become single quotes.
 */
export function commentText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replaceAll('`', "'");
}

/** Wraps lines in a Splunk comment block (``` ... ```), which Splunk reads from release 8.1 on. */
export function splComment(lines: readonly string[]): string {
  return `\`\`\`${lines.map(commentText).join('\n')}\`\`\``;
}

/** Prefixes each line with `prefix` (`//` for KQL, `--` for SQL). */
export function lineComments(lines: readonly string[], prefix: string): string {
  return lines.map((line) => `${prefix} ${commentText(line)}`.trimEnd()).join('\n');
}
