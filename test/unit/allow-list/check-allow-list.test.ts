import { describe, expect, it } from 'vitest';

import { checkAllowList, checkAllowListEntry } from '../../../src/core/allow-list/check-allow-list.ts';

const ARCHIVER = '5b9e7c31-0d2a-4c8f-9e61-a3b4c5d6e7f8';

describe('checkAllowList', () => {
  it('returns canonical entries', () => {
    const { entries, errors } = checkAllowList([
      { field: 'ClientAppId', value: ` ${ARCHIVER.toUpperCase()} `, note: ' Mail archiving connector, change 4711 ' },
      { field: 'ClientIPAddress', value: '192.0.2.77/24', note: 'Archiver data centre' },
      { field: 'ClientIPAddress', value: '[2001:DB8::10]:443', note: 'Archiver IPv6 egress' },
      { field: 'ClientIPAddress', value: '::ffff:198.51.100.23', note: 'Backup host' },
      { field: 'ClientInfoString', value: 'Client=WebServices;ExchangeWebServicesProxy/*/BackupVendor/*', note: 'Backup over EWS' },
    ]);

    expect(errors).toEqual([]);
    expect(entries).toEqual([
      { field: 'ClientAppId', value: ARCHIVER.toUpperCase(), note: 'Mail archiving connector, change 4711' },
      { field: 'ClientIPAddress', value: '192.0.2.0/24', note: 'Archiver data centre' },
      { field: 'ClientIPAddress', value: '2001:db8::10', note: 'Archiver IPv6 egress' },
      { field: 'ClientIPAddress', value: '198.51.100.23', note: 'Backup host' },
      { field: 'ClientInfoString', value: 'Client=WebServices;ExchangeWebServicesProxy/*/BackupVendor/*', note: 'Backup over EWS' },
    ]);
  });

  it('names the entry and field of each problem', () => {
    const { entries, errors } = checkAllowList([
      { field: 'ClientAppId', value: ARCHIVER, note: 'Archiver' },
      { field: 'ClientIp', value: '192.0.2.1', note: 'typo in the field name' },
      { field: 'ClientIPAddress', value: '10.0.0.300', note: 'bad octet' },
      { field: 'ClientInfoString', value: '**', note: 'everything' },
      { field: 'ClientAppId', value: ARCHIVER.toUpperCase(), note: 'same app again' },
      { field: 'ClientAppId', value: '  ', note: '' },
      { field: 'ClientAppId', value: 42, vaule: 'x' },
      'ClientAppId=1',
    ]);

    expect(entries).toHaveLength(1);
    expect(errors).toEqual([
      'Entry 2, field "field": "ClientIp" is not a known field; use one of ClientAppId, ClientIPAddress, ClientInfoString.',
      'Entry 3, field "value": "10.0.0.300" is not an IPv4 or IPv6 address or CIDR range; write an address such as 192.0.2.10 or 2001:db8::10, or a range such as 192.0.2.0/24 (an IPv4-mapped range such as ::ffff:192.0.2.0/120 is written in its IPv4 form).',
      'Entry 4, field "value": the pattern "**" matches every ClientInfoString and would hide every finding; make it specific, for example "Client=WebServices;ExchangeWebServicesProxy/*/BackupProduct/*".',
      `Entry 5 repeats entry 1 (ClientAppId "${ARCHIVER.toUpperCase()}"); remove one of them.`,
      'Entry 6, field "value": empty; write the ClientAppId to allow.',
      'Entry 6, field "note": empty; say why this entry is allowed (the product, its owner or a ticket).',
      'Entry 7 has an unknown field "vaule"; the fields are field, value and note.',
      'Entry 7, field "value": is 42, not a string; write it as text in double quotes.',
      'Entry 7, field "note": is missing; write it as text in double quotes.',
      'Entry 8 is not an object; write it as {"field": "ClientAppId", "value": "<id>", "note": "<why it is allowed>"}.',
    ]);
  });

  it('cuts long values in messages', () => {
    const { errors } = checkAllowList([{ field: 'ClientIPAddress', value: 'x'.repeat(200), note: 'long' }]);

    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`"${'x'.repeat(56)}..."`);
    expect(errors[0]?.length).toBeLessThan(400);
  });

  it('rejects text over 4096 characters', () => {
    const { errors } = checkAllowList([{ field: 'ClientInfoString', value: `Client=${'a'.repeat(5000)}`, note: 'long' }]);

    expect(errors).toEqual(['Entry 1, field "value": 5007 characters, more than the 4096 allowed; shorten it.']);
  });
});

describe('checkAllowListEntry', () => {
  it('checks one entry at the given position', () => {
    expect(checkAllowListEntry({ field: 'ClientIPAddress', value: '203.0.113.50:443', note: 'Rogue? no: our proxy' }, 4)).toEqual({
      ok: true,
      entry: { field: 'ClientIPAddress', value: '203.0.113.50', note: 'Rogue? no: our proxy' },
    });
    expect(checkAllowListEntry({ value: 'x', note: 'y' }, 4)).toEqual({
      ok: false,
      errors: ['Entry 4, field "field": is missing; use one of ClientAppId, ClientIPAddress, ClientInfoString.'],
    });
  });
});
