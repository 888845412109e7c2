// Text forms of numbers and times shown on the page. Times are always UTC, never the browser's zone.

const countFormat = new Intl.NumberFormat('en-US');

/** Formats a count with thousands separators: `12,345`. */
export function formatCount(value: number): string {
  return countFormat.format(value);
}

/** Formats a byte count in decimal units (1 MB = 1,000,000 bytes), the units of file managers. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) {
    return `${bytes} B`;
  }
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unitIndex = 0;
  while (value >= 1000 && unitIndex < units.length - 1) {
    value /= 1000;
    unitIndex += 1;
  }
  return `${value.toFixed(value < 10 ? 2 : 1)} ${units[unitIndex] ?? ''}`;
}

/** Formats Unix epoch seconds as ISO 8601 UTC, `2024-02-01T16:00:00Z`, keeping milliseconds only when present. */
export function formatUtcTime(epochSeconds: number): string {
  const iso = new Date(Math.round(epochSeconds * 1000)).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** Formats a moment as the compact UTC stamp used in file names: `20261204T195102Z`. */
export function formatFileNameTimestamp(moment: Date): string {
  return moment.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}
