// The comment at the top of every exported query: what the query is, how its settings differ from
// ESCU's, the allow-list entries with their notes, and what the target language cannot express.

import type { AllowListEntry } from '../allow-list/allow-list-entry.ts';
import type { DetectionSettings } from '../detect/detection-settings.ts';
import { departuresFromEscu, formatSpan } from '../detect/escu-departures.ts';

/** Constructs that RE2 (KQL, DuckDB) rejects but JavaScript accepts: lookaround and backreferences. */
const RE2_UNSUPPORTED = /\(\?<?[=!]|\\[1-9]|\\k</;

/** Returns the header lines, without comment markers. `target` names the data the query reads. */
export function queryHeaderLines(
  settings: DetectionSettings,
  allowList: readonly AllowListEntry[],
  target: string,
  notExpressed: readonly string[],
): string[] {
  const lines = [`Splunk ESCU "O365 Multiple Mailboxes Accessed via API" (MITRE ATT&CK T1114.002) over ${target}, exported by Mailsweep.`];

  const departures = departuresFromEscu(settings);
  if (departures.length === 0) {
    lines.push(
      `Settings: the published ESCU search (fixed bins of ${formatSpan(settings.spanSeconds)}, more than ${settings.threshold} distinct UserId values, Graph or EWS reads).`,
    );
  } else {
    lines.push('Settings that depart from the published ESCU search:', ...departures.map((label) => `- ${label}`));
  }

  if (allowList.length === 0) {
    lines.push('Allow-list: empty.');
  } else {
    lines.push(
      `Allow-list: ${allowList.length} ${allowList.length === 1 ? 'entry' : 'entries'}, applied to the result rows in the place of ESCU's filter macro:`,
      ...allowList.map((entry) => `- ${entry.field} ${entry.value}: ${entry.note}`),
    );
  }

  for (const gap of notExpressed) {
    lines.push(`NOTE: ${gap}`);
  }
  return lines;
}

/** Returns the gaps shared by every language: the sliding window, which the queries replace by fixed bins. */
export function commonGaps(settings: DetectionSettings, language: string): string[] {
  if (settings.window !== 'sliding') {
    return [];
  }
  return [
    `${language} has no equivalent of Mailsweep's sliding window here, so this query uses fixed bins of ${formatSpan(settings.spanSeconds)} ` +
      'and can miss a sweep that straddles a bin edge, which Mailsweep reports.',
  ];
}

/** Returns a note when the EWS pattern uses constructs that the RE2 engine of KQL and DuckDB rejects. */
export function re2Gaps(settings: DetectionSettings): string[] {
  if (!RE2_UNSUPPORTED.test(settings.ewsPattern)) {
    return [];
  }
  return [
    'The EWS pattern uses lookaround or a backreference, which RE2 (the regular expression engine here) does not support: ' +
      'the query fails until the pattern is rewritten without them.',
  ];
}
