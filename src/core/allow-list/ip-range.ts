// IPv4 and IPv6 addresses and CIDR ranges for the allow-list, compared as bits so that
// `2001:db8::1` and `2001:0DB8:0:0::1` are one address.
//
// Accepted text: dotted-quad IPv4 (`192.0.2.10`, each part 0-255 in decimal) and IPv6 in hex groups
// with at most one `::`. IPv6 with a dotted IPv4 tail (`64:ff9b::192.0.2.1`) and zone ids (`%eth0`)
// are not accepted. normalizeClientIp turns `::ffff:192.0.2.1` into its IPv4 form before it gets
// here. The queries that Mailsweep exports read the same forms.

export type IpFamily = 4 | 6;

/** An address as bits: 32 for IPv4, 128 for IPv6. */
export interface IpAddress {
  family: IpFamily;
  /** Network byte order: 4 bytes for IPv4, 16 for IPv6. */
  bytes: Uint8Array;
}

/** A CIDR range. An exact address is a range of full length (/32 or /128). */
export interface IpRange extends IpAddress {
  prefixLength: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/;

/** Parses an IPv4 or IPv6 address. Returns `undefined` when the text is neither. */
export function parseIpAddress(text: string): IpAddress | undefined {
  const lower = text.toLowerCase();
  if (lower.includes(':')) {
    const bytes = parseIpv6(lower);
    return bytes === undefined ? undefined : { family: 6, bytes };
  }

  const bytes = parseIpv4(lower);
  return bytes === undefined ? undefined : { family: 4, bytes };
}

/** Parses `address` or `address/prefix`. Returns `undefined` when the address or the prefix length is invalid. */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const address = parseIpAddress(addressText);
  if (address === undefined) {
    return undefined;
  }

  const maxLength = maxPrefixLength(address.family);
  if (slash < 0) {
    return { ...address, prefixLength: maxLength };
  }

  const prefixText = text.slice(slash + 1);
  const prefixLength = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
  if (!(prefixLength <= maxLength)) {
    return undefined;
  }
  return { family: address.family, bytes: maskBytes(address.bytes, prefixLength), prefixLength };
}

/** Tells whether the address lies inside the range. Addresses of the other family never do. */
export function rangeContains(range: IpRange, address: IpAddress): boolean {
  if (range.family !== address.family) {
    return false;
  }

  const masked = maskBytes(address.bytes, range.prefixLength);
  return masked.every((byte, index) => byte === range.bytes[index]);
}

/**
 * Formats a range in its canonical form: the network address (host bits cleared), IPv6 in the
 * RFC 5952 text form, and no prefix for a single address.
 */
export function formatIpRange(range: IpRange): string {
  const address = range.family === 4 ? Array.from(range.bytes).join('.') : formatIpv6(range.bytes);
  return range.prefixLength === maxPrefixLength(range.family) ? address : `${address}/${range.prefixLength}`;
}

/** Returns the first `prefixLength` bits of the range as a string of `0` and `1`, for query text. */
export function rangePrefixBits(range: IpRange): string {
  const bits = Array.from(range.bytes, (byte) => byte.toString(2).padStart(8, '0')).join('');
  return bits.slice(0, range.prefixLength);
}

export function maxPrefixLength(family: IpFamily): number {
  return family === 4 ? 32 : 128;
}

function parseIpv4(text: string): Uint8Array | undefined {
  const match = IPV4.exec(text);
  if (match === null) {
    return undefined;
  }

  const parts = match.slice(1).map(Number);
  return parts.every((part) => part <= 255) ? Uint8Array.from(parts) : undefined;
}

function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) {
    return undefined;
  }

  const head = splitGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? splitGroups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) {
    return undefined;
  }

  // Without `::` there must be exactly 8 groups. With it, `::` replaces at least one zero group.
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) {
    return undefined;
  }

  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => {
    bytes[index * 2] = group >> 8;
    bytes[index * 2 + 1] = group & 0xff;
  });
  return bytes;
}

/** Splits `a:b:c` into numbers. Empty text gives no groups, and an invalid group gives `undefined`. */
function splitGroups(text: string): number[] | undefined {
  if (text === '') {
    return [];
  }

  const groups = text.split(':');
  return groups.every((group) => HEX_GROUP.test(group)) ? groups.map((group) => parseInt(group, 16)) : undefined;
}

function maskBytes(bytes: Uint8Array, prefixLength: number): Uint8Array {
  return bytes.map((byte, index) => {
    const bitsKept = Math.min(8, Math.max(0, prefixLength - index * 8));
    return byte & ((0xff << (8 - bitsKept)) & 0xff);
  });
}

/** RFC 5952: lower-case hex without leading zeros. The longest run of two or more zero groups (the first on a tie) becomes `::`. */
function formatIpv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let index = 0; index < 16; index += 2) {
    groups.push(((bytes[index] ?? 0) << 8) | (bytes[index + 1] ?? 0));
  }

  let bestStart = -1;
  let bestLength = 1;
  let runStart = -1;
  groups.forEach((group, index) => {
    if (group !== 0) {
      runStart = -1;
      return;
    }
    if (runStart < 0) {
      runStart = index;
    }
    const runLength = index - runStart + 1;
    if (runLength > bestLength) {
      bestStart = runStart;
      bestLength = runLength;
    }
  });

  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) {
    return hex.join(':');
  }
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
