// Validation of allow-list entries from the editor or from an imported file. Every message names
// the entry by its 1-based number and the field, states what is wrong and what to write instead.

import { normalizeClientIp } from '../record/client-ip.ts';
import { ALLOW_LIST_FIELDS, type AllowListEntry, type AllowListField } from './allow-list-entry.ts';
import { globMatchesEverything } from './client-info-glob.ts';
import { formatIpRange, parseIpRange } from './ip-range.ts';

/** Maximum length of a value or note, in UTF-16 code units. Real ClientInfoStrings stay far below it. */
const MAX_TEXT_LENGTH = 4096;

const ENTRY_KEYS = ['field', 'value', 'note'];

/** Entries in canonical form, or the reasons they are invalid. */
export interface AllowListCheck {
  /** The valid entries, canonical: values and notes trimmed, IP ranges in their canonical text. */
  entries: AllowListEntry[];
  /** One message per problem. The list is usable only when this is empty. */
  errors: string[];
}

/**
 * Checks a list of candidate entries, such as the parsed `entries` array of an imported file.
 * Besides each entry's own checks, an entry that repeats an earlier one (same field and canonical
 * value, with ClientAppId compared without regard to case) is an error, because it would split the
 * suppressed counts between two entries.
 */
export function checkAllowList(candidates: readonly unknown[]): AllowListCheck {
  const entries: AllowListEntry[] = [];
  const errors: string[] = [];
  const firstPositionByKey = new Map<string, number>();
  candidates.forEach((candidate, index) => {
    const position = index + 1;
    const result = checkAllowListEntry(candidate, position);
    if (!result.ok) {
      errors.push(...result.errors);
      return;
    }

    const key = duplicateKey(result.entry);
    const earlier = firstPositionByKey.get(key);
    if (earlier !== undefined) {
      errors.push(`Entry ${position} repeats entry ${earlier} (${result.entry.field} "${result.entry.value}"); remove one of them.`);
      return;
    }
    firstPositionByKey.set(key, position);
    entries.push(result.entry);
  });
  return { entries, errors };
}

/**
 * Returns the canonical form of entries that are expected to be valid, such as the editor's list.
 * Throws a RangeError that lists every problem when they are not.
 */
export function canonicalAllowList(entries: readonly AllowListEntry[]): AllowListEntry[] {
  const { entries: canonical, errors } = checkAllowList(entries);
  if (errors.length > 0) {
    throw new RangeError(`Invalid allow-list: ${errors.join(' ')}`);
  }
  return canonical;
}

/** Checks one candidate entry. `position` is its 1-based number in the list, used in the messages. */
export function checkAllowListEntry(
  candidate: unknown,
  position: number,
): { ok: true; entry: AllowListEntry } | { ok: false; errors: string[] } {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
    return {
      ok: false,
      errors: [`Entry ${position} is not an object; write it as {"field": "ClientAppId", "value": "<id>", "note": "<why it is allowed>"}.`],
    };
  }

  const record = candidate as Record<string, unknown>;
  const errors: string[] = [];
  for (const key of Object.keys(record)) {
    if (!ENTRY_KEYS.includes(key)) {
      errors.push(`Entry ${position} has an unknown field "${key}"; the fields are field, value and note.`);
    }
  }

  const field = checkField(record.field, position, errors);
  const value = field === undefined ? undefined : checkValue(field, record.value, position, errors);
  const note = checkNote(record.note, position, errors);
  if (errors.length > 0 || field === undefined || value === undefined || note === undefined) {
    return { ok: false, errors };
  }
  return { ok: true, entry: { field, value, note } };
}

function checkField(field: unknown, position: number, errors: string[]): AllowListField | undefined {
  const known = ALLOW_LIST_FIELDS.find((name) => name === field);
  if (known !== undefined) {
    return known;
  }

  const problem = field === undefined ? 'is missing' : `${describeValue(field)} is not a known field`;
  errors.push(`Entry ${position}, field "field": ${problem}; use one of ${ALLOW_LIST_FIELDS.join(', ')}.`);
  return undefined;
}

function checkValue(field: AllowListField, value: unknown, position: number, errors: string[]): string | undefined {
  const text = readText(value, position, 'value', errors);
  if (text === undefined) {
    return undefined;
  }
  if (text === '') {
    errors.push(`Entry ${position}, field "value": empty; write the ${field} to allow.`);
    return undefined;
  }

  if (field === 'ClientIPAddress') {
    const range = parseIpRange(normalizeClientIp(text));
    if (range === undefined) {
      errors.push(
        `Entry ${position}, field "value": ${describeValue(text)} is not an IPv4 or IPv6 address or CIDR range; ` +
          'write an address such as 192.0.2.10 or 2001:db8::10, or a range such as 192.0.2.0/24 ' +
          '(an IPv4-mapped range such as ::ffff:192.0.2.0/120 is written in its IPv4 form).',
      );
      return undefined;
    }
    return formatIpRange(range);
  }

  if (field === 'ClientInfoString' && globMatchesEverything(text)) {
    errors.push(
      `Entry ${position}, field "value": the pattern ${JSON.stringify(text)} matches every ClientInfoString and would hide every finding; ` +
        'make it specific, for example "Client=WebServices;ExchangeWebServicesProxy/*/BackupProduct/*".',
    );
    return undefined;
  }
  return text;
}

function checkNote(note: unknown, position: number, errors: string[]): string | undefined {
  const text = readText(note, position, 'note', errors);
  if (text === '') {
    errors.push(`Entry ${position}, field "note": empty; say why this entry is allowed (the product, its owner or a ticket).`);
    return undefined;
  }
  return text;
}

/** Reads a trimmed string field, recording an error when it is missing, not a string or too long. */
function readText(value: unknown, position: number, name: string, errors: string[]): string | undefined {
  if (typeof value !== 'string') {
    const problem = value === undefined ? 'is missing' : `is ${describeValue(value)}, not a string`;
    errors.push(`Entry ${position}, field "${name}": ${problem}; write it as text in double quotes.`);
    return undefined;
  }
  if (value.length > MAX_TEXT_LENGTH) {
    errors.push(`Entry ${position}, field "${name}": ${value.length} characters, more than the ${MAX_TEXT_LENGTH} allowed; shorten it.`);
    return undefined;
  }
  return value.trim();
}

/** Describes a JSON value for a message, short enough to read: long text is cut, objects and lists are named. */
function describeValue(value: unknown): string {
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (typeof value === 'object' && value !== null) {
    return 'an object';
  }

  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}..."` : text;
}

function duplicateKey(entry: AllowListEntry): string {
  const value = entry.field === 'ClientAppId' ? entry.value.toLowerCase() : entry.value;
  return `${entry.field}\u0000${value}`;
}
