// The day/month order of the slash dates in one file, decided from all of them. A date whose first
// number is over 12 can only be day-first and one whose second number is over 12 only month-first.
// One file comes from one culture, so such dates settle the order of the ambiguous ones.

import type { WrapperTime } from './wrapper-time.ts';

export type DayMonthOrder = 'day-first' | 'month-first';

/** The order an ambiguous slash date is read in, and how sure that is. */
export interface DayMonthDecision {
  order: DayMonthOrder;
  /** True when the file contains dates of one order only. */
  settled: boolean;
  /** True when the file contains both dates that can only be day-first and dates that can only be month-first. */
  conflicting: boolean;
}

/** Counts of `DayMonthEvidence`, as plain data that a worker can post. */
export interface DayMonthEvidenceState {
  dayFirst: number;
  monthFirst: number;
  ambiguous: number;
}

/** Counts of slash dates by the order their text allows. */
export class DayMonthEvidence {
  dayFirst = 0;
  monthFirst = 0;
  ambiguous = 0;

  /** Counts one wrapper date; dates of other forms are ignored. */
  observe(time: WrapperTime): void {
    if (time.order === 'day-first') {
      this.dayFirst += 1;
    } else if (time.order === 'month-first') {
      this.monthFirst += 1;
    } else if (time.order === 'ambiguous') {
      this.ambiguous += 1;
    }
  }

  /** Returns a copy of the counts. */
  snapshot(): DayMonthEvidenceState {
    return { dayFirst: this.dayFirst, monthFirst: this.monthFirst, ambiguous: this.ambiguous };
  }

  /** Adds the counts of another part of the file. */
  absorb(state: DayMonthEvidenceState): void {
    this.dayFirst += state.dayFirst;
    this.monthFirst += state.monthFirst;
    this.ambiguous += state.ambiguous;
  }

  /**
   * Decides the order of the ambiguous dates. Without any date over 12, month-first is used
   * (the US format that Purview, Log Analytics and en-US PowerShell write). When both orders
   * occur, the more frequent wins, month-first on a tie.
   */
  decide(): DayMonthDecision {
    const conflicting = this.dayFirst > 0 && this.monthFirst > 0;
    const order = this.dayFirst > this.monthFirst ? 'day-first' : 'month-first';
    const settled = !conflicting && this.dayFirst + this.monthFirst > 0;
    return { order, settled, conflicting };
  }
}
