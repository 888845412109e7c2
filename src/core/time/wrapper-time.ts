// Parser for the dates that containers write next to a record: Purview and Search-UnifiedAuditLog
// `CreationDate`, Sentinel `TimeGenerated [UTC]`, Graph `createdDateTime`, Splunk `_time`,
// Elastic `@timestamp`, Defender `Timestamp`. They are read only for a record without
// `CreationTime`. Every form is matched by a pattern and built with `Date.UTC`, never with the
// locale-dependent `Date` parser. All of these exports write UTC unless the text carries an offset.

import { fractionSeconds, isValidDateTime, utcSeconds, zoneOffsetSeconds } from './calendar.ts';

/**
 * A wrapper date as read from its text. A slash date such as `3/12/2025` reads differently as
 * month-first (en-US) and day-first (en-AU, en-GB), and only the other dates of the file can
 * settle which. `order` records what the text itself settles:
 * - 'fixed': the form has one reading (ISO, `/Date(ms)/`, `DD.MM.YYYY`, or day and month equal);
 * - 'day-first' or 'month-first': a slash date whose first or second number is over 12;
 * - 'ambiguous': a slash date that is valid both ways, with both readings.
 */
export type WrapperTime =
  | { order: 'fixed' | 'day-first' | 'month-first'; seconds: number }
  | { order: 'ambiguous'; monthFirstSeconds: number; dayFirstSeconds: number };

/**
 * ISO 8601 date and time with `T` or a space between them, a fraction of 0 to 7 digits, then
 * `Z`, `UTC`, `GMT` or an offset (`+03:00`, `+0300`), or nothing (read as UTC).
 * Examples: `2026-01-24T06:54:24.0000000Z `, `2021-07-27T05:48:20.265+0300`, `2026-10-08 13:48:34.000 GMT`.
 */
const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?\s*(?:Z|UTC|GMT|([+-])(\d{2}):?(\d{2}))?$/i;

/**
 * .NET's JSON date, epoch milliseconds: `\/Date(1714989611000)\/` as written in the file, or
 * `/Date(1714989611000)/` once a JSON parser has removed the escapes. An offset such as `+0200`
 * only records the writer's zone, because the milliseconds are already UTC.
 */
const DOTNET_DATE_PATTERN = /^\\?\/Date\((-?\d{1,15})(?:[+-]\d{4})?\)\\?\/$/;

/**
 * `M/D/YYYY h:mm:ss AM` or `D/M/YYYY HH:mm:ss` (PowerShell's current culture), optionally with a
 * comma after the date, a fraction and no seconds (`2/25/2025, 9:19:25.391 AM`, Log Analytics).
 */
const SLASH_PATTERN = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(,?)\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(?:\s*([AP]M))?$/i;

/** `DD.MM.YYYY HH:mm:ss` (de-DE and other cultures that put the day first with dots). */
const DOTTED_PATTERN = /^(\d{1,2})\.(\d{1,2})\.(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;

const MILLISECONDS_PER_SECOND = 1000;

/** Parses a wrapper date, or returns undefined when the text matches no known form or names an impossible time. */
export function parseWrapperTime(text: string): WrapperTime | undefined {
  const trimmed = text.trim();
  return parseIso(trimmed) ?? parseDotNetDate(trimmed) ?? parseSlashDate(trimmed) ?? parseDottedDate(trimmed);
}

/** Returns the seconds of a wrapper time under a day/month order, the order applying only to an ambiguous slash date. */
export function resolveWrapperTime(time: WrapperTime, ambiguousOrder: 'day-first' | 'month-first'): number {
  if (time.order !== 'ambiguous') {
    return time.seconds;
  }

  return ambiguousOrder === 'day-first' ? time.dayFirstSeconds : time.monthFirstSeconds;
}

function parseIso(text: string): WrapperTime | undefined {
  const match = ISO_PATTERN.exec(text);
  if (match === null) {
    return undefined;
  }

  const [, year, month, day, hour, minute, second, fraction, sign, offsetHours, offsetMinutes] = match;
  const seconds = fieldsToSeconds(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second), fraction);
  const offset = zoneOffsetSeconds(sign, offsetHours, offsetMinutes);
  return fixed(seconds - offset);
}

function parseDotNetDate(text: string): WrapperTime | undefined {
  const match = DOTNET_DATE_PATTERN.exec(text);
  if (match === null) {
    return undefined;
  }

  return fixed(Number(match[1]) / MILLISECONDS_PER_SECOND);
}

/**
 * Tells whether a slash date has the en-US browser form `2/25/2025, 9:19:25.391 AM` that the Log
 * Analytics and Sentinel portals write: a comma after the year and an upper-case AM or PM. Other
 * English locales that put a comma there write the day first with a 24-hour clock (en-GB) or a
 * lower-case `am` (en-AU, en-IN), so this form settles the order as month-first.
 * NOTE: inferred from how ICU formats these locales, not from a portal setting seen in a real export.
 */
function isUsBrowserDate(comma: string | undefined, meridiem: string | undefined): boolean {
  return comma === ',' && (meridiem === 'AM' || meridiem === 'PM');
}

function parseSlashDate(text: string): WrapperTime | undefined {
  const match = SLASH_PATTERN.exec(text);
  if (match === null) {
    return undefined;
  }

  const [, firstText, secondText, yearText, comma, hourText, minuteText, secondsText, fraction, meridiem] = match;
  const first = Number(firstText);
  const second = Number(secondText);
  const year = Number(yearText);
  const hour = toTwentyFourHour(Number(hourText), meridiem);
  const minute = Number(minuteText);
  const seconds = Number(secondsText ?? '0');

  const monthFirst = fieldsToSeconds(year, first, second, hour, minute, seconds, fraction);
  const dayFirst = fieldsToSeconds(year, second, first, hour, minute, seconds, fraction);
  if (Number.isNaN(monthFirst) && Number.isNaN(dayFirst)) {
    return undefined;
  }
  if (Number.isNaN(monthFirst)) {
    return { order: 'day-first', seconds: dayFirst };
  }
  if (Number.isNaN(dayFirst) || isUsBrowserDate(comma, meridiem)) {
    return { order: 'month-first', seconds: monthFirst };
  }
  if (first === second) {
    return { order: 'fixed', seconds: monthFirst };
  }
  return { order: 'ambiguous', monthFirstSeconds: monthFirst, dayFirstSeconds: dayFirst };
}

function parseDottedDate(text: string): WrapperTime | undefined {
  const match = DOTTED_PATTERN.exec(text);
  if (match === null) {
    return undefined;
  }

  const [, day, month, year, hour, minute, second, fraction] = match;
  return fixed(fieldsToSeconds(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second ?? '0'), fraction));
}

/** Converts a 12-hour clock hour (1 to 12) with AM or PM to 0 to 23; returns NaN for a 12-hour value out of range. */
function toTwentyFourHour(hour: number, meridiem: string | undefined): number {
  if (meridiem === undefined) {
    return hour;
  }
  if (hour < 1 || hour > 12) {
    return Number.NaN;
  }

  const isPm = meridiem.toUpperCase() === 'PM';
  return (hour % 12) + (isPm ? 12 : 0);
}

function fieldsToSeconds(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: string | undefined,
): number {
  if (!isValidDateTime(year, month, day, hour, minute, second)) {
    return Number.NaN;
  }

  return utcSeconds(year, month, day, hour, minute, second) + fractionSeconds(fraction);
}

function fixed(seconds: number): WrapperTime | undefined {
  return Number.isFinite(seconds) ? { order: 'fixed', seconds } : undefined;
}
