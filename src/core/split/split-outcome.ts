// Checks that the ranges of a split read match a whole-file read, and builds the file's read
// outcome from theirs as a whole-file read would have built it.

import type { ReadOutcome } from '../read/read-audit-file.ts';
import { encodingFallbackNotice } from '../read/decode/encoding-fallback-notice.ts';
import type { RangePlan } from './range-plan.ts';
import type { RangeResult } from './range-result.ts';

/**
 * Returns whether reading the ranges one after another equals reading the file whole. That needs
 * one result per range and no range that stopped early. Every range but the last must have ended
 * between records, so that no quoted cell or open value crossed a split. Each CSV range must have
 * seen exactly one header, because a header later in the file would change the columns of the
 * ranges after it.
 */
export function rangesStandForWholeFile(plan: RangePlan, results: readonly RangeResult[]): boolean {
  if (results.length !== plan.bounds.length - 1) {
    return false;
  }

  const headerRows = plan.detected.format === 'json-lines' ? 0 : 1;
  return results.every(
    (result, index) =>
      (result.endedBetweenRecords || index === results.length - 1) && result.failure === undefined && result.headerRows === headerRows,
  );
}

/**
 * Builds the outcome that a whole-file read gives. As in one reader, the first wrapped record
 * names the container format and the first "not audit records" message becomes the error. The
 * text read as Windows-1252 is summed over the ranges.
 */
export function splitReadOutcome(plan: RangePlan, results: readonly RangeResult[]): ReadOutcome {
  const { detected } = plan;
  const outcome: ReadOutcome = {
    format: results.find((result) => result.format !== detected.format)?.format ?? detected.format,
    encoding: detected.encoding,
  };

  const notRecords = results.find((result) => result.notRecordsMessage !== undefined)?.notRecordsMessage;
  if (notRecords !== undefined) {
    outcome.error = notRecords;
  }

  const fallbackCount = results.reduce((total, result) => total + result.fallbackCount, 0);
  const fallback = encodingFallbackNotice(fallbackCount, detected.format === 'json-lines' ? 'records' : 'bytes');
  if (fallback !== undefined) {
    outcome.notices = [fallback];
  }
  return outcome;
}
