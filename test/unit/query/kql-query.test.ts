// KQL exports for Sentinel's OfficeActivity and Defender XDR's CloudAppEvents. No KQL parser is
// available here, so these tests check the structure on realistic settings: the columns each
// table reads, the operators in order, escaping, and balanced brackets and quotes.

import { describe, expect, it } from 'vitest';

import type { AllowListEntry } from '../../../src/core/allow-list/allow-list-entry.ts';
import { renderKqlAllowListFilter } from '../../../src/core/allow-list/kql-allow-list-filter.ts';
import { ESCU_SETTINGS, type DetectionSettings } from '../../../src/core/detect/detection-settings.ts';
import { buildKqlQuery } from '../../../src/core/query/kql-query.ts';
import { bracketProblem, codeLines } from './query-structure.ts';

function settingsWith(changes: Partial<DetectionSettings>): DetectionSettings {
  return { ...ESCU_SETTINGS, graphAppIds: [...ESCU_SETTINGS.graphAppIds], ...changes };
}

const ALLOW_LIST: AllowListEntry[] = [
  { field: 'ClientAppId', value: '5B9E7C31-0D2A-4C8F-9E61-A3B4C5D6E7F8', note: 'Mail archiving connector,\nchange 4711' },
  { field: 'ClientIPAddress', value: '192.0.2.40', note: 'Archiver egress' },
  { field: 'ClientIPAddress', value: '2001:db8::/32', note: 'Archiver IPv6 range' },
  { field: 'ClientInfoString', value: String.raw`Client=WebServices;*\Backup "Pro"*`, note: 'Backup over EWS' },
];

/** The operators after the table-specific lines, shared by both tables for ESCU settings. */
const ESCU_OPERATORS = [
  '| where isnotempty(AppId) and isnotempty(ClientAppId)',
  '| where AppId in~ ("00000003-0000-0000-c000-000000000000") or ClientInfoString matches regex "^Client=WebServices;ExchangeWebServices"',
  '| where isnotempty(ClientInfoString) and isnotnull(EventTime)',
  '| summarize src_ip = array_sort_asc(make_set_if(ClientIPAddress, isnotempty(ClientIPAddress))),',
  "    ['user'] = array_sort_asc(make_set_if(mailbox, isnotempty(mailbox)))",
  '    by _time = bin_at(EventTime, 600s, datetime(1970-01-01)), ClientAppId, ClientInfoString',
  "| extend unique_mailboxes = array_length(['user'])",
  '| where unique_mailboxes > 5',
  "| project _time, ClientAppId, ClientInfoString, src_ip, unique_mailboxes, ['user']",
  '| sort by _time asc, ClientAppId asc, ClientInfoString asc',
];

describe('buildKqlQuery', () => {
  it('reads OfficeActivity columns', () => {
    const query = buildKqlQuery(settingsWith({}), [], 'OfficeActivity');

    expect(codeLines(query)).toEqual([
      'OfficeActivity',
      '| where OfficeWorkload =~ "Exchange" and Operation =~ "MailItemsAccessed"',
      '| extend ClientIPAddress = Client_IPAddress, EventTime = TimeGenerated, mailbox = UserId',
      ...ESCU_OPERATORS,
    ]);
    expect(query.split('\n')[0]).toBe(
      '// Splunk ESCU "O365 Multiple Mailboxes Accessed via API" (MITRE ATT&CK T1114.002) over the OfficeActivity table, exported by Mailsweep.',
    );
  });

  it('reads the UAL record from RawEventData in CloudAppEvents', () => {
    const query = buildKqlQuery(settingsWith({ identity: 'MailboxOwnerUPN' }), [], 'CloudAppEvents');

    expect(codeLines(query).slice(0, 6)).toEqual([
      'CloudAppEvents',
      '| where ActionType =~ "MailItemsAccessed" and tostring(RawEventData.Workload) =~ "Exchange"',
      '| extend AppId = tostring(RawEventData.AppId), ClientAppId = tostring(RawEventData.ClientAppId),',
      '    ClientInfoString = tostring(RawEventData.ClientInfoString), ClientIPAddress = tostring(RawEventData.ClientIPAddress),',
      '    EventTime = todatetime(tostring(RawEventData.CreationTime)), mailbox = tostring(RawEventData.MailboxOwnerUPN)',
      ESCU_OPERATORS[0],
    ]);
    expect(query).toContain('Counts distinct MailboxOwnerUPN values as mailboxes (ESCU: distinct UserId values).');
  });

  it('writes every changed setting into the query', () => {
    const query = buildKqlQuery(
      settingsWith({
        spanSeconds: 420,
        threshold: 3,
        graphAppIds: [],
        ewsPattern: String.raw`^Client=WebServices;(?!ExchangeWebServicesProxy)\S+"`,
        foldUserCase: true,
        window: 'sliding',
        includeNearMisses: true,
      }),
      [],
      'OfficeActivity',
    );
    const lines = codeLines(query);

    expect(lines).toContain(String.raw`| where ClientInfoString matches regex "^Client=WebServices;(?!ExchangeWebServicesProxy)\\S+\""`);
    expect(lines).toContain('| extend mailbox = tolower(mailbox)');
    expect(lines).toContain('    by _time = bin_at(EventTime, 420s, datetime(1970-01-01)), ClientAppId, ClientInfoString');
    expect(lines).toContain('| where unique_mailboxes >= 2');
    expect(lines).toContain('| extend near_miss = unique_mailboxes <= 3');
    expect(lines).toContain("| project _time, ClientAppId, ClientInfoString, src_ip, unique_mailboxes, ['user'], near_miss");
    expect(query).toContain("// NOTE: This KQL query has no equivalent of Mailsweep's sliding window here");
    expect(query).toContain('// NOTE: The EWS pattern uses lookaround or a backreference, which RE2');
    expect(bracketProblem(lines.join('\n'))).toBeUndefined();
  });

  it('passes nothing without Graph AppIds and EWS pattern', () => {
    expect(codeLines(buildKqlQuery(settingsWith({ graphAppIds: [], ewsPattern: '' }), [], 'OfficeActivity'))).toContain('| where false');
  });

  it('appends the allow-list after the threshold', () => {
    const query = buildKqlQuery(settingsWith({}), ALLOW_LIST, 'CloudAppEvents');
    const text = codeLines(query).join('\n');

    expect(text).toContain(`| where unique_mailboxes > 5\n${renderKqlAllowListFilter(ALLOW_LIST)}\n| project _time`);
    // A line break in a note stays inside its comment line.
    expect(query).toContain('// - ClientAppId 5B9E7C31-0D2A-4C8F-9E61-A3B4C5D6E7F8: Mail archiving connector, change 4711');
    expect(bracketProblem(text)).toBeUndefined();
  });
});

describe('renderKqlAllowListFilter', () => {
  it('is empty for an empty list', () => {
    expect(renderKqlAllowListFilter([])).toBe('');
  });

  it('is one where without address entries', () => {
    const filter = renderKqlAllowListFilter([ALLOW_LIST[0], ALLOW_LIST[3]].filter((entry) => entry !== undefined));

    expect(filter).toBe(
      '| where not(ClientAppId in~ ("5b9e7c31-0d2a-4c8f-9e61-a3b4c5d6e7f8")\n' +
        String.raw`    or ClientInfoString matches regex "(?s)^Client=WebServices;.*\\\\Backup \"Pro\".*$")`,
    );
  });

  it('counts unlisted addresses per row for address entries', () => {
    const lines = renderKqlAllowListFilter(ALLOW_LIST).split('\n');

    expect(lines[0]).toBe('| mv-apply mailsweep_ip = iff(array_length(src_ip) > 0, src_ip, dynamic([""])) to typeof(string) on (');
    expect(lines).toContain(
      '    | summarize mailsweep_unlisted_ips = countif(not((mailsweep_ip !contains ":" and coalesce(ipv4_is_in_any_range(mailsweep_ip, dynamic(["192.0.2.40"])), false))' +
        ' or (mailsweep_ip contains ":" and coalesce(ipv6_is_in_any_range(mailsweep_ip, dynamic(["2001:db8::/32"])), false))))',
    );
    expect(lines.at(-2)).toBe('    or mailsweep_unlisted_ips == 0)');
    expect(lines.at(-1)).toBe('| project-away mailsweep_unlisted_ips');
    expect(bracketProblem(lines.join('\n'))).toBeUndefined();
  });
});
