// Column store of the MailItemsAccessed records that pass ESCU's base filter (Exchange,
// MailItemsAccessed, AppId and ClientAppId present). One row per distinct record; strings are
// interned in a StringTable and stored as uint32 ids, so no per-record object outlives `append`.
// Memory grows with matched rows only: 54 bytes a row plus each distinct string once (the folder
// paths of a record are interned as one JSON array text, so repeated folder sets cost nothing).

import type { AuditFields } from '../record/audit-fields.ts';
import { normalizeClientIp } from '../record/client-ip.ts';
import type { MailAccessDetails } from '../record/mail-access-details.ts';
import { StringTable } from './string-table.ts';

/** 1,024 rows (about 54 KiB), doubled whenever the columns fill up. */
const INITIAL_CAPACITY = 1024;

/** Value of the OperationCount and message-id count columns where the record had none. */
export const ABSENT_COUNT = 0xffff_ffff;

/** Values of the IsThrottled column. */
export const THROTTLED_ABSENT = 0;
export const THROTTLED_FALSE = 1;
export const THROTTLED_TRUE = 2;

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
  /** MailAccessType string id. */
  readonly mailAccessType: Uint32Array;
  /** OperationCount, or `ABSENT_COUNT` where the record had none. */
  readonly operationCount: Uint32Array;
  /** `THROTTLED_TRUE`, `THROTTLED_FALSE` or `THROTTLED_ABSENT`. */
  readonly isThrottled: Uint8Array;
  /** String id of the record's folder paths as JSON array text (`["\\Inbox"]`), or ABSENT for none. */
  readonly folderPaths: Uint32Array;
  /** InternetMessageId count, or `ABSENT_COUNT` where the record had no readable Folders. */
  readonly messageIdCount: Uint32Array;
}

/**
 * Column values of one row for `appendRow`, with string ids in the receiving index's StringTable.
 * It has no normalizedClientIp because `appendRow` derives that from clientIpAddress as `append` does.
 */
export interface MailboxAccessRow {
  time: number;
  appId: number;
  clientAppId: number;
  clientInfoString: number;
  clientIpAddress: number;
  userId: number;
  mailboxOwnerUpn: number;
  flags: number;
  mailAccessType: number;
  operationCount: number;
  isThrottled: number;
  folderPaths: number;
  messageIdCount: number;
}

/**
 * Plain, structured-cloneable copy of an index from `snapshot`, for sending to or from a worker.
 * The columns mean what they mean in MailboxAccessColumns; each has exactly one element per row.
 */
export interface MailboxAccessIndexState {
  readonly time: Float64Array<ArrayBuffer>;
  readonly appId: Uint32Array<ArrayBuffer>;
  readonly clientAppId: Uint32Array<ArrayBuffer>;
  readonly clientInfoString: Uint32Array<ArrayBuffer>;
  readonly clientIpAddress: Uint32Array<ArrayBuffer>;
  readonly normalizedClientIp: Uint32Array<ArrayBuffer>;
  readonly userId: Uint32Array<ArrayBuffer>;
  readonly mailboxOwnerUpn: Uint32Array<ArrayBuffer>;
  readonly flags: Uint8Array<ArrayBuffer>;
  readonly mailAccessType: Uint32Array<ArrayBuffer>;
  readonly operationCount: Uint32Array<ArrayBuffer>;
  readonly isThrottled: Uint8Array<ArrayBuffer>;
  readonly folderPaths: Uint32Array<ArrayBuffer>;
  readonly messageIdCount: Uint32Array<ArrayBuffer>;
  /** Strings of the index's StringTable indexed by id; element 0 is `''` for the ABSENT id. */
  readonly strings: readonly string[];
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
  private mailAccessType = new Uint32Array(INITIAL_CAPACITY);
  private operationCount = new Uint32Array(INITIAL_CAPACITY);
  private isThrottled = new Uint8Array(INITIAL_CAPACITY);
  private folderPaths = new Uint32Array(INITIAL_CAPACITY);
  private messageIdCount = new Uint32Array(INITIAL_CAPACITY);

  /** Count of changes to the rows. Caches built from the columns compare it to detect that they are stale. */
  private changeCount = 0;

  /** Normalised string id per raw ClientIPAddress string id, so each distinct address is normalised once. */
  private readonly normalizedIpIds = new Map<number, number>();

  constructor(strings: StringTable = new StringTable()) {
    this.strings = strings;
  }

  /** Number of rows appended. */
  get size(): number {
    return this.rowCount;
  }

  /** Number of appends and time changes so far. It changes whenever any row does. */
  get revision(): number {
    return this.changeCount;
  }

  /**
   * Appends one record and returns its row number. `timeSeconds` is the parsed CreationTime.
   * Without `details` the row's drill-down fields are stored as absent.
   */
  append(fields: AuditFields, timeSeconds: number, flags: number, details?: MailAccessDetails): number {
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
    this.appendDetails(row, details);
    this.rowCount += 1;
    this.changeCount += 1;
    return row;
  }

  /**
   * Appends one row of column values and returns its row number. The string ids must come from
   * this index's `strings`. NOTE: they are not checked, so an unknown id raises a RangeError only
   * when it is looked up (at once for clientIpAddress, later for the other columns).
   */
  appendRow(values: Readonly<MailboxAccessRow>): number {
    if (this.rowCount === this.time.length) {
      this.grow(this.rowCount * 2);
    }

    const row = this.rowCount;
    this.time[row] = values.time;
    this.appId[row] = values.appId;
    this.clientAppId[row] = values.clientAppId;
    this.clientInfoString[row] = values.clientInfoString;
    this.clientIpAddress[row] = values.clientIpAddress;
    this.normalizedClientIp[row] = this.normalizedIpId(values.clientIpAddress);
    this.userId[row] = values.userId;
    this.mailboxOwnerUpn[row] = values.mailboxOwnerUpn;
    this.flags[row] = values.flags;
    this.mailAccessType[row] = values.mailAccessType;
    this.operationCount[row] = values.operationCount;
    this.isThrottled[row] = values.isThrottled;
    this.folderPaths[row] = values.folderPaths;
    this.messageIdCount[row] = values.messageIdCount;
    this.rowCount += 1;
    this.changeCount += 1;
    return row;
  }

  /** Replaces the time of a row from `append`, for a row whose time was settled after it was added. */
  setTime(row: number, timeSeconds: number): void {
    if (!Number.isInteger(row) || row < 0 || row >= this.rowCount) {
      throw new RangeError(`Row ${row} is not in the index (valid rows are 0 to ${this.rowCount - 1}).`);
    }

    this.time[row] = timeSeconds;
    this.changeCount += 1;
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
      mailAccessType: this.mailAccessType.subarray(0, size),
      operationCount: this.operationCount.subarray(0, size),
      isThrottled: this.isThrottled.subarray(0, size),
      folderPaths: this.folderPaths.subarray(0, size),
      messageIdCount: this.messageIdCount.subarray(0, size),
    };
  }

  /**
   * Copies the filled rows and the strings into a MailboxAccessIndexState. Each column gets its
   * own exact-length buffer, so transferring the state leaves this index intact.
   */
  snapshot(): MailboxAccessIndexState {
    const size = this.rowCount;
    return {
      time: this.time.slice(0, size),
      appId: this.appId.slice(0, size),
      clientAppId: this.clientAppId.slice(0, size),
      clientInfoString: this.clientInfoString.slice(0, size),
      clientIpAddress: this.clientIpAddress.slice(0, size),
      normalizedClientIp: this.normalizedClientIp.slice(0, size),
      userId: this.userId.slice(0, size),
      mailboxOwnerUpn: this.mailboxOwnerUpn.slice(0, size),
      flags: this.flags.slice(0, size),
      mailAccessType: this.mailAccessType.slice(0, size),
      operationCount: this.operationCount.slice(0, size),
      isThrottled: this.isThrottled.slice(0, size),
      folderPaths: this.folderPaths.slice(0, size),
      messageIdCount: this.messageIdCount.slice(0, size),
      strings: this.strings.toArray(),
    };
  }

  private appendDetails(row: number, details: MailAccessDetails | undefined): void {
    this.mailAccessType[row] = this.strings.intern(details?.mailAccessType);
    this.operationCount[row] = storedCount(details?.operationCount);
    this.isThrottled[row] = storedThrottled(details?.isThrottled);
    const paths = details?.folderPaths ?? [];
    this.folderPaths[row] = paths.length === 0 ? StringTable.ABSENT : this.strings.intern(JSON.stringify(paths));
    this.messageIdCount[row] = storedCount(details?.messageIdCount);
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
    this.mailAccessType = resized(this.mailAccessType, new Uint32Array(capacity));
    this.operationCount = resized(this.operationCount, new Uint32Array(capacity));
    this.isThrottled = resized(this.isThrottled, new Uint8Array(capacity));
    this.folderPaths = resized(this.folderPaths, new Uint32Array(capacity));
    this.messageIdCount = resized(this.messageIdCount, new Uint32Array(capacity));
  }
}

/**
 * Lists the distinct column buffers of a state, for the transfer list of `postMessage` or
 * `structuredClone`. Transferring detaches them, which leaves the sender's columns empty.
 */
export function transferablesOf(state: MailboxAccessIndexState): ArrayBuffer[] {
  const buffers = [
    state.time.buffer,
    state.appId.buffer,
    state.clientAppId.buffer,
    state.clientInfoString.buffer,
    state.clientIpAddress.buffer,
    state.normalizedClientIp.buffer,
    state.userId.buffer,
    state.mailboxOwnerUpn.buffer,
    state.flags.buffer,
    state.mailAccessType.buffer,
    state.operationCount.buffer,
    state.isThrottled.buffer,
    state.folderPaths.buffer,
    state.messageIdCount.buffer,
  ];
  // A transfer list that names one buffer twice raises a DataCloneError, and a hand-built state may share one.
  return [...new Set(buffers)];
}

/** Stores a count in a uint32 column. NOTE: a count of 2^32 - 1 or more is stored as absent. */
function storedCount(count: number | undefined): number {
  return count === undefined || count >= ABSENT_COUNT ? ABSENT_COUNT : count;
}

/** Returns the IsThrottled column value of a record's IsThrottled flag. */
function storedThrottled(isThrottled: boolean | undefined): number {
  if (isThrottled === undefined) {
    return THROTTLED_ABSENT;
  }
  return isThrottled ? THROTTLED_TRUE : THROTTLED_FALSE;
}

function resized<T extends Float64Array | Uint32Array | Uint8Array>(old: T, target: T): T {
  target.set(old);
  return target;
}
