// Splunk SPL for the current settings over raw Management Activity API records
// (sourcetype o365:management:activity, as the Splunk Add-on for Microsoft Office 365 indexes
// them). With ESCU's settings and an empty allow-list the search is ESCU's own, with the
// `o365_management_activity` macro written out and the empty filter macro left out.

import type { AllowListEntry } from '../allow-list/allow-list-entry.ts';
import { renderSplunkFilterMacro, SPLUNK_FILTER_MACRO_NAME } from '../allow-list/splunk-filter-macro.ts';
import type { DetectionSettings } from '../detect/detection-settings.ts';
import { commonGaps, queryHeaderLines } from './query-header.ts';
import { splComment, splString } from './query-literals.ts';

/** Builds the SPL search. Settings and entries must be valid (validateDetectionSettings, checkAllowList). */
export function buildSplunkQuery(settings: DetectionSettings, allowList: readonly AllowListEntry[]): string {
  const header = queryHeaderLines(settings, allowList, 'sourcetype o365:management:activity', [
    ...commonGaps(settings, 'SPL'),
    'Add index=<your index> to the first line when the data is not in a default index.',
  ]);

  const commands = [
    'sourcetype="o365:management:activity" Workload=Exchange Operation=MailItemsAccessed AppId=* ClientAppId=*',
    `bucket span=${splunkSpan(settings.spanSeconds)} _time`,
    ...apiFilter(settings),
    ...aggregation(settings),
    ...thresholdFilter(settings),
  ];

  if (allowList.length > 0) {
    commands.push(renderSplunkFilterMacro(allowList));
  }

  const lastComment =
    allowList.length > 0
      ? `The commands after the threshold are the allow-list, in place of ESCU's ${SPLUNK_FILTER_MACRO_NAME} macro.`
      : `ESCU applies its ${SPLUNK_FILTER_MACRO_NAME} macro here; the allow-list is empty.`;
  return `${splComment([...header, lastComment])}\n${commands.join('\n| ')}\n`;
}

/** ESCU writes `10m`. Other spans use the largest whole unit, so `bucket` reads them exactly. */
function splunkSpan(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** ESCU's `eval matchRegex` and `search` pair, with the configured Graph AppIds and EWS pattern. */
function apiFilter(settings: DetectionSettings): string[] {
  const terms = settings.graphAppIds.map((id) => `AppId=${splString(id.trim().toLowerCase())}`);
  const commands: string[] = [];
  if (settings.ewsPattern !== '') {
    commands.push(`eval matchRegex=if(match(ClientInfoString, ${splString(settings.ewsPattern)}), 1, 0)`);
    terms.push('matchRegex=1');
  }

  // Without Graph AppIds and without an EWS pattern no read passes, as in Mailsweep.
  commands.push(terms.length === 0 ? 'where false()' : `search (${terms.join(' OR ')})`);
  return commands;
}

/** ESCU's `stats`, counting `user` (UserId through the add-on's CIM alias) or MailboxOwnerUPN, folded to lower case when set. */
function aggregation(settings: DetectionSettings): string[] {
  const identityField = settings.identity === 'UserId' ? 'user' : 'MailboxOwnerUPN';
  const commands: string[] = [];
  let counted = identityField;
  if (settings.foldUserCase) {
    commands.push(`eval mailbox=lower(${identityField})`);
    counted = 'mailbox';
  }

  commands.push(
    `stats values(ClientIPAddress) as src_ip dc(${counted}) as unique_mailboxes values(${counted}) as user by _time ClientAppId ClientInfoString`,
  );
  return commands;
}

/** ESCU's `where unique_mailboxes > 5`. With near misses, it also keeps the groups at the threshold or one below, flagged. */
function thresholdFilter(settings: DetectionSettings): string[] {
  const threshold = settings.threshold;
  if (!settings.includeNearMisses) {
    return [`where unique_mailboxes > ${threshold}`];
  }
  return [`where unique_mailboxes >= ${threshold - 1}`, `eval near_miss=if(unique_mailboxes <= ${threshold}, 1, 0)`];
}
