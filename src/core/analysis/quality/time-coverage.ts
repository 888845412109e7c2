// Record counts per UTC hour of one file, for its time range and the gaps inside it. Memory grows
// with the number of distinct hours, not with the number of records.

const SECONDS_PER_HOUR = 3600;

/**
 * Hours tracked before gap detection gives up: 20 years of hours (about 175,000 map entries, a
 * few MiB). Only a file with scattered invalid years reaches it.
 */
const MAX_TRACKED_HOURS = 20 * 366 * 24;

/** A stretch without records, as whole UTC hours: from the start of `start`'s hour to `end`. */
export interface TimeGap {
  /** Start of the first empty hour, Unix epoch seconds. */
  start: number;
  /** Start of the next hour with records, Unix epoch seconds. */
  end: number;
}

/**
 * The contents of a `TimeCoverage`, as plain data that a worker can post. `hours[i]` (hours since
 * the Unix epoch) has `counts[i]` records.
 */
export interface TimeCoverageState {
  hours: number[];
  counts: number[];
  /** Earliest and latest time added, in Unix epoch seconds, or undefined when nothing was added. */
  firstTime: number | undefined;
  lastTime: number | undefined;
  overflowed: boolean;
}

/** Record times of one file, counted per hour. */
export class TimeCoverage {
  private readonly countsByHour = new Map<number, number>();
  private first = Number.POSITIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;
  private isOverflowed = false;

  /** Earliest time added, Unix epoch seconds; undefined when nothing was added. */
  get firstTime(): number | undefined {
    return Number.isFinite(this.first) ? this.first : undefined;
  }

  /** Latest time added, Unix epoch seconds; undefined when nothing was added. */
  get lastTime(): number | undefined {
    return Number.isFinite(this.last) ? this.last : undefined;
  }

  /** True when the times spread over more hours than are tracked, so gaps cannot be listed. */
  get overflowed(): boolean {
    return this.isOverflowed;
  }

  /** Adds one record at `seconds` (Unix epoch seconds). */
  add(seconds: number): void {
    this.first = Math.min(this.first, seconds);
    this.last = Math.max(this.last, seconds);
    this.addToHour(Math.floor(seconds / SECONDS_PER_HOUR), 1);
  }

  /** Adds every record of `other` to this coverage. */
  addAll(other: TimeCoverage): void {
    this.first = Math.min(this.first, other.first);
    this.last = Math.max(this.last, other.last);
    this.isOverflowed ||= other.isOverflowed;
    for (const [hour, count] of other.countsByHour) {
      this.addToHour(hour, count);
    }
  }

  /** Returns a copy of the hours, counts, time range and overflow flag. */
  snapshot(): TimeCoverageState {
    return {
      hours: Array.from(this.countsByHour.keys()),
      counts: Array.from(this.countsByHour.values()),
      firstTime: this.firstTime,
      lastTime: this.lastTime,
      overflowed: this.isOverflowed,
    };
  }

  /**
   * Adds every record of a snapshot, as `addAll` does. The result overflows when either side had
   * overflowed or when their hours together exceed the tracked limit.
   */
  absorb(state: TimeCoverageState): void {
    if (state.hours.length !== state.counts.length) {
      throw new Error(`Invalid TimeCoverageState: ${state.hours.length} hours but ${state.counts.length} counts.`);
    }

    this.first = Math.min(this.first, state.firstTime ?? Number.POSITIVE_INFINITY);
    this.last = Math.max(this.last, state.lastTime ?? Number.NEGATIVE_INFINITY);
    this.isOverflowed ||= state.overflowed;
    for (const [index, hour] of state.hours.entries()) {
      this.addToHour(hour, state.counts[index] ?? 0);
    }
  }

  /**
   * Returns the stretches of at least `minHours` empty hours between hours with records, in time
   * order. Returns none once overflowed, because hours that were not tracked would look empty.
   */
  gaps(minHours: number): TimeGap[] {
    if (this.isOverflowed) {
      return [];
    }

    const hours = Array.from(this.countsByHour.keys()).sort((a, b) => a - b);
    const gaps: TimeGap[] = [];
    for (let index = 1; index < hours.length; index += 1) {
      const previous = hours[index - 1] ?? 0;
      const next = hours[index] ?? 0;
      if (next - previous - 1 >= minHours) {
        gaps.push({ start: (previous + 1) * SECONDS_PER_HOUR, end: next * SECONDS_PER_HOUR });
      }
    }
    return gaps;
  }

  private addToHour(hour: number, count: number): void {
    const known = this.countsByHour.get(hour);
    if (known !== undefined) {
      this.countsByHour.set(hour, known + count);
    } else if (this.countsByHour.size < MAX_TRACKED_HOURS) {
      this.countsByHour.set(hour, count);
    } else {
      this.isOverflowed = true;
    }
  }
}
