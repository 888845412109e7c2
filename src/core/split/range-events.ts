// Codes of the entries in a range's log. A record logs its outcome (0-3, from observe-record.ts).
// A skip logs SKIP_CODE_BASE plus the index of its reason in SKIP_REASONS.

import type { SkipReason } from '../types.ts';

/** Every skip reason once. The Record type makes a missing or misspelt reason a type error. */
const REASON_SET: Record<SkipReason, true> = {
  'invalid-json': true,
  'not-a-record': true,
  'invalid-audit-data': true,
  'missing-audit-data': true,
  'truncated-record': true,
  'truncated-audit-data': true,
  'invalid-creation-time': true,
};

export const SKIP_REASONS = Object.keys(REASON_SET) as SkipReason[];

/** Smallest skip code. The record outcomes below it fit in two bits. */
export const SKIP_CODE_BASE = 16;

export function skipEventCode(reason: SkipReason): number {
  return SKIP_CODE_BASE + SKIP_REASONS.indexOf(reason);
}

/** Returns the reason of a skip code, or undefined when `code` is a record outcome. */
export function skipReasonOf(code: number): SkipReason | undefined {
  return code >= SKIP_CODE_BASE ? SKIP_REASONS[code - SKIP_CODE_BASE] : undefined;
}
