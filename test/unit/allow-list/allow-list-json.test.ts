import { describe, expect, it } from 'vitest';

import { formatAllowListJson, parseAllowListJson } from '../../../src/core/allow-list/allow-list-json.ts';
import type { AllowListEntry } from '../../../src/core/allow-list/allow-list-entry.ts';

const ENTRIES: AllowListEntry[] = [
  { field: 'ClientAppId', value: '5b9e7c31-0d2a-4c8f-9e61-a3b4c5d6e7f8', note: 'Mail archiving connector, change 4711' },
  { field: 'ClientIPAddress', value: '192.0.2.0/24', note: 'Archiver data centre "Frankfurt"' },
  { field: 'ClientInfoString', value: 'Client=WebServices;ExchangeWebServicesProxy/*/python-requests/*', note: 'Migration script, ends 2024-04' },
];

describe('allow-list JSON', () => {
  it('round-trips entries', () => {
    const text = formatAllowListJson(ENTRIES);

    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({ format: 'mailsweep-allow-list', version: 1, entries: ENTRIES });
    expect(parseAllowListJson(text, 'allow-list.json')).toEqual({ ok: true, entries: ENTRIES });
  });

  it('reads a bare list with a byte order mark', () => {
    const text = `\uFEFF${JSON.stringify([{ field: 'ClientIPAddress', value: '2001:DB8:0::1', note: 'IPv6 egress' }])}`;

    expect(parseAllowListJson(text, 'list.json')).toEqual({
      ok: true,
      entries: [{ field: 'ClientIPAddress', value: '2001:db8::1', note: 'IPv6 egress' }],
    });
  });

  it('reads an empty list', () => {
    expect(parseAllowListJson('{"format":"mailsweep-allow-list","version":1,"entries":[]}', 'empty.json')).toEqual({ ok: true, entries: [] });
  });

  it('rejects invalid JSON with the file name', () => {
    const result = parseAllowListJson('{"entries": [', 'allow-list.json');
    if (result.ok) {
      throw new Error('Invalid JSON was read as an allow-list.');
    }

    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^allow-list\.json: not valid JSON \(.+\); export the list from Mailsweep again or fix the syntax\.$/);
  });

  it('rejects the whole file for one invalid entry', () => {
    const text = JSON.stringify({ format: 'mailsweep-allow-list', version: 1, entries: [ENTRIES[0], { ...ENTRIES[1], value: '192.0.2.0/40' }] });

    expect(parseAllowListJson(text, 'allow-list.json')).toEqual({
      ok: false,
      errors: [
        'allow-list.json: Entry 2, field "value": "192.0.2.0/40" is not an IPv4 or IPv6 address or CIDR range; write an address such as 192.0.2.10 or 2001:db8::10, or a range such as 192.0.2.0/24 (an IPv4-mapped range such as ::ffff:192.0.2.0/120 is written in its IPv4 form).',
      ],
    });
  });

  it('rejects a wrong file shape', () => {
    expect(parseAllowListJson('"ClientAppId"', 'a.json')).toEqual({
      ok: false,
      errors: ['a.json: expected an object with an "entries" list, or a list of entries; found string.'],
    });
    expect(parseAllowListJson('null', 'a.json')).toEqual({
      ok: false,
      errors: ['a.json: expected an object with an "entries" list, or a list of entries; found null.'],
    });
    expect(parseAllowListJson('{"format":"splunk-lookup","version":2,"entry":[]}', 'b.json')).toEqual({
      ok: false,
      errors: [
        'b.json: unknown top-level field "entry"; the fields are format, version and entries.',
        'b.json: field "format" is "splunk-lookup"; a Mailsweep allow-list has "mailsweep-allow-list".',
        'b.json: field "version" is 2; this Mailsweep reads version 1. Export the list again from the Mailsweep that wrote it, or update Mailsweep.',
        'b.json: field "entries" is missing; write the entries as a JSON list, [] for none.',
      ],
    });
  });
});
