// The allow-list file: JSON that a responder exports, keeps with the case and imports again.
//
//   {
//     "format": "mailsweep-allow-list",
//     "version": 1,
//     "entries": [
//       { "field": "ClientAppId", "value": "5b9e7c31-...", "note": "Mail archiving connector, ticket 4711" }
//     ]
//   }
//
// A bare array of entries is read too, for lists written by hand.

import type { AllowListEntry } from './allow-list-entry.ts';
import { checkAllowList } from './check-allow-list.ts';

export const ALLOW_LIST_FORMAT = 'mailsweep-allow-list';
export const ALLOW_LIST_VERSION = 1;

const FILE_KEYS = ['format', 'version', 'entries'];

/** Result of reading an allow-list file: all entries, or the messages that explain why none were taken. */
export type AllowListImport = { ok: true; entries: AllowListEntry[] } | { ok: false; errors: string[] };

/**
 * Reads an allow-list file. The import is all or nothing: one invalid entry rejects the file, so a
 * list is never half applied. Each message starts with the file name and names the entry number
 * and field.
 */
export function parseAllowListJson(text: string, fileName: string): AllowListImport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [`${fileName}: not valid JSON (${reason}); export the list from Mailsweep again or fix the syntax.`] };
  }

  const candidates = readEntriesArray(parsed, fileName);
  if (!Array.isArray(candidates)) {
    return { ok: false, errors: candidates.errors };
  }

  const { entries, errors } = checkAllowList(candidates);
  if (errors.length > 0) {
    return { ok: false, errors: errors.map((message) => `${fileName}: ${message}`) };
  }
  return { ok: true, entries };
}

/** Writes the allow-list file: the format marker, the version and the entries, indented, ending in a line break. */
export function formatAllowListJson(entries: readonly AllowListEntry[]): string {
  const file = {
    format: ALLOW_LIST_FORMAT,
    version: ALLOW_LIST_VERSION,
    entries: entries.map(({ field, value, note }) => ({ field, value, note })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function readEntriesArray(parsed: unknown, fileName: string): unknown[] | { errors: string[] } {
  if (Array.isArray(parsed)) {
    return parsed as unknown[];
  }
  if (typeof parsed !== 'object' || parsed === null) {
    return { errors: [`${fileName}: expected an object with an "entries" list, or a list of entries; found ${parsed === null ? 'null' : typeof parsed}.`] };
  }

  const file = parsed as Record<string, unknown>;
  const errors: string[] = [];
  const unknownKeys = Object.keys(file).filter((key) => !FILE_KEYS.includes(key));
  if (unknownKeys.length > 0) {
    errors.push(`${fileName}: unknown top-level field ${unknownKeys.map((key) => `"${key}"`).join(', ')}; the fields are format, version and entries.`);
  }
  if (file.format !== undefined && file.format !== ALLOW_LIST_FORMAT) {
    errors.push(`${fileName}: field "format" is ${JSON.stringify(file.format)}; a Mailsweep allow-list has "${ALLOW_LIST_FORMAT}".`);
  }
  if (file.version !== undefined && file.version !== ALLOW_LIST_VERSION) {
    errors.push(
      `${fileName}: field "version" is ${JSON.stringify(file.version)}; this Mailsweep reads version ${ALLOW_LIST_VERSION}. ` +
        'Export the list again from the Mailsweep that wrote it, or update Mailsweep.',
    );
  }
  if (!Array.isArray(file.entries)) {
    const problem = file.entries === undefined ? 'is missing' : 'is not a list';
    errors.push(`${fileName}: field "entries" ${problem}; write the entries as a JSON list, [] for none.`);
  }

  if (errors.length > 0 || !Array.isArray(file.entries)) {
    return { errors };
  }
  return file.entries as unknown[];
}
