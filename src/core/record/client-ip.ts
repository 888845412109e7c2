// A display and grouping form of ClientIPAddress / ClientIP values. The detection keeps the raw
// value (ESCU's values(ClientIPAddress) lists raw strings), so this form is never used for src_ip.

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const PORT = /^\d{1,5}$/;
/** `[host]` or `[host]:port`, where host has no brackets, spaces or parentheses. */
const BRACKETED = /^\[([^\][\s()]+)\](?::(\d{1,5}))?$/;
const IPV4_MAPPED_PREFIX = /^::ffff:/i;

/**
 * Normalises a raw client IP value: removes a port, brackets and the `::ffff:` prefix of an
 * IPv4-mapped IPv6 address, and lower-cases IPv6. A bare IPv6 address has several colons, so its
 * last group is never taken for a port. Host names keep their text (only a port is removed), and
 * text that is not an address (`NAME (10.0.0.1)`) is returned trimmed but otherwise unchanged.
 */
export function normalizeClientIp(raw: string): string {
  const text = raw.trim();
  if (text === '') {
    return '';
  }

  const bracketed = BRACKETED.exec(text);
  if (bracketed !== null) {
    return normalizeHost(bracketed[1] ?? '');
  }

  const colonCount = countColons(text);
  if (colonCount === 1) {
    const [host = '', port = ''] = text.split(':');
    return PORT.test(port) && !/\s/.test(host) ? normalizeHost(host) : text;
  }

  return colonCount > 1 ? normalizeHost(text) : text;
}

/** Normalises an address or host name that carries no port and no brackets. */
function normalizeHost(host: string): string {
  if (IPV4_MAPPED_PREFIX.test(host)) {
    const mapped = host.slice('::ffff:'.length);
    if (IPV4.test(mapped)) {
      return mapped;
    }
  }

  return host.includes(':') ? host.toLowerCase() : host;
}

function countColons(text: string): number {
  let count = 0;
  for (const character of text) {
    if (character === ':') count++;
  }
  return count;
}
