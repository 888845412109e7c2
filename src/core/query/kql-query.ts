// KQL for the current settings over Microsoft Sentinel's OfficeActivity table or the CloudAppEvents
// table of Defender XDR advanced hunting (and its Sentinel copy). The two differ only in where the
// UAL fields live: OfficeActivity has them as columns (ClientIPAddress is `Client_IPAddress`,
// Workload is `OfficeWorkload`, CreationTime is `TimeGenerated`), CloudAppEvents keeps the whole
// record in the dynamic column RawEventData.
//
// KQL's dcount() is an estimate, so distinct values are counted exactly as the length of a
// make_set_if() array, which also gives the `user` column.

import type { AllowListEntry } from '../allow-list/allow-list-entry.ts';
import { renderKqlAllowListFilter } from '../allow-list/kql-allow-list-filter.ts';
import type { DetectionSettings } from '../detect/detection-settings.ts';
import { commonGaps, queryHeaderLines, re2Gaps } from './query-header.ts';
import { kqlString, lineComments } from './query-literals.ts';

export type KqlTable = 'OfficeActivity' | 'CloudAppEvents';

/** Builds the KQL query for one table. Settings and entries must be valid (validateDetectionSettings, checkAllowList). */
export function buildKqlQuery(settings: DetectionSettings, allowList: readonly AllowListEntry[], table: KqlTable): string {
  const header = queryHeaderLines(settings, allowList, `the ${table} table`, [
    ...commonGaps(settings, 'This KQL query'),
    ...re2Gaps(settings),
    'Pick the time range in the portal, or add a TimeGenerated or Timestamp filter after the first line.',
  ]);

  const operators = [
    ...(table === 'OfficeActivity' ? officeActivityRecords(settings) : cloudAppEventsRecords(settings)),
    '| where isnotempty(AppId) and isnotempty(ClientAppId)',
    apiFilter(settings),
    // Splunk's stats drops events whose by-field is missing, but KQL keeps empty strings as a group.
    '| where isnotempty(ClientInfoString) and isnotnull(EventTime)',
    ...(settings.foldUserCase ? ['| extend mailbox = tolower(mailbox)'] : []),
    `| summarize src_ip = array_sort_asc(make_set_if(ClientIPAddress, isnotempty(ClientIPAddress))),`,
    `    ['user'] = array_sort_asc(make_set_if(mailbox, isnotempty(mailbox)))`,
    `    by _time = bin_at(EventTime, ${settings.spanSeconds}s, datetime(1970-01-01)), ClientAppId, ClientInfoString`,
    `| extend unique_mailboxes = array_length(['user'])`,
    ...thresholdFilter(settings),
  ];

  const allowListFilter = renderKqlAllowListFilter(allowList);
  if (allowListFilter !== '') {
    operators.push(allowListFilter);
  }

  const columns = ['_time', 'ClientAppId', 'ClientInfoString', 'src_ip', 'unique_mailboxes', "['user']"];
  if (settings.includeNearMisses) {
    columns.push('near_miss');
  }
  operators.push(`| project ${columns.join(', ')}`, '| sort by _time asc, ClientAppId asc, ClientInfoString asc');
  return `${lineComments(header, '//')}\n${operators.join('\n')}\n`;
}

/** OfficeActivity rows with the UAL field names. `mailbox` is the counted identity before case folding. */
function officeActivityRecords(settings: DetectionSettings): string[] {
  return [
    'OfficeActivity',
    '| where OfficeWorkload =~ "Exchange" and Operation =~ "MailItemsAccessed"',
    `| extend ClientIPAddress = Client_IPAddress, EventTime = TimeGenerated, mailbox = ${settings.identity}`,
  ];
}

/** CloudAppEvents rows with the UAL fields read from RawEventData. CreationTime without a zone is read as UTC. */
function cloudAppEventsRecords(settings: DetectionSettings): string[] {
  return [
    'CloudAppEvents',
    '| where ActionType =~ "MailItemsAccessed" and tostring(RawEventData.Workload) =~ "Exchange"',
    '| extend AppId = tostring(RawEventData.AppId), ClientAppId = tostring(RawEventData.ClientAppId),',
    '    ClientInfoString = tostring(RawEventData.ClientInfoString), ClientIPAddress = tostring(RawEventData.ClientIPAddress),',
    `    EventTime = todatetime(tostring(RawEventData.CreationTime)), mailbox = tostring(RawEventData.${settings.identity})`,
  ];
}

/** ESCU's API filter: AppId in the Graph list (any letter case) or ClientInfoString matching the EWS pattern (case-sensitive). */
function apiFilter(settings: DetectionSettings): string {
  const tests: string[] = [];
  if (settings.graphAppIds.length > 0) {
    tests.push(`AppId in~ (${settings.graphAppIds.map((id) => kqlString(id.trim().toLowerCase())).join(', ')})`);
  }
  if (settings.ewsPattern !== '') {
    tests.push(`ClientInfoString matches regex ${kqlString(settings.ewsPattern)}`);
  }

  // Without Graph AppIds and without an EWS pattern no read passes, as in Mailsweep.
  return tests.length === 0 ? '| where false' : `| where ${tests.join(' or ')}`;
}

function thresholdFilter(settings: DetectionSettings): string[] {
  const threshold = settings.threshold;
  if (!settings.includeNearMisses) {
    return [`| where unique_mailboxes > ${threshold}`];
  }
  return [`| where unique_mailboxes >= ${threshold - 1}`, `| extend near_miss = unique_mailboxes <= ${threshold}`];
}
