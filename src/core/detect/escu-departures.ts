// Labels for the settings that differ from the published ESCU search, for the page and for every
// export, so that a reader of a result can tell that it is not ESCU's.

import { ESCU_SETTINGS, type DetectionSettings } from './detection-settings.ts';

/** Returns one readable label per departure from ESCU_SETTINGS, in field order. Returns none for ESCU's settings. */
export function departuresFromEscu(settings: DetectionSettings): string[] {
  const escu = ESCU_SETTINGS;
  const labels: string[] = [];

  if (settings.spanSeconds !== escu.spanSeconds) {
    labels.push(`Bin span ${formatSpan(settings.spanSeconds)} (ESCU: ${formatSpan(escu.spanSeconds)}).`);
  }
  if (settings.threshold !== escu.threshold) {
    labels.push(`Finding when more than ${settings.threshold} mailboxes are read (ESCU: more than ${escu.threshold}).`);
  }
  if (!sameAppIds(settings.graphAppIds, escu.graphAppIds)) {
    const ids = settings.graphAppIds.length === 0 ? 'none, so no read counts as a Graph read' : settings.graphAppIds.join(', ');
    labels.push(`Graph AppIds: ${ids} (ESCU: ${escu.graphAppIds.join(', ')}).`);
  }
  if (settings.ewsPattern !== escu.ewsPattern) {
    const pattern = settings.ewsPattern === '' ? 'none, so no read counts as an EWS read' : `/${settings.ewsPattern}/`;
    labels.push(`EWS ClientInfoString pattern: ${pattern} (ESCU: /${escu.ewsPattern}/).`);
  }
  if (settings.identity !== escu.identity) {
    labels.push(`Counts distinct ${settings.identity} values as mailboxes (ESCU: distinct ${escu.identity} values).`);
  }
  if (settings.foldUserCase !== escu.foldUserCase) {
    labels.push('User names that differ only in letter case count as one mailbox (ESCU: compared case-sensitively).');
  }
  if (settings.window !== escu.window) {
    labels.push(`Sliding ${formatSpan(settings.spanSeconds)} window, so a burst across a bin edge counts (ESCU: fixed bins aligned to the Unix epoch).`);
  }
  if (settings.includeNearMisses !== escu.includeNearMisses) {
    labels.push('Near misses listed: groups at the threshold or one below it (ESCU lists none).');
  }
  return labels;
}

/** Compares two AppId lists as sets of trimmed, lower-case ids, the way the detection reads them. */
function sameAppIds(left: readonly string[], right: readonly string[]): boolean {
  const normalise = (ids: readonly string[]) => [...new Set(ids.map((id) => id.trim().toLowerCase()))].sort();
  return normalise(left).join(',') === normalise(right).join(',');
}

/** Formats a span in seconds in the largest whole unit: `10 minutes`, `1 hour`, `90 seconds`. */
export function formatSpan(seconds: number): string {
  if (seconds % 3600 === 0) return plural(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return plural(seconds / 60, 'minute');
  return plural(seconds, 'second');
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
