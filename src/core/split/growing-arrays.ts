// Append-only typed arrays that double when full, for logs whose length is known only at the end.

/** 4,096 entries to start with; a range of a large file logs hundreds of thousands. */
const INITIAL_LENGTH = 4096;

type NumberArray = Uint8Array<ArrayBuffer> | Float64Array<ArrayBuffer>;

/** A growing list of numbers in a typed array made by `create`. */
class GrowingArray<T extends NumberArray> {
  private values: T;
  private count = 0;

  constructor(private readonly create: (length: number) => T) {
    this.values = create(INITIAL_LENGTH);
  }

  push(value: number): void {
    if (this.count === this.values.length) {
      const larger = this.create(this.values.length * 2);
      larger.set(this.values);
      this.values = larger;
    }
    this.values[this.count] = value;
    this.count += 1;
  }

  /** Copies the entries into an array of exactly their number, with a buffer of its own. */
  toArray(): T {
    return this.values.slice(0, this.count) as T;
  }
}

/** A growing list of bytes. */
export class GrowingUint8Array extends GrowingArray<Uint8Array<ArrayBuffer>> {
  constructor() {
    super((length) => new Uint8Array(length));
  }
}

/** A growing list of doubles. */
export class GrowingFloat64Array extends GrowingArray<Float64Array<ArrayBuffer>> {
  constructor() {
    super((length) => new Float64Array(length));
  }
}
