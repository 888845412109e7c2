import { describe, expect, it } from 'vitest';

import { formatIpRange, parseIpAddress, parseIpRange, rangeContains, rangePrefixBits } from '../../../src/core/allow-list/ip-range.ts';

function range(text: string) {
  const parsed = parseIpRange(text);
  if (parsed === undefined) {
    throw new Error(`Test range ${text} does not parse.`);
  }
  return parsed;
}

function contains(rangeText: string, addressText: string): boolean {
  const address = parseIpAddress(addressText);
  return address !== undefined && rangeContains(range(rangeText), address);
}

describe('parseIpRange', () => {
  it('reads addresses and ranges of both families', () => {
    expect(formatIpRange(range('203.0.113.50'))).toBe('203.0.113.50');
    expect(formatIpRange(range('192.0.2.0/24'))).toBe('192.0.2.0/24');
    expect(formatIpRange(range('2001:DB8:0:0::10'))).toBe('2001:db8::10');
    expect(formatIpRange(range('2001:db8::/32'))).toBe('2001:db8::/32');
    expect(formatIpRange(range('::'))).toBe('::');
    expect(formatIpRange(range('0.0.0.0/0'))).toBe('0.0.0.0/0');
  });

  it('clears host bits of a range', () => {
    expect(formatIpRange(range('192.0.2.77/24'))).toBe('192.0.2.0/24');
    expect(formatIpRange(range('198.51.100.23/31'))).toBe('198.51.100.22/31');
    expect(formatIpRange(range('2001:db8:5f4f:f058:4163:e14a:1332:27c7/64'))).toBe('2001:db8:5f4f:f058::/64');
  });

  it('writes IPv6 in the RFC 5952 form', () => {
    expect(formatIpRange(range('2001:0db8:0000:0000:0001:0000:0000:0001'))).toBe('2001:db8::1:0:0:1');
    expect(formatIpRange(range('2001:db8:0:1:1:1:1:1'))).toBe('2001:db8:0:1:1:1:1:1');
    expect(formatIpRange(range('fdfd:0:0:0:0:0:0:555'))).toBe('fdfd::555');
    expect(formatIpRange(range('0:0:0:0:0:0:0:1'))).toBe('::1');
  });

  it('rejects what is not an address or range', () => {
    for (const text of [
      '',
      '10.0.0.300',
      '10.9000.0.1',
      '192.0.2',
      '192.0.2.0/33',
      '192.0.2.0/',
      '192.0.2.0/x',
      '2001:db8::/129',
      '2001:db8::1::2',
      '1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4::5:6:7:8',
      '2001:db8::g',
      '12345::1',
      '64:ff9b::192.0.2.1',
      'fe80::1%eth0',
      'cool.client.local',
      'NOTANIPV4 (10.9000.0.1)',
    ]) {
      expect(parseIpRange(text), text).toBeUndefined();
    }
  });
});

describe('rangeContains', () => {
  it('compares addresses as bits', () => {
    expect(contains('192.0.2.0/24', '192.0.2.41')).toBe(true);
    expect(contains('192.0.2.0/24', '192.0.3.1')).toBe(false);
    expect(contains('192.0.2.40', '192.0.2.40')).toBe(true);
    expect(contains('192.0.2.40', '192.0.2.41')).toBe(false);
    expect(contains('198.51.100.22/31', '198.51.100.23')).toBe(true);
    expect(contains('198.51.100.22/31', '198.51.100.24')).toBe(false);
    expect(contains('2001:db8::/32', '2001:0DB8:5f4f:f058:4163:e14a:1332:27c7')).toBe(true);
    expect(contains('2001:db8::/32', '2001:db9::1')).toBe(false);
    expect(contains('2603:10b6:5:1f4:cafe::28', '2603:10b6:5:1f4:cafe:0:0:28')).toBe(true);
    expect(contains('0.0.0.0/0', '203.0.113.5')).toBe(true);
  });

  it('never matches across families', () => {
    expect(contains('::/0', '203.0.113.5')).toBe(false);
    expect(contains('0.0.0.0/0', '::1')).toBe(false);
  });
});

describe('rangePrefixBits', () => {
  it('returns the prefix bits only', () => {
    expect(rangePrefixBits(range('192.0.2.0/24'))).toBe('110000000000000000000010');
    expect(rangePrefixBits(range('10.0.0.0/7'))).toBe('0000101');
    expect(rangePrefixBits(range('2001:db8::/32'))).toBe('00100000000000010000110110111000');
    expect(rangePrefixBits(range('203.0.113.5'))).toHaveLength(32);
    expect(rangePrefixBits(range('0.0.0.0/0'))).toBe('');
  });
});
