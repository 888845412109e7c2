// Parser for UAL `CreationTime` values. The Management Activity API writes them without a zone
// (`2024-02-01T16:07:34`) but they are UTC. ECMAScript reads a zone-less date-time as local time,
// so this parser never hands the text to `Date`. It only calls `Date.UTC` on the parsed numbers.

/**
 * `YYYY-MM-DDTHH:MM:SS`, then an optional fraction of 1 to 7 digits, an optional `Z` or offset
 * (`+03:00` or `+0300`), and optional trailing whitespace.
 */
const CREATION_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(?:Z|([+-])(\d{2}):?(\d{2}))?\s*$/;

const MILLISECONDS_PER_SECOND = 1000;

/** `Date.UTC` maps years 0 to 99 onto 1900 to 1999, so such years are shifted by one 400-year cycle. */
const GREGORIAN_CYCLE_YEARS = 400;
const GREGORIAN_CYCLE_SECONDS = 146_097 * 86_400;

/**
 * Parses a UAL `CreationTime` as UTC and returns Unix epoch seconds, or `NaN` when the text is not
 * such a time or names an impossible date (`2024-02-30`, hour 24, second 60).
 *
 * The result has millisecond resolution: fraction digits past the third are dropped. Seven digits
 * such as `.9999999` would otherwise round up to the next whole second in a double, and move a
 * record across a bin boundary.
 */
export function parseCreationTime(text: string): number {
  const match = CREATION_TIME_PATTERN.exec(text);
  if (match === null) {
    return Number.NaN;
  }

  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fractionText, sign, offsetHourText, offsetMinuteText] =
    match;
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return Number.NaN;
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return Number.NaN;
  }

  let offsetSeconds = 0;
  if (sign !== undefined) {
    const offsetHours = Number(offsetHourText);
    const offsetMinutes = Number(offsetMinuteText);
    if (offsetHours > 23 || offsetMinutes > 59) {
      return Number.NaN;
    }
    offsetSeconds = (sign === '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }

  const wholeSeconds = utcSeconds(year, month, day, hour, minute, second) - offsetSeconds;
  const milliseconds = fractionText === undefined ? 0 : Number(fractionText.padEnd(3, '0').slice(0, 3));
  return wholeSeconds + milliseconds / MILLISECONDS_PER_SECOND;
}

function utcSeconds(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  if (year < 100) {
    const shifted = Date.UTC(year + GREGORIAN_CYCLE_YEARS, month - 1, day, hour, minute, second);
    return shifted / MILLISECONDS_PER_SECOND - GREGORIAN_CYCLE_SECONDS;
  }

  return Date.UTC(year, month - 1, day, hour, minute, second) / MILLISECONDS_PER_SECOND;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const isLeapYear = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return isLeapYear ? 29 : 28;
  }

  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
