// Parser for UAL `CreationTime` values. The Management Activity API writes them without a zone
// (`2024-02-01T16:07:34`) but they are UTC. ECMAScript reads a zone-less date-time as local time,
// so this parser never hands the text to `Date`. It only calls `Date.UTC` on the parsed numbers.

import { fractionSeconds, isValidDateTime, utcSeconds, zoneOffsetSeconds } from './calendar.ts';

/**
 * `YYYY-MM-DDTHH:MM:SS`, then an optional fraction of 1 to 7 digits, an optional `Z` or offset
 * (`+03:00` or `+0300`), and optional trailing whitespace.
 */
const CREATION_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(?:Z|([+-])(\d{2}):?(\d{2}))?\s*$/;

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
  if (!isValidDateTime(year, month, day, hour, minute, second)) {
    return Number.NaN;
  }

  // A NaN offset (hours over 23) makes the result NaN.
  const offsetSeconds = zoneOffsetSeconds(sign, offsetHourText, offsetMinuteText);
  const wholeSeconds = utcSeconds(year, month, day, hour, minute, second) - offsetSeconds;
  return wholeSeconds + fractionSeconds(fractionText);
}
