/**
 * Interned strings: each distinct string is stored once and referred to by a small integer, so
 * the index columns can be typed arrays. Id 0 stands for an absent value and never names a string.
 */
export class StringTable {
  /** Id of an absent value. */
  static readonly ABSENT = 0;

  private readonly idsByValue = new Map<string, number>();
  private readonly values: string[] = [''];

  /** Number of ids handed out, including the reserved id 0. */
  get size(): number {
    return this.values.length;
  }

  /** Returns the id of `value`, adding it on first sight; `undefined` maps to `StringTable.ABSENT`. */
  intern(value: string | undefined): number {
    if (value === undefined) {
      return StringTable.ABSENT;
    }

    const known = this.idsByValue.get(value);
    if (known !== undefined) {
      return known;
    }

    const id = this.values.length;
    this.values.push(value);
    this.idsByValue.set(value, id);
    return id;
  }

  /** Returns a copy of the interned strings, indexed by id; element 0 is `''` for the reserved ABSENT id. */
  toArray(): string[] {
    return this.values.slice();
  }

  /** Returns the string of an id from `intern`; throws a RangeError for `ABSENT` and unknown ids. */
  lookup(id: number): string {
    const value = id === StringTable.ABSENT ? undefined : this.values[id];
    if (value === undefined) {
      throw new RangeError(`String id ${id} is not in the table (valid ids are 1 to ${this.values.length - 1}).`);
    }

    return value;
  }
}
