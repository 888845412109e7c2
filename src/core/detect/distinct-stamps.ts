/**
 * Marks of the keys seen in the current group, so that distinct keys are counted without building
 * a set per group: a key is new when its mark differs from the group's stamp.
 */
export class DistinctStamps {
  private readonly stamps: Uint32Array;
  private stamp = 0;

  /** `keyCount` is one more than the largest key: the string table's size. */
  constructor(keyCount: number) {
    this.stamps = new Uint32Array(keyCount);
  }

  /** Starts a new group: every key is new again. */
  next(): void {
    this.stamp += 1;
  }

  /** Tells whether `key` is seen for the first time in this group, and marks it. ABSENT (0) is never new. */
  isNew(key: number): boolean {
    if (key === 0 || this.stamps[key] === this.stamp) {
      return false;
    }
    this.stamps[key] = this.stamp;
    return true;
  }
}
