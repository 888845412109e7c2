// De-duplication set for UAL record ids. Record ids are GUIDs, so a GUID is stored as four
// uint32 words in an open-addressing hash table held in one typed array: 16 bytes a slot instead
// of a heap string per record. Ids that are not GUID-shaped fall back to a Set<string>.

/** Number of 32-bit words that `parseGuid` writes for one GUID. */
export const WORDS_PER_GUID = 4;

const WORDS_PER_SLOT = WORDS_PER_GUID;

/** 1,024 slots (16 KiB), small for a file with a handful of records. The table grows by doubling. */
const INITIAL_SLOTS = 1024;

/** Length of `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, and of the same in braces. */
const GUID_LENGTH = 36;
const BRACED_GUID_LENGTH = 38;

/** Offsets of the hyphens in an unbraced GUID. */
const HYPHEN_OFFSETS = [8, 13, 18, 23];

/** Value of each ASCII hex digit of either case by character code, -1 for the other codes below 128. */
const HEX_DIGIT_VALUES = new Int8Array(128).fill(-1);
for (const [first, last, value] of [
  ['0', '9', 0],
  ['a', 'f', 10],
  ['A', 'F', 10],
] as const) {
  for (let code = first.charCodeAt(0); code <= last.charCodeAt(0); code += 1) {
    HEX_DIGIT_VALUES[code] = value + code - first.charCodeAt(0);
  }
}

/**
 * Record ids seen so far. GUIDs compare case-insensitively and with or without braces, while
 * other ids compare as exact strings.
 */
export class IdSet {
  private slots = new Uint32Array(INITIAL_SLOTS * WORDS_PER_SLOT);
  private slotMask = INITIAL_SLOTS - 1;
  private guidCount = 0;

  /** An all-zero slot marks an empty slot, so the nil GUID is tracked on its own. */
  private hasNilGuid = false;

  private readonly otherIds = new Set<string>();

  /** The GUID being added, as four words in text order. It is reused so that `add` allocates nothing. */
  private readonly words = new Uint32Array(WORDS_PER_SLOT);

  /** Number of distinct ids added. */
  get size(): number {
    return this.guidCount + (this.hasNilGuid ? 1 : 0) + this.otherIds.size;
  }

  /**
   * Adds a record id and returns whether it was new. A record without an id (`undefined`) is never
   * a duplicate, so this returns true for it and stores nothing.
   */
  add(id: string | undefined): boolean {
    if (id === undefined) {
      return true;
    }

    if (!parseGuid(id, this.words)) {
      const isNew = !this.otherIds.has(id);
      this.otherIds.add(id);
      return isNew;
    }

    return this.addWords(this.words, 0);
  }

  /**
   * Adds a GUID that `parseGuid` has already read: the four words from `words[offset]`. Returns
   * what `add` returns for the GUID's text, so the nil GUID is new only the first time. Throws a
   * RangeError when the four words do not fit in `words`.
   */
  addGuidWords(words: Uint32Array, offset: number): boolean {
    if (!Number.isInteger(offset) || offset < 0 || offset + WORDS_PER_SLOT > words.length) {
      throw new RangeError(`Invalid GUID offset ${offset}: four words must fit in an array of ${words.length} words.`);
    }

    return this.addWords(words, offset);
  }

  private addWords(words: Uint32Array, offset: number): boolean {
    if (isEmptySlot(words, offset)) {
      const isNew = !this.hasNilGuid;
      this.hasNilGuid = true;
      return isNew;
    }

    return this.addGuid(words, offset);
  }

  private addGuid(words: Uint32Array, offset: number): boolean {
    // A load factor of at most one half keeps linear probing short.
    if ((this.guidCount + 1) * 2 > this.slotMask + 1) {
      this.grow();
    }

    const slotOffset = findSlot(this.slots, this.slotMask, words, offset) * WORDS_PER_SLOT;
    if (!isEmptySlot(this.slots, slotOffset)) {
      return false;
    }

    // Copied word by word because a subarray view of `words` would allocate.
    this.slots[slotOffset] = words[offset] ?? 0;
    this.slots[slotOffset + 1] = words[offset + 1] ?? 0;
    this.slots[slotOffset + 2] = words[offset + 2] ?? 0;
    this.slots[slotOffset + 3] = words[offset + 3] ?? 0;
    this.guidCount += 1;
    return true;
  }

  /**
   * Makes room for `guidCount` more GUIDs at once, so that a merge of that many ids rehashes the
   * table at most once instead of at every doubling on the way.
   */
  reserve(guidCount: number): void {
    let slotCount = this.slotMask + 1;
    while ((this.guidCount + guidCount) * 2 > slotCount) slotCount *= 2;
    if (slotCount > this.slotMask + 1) this.rehash(slotCount);
  }

  private grow(): void {
    this.rehash((this.slotMask + 1) * 2);
  }

  private rehash(slotCount: number): void {
    const oldSlots = this.slots;
    const slots = new Uint32Array(slotCount * WORDS_PER_SLOT);
    const slotMask = slotCount - 1;
    for (let offset = 0; offset < oldSlots.length; offset += WORDS_PER_SLOT) {
      if (!isEmptySlot(oldSlots, offset)) {
        // Copied word by word because a subarray view per slot would allocate.
        const target = findSlot(slots, slotMask, oldSlots, offset) * WORDS_PER_SLOT;
        slots[target] = oldSlots[offset] ?? 0;
        slots[target + 1] = oldSlots[offset + 1] ?? 0;
        slots[target + 2] = oldSlots[offset + 2] ?? 0;
        slots[target + 3] = oldSlots[offset + 3] ?? 0;
      }
    }

    this.slots = slots;
    this.slotMask = slotMask;
  }
}

/**
 * Parses a GUID in any letter case, with or without braces, into `words[0..3]` (four 32-bit words
 * in text order). Returns false, leaving `words` in an unspecified state, when `id` is not a GUID.
 */
export function parseGuid(id: string, words: Uint32Array): boolean {
  let start = 0;
  if (id.length === BRACED_GUID_LENGTH) {
    if (id.charCodeAt(0) !== 0x7b || id.charCodeAt(BRACED_GUID_LENGTH - 1) !== 0x7d) {
      return false;
    }
    start = 1;
  } else if (id.length !== GUID_LENGTH) {
    return false;
  }

  for (const hyphen of HYPHEN_OFFSETS) {
    if (id.charCodeAt(start + hyphen) !== 0x2d) {
      return false;
    }
  }

  // Eight groups of 4 digits, two to a word. An invalid digit makes its group -1, which makes the
  // OR of all groups negative, so one comparison rejects the id.
  const group0 = hexGroup(id, start);
  const group1 = hexGroup(id, start + 4);
  const group2 = hexGroup(id, start + 9);
  const group3 = hexGroup(id, start + 14);
  const group4 = hexGroup(id, start + 19);
  const group5 = hexGroup(id, start + 24);
  const group6 = hexGroup(id, start + 28);
  const group7 = hexGroup(id, start + 32);
  if ((group0 | group1 | group2 | group3 | group4 | group5 | group6 | group7) < 0) {
    return false;
  }

  // The shifted words are signed 32-bit integers, and the Uint32Array store keeps their bits as unsigned.
  words[0] = (group0 << 16) | group1;
  words[1] = (group2 << 16) | group3;
  words[2] = (group4 << 16) | group5;
  words[3] = (group6 << 16) | group7;
  return true;
}

/** Returns the value of the 4 hex digits at `offset` (0 to 0xffff), or -1 when any is not a hex digit. */
function hexGroup(text: string, offset: number): number {
  let value = 0;
  for (let position = offset; position < offset + 4; position += 1) {
    const digit = HEX_DIGIT_VALUES[text.charCodeAt(position)] ?? -1;
    if (digit < 0) return -1;
    value = (value << 4) | digit;
  }
  return value;
}

/** Returns the slot that contains the four words at `words[offset]`, or the empty slot where they belong. */
function findSlot(slots: Uint32Array, slotMask: number, words: Uint32Array, offset: number): number {
  let slot = hashWords(words, offset) & slotMask;
  for (;;) {
    const slotOffset = slot * WORDS_PER_SLOT;
    if (isEmptySlot(slots, slotOffset) || slotEquals(slots, slotOffset, words, offset)) {
      return slot;
    }
    slot = (slot + 1) & slotMask;
  }
}

function isEmptySlot(slots: Uint32Array, offset: number): boolean {
  return slots[offset] === 0 && slots[offset + 1] === 0 && slots[offset + 2] === 0 && slots[offset + 3] === 0;
}

function slotEquals(slots: Uint32Array, slotOffset: number, words: Uint32Array, offset: number): boolean {
  return (
    slots[slotOffset] === words[offset] &&
    slots[slotOffset + 1] === words[offset + 1] &&
    slots[slotOffset + 2] === words[offset + 2] &&
    slots[slotOffset + 3] === words[offset + 3]
  );
}

/** Mixes four words into a 32-bit hash (murmur3's finalizer), so sequential GUIDs spread out. */
function hashWords(words: Uint32Array, offset: number): number {
  let hash =
    (words[offset] ?? 0) ^
    Math.imul(words[offset + 1] ?? 0, 0x9e3779b1) ^
    Math.imul(words[offset + 2] ?? 0, 0x85ebca77) ^
    Math.imul(words[offset + 3] ?? 0, 0xc2b2ae3d);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
