// The ESCU output columns that both engines must agree on, and their comparison.

/** One finding reduced to ESCU's columns: `_time`, ClientAppId, ClientInfoString, src_ip, unique_mailboxes, user. */
export interface EscuRow {
  /** Bin start, Unix epoch seconds (UTC). */
  binStart: number;
  clientAppId: string;
  clientInfoString: string;
  /** Distinct raw ClientIPAddress strings in the engine's own order. */
  srcIps: string[];
  uniqueMailboxes: number;
  /** Distinct UserId strings in the engine's own order. */
  users: string[];
}

/** Result of one engine run, as a child process prints it on its last stdout line. */
export interface EngineRunOutput {
  /** Seconds from opening the file to having the findings, measured inside the child. */
  workSeconds: number;
  /** Peak resident set size of the child process in bytes (getrusage maxrss). */
  peakRssBytes: number;
  rows: EscuRow[];
}

/**
 * Compares two finding lists row by row, order and list order included, so a sort that is not
 * by code unit shows up as a difference. Returns a description of the first difference, or
 * undefined when they are identical.
 */
export function describeFirstDifference(expected: readonly EscuRow[], actual: readonly EscuRow[]): string | undefined {
  const length = Math.max(expected.length, actual.length);
  for (let index = 0; index < length; index++) {
    const expectedRow = expected[index];
    const actualRow = actual[index];
    const expectedText = expectedRow === undefined ? '(missing)' : JSON.stringify(expectedRow);
    const actualText = actualRow === undefined ? '(missing)' : JSON.stringify(actualRow);
    if (expectedText !== actualText) {
      return `row ${index + 1}: ${expectedText} versus ${actualText}`;
    }
  }
  return undefined;
}
