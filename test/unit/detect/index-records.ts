import { apiAccessFlags, hasAppIds, isMailItemsAccessed } from '../../../src/core/detect/escu-filters.ts';
import { MailboxAccessIndex } from '../../../src/core/index/mailbox-access-index.ts';
import { readAuditFields } from '../../../src/core/record/audit-fields.ts';
import { readMailAccessDetails } from '../../../src/core/record/mail-access-details.ts';
import { parseCreationTime } from '../../../src/core/time/creation-time.ts';

/** Indexes the records that pass ESCU's base filter, as AnalysisSession does, without de-duplication. */
export function indexRecords(records: Record<string, unknown>[]): MailboxAccessIndex {
  const index = new MailboxAccessIndex();
  for (const record of records) {
    const fields = readAuditFields(record);
    if (isMailItemsAccessed(fields) && hasAppIds(fields)) {
      const time = parseCreationTime(fields.creationTime ?? '');
      if (Number.isNaN(time)) {
        throw new Error(`Test record ${fields.id ?? '(no Id)'} has an invalid CreationTime: ${fields.creationTime ?? '(absent)'}`);
      }
      index.append(fields, time, apiAccessFlags(fields), readMailAccessDetails(record));
    }
  }
  return index;
}
