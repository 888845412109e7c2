// Index rows timed from an ambiguous slash date (`3/4/2025`), kept until the end of their file
// settles the day/month order. A row is indexed at once with its month-first time. Its day-first
// time is kept here, 12 bytes a row, and written to the row if the file turns out day-first.

import type { MailboxAccessIndex } from '../../index/mailbox-access-index.ts';

const INITIAL_CAPACITY = 64;

/** Index rows with a day-first alternative time, in the order they were added. */
export class PendingRowTimes {
  private count = 0;
  private rows = new Uint32Array(INITIAL_CAPACITY);
  private dayFirstSeconds = new Float64Array(INITIAL_CAPACITY);

  get size(): number {
    return this.count;
  }

  add(row: number, dayFirstSeconds: number): void {
    if (this.count === this.rows.length) {
      const rows = new Uint32Array(this.count * 2);
      rows.set(this.rows);
      this.rows = rows;
      const times = new Float64Array(this.count * 2);
      times.set(this.dayFirstSeconds);
      this.dayFirstSeconds = times;
    }

    this.rows[this.count] = row;
    this.dayFirstSeconds[this.count] = dayFirstSeconds;
    this.count += 1;
  }

  /** Gives every kept row its day-first time in `index`. */
  applyDayFirst(index: MailboxAccessIndex): void {
    for (let position = 0; position < this.count; position += 1) {
      index.setTime(this.rows[position] ?? 0, this.dayFirstSeconds[position] ?? 0);
    }
  }
}
