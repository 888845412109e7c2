// The DuckDB query with an allow-list, on records whose client addresses and creation times take
// the shapes seen in real exports: the query must keep exactly the findings that applyAllowList
// keeps from Mailsweep's own detection.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { analyzeSources } from '../../../src/core/analysis/analyze-sources.ts';
import type { AllowListEntry } from '../../../src/core/allow-list/allow-list-entry.ts';
import { applyAllowList } from '../../../src/core/allow-list/apply-allow-list.ts';
import { ESCU_SETTINGS } from '../../../src/core/detect/detection-settings.ts';
import { buildDuckDbQuery } from '../../../src/core/query/duckdb-query.ts';
import type { Finding } from '../../../src/core/types.ts';
import { EWS_CLIENT_INFO, ewsRecord } from '../record/ews-sample-record.ts';
import { findingRows, runDuckDbQuery } from './duckdb-runner.ts';

const BACKUP_APP = '2f6c1d84-7a3e-4b59-9c1d-0e8f7a6b5c4d';

/** Returns a sweep of six mailboxes in its own hour, each record from the next address of `addresses`. */
function sweep(hour: number, label: string, addresses: (string | undefined)[], fields: Record<string, unknown> = {}) {
  return Array.from({ length: 6 }, (_, index) =>
    ewsRecord({
      UserId: `mailbox${index + 1}@contoso.example`,
      CreationTime: `2024-02-01T${String(hour).padStart(2, '0')}:0${index}:34`,
      ClientInfoString: `${EWS_CLIENT_INFO}${label}`,
      ClientIPAddress: addresses[index % addresses.length],
      ...fields,
    }),
  );
}

const RECORDS = [
  ...sweep(1, 'ipv6-in-range', ['[2001:DB8::10]:443', '2001:db8:0:0::20']),
  ...sweep(2, 'mapped-and-port', ['::ffff:192.0.2.7', '192.0.2.8:51000']),
  ...sweep(3, 'host-name', ['192.0.2.9', 'cool.client.local']),
  ...sweep(4, 'invalid-octet', ['10.0.0.300']),
  ...sweep(5, 'no-address', [undefined]),
  ...sweep(6, 'backup-app', ['198.51.100.23'], { ClientAppId: BACKUP_APP.toUpperCase() }),
  ...sweep(7, 'upper-case-ipv6', ['2001:DB8:0:0:0:0:0:FF', ' 192.0.2.13 ']),
  ...sweep(8, 'bracketed-ipv4', ['[192.0.2.12]', '[192.0.2.12]:8443']),
  // Creation times with a zone, a fraction or trailing spaces; the two impossible ones are skipped.
  ...sweep(9, 'time-forms', ['203.0.113.77']).map((record, index) => ({
    ...record,
    CreationTime: [
      '2024-02-01T09:09:59.9999999',
      '2024-02-01T11:05:00+02:00',
      '2024-02-01T09:03:00Z',
      '2024-02-01T09:04:00.123 ',
      '2024-02-01T24:00:00',
      '2024-02-30T09:00:00',
    ][index],
  })),
  ...sweep(10, 'time-forms-rest', ['203.0.113.77']).map((record, index) => ({
    ...record,
    CreationTime: `2024-02-01T09:0${index}:00+0000`,
    ClientInfoString: `${EWS_CLIENT_INFO}time-forms`,
    UserId: `late${index + 1}@contoso.example`,
  })),
];

let directory = '';
let filePath = '';
let findings: Finding[] = [];

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'mailsweep-duckdb-'));
  filePath = path.join(directory, 'address-shapes.jsonl');
  const text = RECORDS.map((record) => JSON.stringify(record)).join('\n') + '\n';
  writeFileSync(filePath, text);
  ({ result: { findings } } = await analyzeSources([{ name: 'address-shapes.jsonl', source: new Blob([text]) }]));
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function entry(field: AllowListEntry['field'], value: string): AllowListEntry {
  return { field, value, note: `allowed in the test: ${value}` };
}

async function queryRows(allowList: AllowListEntry[]) {
  const settings = { ...ESCU_SETTINGS, graphAppIds: [...ESCU_SETTINGS.graphAppIds] };
  return runDuckDbQuery(buildDuckDbQuery(settings, allowList, { format: 'json-lines', path: filePath }));
}

describe('DuckDB query with an allow-list', () => {
  it('gives Mailsweep findings for every address and time shape', async () => {
    expect(findings.map((finding) => finding.clientInfoString.slice(EWS_CLIENT_INFO.length))).toEqual([
      'ipv6-in-range',
      'mapped-and-port',
      'host-name',
      'invalid-octet',
      'no-address',
      'backup-app',
      'upper-case-ipv6',
      'bracketed-ipv4',
      'time-forms',
    ]);
    // 4 readable times from the first time sweep and 6 from the second land in the 09:00 bin.
    expect(findings.at(-1)?.recordCount).toBe(10);

    expect(await queryRows([])).toEqual(findingRows(findings));
  });

  const lists: [string, AllowListEntry[], number][] = [
    ['IPv6 and IPv4 ranges', [entry('ClientIPAddress', '2001:db8::/64'), entry('ClientIPAddress', '192.0.2.0/28')], 4],
    ['ranges that cover every address', [entry('ClientIPAddress', '0.0.0.0/0'), entry('ClientIPAddress', '::/0')], 6],
    ['two exact addresses together', [entry('ClientIPAddress', '192.0.2.7'), entry('ClientIPAddress', '192.0.2.8')], 1],
    ['one exact address of two', [entry('ClientIPAddress', '192.0.2.7')], 0],
    ['an upper-case ClientAppId', [entry('ClientAppId', BACKUP_APP)], 1],
    // Dots and brackets in a glob are literal; the glob matches the `upper-case-ipv6` and `bracketed-ipv4` sweeps.
    [
      'a ClientInfoString glob',
      [entry('ClientInfoString', 'Client=WebServices;ExchangeWebServicesProxy/CrossSite/EXCH/15.20.7249.024/python-requests/2.25.1[AppId=*];*-ip*')],
      2,
    ],
    [
      'entries of every field',
      [entry('ClientAppId', BACKUP_APP), entry('ClientInfoString', '*bracketed-ipv4'), entry('ClientIPAddress', '203.0.113.77')],
      3,
    ],
  ];

  for (const [name, allowList, suppressedCount] of lists) {
    it(`keeps what applyAllowList keeps for ${name}`, async () => {
      const outcome = applyAllowList(findings, allowList);

      const rows = await queryRows(allowList);

      expect(outcome.suppressed).toHaveLength(suppressedCount);
      expect(rows).toEqual(findingRows(outcome.kept));
    });
  }
});
