import { describe, expect, it } from 'vitest';

import { detectMailboxSweeps } from '../../../src/core/detect/escu-detection.ts';
import { FINDINGS_CSV_COLUMNS, formatFindingsCsv } from '../../../src/core/export/findings-csv.ts';
import type { Finding } from '../../../src/core/types.ts';
import { ESCU_DEFAULTS } from '../../../src/core/types.ts';
import { EWS_APP_ID, EWS_CLIENT_INFO, sweepRecords } from '../record/ews-sample-record.ts';
import { indexRecords } from '../detect/index-records.ts';

const HEADER = '_time,ClientAppId,ClientInfoString,src_ip,unique_mailboxes,user,record_count,first_event_time,last_event_time,src_ip_normalized\r\n';

function finding(fields: Partial<Finding>): Finding {
  return {
    binStart: Date.UTC(2024, 1, 1, 16, 0) / 1000,
    clientAppId: EWS_APP_ID,
    clientInfoString: EWS_CLIENT_INFO,
    srcIps: ['203.0.113.35'],
    normalizedSrcIps: ['203.0.113.35'],
    uniqueMailboxes: 1,
    users: ['user15@example.onmicrosoft.com'],
    recordCount: 1,
    firstEventTime: Date.UTC(2024, 1, 1, 16, 7, 34) / 1000,
    lastEventTime: Date.UTC(2024, 1, 1, 16, 7, 34) / 1000,
    ...fields,
  };
}

describe('formatFindingsCsv', () => {
  it('starts with the Splunk columns in order', () => {
    expect(FINDINGS_CSV_COLUMNS.slice(0, 6)).toEqual(['_time', 'ClientAppId', 'ClientInfoString', 'src_ip', 'unique_mailboxes', 'user']);
  });

  it('writes only the header when there are no findings', () => {
    expect(formatFindingsCsv([])).toBe(HEADER);
  });

  it('ends with the normalised source IPs', () => {
    expect(FINDINGS_CSV_COLUMNS.slice(6)).toEqual(['record_count', 'first_event_time', 'last_event_time', 'src_ip_normalized']);
  });

  it('writes a detected sweep with multivalue cells', () => {
    const addresses = ['203.0.113.35', '203.0.113.35:443', '[2001:DB8::ABCD]:443', '2001:db8::abcd', '::ffff:203.0.113.35', '203.0.113.35'];
    const records = sweepRecords(6).map((record, index) => ({ ...record, ClientIPAddress: addresses[index] }));
    const { findings } = detectMailboxSweeps(indexRecords(records), ESCU_DEFAULTS);
    const users = [1, 2, 3, 4, 5, 6].map((n) => `user${n}@example.onmicrosoft.com`).join('\n');

    expect(formatFindingsCsv(findings)).toBe(
      HEADER +
        `2024-02-01T16:00:00Z,${EWS_APP_ID},${EWS_CLIENT_INFO},"2001:db8::abcd\n203.0.113.35\n203.0.113.35:443\n::ffff:203.0.113.35\n[2001:DB8::ABCD]:443",` +
          `6,"${users}",6,2024-02-01T16:00:34Z,2024-02-01T16:05:34Z,"2001:db8::abcd\n203.0.113.35"\r\n`,
    );
  });

  it('quotes cells with commas and doubles quotes', () => {
    const csv = formatFindingsCsv([finding({ clientInfoString: 'Client=WebServices;ExchangeWebServices/1.0 (a, "b")' })]);

    expect(csv.split('\r\n')[1]).toContain(',"Client=WebServices;ExchangeWebServices/1.0 (a, ""b"")",');
  });

  it('quotes cells with a CR', () => {
    const csv = formatFindingsCsv([finding({ users: ['DM6PR00MB0000\r'] })]);

    expect(csv).toContain(',"DM6PR00MB0000\r",');
  });

  it('leaves single plain values unquoted', () => {
    const csv = formatFindingsCsv([finding({})]);

    expect(csv).toBe(
      `${HEADER}2024-02-01T16:00:00Z,${EWS_APP_ID},${EWS_CLIENT_INFO},203.0.113.35,1,user15@example.onmicrosoft.com,1,2024-02-01T16:07:34Z,2024-02-01T16:07:34Z,203.0.113.35\r\n`,
    );
  });

  it('writes milliseconds only when present', () => {
    const csv = formatFindingsCsv([finding({ firstEventTime: Date.UTC(2024, 1, 1, 16, 0, 0, 250) / 1000 })]);

    expect(csv).toContain(',2024-02-01T16:00:00.250Z,2024-02-01T16:07:34Z,');
  });

  it('writes empty cells for empty value lists', () => {
    const csv = formatFindingsCsv([finding({ srcIps: [], normalizedSrcIps: [] })]);

    expect(csv).toContain(`${EWS_CLIENT_INFO},,1,`);
    expect(csv.endsWith('2024-02-01T16:07:34Z,\r\n')).toBe(true);
  });

  it('starts without a byte-order mark', () => {
    expect(formatFindingsCsv([finding({})]).charCodeAt(0)).toBe('_'.charCodeAt(0));
  });
});
