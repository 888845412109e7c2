// Splunk SPL exports. No SPL parser is available here, so these tests check the structure on
// realistic settings: the ESCU search text, escaping, and balanced brackets and quotes.

import { describe, expect, it } from 'vitest';

import type { AllowListEntry } from '../../../src/core/allow-list/allow-list-entry.ts';
import { renderSplunkFilterMacro } from '../../../src/core/allow-list/splunk-filter-macro.ts';
import { ESCU_SETTINGS, type DetectionSettings } from '../../../src/core/detect/detection-settings.ts';
import { buildSplunkQuery } from '../../../src/core/query/splunk-query.ts';
import { bracketProblem, codeLines } from './query-structure.ts';

function settingsWith(changes: Partial<DetectionSettings>): DetectionSettings {
  return { ...ESCU_SETTINGS, graphAppIds: [...ESCU_SETTINGS.graphAppIds], ...changes };
}

const ALLOW_LIST: AllowListEntry[] = [
  { field: 'ClientAppId', value: '5B9E7C31-0D2A-4C8F-9E61-A3B4C5D6E7F8', note: 'Mail archiving connector, change 4711' },
  { field: 'ClientIPAddress', value: '192.0.2.40', note: 'Archiver egress' },
  { field: 'ClientIPAddress', value: '2001:db8::/32', note: 'Archiver IPv6 range' },
  { field: 'ClientInfoString', value: 'Client=WebServices;ExchangeWebServicesProxy/*/Backup "Pro"/*', note: 'Backup ```tool``` over EWS' },
];

describe('buildSplunkQuery', () => {
  it('writes the ESCU search for ESCU settings', () => {
    const query = buildSplunkQuery(settingsWith({}), []);

    expect(codeLines(query)).toEqual([
      'sourcetype="o365:management:activity" Workload=Exchange Operation=MailItemsAccessed AppId=* ClientAppId=*',
      '| bucket span=10m _time',
      '| eval matchRegex=if(match(ClientInfoString, "^Client=WebServices;ExchangeWebServices"), 1, 0)',
      '| search (AppId="00000003-0000-0000-c000-000000000000" OR matchRegex=1)',
      '| stats values(ClientIPAddress) as src_ip dc(user) as unique_mailboxes values(user) as user by _time ClientAppId ClientInfoString',
      '| where unique_mailboxes > 5',
    ]);
    expect(query).toMatch(/^```Splunk ESCU "O365 Multiple Mailboxes Accessed via API"/);
    expect(query).toContain('Settings: the published ESCU search');
    expect(query).toContain('ESCU applies its o365_multiple_mailboxes_accessed_via_api_filter macro here; the allow-list is empty.');
  });

  it('writes every changed setting into the search', () => {
    const query = buildSplunkQuery(
      settingsWith({
        spanSeconds: 900,
        threshold: 7,
        graphAppIds: ['00000003-0000-0000-C000-000000000000', 'fc780465-2017-40d4-a0c5-307022471b92'],
        ewsPattern: String.raw`^Client=WebServices;ExchangeWebServices(Proxy)?/\d+"`,
        identity: 'MailboxOwnerUPN',
        foldUserCase: true,
        window: 'sliding',
        includeNearMisses: true,
      }),
      [],
    );

    expect(codeLines(query)).toEqual([
      'sourcetype="o365:management:activity" Workload=Exchange Operation=MailItemsAccessed AppId=* ClientAppId=*',
      '| bucket span=15m _time',
      String.raw`| eval matchRegex=if(match(ClientInfoString, "^Client=WebServices;ExchangeWebServices(Proxy)?/\\d+\""), 1, 0)`,
      '| search (AppId="00000003-0000-0000-c000-000000000000" OR AppId="fc780465-2017-40d4-a0c5-307022471b92" OR matchRegex=1)',
      '| eval mailbox=lower(MailboxOwnerUPN)',
      '| stats values(ClientIPAddress) as src_ip dc(mailbox) as unique_mailboxes values(mailbox) as user by _time ClientAppId ClientInfoString',
      '| where unique_mailboxes >= 6',
      '| eval near_miss=if(unique_mailboxes <= 7, 1, 0)',
    ]);
    expect(query).toContain('Bin span 15 minutes (ESCU: 10 minutes).');
    expect(query).toContain("NOTE: SPL has no equivalent of Mailsweep's sliding window here, so this query uses fixed bins of 15 minutes");
    expect(bracketProblem(codeLines(query).join('\n'))).toBeUndefined();
  });

  it('writes spans in the largest whole unit', () => {
    expect(codeLines(buildSplunkQuery(settingsWith({ spanSeconds: 3600 }), []))[1]).toBe('| bucket span=1h _time');
    expect(codeLines(buildSplunkQuery(settingsWith({ spanSeconds: 90 }), []))[1]).toBe('| bucket span=90s _time');
  });

  it('passes nothing without Graph AppIds and EWS pattern', () => {
    expect(codeLines(buildSplunkQuery(settingsWith({ graphAppIds: [], ewsPattern: '' }), []))[2]).toBe('| where false()');
  });

  it('puts the allow-list in place of the filter macro', () => {
    const query = buildSplunkQuery(settingsWith({}), ALLOW_LIST);
    const lines = codeLines(query);

    expect(lines.slice(0, 6)).toEqual(codeLines(buildSplunkQuery(settingsWith({}), [])));
    expect(lines.slice(6).join('\n')).toBe(`| ${renderSplunkFilterMacro(ALLOW_LIST)}`);
    expect(query).toContain('- ClientAppId 5B9E7C31-0D2A-4C8F-9E61-A3B4C5D6E7F8: Mail archiving connector, change 4711');
    // The note's backticks would end the comment block early.
    expect(query.match(/```/g)).toHaveLength(2);
    expect(query).toContain("Backup '''tool''' over EWS");
    expect(bracketProblem(codeLines(query).join('\n'))).toBeUndefined();
  });
});

describe('renderSplunkFilterMacro', () => {
  it("is ESCU's default body for an empty list", () => {
    expect(renderSplunkFilterMacro([])).toBe('search *');
  });

  it('filters on app ids and globs without address steps', () => {
    const body = renderSplunkFilterMacro([ALLOW_LIST[0], ALLOW_LIST[3]].filter((entry) => entry !== undefined));

    expect(body).toBe(
      'where NOT (lower(ClientAppId)=="5b9e7c31-0d2a-4c8f-9e61-a3b4c5d6e7f8" OR ' +
        String.raw`match(ClientInfoString, "(?s)^Client=WebServices;ExchangeWebServicesProxy/.*/Backup \"Pro\"/.*$"))`,
    );
  });

  it('needs every address of a row in a range', () => {
    const lines = renderSplunkFilterMacro(ALLOW_LIST).split('\n| ');

    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^eval mailsweep_ip=mvmap\(src_ip, lower\(replace\(case\(match\(trim\(src_ip\), /);
    expect(lines[1]).toBe('eval mailsweep_unlisted_ip=mvfilter(NOT (cidrmatch("192.0.2.40/32", mailsweep_ip) OR cidrmatch("2001:db8::/32", mailsweep_ip)))');
    expect(lines[2]).toContain('OR (coalesce(mvcount(src_ip), 0) > 0 AND isnull(mailsweep_unlisted_ip)))');
    expect(lines[3]).toBe('fields - mailsweep_ip mailsweep_unlisted_ip');
    // The normalisation patterns reach Splunk with single backslashes after SPL's own unescaping.
    expect(lines[0]).toContain(String.raw`"^\\[([^\\]\\[\\s()]+)\\](?::\\d{1,5})?$"`);
    expect(bracketProblem(lines.join('\n'))).toBeUndefined();
  });

  it('rejects invalid entries', () => {
    expect(() => renderSplunkFilterMacro([{ field: 'ClientIPAddress', value: 'proxy.contoso.example', note: 'x' }])).toThrow(RangeError);
  });
});
