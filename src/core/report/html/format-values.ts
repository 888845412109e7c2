// Number, size and time formats of the HTML report. They are fixed (English digits grouping, UTC
// times) so a report reads the same on every machine that opens it.

import { formatUtcTime } from '../../time/format-utc-time.ts';

const COUNT_FORMAT = new Intl.NumberFormat('en-US');

/** Formats a count with thousands separators: `1,234,567`. */
export function formatCount(count: number): string {
  return COUNT_FORMAT.format(count);
}

/** Formats a byte count in binary units with one decimal, such as `452.7 MiB`. Counts below 1 KiB stay in bytes. */
export function formatBytes(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 'bytes';
  for (const next of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  return unit === 'bytes' ? `${formatCount(bytes)} bytes` : `${value.toFixed(1)} ${unit}`;
}

/** Formats Unix epoch seconds as ISO 8601 UTC, or `—` when the time is unknown. */
export function formatTime(seconds: number | undefined): string {
  return seconds === undefined ? '—' : formatUtcTime(seconds);
}

/** Returns `1 mailbox` or `2 mailboxes`, with the count formatted. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}
