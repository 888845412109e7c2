/**
 * Formats Unix epoch seconds as ISO 8601 UTC: `2024-02-01T16:00:00Z` for a whole second and
 * `2024-02-01T16:00:00.250Z` otherwise. Times are rounded to the millisecond, the resolution that
 * `parseCreationTime` keeps.
 */
export function formatUtcTime(seconds: number): string {
  const iso = new Date(Math.round(seconds * 1000)).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
