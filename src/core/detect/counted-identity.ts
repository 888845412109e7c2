// The value a detection counts as "a mailbox": UserId as in ESCU, or MailboxOwnerUPN, optionally
// with names that differ only in letter case taken as one. Case folding maps each distinct string
// id once to the id of the first string seen with the same lower-case form, so counting stays on
// integer ids.

import type { MailboxAccessColumns } from '../index/mailbox-access-index.ts';
import { StringTable } from '../index/string-table.ts';
import type { DetectionSettings } from './detection-settings.ts';
import type { GroupOrder } from './group-order.ts';

/** Counted-identity keys of the rows of one index under one set of settings. Equal keys are one mailbox. */
export class CountedIdentity {
  /** The counted column by row number, and the same column in group order. */
  private readonly column: Uint32Array;
  private readonly orderedColumn: Uint32Array;
  private readonly strings: StringTable;
  private readonly foldCase: boolean;

  /** Per string id, the id that represents its lower-case form, or 0 while not yet computed. */
  private readonly foldedIds: Uint32Array;
  private readonly idsByFoldedText = new Map<string, number>();

  /** The string table must not grow while this is in use. */
  constructor(
    columns: MailboxAccessColumns,
    order: GroupOrder,
    strings: StringTable,
    settings: Pick<DetectionSettings, 'identity' | 'foldUserCase'>,
  ) {
    const isOwner = settings.identity === 'MailboxOwnerUPN';
    this.column = isOwner ? columns.mailboxOwnerUpn : columns.userId;
    this.orderedColumn = isOwner ? order.ownerIds : order.userIds;
    this.strings = strings;
    this.foldCase = settings.foldUserCase;
    this.foldedIds = new Uint32Array(settings.foldUserCase ? strings.size : 0);
  }

  /** Returns the key of an index row, or ABSENT when the row has no value. */
  keyOfRow(row: number): number {
    return this.keyOfId(this.column[row] ?? StringTable.ABSENT);
  }

  /** Returns the key of the row at a position of the group order's `rows`. */
  keyAt(position: number): number {
    return this.keyOfId(this.orderedColumn[position] ?? StringTable.ABSENT);
  }

  /** Returns the text shown for a key: the value as logged, or its lower-case form when folding. */
  labelOf(key: number): string {
    const text = this.strings.lookup(key);
    return this.foldCase ? text.toLowerCase() : text;
  }

  private keyOfId(id: number): number {
    if (!this.foldCase || id === StringTable.ABSENT) {
      return id;
    }

    let folded = this.foldedIds[id] ?? StringTable.ABSENT;
    if (folded === StringTable.ABSENT) {
      const text = this.strings.lookup(id).toLowerCase();
      folded = this.idsByFoldedText.get(text) ?? id;
      this.idsByFoldedText.set(text, folded);
      this.foldedIds[id] = folded;
    }
    return folded;
  }
}
