// Column store of the MailItemsAccessed records that pass ESCU's base filter (Exchange,
// MailItemsAccessed, AppId and ClientAppId present). One row per distinct record; strings are
// interned in a StringTable and stored as uint32 ids, so no per-record object outlives `append`.
// Memory grows with matched rows only: 37 bytes a row plus each distinct string once.

import type { AuditFields } from '../record/audit-fields.ts';
import { normalizeClientIp } from '../record/client-ip.ts';
import { StringTable } from './string-table.ts';

/** 1,024 rows (about 37 KiB), doubled whenever the columns fill up. */
const INITIAL_CAPACITY = 1024;

/** Read-only views of the filled part of each column; row `i` of every column is one record. */
export interface MailboxAccessColumns {
  /** CreationTime, Unix epoch seconds (UTC, millisecond resolution). */
  readonly time: Float64Array;
  /** String ids in the index's StringTable; `StringTable.ABSENT` where the record had no value. */
  readonly appId: Uint32Array;
  readonly clientAppId: Uint32Array;
  readonly clientInfoString: Uint32Array;
  readonly clientIpAddress: Uint32Array;
  /** `normalizeClientIp` of ClientIPAddress, for display and grouping; the detection's src_ip stays raw. */
  readonly normalizedClientIp: Uint32Array;
  readonly userId: Uint32Array;
  readonly mailboxOwnerUpn: Uint32Array;
  /** API flags from `apiAccessFlags` (Graph AppId, EWS ClientInfoString). */
  readonly flags: Uint8Array;
}

/** Growable typed-array columns of base-filter records. */
export class MailboxAccessIndex {
  readonly strings: StringTable;

  private rowCount = 0;
  private time = new Float64Array(INITIAL_CAPACITY);
  private appId = new Uint32Array(INITIAL_CAPACITY);
  private clientAppId = new Uint32Array(INITIAL_CAPACITY);
  private clientInfoString = new Uint32Array(INITIAL_CAPACITY);
  private clientIpAddress = new Uint32Array(INITIAL_CAPACITY);
  private normalizedClientIp = new Uint32Array(INITIAL_CAPACITY);
  private userId = new Uint32Array(INITIAL_CAPACITY);
  private mailboxOwnerUpn = new Uint32Array(INITIAL_CAPACITY);
  private flags = new Uint8Array(INITIAL_CAPACITY);

  /** Normalised string id per raw ClientIPAddress string id, so each distinct address is normalised once. */
  private readonly normalizedIpIds = new Map<number, number>();

  constructor(strings: StringTable = new StringTable()) {
    this.strings = strings;
  }

  /** Number of rows appended. */
  get size(): number {
    return this.rowCount;
  }

  /** Appends one record and returns its row number. `timeSeconds` is the parsed CreationTime. */
  append(fields: AuditFields, timeSeconds: number, flags: number): number {
    if (this.rowCount === this.time.length) {
      this.grow(this.rowCount * 2);
    }

    const row = this.rowCount;
    this.time[row] = timeSeconds;
    this.appId[row] = this.strings.intern(fields.appId);
    this.clientAppId[row] = this.strings.intern(fields.clientAppId);
    this.clientInfoString[row] = this.strings.intern(fields.clientInfoString);
    this.clientIpAddress[row] = this.strings.intern(fields.clientIpAddress);
    this.normalizedClientIp[row] = this.normalizedIpId(this.clientIpAddress[row] ?? StringTable.ABSENT);
    this.userId[row] = this.strings.intern(fields.userId);
    this.mailboxOwnerUpn[row] = this.strings.intern(fields.mailboxOwnerUpn);
    this.flags[row] = flags;
    this.rowCount += 1;
    return row;
  }

  /** Replaces the time of a row from `append`, for a row whose time was settled after it was added. */
  setTime(row: number, timeSeconds: number): void {
    if (!Number.isInteger(row) || row < 0 || row >= this.rowCount) {
      throw new RangeError(`Row ${row} is not in the index (valid rows are 0 to ${this.rowCount - 1}).`);
    }

    this.time[row] = timeSeconds;
  }

  /** Returns views of the filled rows. They stay valid until the next `append` that grows the columns. */
  columns(): MailboxAccessColumns {
    const size = this.rowCount;
    return {
      time: this.time.subarray(0, size),
      appId: this.appId.subarray(0, size),
      clientAppId: this.clientAppId.subarray(0, size),
      clientInfoString: this.clientInfoString.subarray(0, size),
      clientIpAddress: this.clientIpAddress.subarray(0, size),
      normalizedClientIp: this.normalizedClientIp.subarray(0, size),
      userId: this.userId.subarray(0, size),
      mailboxOwnerUpn: this.mailboxOwnerUpn.subarray(0, size),
      flags: this.flags.subarray(0, size),
    };
  }

  /** Returns the string id of the normalised form of the raw address with id `rawId`; ABSENT stays ABSENT. */
  private normalizedIpId(rawId: number): number {
    if (rawId === StringTable.ABSENT) {
      return StringTable.ABSENT;
    }

    let normalizedId = this.normalizedIpIds.get(rawId);
    if (normalizedId === undefined) {
      const normalized = normalizeClientIp(this.strings.lookup(rawId));
      normalizedId = normalized === '' ? StringTable.ABSENT : this.strings.intern(normalized);
      this.normalizedIpIds.set(rawId, normalizedId);
    }
    return normalizedId;
  }

  private grow(capacity: number): void {
    this.time = resized(this.time, new Float64Array(capacity));
    this.appId = resized(this.appId, new Uint32Array(capacity));
    this.clientAppId = resized(this.clientAppId, new Uint32Array(capacity));
    this.clientInfoString = resized(this.clientInfoString, new Uint32Array(capacity));
    this.clientIpAddress = resized(this.clientIpAddress, new Uint32Array(capacity));
    this.normalizedClientIp = resized(this.normalizedClientIp, new Uint32Array(capacity));
    this.userId = resized(this.userId, new Uint32Array(capacity));
    this.mailboxOwnerUpn = resized(this.mailboxOwnerUpn, new Uint32Array(capacity));
    this.flags = resized(this.flags, new Uint8Array(capacity));
  }
}

function resized<T extends Float64Array | Uint32Array | Uint8Array>(old: T, target: T): T {
  target.set(old);
  return target;
}
