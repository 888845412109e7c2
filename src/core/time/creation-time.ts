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
  return parseCommonForm(text) ?? parseCreationTimeByPattern(text);
}

/** Parses any accepted form with the pattern. `parseCreationTime` falls back to it, and tests compare the two. */
export function parseCreationTimeByPattern(text: string): number {
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

const DIGIT_0 = 0x30;

/** The date part of the latest common-form time, and its midnight in epoch seconds (NaN for an impossible date). */
let cachedDate = '';
let cachedMidnight = Number.NaN;

/**
 * Parses the form nearly every record uses, `YYYY-MM-DDTHH:MM:SS` with an optional `Z`, without
 * a regular expression, reusing the midnight of the previous record's date: records of one file
 * are mostly in time order. Returns undefined for any other form, so the pattern decides.
 */
function parseCommonForm(text: string): number | undefined {
  const length = text.length;
  if (length !== 19 && !(length === 20 && text.charCodeAt(19) === 0x5a)) return undefined;
  if (
    text.charCodeAt(4) !== 0x2d ||
    text.charCodeAt(7) !== 0x2d ||
    text.charCodeAt(10) !== 0x54 ||
    text.charCodeAt(13) !== 0x3a ||
    text.charCodeAt(16) !== 0x3a
  ) {
    return undefined;
  }

  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (hour < 0 || minute < 0 || second < 0) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;

  const date = text.slice(0, 10);
  if (date !== cachedDate) {
    const century = twoDigits(text, 0);
    const yearOfCentury = twoDigits(text, 2);
    const month = twoDigits(text, 5);
    const day = twoDigits(text, 8);
    if (century < 0 || yearOfCentury < 0 || month < 0 || day < 0) return undefined;
    const year = century * 100 + yearOfCentury;
    cachedMidnight = isValidDateTime(year, month, day, 0, 0, 0) ? utcSeconds(year, month, day, 0, 0, 0) : Number.NaN;
    cachedDate = date;
  }
  return cachedMidnight + hour * 3600 + minute * 60 + second;
}

/** Value of the two ASCII digits at `offset`, or a negative number when either is not a digit. */
function twoDigits(text: string, offset: number): number {
  const tens = text.charCodeAt(offset) - DIGIT_0;
  const ones = text.charCodeAt(offset + 1) - DIGIT_0;
  if (tens < 0 || tens > 9 || ones < 0 || ones > 9) return -1;
  return tens * 10 + ones;
}
