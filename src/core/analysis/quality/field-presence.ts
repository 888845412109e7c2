// Presence of each detection field anywhere in one file. An Export-Csv of parsed AuditData takes its
// columns from the first record, so a field can be missing from a whole file, and the detection
// then finds nothing without saying why. Two bit masks per file, whatever its size.

import type { AuditFields } from '../../record/audit-fields.ts';

/** The UAL fields the detection reads, in the order a notice lists them. */
export const DETECTION_FIELDS = [
  'Workload',
  'Operation',
  'AppId',
  'ClientAppId',
  'ClientInfoString',
  'ClientIPAddress',
  'UserId',
  'CreationTime',
] as const;

export type DetectionField = (typeof DETECTION_FIELDS)[number];

const FIELD_VALUES: Record<DetectionField, (fields: AuditFields) => string | undefined> = {
  Workload: (fields) => fields.workload,
  Operation: (fields) => fields.operation,
  AppId: (fields) => fields.appId,
  ClientAppId: (fields) => fields.clientAppId,
  ClientInfoString: (fields) => fields.clientInfoString,
  ClientIPAddress: (fields) => fields.clientIpAddress,
  UserId: (fields) => fields.userId,
  CreationTime: (fields) => fields.creationTime,
};

/** The masks and counts of `FieldPresence`, as plain data that a worker can post. Bit `i` of a mask is `DETECTION_FIELDS[i]`. */
export interface FieldPresenceState {
  inAnyRecord: number;
  inMailItemsAccessed: number;
  mailItemsAccessedCount: number;
  recordCount: number;
}

/** Detection fields seen with a value, over all records and over MailItemsAccessed records. */
export class FieldPresence {
  private inAnyRecord = 0;
  private inMailItemsAccessed = 0;
  private mailItemsAccessedCount = 0;
  private recordCount = 0;

  /**
   * Counts one record. A field is present when it has a non-empty value, as `readAuditFields`
   * reads it. `hasFallbackTime` marks a record timed from its container, whose CreationTime is
   * then not needed.
   */
  observe(fields: AuditFields, isMailItemsAccessed: boolean, hasFallbackTime: boolean): void {
    let mask = 0;
    for (const [bit, field] of DETECTION_FIELDS.entries()) {
      const isTimeFromContainer = field === 'CreationTime' && hasFallbackTime;
      if (FIELD_VALUES[field](fields) !== undefined || isTimeFromContainer) {
        mask |= 1 << bit;
      }
    }

    this.recordCount += 1;
    this.inAnyRecord |= mask;
    if (isMailItemsAccessed) {
      this.mailItemsAccessedCount += 1;
      this.inMailItemsAccessed |= mask;
    }
  }

  /** Returns a copy of the masks and counts. */
  snapshot(): FieldPresenceState {
    return {
      inAnyRecord: this.inAnyRecord,
      inMailItemsAccessed: this.inMailItemsAccessed,
      mailItemsAccessedCount: this.mailItemsAccessedCount,
      recordCount: this.recordCount,
    };
  }

  /** Adds the records of another part of the file: a field is present if either part has it. */
  absorb(state: FieldPresenceState): void {
    this.inAnyRecord |= state.inAnyRecord;
    this.inMailItemsAccessed |= state.inMailItemsAccessed;
    this.mailItemsAccessedCount += state.mailItemsAccessedCount;
    this.recordCount += state.recordCount;
  }

  /**
   * Returns the detection fields absent from every MailItemsAccessed record, or from every record
   * when there is no MailItemsAccessed record; none for a file without records.
   */
  missingFields(): DetectionField[] {
    if (this.recordCount === 0) {
      return [];
    }

    const mask = this.mailItemsAccessedCount > 0 ? this.inMailItemsAccessed : this.inAnyRecord;
    return DETECTION_FIELDS.filter((_field, bit) => (mask & (1 << bit)) === 0);
  }

  /** True when `missingFields` looked at MailItemsAccessed records only. */
  get hasMailItemsAccessed(): boolean {
    return this.mailItemsAccessedCount > 0;
  }
}
