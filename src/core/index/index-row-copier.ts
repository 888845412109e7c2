// Copies rows of a MailboxAccessIndexState (an index built over another byte range, possibly in
// another worker) into a MailboxAccessIndex. The two indexes have separate StringTables, so every
// string id is translated. Each distinct source string is interned into the target once, on the
// first copied row that uses it, so strings of rows that are never copied never reach the target.

import type { MailboxAccessIndex, MailboxAccessIndexState, MailboxAccessRow } from './mailbox-access-index.ts';
import { StringTable } from './string-table.ts';

/** Appends chosen rows of one source state to a target index, in the order `copy` is called. */
export class IndexRowCopier {
  private readonly target: MailboxAccessIndex;
  private readonly source: MailboxAccessIndexState;
  private readonly sourceRowCount: number;

  /** Target string id per source string id; 0 means not interned into the target yet. */
  private readonly targetIds: Uint32Array;

  /** Values of the row being copied, reused so that `copy` allocates nothing. */
  private readonly row: MailboxAccessRow = {
    time: 0,
    appId: 0,
    clientAppId: 0,
    clientInfoString: 0,
    clientIpAddress: 0,
    userId: 0,
    mailboxOwnerUpn: 0,
    flags: 0,
    mailAccessType: 0,
    operationCount: 0,
    isThrottled: 0,
    folderPaths: 0,
    messageIdCount: 0,
  };

  /**
   * Throws a RangeError when the source columns differ in length. A state whose buffers were
   * transferred away has empty columns, so every `copy` from it throws.
   */
  constructor(target: MailboxAccessIndex, source: MailboxAccessIndexState) {
    this.target = target;
    this.source = source;
    this.sourceRowCount = checkedRowCount(source);
    this.targetIds = new Uint32Array(source.strings.length);
  }

  /** Appends source row `row` to the target and returns its row number in the target. */
  copy(row: number): number {
    if (!Number.isInteger(row) || row < 0 || row >= this.sourceRowCount) {
      const valid = this.sourceRowCount === 0 ? 'it has no rows, or its buffers were transferred' : `valid rows are 0 to ${this.sourceRowCount - 1}`;
      throw new RangeError(`Row ${row} is not in the source state (${valid}).`);
    }

    const source = this.source;
    const values = this.row;
    values.time = source.time[row] ?? 0;
    values.appId = this.targetId(source.appId[row] ?? StringTable.ABSENT);
    values.clientAppId = this.targetId(source.clientAppId[row] ?? StringTable.ABSENT);
    values.clientInfoString = this.targetId(source.clientInfoString[row] ?? StringTable.ABSENT);
    values.clientIpAddress = this.targetId(source.clientIpAddress[row] ?? StringTable.ABSENT);
    values.userId = this.targetId(source.userId[row] ?? StringTable.ABSENT);
    values.mailboxOwnerUpn = this.targetId(source.mailboxOwnerUpn[row] ?? StringTable.ABSENT);
    values.flags = source.flags[row] ?? 0;
    values.mailAccessType = this.targetId(source.mailAccessType[row] ?? StringTable.ABSENT);
    values.operationCount = source.operationCount[row] ?? 0;
    values.isThrottled = source.isThrottled[row] ?? 0;
    values.folderPaths = this.targetId(source.folderPaths[row] ?? StringTable.ABSENT);
    values.messageIdCount = source.messageIdCount[row] ?? 0;
    // The target derives normalizedClientIp from the raw address itself, so the source's
    // normalizedClientIp column is not read.
    return this.target.appendRow(values);
  }

  /** Returns the target id of source string `sourceId`, interning the string on first use. */
  private targetId(sourceId: number): number {
    if (sourceId === StringTable.ABSENT) {
      return StringTable.ABSENT;
    }

    const known = this.targetIds[sourceId];
    if (known !== undefined && known !== StringTable.ABSENT) {
      return known;
    }

    const value = this.source.strings[sourceId];
    if (known === undefined || value === undefined) {
      throw new RangeError(`String id ${sourceId} is not in the source state (valid ids are 1 to ${this.targetIds.length - 1}).`);
    }
    const id = this.target.strings.intern(value);
    this.targetIds[sourceId] = id;
    return id;
  }
}

/** Returns the row count of a state whose columns all have the same length; throws a RangeError otherwise. */
function checkedRowCount(state: MailboxAccessIndexState): number {
  const rowCount = state.time.length;
  const lengths = [
    state.appId.length,
    state.clientAppId.length,
    state.clientInfoString.length,
    state.clientIpAddress.length,
    state.normalizedClientIp.length,
    state.userId.length,
    state.mailboxOwnerUpn.length,
    state.flags.length,
    state.mailAccessType.length,
    state.operationCount.length,
    state.isThrottled.length,
    state.folderPaths.length,
    state.messageIdCount.length,
  ];
  if (lengths.some((length) => length !== rowCount)) {
    throw new RangeError(`Invalid source state: its columns differ in length (time has ${rowCount} rows, the others ${lengths.join(', ')}).`);
  }
  return rowCount;
}
