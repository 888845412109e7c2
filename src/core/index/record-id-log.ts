// The record ids of one byte range of a file, in record order, so that a coordinator can replay
// them into the file's IdSet after the ranges before it. A GUID is kept as the four words that
// IdSet stores, so the log costs 1 byte per record plus 16 bytes per GUID. Only ids that are not
// GUIDs become strings.

import { WORDS_PER_GUID, parseGuid } from './id-set.ts';
import type { IdSet } from './id-set.ts';

/** Kinds of logged id, one byte per record in `RecordIdLogState.kinds`. */
export const RECORD_ID_NONE = 0;
export const RECORD_ID_GUID = 1;
export const RECORD_ID_OTHER = 2;

/**
 * A record-id log as plain data that survives `structuredClone`, with arrays of exact length.
 * `kinds[i]` is the kind of record i's id. The GUIDs, four words each as `parseGuid` reads them,
 * and the other ids follow in record order in `guidWords` and `otherIds`.
 */
export interface RecordIdLogState {
  // Backed by a plain ArrayBuffer, never a SharedArrayBuffer, so that the buffers can be transferred.
  kinds: Uint8Array<ArrayBuffer>;
  guidWords: Uint32Array<ArrayBuffer>;
  otherIds: string[];
}

/** Records logged before the first growth of the typed arrays. They grow by doubling. */
const INITIAL_CAPACITY = 1024;

/** The record ids of a sequence of records, in the order they were read. */
export class RecordIdLog {
  private count = 0;
  private kinds = new Uint8Array(INITIAL_CAPACITY);
  private guidCount = 0;
  private guidWords = new Uint32Array(INITIAL_CAPACITY * WORDS_PER_GUID);
  private readonly otherIds: string[] = [];

  /** The GUID being appended. It is reused so that `append` allocates only when an array grows. */
  private readonly words = new Uint32Array(WORDS_PER_GUID);

  /** Number of records logged. */
  get size(): number {
    return this.count;
  }

  /** Logs the id of the next record, which is `undefined` for a record without an id. */
  append(id: string | undefined): void {
    if (this.count === this.kinds.length) {
      const kinds = new Uint8Array(this.count * 2);
      kinds.set(this.kinds);
      this.kinds = kinds;
    }

    if (id === undefined) {
      this.kinds[this.count] = RECORD_ID_NONE;
    } else if (parseGuid(id, this.words)) {
      this.kinds[this.count] = RECORD_ID_GUID;
      this.appendGuidWords();
    } else {
      this.kinds[this.count] = RECORD_ID_OTHER;
      this.otherIds.push(id);
    }
    this.count += 1;
  }

  /** Returns a copy of the log, with every array cut to its used length. */
  snapshot(): RecordIdLogState {
    return {
      kinds: this.kinds.slice(0, this.count),
      guidWords: this.guidWords.slice(0, this.guidCount * WORDS_PER_GUID),
      otherIds: this.otherIds.slice(),
    };
  }

  private appendGuidWords(): void {
    const offset = this.guidCount * WORDS_PER_GUID;
    if (offset === this.guidWords.length) {
      const guidWords = new Uint32Array(this.guidWords.length * 2);
      guidWords.set(this.guidWords);
      this.guidWords = guidWords;
    }

    this.guidWords.set(this.words, offset);
    this.guidCount += 1;
  }
}

/** Returns the number of GUIDs in a logged sequence of record ids. */
export function loggedGuidCount(state: RecordIdLogState): number {
  return state.guidWords.length / WORDS_PER_GUID;
}

/** Reads a logged sequence of record ids from the first record on. */
export class RecordIdCursor {
  private position = 0;
  private guidOffset = 0;
  private otherIndex = 0;

  constructor(private readonly state: RecordIdLogState) {}

  /** Number of logged records not yet read. */
  get remaining(): number {
    return this.state.kinds.length - this.position;
  }

  /**
   * Adds the next logged id to `set` and returns what `set.add` would have returned for the
   * original id: true for a record without an id. Throws when the log is exhausted or invalid.
   */
  addNextTo(set: IdSet): boolean {
    const kind = this.state.kinds[this.position];
    if (kind === undefined) {
      throw new Error(`No record id left: all ${this.state.kinds.length} logged records were already read. Check remaining before calling addNextTo.`);
    }

    let isNew: boolean;
    if (kind === RECORD_ID_NONE) {
      isNew = true;
    } else if (kind === RECORD_ID_GUID) {
      isNew = set.addGuidWords(this.state.guidWords, this.guidOffset);
      this.guidOffset += WORDS_PER_GUID;
    } else if (kind === RECORD_ID_OTHER) {
      const id = this.state.otherIds[this.otherIndex];
      if (id === undefined) {
        throw new Error(`Invalid RecordIdLogState: record ${this.position} is an other id, but otherIds has only ${this.state.otherIds.length} entries.`);
      }
      isNew = set.add(id);
      this.otherIndex += 1;
    } else {
      throw new Error(`Invalid RecordIdLogState: record ${this.position} has unknown kind ${kind}.`);
    }

    this.position += 1;
    return isNew;
  }
}
