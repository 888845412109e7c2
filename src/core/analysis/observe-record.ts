// The part of reading one record that does not depend on the records before it in other files or
// in other byte ranges. That part is its fields, its counters and data-quality observations, and
// its outcome if it turns out to be the first record with its Id. A whole-file read applies the
// outcome at once. A range of a file logs it, and the merge applies it in file order.

import type { RecordContext } from '../read/read-audit-file.ts';
import { hasCommonSchemaKey, readAuditFields } from '../record/audit-fields.ts';
import type { AuditFields } from '../record/audit-fields.ts';
import { hasAppIds, isMailItemsAccessed } from '../detect/escu-filters.ts';
import type { RecordTime } from './quality/file-quality.ts';
import type { FileTally } from './file-tally.ts';

/** A record that counts only towards the totals: not MailItemsAccessed. */
export const OUTCOME_OTHER = 0;
/** A MailItemsAccessed record without a readable time: skipped as 'invalid-creation-time'. */
export const OUTCOME_NO_TIME = 1;
/** A MailItemsAccessed record without AppId or ClientAppId: counted, not indexed. */
export const OUTCOME_NO_APP_IDS = 2;
/** A MailItemsAccessed record that passes the base filter: it becomes an index row. */
export const OUTCOME_INDEXED = 3;

export type RecordOutcome = typeof OUTCOME_OTHER | typeof OUTCOME_NO_TIME | typeof OUTCOME_NO_APP_IDS | typeof OUTCOME_INDEXED;

export interface ObservedRecord {
  fields: AuditFields;
  /** The id that de-duplicates the record: its Id, or the container's when it has none. */
  id: string | undefined;
  outcome: RecordOutcome;
  /** Set for OUTCOME_INDEXED and OUTCOME_NO_APP_IDS, undefined for the other outcomes. */
  time: RecordTime | undefined;
}

/**
 * Counts one UAL record into `tally` (records read, MailItemsAccessed, data quality) and returns
 * its fields, id and outcome, which apply only if its id is new. Returns undefined for an object
 * without any UAL common-schema key, which the caller skips as 'not-a-record'.
 */
export function observeRecord(record: Record<string, unknown>, context: RecordContext | undefined, tally: FileTally): ObservedRecord | undefined {
  if (!hasCommonSchemaKey(record)) {
    return undefined;
  }

  const fields = readAuditFields(record);
  const isMailAccess = isMailItemsAccessed(fields);
  tally.recordsRead += 1;
  if (isMailAccess) {
    tally.mailItemsAccessed += 1;
  }
  const time = tally.quality.observeRecord(fields, isMailAccess, context);

  // Never the whole line or Defender's ReportId: the reader passes only ids equal to the UAL Id.
  const id = fields.id ?? context?.fallbackId;
  if (!isMailAccess) {
    return { fields, id, outcome: OUTCOME_OTHER, time: undefined };
  }
  if (time === undefined) {
    return { fields, id, outcome: OUTCOME_NO_TIME, time };
  }
  return { fields, id, outcome: hasAppIds(fields) ? OUTCOME_INDEXED : OUTCOME_NO_APP_IDS, time };
}
