// Calendar arithmetic on UTC fields, shared by the CreationTime and wrapper-date parsers. Nothing
// here reads the host's time zone: only `Date.UTC` is called, on numbers already parsed.

const MILLISECONDS_PER_SECOND = 1000;

/** `Date.UTC` maps years 0 to 99 onto 1900 to 1999, so such years are shifted by one 400-year cycle. */
const GREGORIAN_CYCLE_YEARS = 400;
const GREGORIAN_CYCLE_SECONDS = 146_097 * 86_400;

/** Returns Unix epoch seconds of a UTC date and time given as calendar fields (month 1 to 12). */
export function utcSeconds(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  if (year < 100) {
    const shifted = Date.UTC(year + GREGORIAN_CYCLE_YEARS, month - 1, day, hour, minute, second);
    return shifted / MILLISECONDS_PER_SECOND - GREGORIAN_CYCLE_SECONDS;
  }

  return Date.UTC(year, month - 1, day, hour, minute, second) / MILLISECONDS_PER_SECOND;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const isLeapYear = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return isLeapYear ? 29 : 28;
  }

  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Tells whether the fields name a real date and a time of day from 00:00:00 to 23:59:59. */
export function isValidDateTime(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return false;
  }

  return hour <= 23 && minute <= 59 && second <= 59;
}

/**
 * Returns the milliseconds of a fraction of 1 to 7 digits as seconds, or 0 without a fraction.
 * Digits past the third are dropped: seven digits such as `.9999999` would otherwise round up to
 * the next whole second in a double, and move a record across a bin boundary.
 */
export function fractionSeconds(fractionText: string | undefined): number {
  if (fractionText === undefined) {
    return 0;
  }

  return Number(fractionText.padEnd(3, '0').slice(0, 3)) / MILLISECONDS_PER_SECOND;
}

/**
 * Returns the seconds east of UTC of an offset such as `+03:00` (sign `+`, hours `03`, minutes
 * `00`), 0 when `sign` is undefined (no offset written), or NaN for hours over 23 or minutes over 59.
 */
export function zoneOffsetSeconds(sign: string | undefined, hoursText: string | undefined, minutesText: string | undefined): number {
  if (sign === undefined) {
    return 0;
  }

  const hours = Number(hoursText);
  const minutes = Number(minutesText);
  if (hours > 23 || minutes > 59) {
    return Number.NaN;
  }
  return (sign === '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
}
