/** A growable byte array that reuses its storage. It keeps one record while the record spans slices. */
export class ByteBuffer {
  private storage = new Uint8Array(4096);
  private used = 0;

  get length(): number {
    return this.used;
  }

  append(bytes: Uint8Array): void {
    const needed = this.used + bytes.length;
    if (needed > this.storage.length) {
      let capacity = this.storage.length * 2;
      while (capacity < needed) capacity *= 2;
      const grown = new Uint8Array(capacity);
      grown.set(this.storage.subarray(0, this.used));
      this.storage = grown;
    }

    this.storage.set(bytes, this.used);
    this.used = needed;
  }

  /** Returns a view of the stored bytes, valid until the next append or clear. */
  view(): Uint8Array {
    return this.storage.subarray(0, this.used);
  }

  clear(): void {
    this.used = 0;
  }
}
